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
}
