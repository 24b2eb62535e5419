package dev.mandate.ingest;

import dev.mandate.shared.Actor;
import dev.mandate.shared.AuditableEvent;
import dev.mandate.shared.Forbidden;
import dev.mandate.shared.WorkspaceId;
import dev.mandate.workspace.Membership;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The token with which a source outside the process delivers to a workspace. It is shown once when made; only
 * its hash is kept, so a database dump does not hand it out.
 */
@Service
public class IngestTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    static final String PREFIX = "mdi_";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    IngestTokens(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** Makes a new token for the workspace, replacing the old one; the brand's owners may. */
    @Transactional
    public String rotate(Membership by) {
        if (!by.isBrandOwner()) {
            throw new Forbidden("Only the brand's owners make ingest tokens.");
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.sql("""
                        insert into ingest.token (workspace_id, token_hash, created_at, created_by)
                        values (:workspace, :hash, :at, :by)
                        on conflict (workspace_id) do update
                           set token_hash = excluded.token_hash, created_at = excluded.created_at,
                               created_by = excluded.created_by
                        """)
                .param("workspace", by.workspaceId().value())
                .param("hash", hash(token))
                .param("at", clock.instant().atOffset(ZoneOffset.UTC))
                .param("by", by.accountId().value())
                .update();
        events.publishEvent(new TokenRotated(by.workspaceId(), by.actor()));
        return token;
    }

    /** Whether {@code token} is the workspace's current ingest token. */
    @Transactional(readOnly = true)
    public boolean admits(WorkspaceId workspace, String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return false;
        }
        Optional<UUID> owner = jdbc.sql("select workspace_id from ingest.token where token_hash = :hash")
                .param("hash", hash(token))
                .query(UUID.class)
                .optional();
        return owner.filter(workspace.value()::equals).isPresent();
    }

    /** Whether the workspace has a token at all. */
    @Transactional(readOnly = true)
    public boolean exists(WorkspaceId workspace) {
        return jdbc.sql("select exists (select 1 from ingest.token where workspace_id = :workspace)")
                .param("workspace", workspace.value())
                .query(Boolean.class)
                .single();
    }

    private static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new ingest token was made; the old one stopped working. */
    public record TokenRotated(WorkspaceId workspaceId, Actor actor) implements AuditableEvent {

        @Override
        public String action() {
            return "ingest.token-rotated";
        }

        @Override
        public String subjectType() {
            return "ingest-token";
        }

        @Override
        public String subjectId() {
            return workspaceId.toString();
        }
    }
}
