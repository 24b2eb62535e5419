/**
 * Channels: the accounts a workspace has on networks, blogs and mailboxes, who the brand is on each (so that its own
 * replies are recognised as outbound), and the {@link dev.mandate.channel.Connector} interface each network's adapter
 * implements in its own sub-package. Connectors read into {@link dev.mandate.channel.InboundItem}s, which the sync
 * hands to {@link dev.mandate.channel.Arrivals} (the ingest pipeline). Sync schedules, cursors, leases, health and
 * platform incidents belong here too: {@link dev.mandate.channel.ChannelConnections} connects accounts through their
 * connector (the credential kept in the vault), {@link dev.mandate.channel.ChannelSync} syncs them under a database
 * lease, and {@link dev.mandate.channel.Incidents} records when a network was down, for the service levels.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "account", "workspace", "vault"})
package dev.mandate.channel;
