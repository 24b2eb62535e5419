/**
 * The shared inbox: conversations (one top-level comment, mention or direct-message thread with every reply to
 * it, shown under the post it sits on), their messages in thread order, their state and priority, and the
 * inbox pages and API. Other modules start conversations through {@link dev.mandate.inbox.Inbox} and read them
 * through its read models; every read is scoped to the caller's workspace.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "account", "workspace", "channel", "contact", "classify"})
package dev.mandate.inbox;
