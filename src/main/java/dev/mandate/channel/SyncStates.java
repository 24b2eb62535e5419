package dev.mandate.channel;

import dev.mandate.shared.WorkspaceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The sync's rows in {@code channel.account}: claiming due accounts under a lease (one runner per account, across
 * nodes), the cursor after each page, and the health after each run. Every write after the claim checks that the
 * lease is still this node's, so a node whose lease was taken over changes nothing.
 */
@Component
class SyncStates {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    SyncStates(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** An account claimed for one sync run. */
    record Claimed(ChannelAccounts.Stored stored, String cursor, int consecutiveFailures, Instant failingSince) {

        ChannelAccount account() {
            return stored.account();
        }

        ChannelAccountId id() {
            return stored.account().id();
        }
    }

    /**
     * Claims the account that has been due longest and is not leased (or whose lease lapsed), if there is one. While it
     * runs, its next sync is the lease's end (so that a crashed run is taken over then); a wake-up during the run
     * ({@link #makeDue}) moves it earlier, and {@link #succeeded} keeps that earlier time instead of the interval.
     */
    Optional<Claimed> claimDue(String node, Instant now, Instant until) {
        return jdbc.sql("""
                        update channel.account a
                           set leased_by = :node, leased_until = :until, last_attempt_at = :now,
                               next_sync_at = :until
                         where a.id in (select id from channel.account
                                         where state = 'active' and credentials_failed_at is null
                                           and next_sync_at is not null and next_sync_at <= :now
                                           and (leased_until is null or leased_until < :now)
                                         order by next_sync_at
                                         limit 1
                                           for update skip locked)
                        returning a.*
                        """)
                .param("node", node)
                .param("until", at(until))
                .param("now", at(now))
                .query(SyncStates::read)
                .optional();
    }

    /** Claims one account now, due or not, unless another run holds it or it is not synced. */
    Optional<Claimed> claim(WorkspaceId workspace, ChannelAccountId id, String node, Instant now, Instant until) {
        return jdbc.sql("""
                        update channel.account
                           set leased_by = :node, leased_until = :until, last_attempt_at = :now,
                               next_sync_at = :until
                         where workspace_id = :w and id = :id and state = 'active'
                           and sync_interval_seconds is not null
                           and (leased_until is null or leased_until < :now)
                        returning *
                        """)
                .param("node", node)
                .param("until", at(until))
                .param("now", at(now))
                .param("w", workspace.value())
                .param("id", id.value())
                .query(SyncStates::read)
                .optional();
    }

    /** Whether the workspace has this account. */
    boolean exists(WorkspaceId workspace, ChannelAccountId id) {
        return jdbc.sql("select count(*) from channel.account where workspace_id = :w and id = :id")
                        .param("w", workspace.value())
                        .param("id", id.value())
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Stores where the next fetch starts and what the page skipped, and extends the lease; false if it was lost. */
    boolean storePage(ChannelAccountId id, String node, String cursor, int skipped, Instant until) {
        return jdbc.sql("""
                                update channel.account
                                   set sync_cursor = :cursor, skipped_items = skipped_items + :skipped,
                                       next_sync_at = case when next_sync_at >= leased_until then :until
                                                           else next_sync_at end,
                                       leased_until = :until
                                 where id = :id and leased_by = :node
                                """)
                        .param("cursor", cursor)
                        .param("skipped", skipped)
                        .param("until", at(until))
                        .param("id", id.value())
                        .param("node", node)
                        .update()
                == 1;
    }

    /** A run that went well: the errors are forgotten, the credential works, the lease is given back. */
    boolean succeeded(ChannelAccountId id, String node, Instant now, Instant next) {
        return jdbc.sql("""
                                update channel.account
                                   set leased_by = null, leased_until = null, last_success_at = :now,
                                       last_error_kind = null, last_error_message = null, consecutive_failures = 0,
                                       failing_since = null, credentials_failed_at = null, owner_notified_at = null,
                                       next_sync_at = case when next_sync_at < leased_until then next_sync_at
                                                           else :next end
                                 where id = :id and leased_by = :node
                                """)
                        .param("now", at(now))
                        .param("next", at(next))
                        .param("id", id.value())
                        .param("node", node)
                        .update()
                == 1;
    }

    /** A run that failed: the error is kept for people to see, the next try waits, the lease is given back. */
    boolean failed(
            ChannelAccountId id,
            String node,
            String kind,
            String message,
            int failures,
            Instant failingSince,
            Instant next) {
        return jdbc.sql("""
                                update channel.account
                                   set leased_by = null, leased_until = null, last_error_kind = :kind,
                                       last_error_message = :message, consecutive_failures = :failures,
                                       failing_since = :since, next_sync_at = :next
                                 where id = :id and leased_by = :node
                                """)
                        .param("kind", kind)
                        .param("message", clip(message))
                        .param("failures", failures)
                        .param("since", failingSince == null ? null : at(failingSince))
                        .param("next", at(next))
                        .param("id", id.value())
                        .param("node", node)
                        .update()
                == 1;
    }

    /** The network asked to wait: not an error; the network answered, so an outage is over. */
    boolean delayed(ChannelAccountId id, String node, Instant next) {
        return jdbc.sql("""
                                update channel.account
                                   set leased_by = null, leased_until = null, failing_since = null,
                                       next_sync_at = case when next_sync_at < leased_until then next_sync_at
                                                           else :next end
                                 where id = :id and leased_by = :node
                                """)
                        .param("next", at(next))
                        .param("id", id.value())
                        .param("node", node)
                        .update()
                == 1;
    }

    /** Gives the lease back without changing anything else (the run was cut short). */
    void release(ChannelAccountId id, String node) {
        jdbc.sql(
                        "update channel.account set leased_by = null, leased_until = null where id = :id and leased_by = :node")
                .param("id", id.value())
                .param("node", node)
                .update();
    }

    /** Makes an active account due now (a pushed notification asked for it). */
    boolean makeDue(WorkspaceId workspace, ChannelAccountId id, Instant now) {
        return jdbc.sql("""
                                update channel.account set next_sync_at = least(next_sync_at, :now)
                                 where workspace_id = :w and id = :id and state = 'active'
                                   and sync_interval_seconds is not null
                                """)
                        .param("now", at(now))
                        .param("w", workspace.value())
                        .param("id", id.value())
                        .update()
                == 1;
    }

    /**
     * The network refused the account's credential: its sync stops until the credential is replaced (or a test
     * passes), and the owner is told once, not on every retry. Call inside a transaction; the lease, if any, is
     * given back.
     */
    void credentialsFailed(ChannelAccount account, Instant now, String message) {
        credentialsFailed(jdbc, events, account, now, message);
    }

    static void credentialsFailed(
            JdbcClient jdbc, ApplicationEventPublisher events, ChannelAccount account, Instant now, String message) {
        jdbc.sql("""
                        update channel.account
                           set leased_by = null, leased_until = null, failing_since = null,
                               credentials_failed_at = coalesce(credentials_failed_at, :now),
                               last_error_kind = 'CREDENTIALS', last_error_message = :message,
                               consecutive_failures = consecutive_failures + 1
                         where id = :id
                        """)
                .param("now", at(now))
                .param("message", clip(message))
                .param("id", account.id().value())
                .update();
        int notified = jdbc.sql("""
                        update channel.account set owner_notified_at = :now
                         where id = :id and owner_notified_at is null
                        """)
                .param("now", at(now))
                .param("id", account.id().value())
                .update();
        if (notified == 1) {
            events.publishEvent(new ChannelEvents.CredentialsFailed(
                    account.workspaceId(), account, message == null ? "" : clip(message)));
        }
    }

    private static Claimed read(ResultSet rs, int row) throws SQLException {
        return new Claimed(
                ChannelAccounts.readStored(rs, row),
                rs.getString("sync_cursor"),
                rs.getInt("consecutive_failures"),
                ChannelAccounts.instant(rs, "failing_since"));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String clip(String message) {
        if (message == null) {
            return null;
        }
        return message.length() > 1000 ? message.substring(0, 1000) : message;
    }
}
