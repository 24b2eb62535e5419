package dev.mandate.channel;

import dev.mandate.shared.Actor;
import dev.mandate.shared.AuditableEvent;
import dev.mandate.shared.WorkspaceId;
import java.util.Map;

/** What happens to a workspace's channel accounts. */
public final class ChannelEvents {

    private ChannelEvents() {}

    /** An account was added to the workspace. */
    public record AccountConnected(WorkspaceId workspaceId, Actor actor, ChannelAccount account)
            implements AuditableEvent {

        @Override
        public String action() {
            return "channel.account-connected";
        }

        @Override
        public String subjectType() {
            return "channel-account";
        }

        @Override
        public String subjectId() {
            return account.id().toString();
        }

        @Override
        public Map<String, String> details() {
            return Map.of(
                    "network", account.network(),
                    "name", account.name(),
                    "brandHandles", String.join(",", account.brandHandles()));
        }
    }

    /** Connecting an account failed at its network; nothing was stored. Never carries the secret. */
    public record ConnectFailed(
            WorkspaceId workspaceId, Actor actor, String network, String name, String kind, String reason)
            implements AuditableEvent {

        @Override
        public String action() {
            return "channel.connect-failed";
        }

        @Override
        public String subjectType() {
            return "channel-account";
        }

        @Override
        public String subjectId() {
            return network;
        }

        @Override
        public Map<String, String> details() {
            return Map.of("network", network, "name", name, "kind", kind, "reason", reason);
        }
    }

    /** Something a person did to an account: paused, resumed, tested, replaced its credential, removed it. */
    public record AccountChanged(WorkspaceId workspaceId, Actor actor, ChannelAccount account, Change change)
            implements AuditableEvent {

        @Override
        public String action() {
            return "channel.account-"
                    + change.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        @Override
        public String subjectType() {
            return "channel-account";
        }

        @Override
        public String subjectId() {
            return account.id().toString();
        }

        @Override
        public Map<String, String> details() {
            return Map.of("network", account.network(), "name", account.name());
        }

        /** What was done. */
        public enum Change {
            PAUSED,
            RESUMED,
            CREDENTIAL_REPLACED,
            REMOVED
        }
    }

    /**
     * The network refused an account's credential during a sync: its sync stops until the credential is replaced.
     * Published once per failure, not on every retry: this is the owner's notification.
     */
    public record CredentialsFailed(WorkspaceId workspaceId, ChannelAccount account, String reason)
            implements AuditableEvent {

        @Override
        public Actor actor() {
            return Actor.SYSTEM;
        }

        @Override
        public String action() {
            return "channel.credentials-failed";
        }

        @Override
        public String subjectType() {
            return "channel-account";
        }

        @Override
        public String subjectId() {
            return account.id().toString();
        }

        @Override
        public Map<String, String> details() {
            return Map.of("network", account.network(), "name", account.name(), "reason", reason);
        }
    }

    /** A platform incident was opened, automatically by the sync or by a person. */
    public record IncidentOpened(WorkspaceId workspaceId, Actor actor, Incident incident) implements AuditableEvent {

        @Override
        public String action() {
            return "channel.incident-opened";
        }

        @Override
        public String subjectType() {
            return "incident";
        }

        @Override
        public String subjectId() {
            return incident.id().toString();
        }

        @Override
        public Map<String, String> details() {
            var details = new java.util.TreeMap<String, String>();
            details.put("account", incident.accountId().toString());
            details.put("startedAt", incident.startedAt().toString());
            details.put("cause", incident.cause());
            details.put("source", incident.source().name().toLowerCase(java.util.Locale.ROOT));
            if (incident.endedAt() != null) {
                details.put("endedAt", incident.endedAt().toString());
            }
            return details;
        }
    }

    /** A platform incident ended: the network answered again, or a person ended it. */
    public record IncidentEnded(WorkspaceId workspaceId, Actor actor, Incident incident) implements AuditableEvent {

        @Override
        public String action() {
            return "channel.incident-ended";
        }

        @Override
        public String subjectType() {
            return "incident";
        }

        @Override
        public String subjectId() {
            return incident.id().toString();
        }

        @Override
        public Map<String, String> details() {
            return Map.of(
                    "account", incident.accountId().toString(),
                    "startedAt", incident.startedAt().toString(),
                    "endedAt", String.valueOf(incident.endedAt()));
        }
    }

    /**
     * Asks for an account to be synced soon, e.g. by a connector that was told of new mail (IMAP IDLE) or received a
     * webhook. Not audited.
     */
    public record SyncRequested(WorkspaceId workspaceId, ChannelAccountId accountId) {}
}
