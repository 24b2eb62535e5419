/**
 * Channels: the accounts a workspace has on networks, blogs and mailboxes, who the brand is on each (so that its own
 * replies are recognised as outbound), and the {@link dev.mandate.channel.Connector} interface each network's adapter
 * implements in its own sub-package. Connectors read into {@link dev.mandate.channel.InboundItem}s, which the sync
 * hands to {@link dev.mandate.channel.Arrivals} (the ingest pipeline). Sync schedules, cursors, leases, health and
 * platform incidents belong here too.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "account", "workspace", "vault"})
package dev.mandate.channel;
