/**
 * Channels: the accounts a workspace has on networks, blogs and mailboxes, and who the brand is on each (so
 * that its own replies are recognised as outbound). Later: connectors, sync schedules, cursors and incidents.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "account", "workspace"})
package dev.mandate.channel;
