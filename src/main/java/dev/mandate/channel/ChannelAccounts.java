package dev.mandate.channel;

import dev.mandate.shared.Forbidden;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.NotFound;
import dev.mandate.shared.Party;
import dev.mandate.shared.WorkspaceId;
import dev.mandate.vault.SecretId;
import dev.mandate.workspace.Membership;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        String net = network(network);
        requireName(name);
        List<String> handles = handles(brandHandles);
        ChannelAccount account = new ChannelAccount(
                new ChannelAccountId(UUID.randomUUID()), workspace, net, name.trim(), handles, clock.instant());
        insert(account, Map.of(), null, null, null);
        events.publishEvent(new ChannelEvents.AccountConnected(workspace, actor, account));
        return account;
    }

    /**
     * Stores an account that its connector verified: its non-secret settings, the vault's id of its credential, and
     * its sync schedule ({@code null}: not fetched by Mandate).
     */
    @Transactional
    ChannelAccount connectVerified(
            ChannelAccount account,
            dev.mandate.shared.Actor actor,
            Map<String, String> settings,
            SecretId secretId,
            Duration syncInterval) {
        insert(account, settings, secretId, syncInterval, syncInterval == null ? null : account.createdAt());
        events.publishEvent(new ChannelEvents.AccountConnected(account.workspaceId(), actor, account));
        return account;
    }

    /** Normalises the brand's handles as they are stored: trimmed, lower case, no blanks or repeats. */
    static List<String> handles(Collection<String> brandHandles) {
        return brandHandles == null
                ? List.of()
                : brandHandles.stream()
                        .filter(h -> h != null && !h.isBlank())
                        .map(h -> h.trim().toLowerCase(Locale.ROOT))
                        .distinct()
                        .toList();
    }

    private void insert(
            ChannelAccount account,
            Map<String, String> settings,
            SecretId secretId,
            Duration syncInterval,
            Instant nextSyncAt) {
        jdbc.sql("""
                        insert into channel.account (id, workspace_id, network, name, brand_handles, created_at,
                                                     settings, secret_id, sync_interval_seconds, next_sync_at)
                        values (:id, :workspace, :network, :name, :handles, :at,
                                cast(:settings as jsonb), :secret, :interval, :next)
                        """)
                .param("id", account.id().value())
                .param("workspace", account.workspaceId().value())
                .param("network", account.network())
                .param("name", account.name())
                .param("handles", account.brandHandles().toArray(String[]::new))
                .param("at", account.createdAt().atOffset(ZoneOffset.UTC))
                .param("settings", SettingsJson.write(settings))
                .param("secret", secretId == null ? null : secretId.value())
                .param("interval", syncInterval == null ? null : (int) syncInterval.toSeconds())
                .param("next", nextSyncAt == null ? null : nextSyncAt.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** The accounts of a workspace with their state and sync health, removed ones last. */
    @Transactional(readOnly = true)
    public List<AccountHealth> health(WorkspaceId workspace) {
        return jdbc.sql(HEALTH + " where a.workspace_id = :workspace order by a.state = 'removed', a.network, a.name")
                .param("workspace", workspace.value())
                .query(ChannelAccounts::readHealth)
                .list();
    }

    /** One account of the workspace with its state and sync health. */
    @Transactional(readOnly = true)
    public AccountHealth health(WorkspaceId workspace, ChannelAccountId id) {
        return jdbc.sql(HEALTH + " where a.workspace_id = :workspace and a.id = :id")
                .param("workspace", workspace.value())
                .param("id", id.value())
                .query(ChannelAccounts::readHealth)
                .optional()
                .orElseThrow(() -> new NotFound("channel account"));
    }

    /** What the runtime needs of an account to call its connector. */
    record Stored(
            ChannelAccount account,
            AccountState state,
            Map<String, String> settings,
            SecretId secretId,
            Duration syncInterval) {}

    @Transactional(readOnly = true)
    Stored stored(WorkspaceId workspace, ChannelAccountId id) {
        return jdbc.sql("select * from channel.account where workspace_id = :workspace and id = :id")
                .param("workspace", workspace.value())
                .param("id", id.value())
                .query(ChannelAccounts::readStored)
                .optional()
                .orElseThrow(() -> new NotFound("channel account"));
    }

    static Stored readStored(ResultSet rs, int row) throws SQLException {
        UUID secret = rs.getObject("secret_id", UUID.class);
        Integer interval = rs.getObject("sync_interval_seconds", Integer.class);
        return new Stored(
                read(rs, row),
                AccountState.of(rs.getString("state")),
                SettingsJson.read(rs.getString("settings")),
                secret == null ? null : new SecretId(secret),
                interval == null ? null : Duration.ofSeconds(interval));
    }

    private static final String HEALTH = """
            select a.*, exists (select 1 from channel.incident i
                                 where i.account_id = a.id and i.ended_at is null) as incident_open
              from channel.account a
            """;

    private static AccountHealth readHealth(ResultSet rs, int row) throws SQLException {
        Stored stored = readStored(rs, row);
        return new AccountHealth(
                stored.account(),
                stored.state(),
                stored.settings(),
                stored.secretId() != null,
                stored.syncInterval() != null,
                stored.syncInterval(),
                instant(rs, "next_sync_at"),
                instant(rs, "last_attempt_at"),
                instant(rs, "last_success_at"),
                rs.getString("last_error_kind"),
                rs.getString("last_error_message"),
                rs.getInt("consecutive_failures"),
                rs.getLong("skipped_items"),
                instant(rs, "credentials_failed_at"),
                rs.getBoolean("incident_open"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static String network(String network) {
        String net = network == null ? "" : network.trim().toLowerCase(Locale.ROOT);
        if (!NETWORK.matcher(net).matches()) {
            throw new InvalidInput("network", "Name the network in lower case, e.g. 'wordpress' or 'email'.");
        }
        return net;
    }

    static String requireName(String name) {
        if (name == null || name.isBlank() || name.trim().length() > 120) {
            throw new InvalidInput("name", "An account needs a name of at most 120 characters.");
        }
        return name.trim();
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

    /** The account, if it belongs to the workspace and still receives: a removed account takes no new messages. */
    @Transactional(readOnly = true)
    public Optional<ChannelAccount> findReceiving(WorkspaceId workspace, ChannelAccountId id) {
        return jdbc.sql("select * from channel.account where workspace_id = :workspace and id = :id"
                        + " and state <> 'removed'")
                .param("workspace", workspace.value())
                .param("id", id.value())
                .query(ChannelAccounts::read)
                .optional();
    }

    /** The workspace's accounts that still receive (not removed). */
    @Transactional(readOnly = true)
    public List<ChannelAccount> receiving(WorkspaceId workspace) {
        return jdbc.sql("select * from channel.account where workspace_id = :workspace and state <> 'removed'"
                        + " order by network, name")
                .param("workspace", workspace.value())
                .query(ChannelAccounts::read)
                .list();
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

    static ChannelAccount read(ResultSet rs, int row) throws SQLException {
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
