/**
 * Ingest: the one entry point for everything that arrives from networks, blogs and mailboxes. It takes
 * normalised {@link dev.mandate.channel.InboundItem}s (from connectors inside the process, or from
 * {@code POST /api/workspaces/{id}/ingest} with the workspace's ingest token), validates each, decides what is
 * the brand's own voice, matches authors to contacts, and hands the batch to the inbox in one transaction.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "account", "workspace", "channel", "contact", "inbox", "classify"})
package dev.mandate.ingest;
