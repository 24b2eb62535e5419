package dev.mandate.channel;

import dev.mandate.shared.Forbidden;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.NotFound;
import dev.mandate.shared.Party;
import dev.mandate.shared.WorkspaceId;
import dev.mandate.workspace.Membership;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The channel accounts of each workspace. */
@Service
public class ChannelAccounts {

    private static final Pattern NETWORK = Pattern.compile("^[a-z][a-z0-9_-]{0,31}$");

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ChannelAccounts(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** Adds an account; the brand and the agency lead may. */
    @Transactional
    public ChannelAccount connect(Membership by, String network, String name, Collection<String> brandHandles) {
        by.requireMayChange();
        if (by.party() != Party.BRAND && by.role() != dev.mandate.workspace.Role.LEAD) {
            throw new Forbidden("Only the brand and the agency lead connect accounts.");
        }
        return connect(by.workspaceId(), by.actor(), network, name, brandHandles);
    }

    /** Adds an account on behalf of {@code actor} (the demo, tests, later the connectors' set-up). */
    @Transactional
    public ChannelAccount connect(
            WorkspaceId workspace,
            dev.mandate.shared.Actor actor,
            String network,
            String name,
            Collection<String> brandHandles) {
        String net = network == null ? "" : network.trim().toLowerCase(Locale.ROOT);
        if (!NETWORK.matcher(net).matches()) {
            throw new InvalidInput("network", "Name the network in lower case, e.g. 'wordpress' or 'email'.");
        }
        if (name == null || name.isBlank() || name.trim().length() > 120) {
            throw new InvalidInput("name", "An account needs a name of at most 120 characters.");
        }
        List<String> handles = brandHandles == null
                ? List.of()
                : brandHandles.stream()
                        .filter(h -> h != null && !h.isBlank())
                        .map(h -> h.trim().toLowerCase(Locale.ROOT))
                        .distinct()
                        .toList();
        ChannelAccount account = new ChannelAccount(
                new ChannelAccountId(UUID.randomUUID()), workspace, net, name.trim(), handles, clock.instant());
        jdbc.sql("""
                        insert into channel.account (id, workspace_id, network, name, brand_handles, created_at)
                        values (:id, :workspace, :network, :name, :handles, :at)
                        """)
                .param("id", account.id().value())
                .param("workspace", workspace.value())
                .param("network", account.network())
                .param("name", account.name())
                .param("handles", handles.toArray(String[]::new))
                .param("at", account.createdAt().atOffset(ZoneOffset.UTC))
                .update();
        events.publishEvent(new ChannelEvents.AccountConnected(workspace, actor, account));
        return account;
    }

    /** The account, if it belongs to the workspace. */
    @Transactional(readOnly = true)
    public Optional<ChannelAccount> find(WorkspaceId workspace, ChannelAccountId id) {
        return jdbc.sql("select * from channel.account where workspace_id = :workspace and id = :id")
                .param("workspace", workspace.value())
                .param("id", id.value())
                .query(ChannelAccounts::read)
                .optional();
    }

    @Transactional(readOnly = true)
    public ChannelAccount get(WorkspaceId workspace, ChannelAccountId id) {
        return find(workspace, id).orElseThrow(() -> new NotFound("channel account"));
    }

    @Transactional(readOnly = true)
    public List<ChannelAccount> of(WorkspaceId workspace) {
        return jdbc.sql("select * from channel.account where workspace_id = :workspace order by network, name")
                .param("workspace", workspace.value())
                .query(ChannelAccounts::read)
                .list();
    }

    private static ChannelAccount read(ResultSet rs, int row) throws SQLException {
        Array handles = rs.getArray("brand_handles");
        return new ChannelAccount(
                new ChannelAccountId(rs.getObject("id", UUID.class)),
                new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
                rs.getString("network"),
                rs.getString("name"),
                Arrays.asList((String[]) handles.getArray()),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
