/**
 * Publishing, first part: the brand's replies going out. A reply written in a conversation is queued in an outbox
 * in the same transaction; a worker sends it through the conversation's channel account and records the network's
 * id the moment it is known; a send whose outcome is unknown is reconciled by reading the network, never sent again
 * blindly. A failed reply waits for a person, who sends it again (looked up at the network first where it may be
 * there already) or discards it. Later: drafts, guideline checks, approvals, scheduled posts, deliverables.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "account", "workspace", "channel", "inbox"})
package dev.mandate.publish;
