package dev.mandate.channel;

import dev.mandate.account.AccountDirectory;
import dev.mandate.shared.WorkspaceId;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.WorkspaceAccess;
import dev.mandate.workspace.WorkspaceFixtures;
import dev.mandate.workspace.WorkspaceService;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Workspaces with accounts connected to the {@link StubNetwork}, and what the sync tests look at. */
final class ChannelFixtures {

    final WorkspaceFixtures.Team team;
    final Membership owner;
    private final ChannelConnections connections;
    private final JdbcClient jdbc;

    ChannelFixtures(
            WorkspaceService workspaces,
            AccountDirectory directory,
            WorkspaceAccess access,
            ChannelConnections connections,
            JdbcClient jdbc) {
        this.team = new WorkspaceFixtures(workspaces, directory).brandWithAgency();
        this.owner = access.require(team.id(), team.owner().account());
        this.connections = connections;
        this.jdbc = jdbc;
    }

    WorkspaceId workspace() {
        return team.id();
    }

    /** Connects an account to the site, as the owner, and makes it due at {@code due}. */
    ChannelAccount connect(StubNetwork.Site site, Instant due) {
        ChannelAccount account = connections.connect(
                owner,
                TestStubConnector.NETWORK,
                "Stub " + site.key.substring(0, 8),
                Map.of("url", site.url(), "user", site.user, "password", site.password));
        jdbc.sql("update channel.account set next_sync_at = :due where id = :id")
                .param("due", due.atOffset(ZoneOffset.UTC))
                .param("id", account.id().value())
                .update();
        return account;
    }

    /** Messages in the inbox that arrived on the account. */
    long messages(ChannelAccount account) {
        return jdbc.sql("select count(*) from inbox.message where channel_account_id = :a")
                .param("a", account.id().value())
                .query(Long.class)
                .single();
    }

    long distinctMessages(ChannelAccount account) {
        return jdbc.sql("select count(distinct external_id) from inbox.message where channel_account_id = :a")
                .param("a", account.id().value())
                .query(Long.class)
                .single();
    }

    /** Audit entries of the workspace with this action. */
    long audited(String action) {
        return jdbc.sql("select count(*) from audit.entry where workspace_id = :w and action = :action")
                .param("w", workspace().value())
                .param("action", action)
                .query(Long.class)
                .single();
    }

    /** Stops the workspace's accounts from being due for later tests that run the whole schedule. */
    void pauseAll() {
        jdbc.sql("update channel.account set state = 'paused' where workspace_id = :w and state = 'active'")
                .param("w", workspace().value())
                .update();
    }
}
