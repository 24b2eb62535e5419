package dev.mandate.audit;

import dev.mandate.shared.AuditableEvent;
import dev.mandate.shared.WorkspaceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends every auditable event to its workspace's chain, in the transaction that publishes it: if the
 * entry cannot be written, the change does not happen either. Appends to one chain are serialised on the
 * chain's head row; different workspaces do not wait for each other.
 */
@Service
public class AuditTrail {

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(AuditableEvent event) {
        append(event);
    }

    AuditEntry append(AuditableEvent event) {
        UUID workspace = event.workspaceId().value();
        jdbc.sql(
                        "insert into audit.chain_head (workspace_id, seq, hash) values (:w, 0, :genesis) on conflict do nothing")
                .param("w", workspace)
                .param("genesis", AuditEntry.GENESIS)
                .update();
        record Head(long seq, String hash) {}
        Head head = jdbc.sql("select seq, hash from audit.chain_head where workspace_id = :w for update")
                .param("w", workspace)
                .query((rs, row) -> new Head(rs.getLong("seq"), rs.getString("hash")))
                .single();
        AuditEntry entry = new AuditEntry(
                        event.workspaceId(),
                        head.seq() + 1,
                        // PostgreSQL keeps microseconds: hash what will be read back.
                        clock.instant().truncatedTo(ChronoUnit.MICROS),
                        event.actor().accountId() == null
                                ? null
                                : event.actor().accountId().value(),
                        event.actor().name(),
                        event.actor().party().name(),
                        event.action(),
                        event.subjectType(),
                        event.subjectId(),
                        json(event.details()),
                        head.hash(),
                        null)
                .withHash();
        jdbc.sql("""
                        insert into audit.entry (workspace_id, seq, occurred_at, actor_id, actor_name, party, action,
                                                 subject_type, subject_id, details, prev_hash, hash)
                        values (:w, :seq, :at, :actorId, :actorName, :party, :action,
                                :subjectType, :subjectId, :details, :prevHash, :hash)
                        """)
                .param("w", workspace)
                .param("seq", entry.seq())
                .param("at", entry.occurredAt().atOffset(ZoneOffset.UTC))
                .param("actorId", entry.actorId())
                .param("actorName", entry.actorName())
                .param("party", entry.party())
                .param("action", entry.action())
                .param("subjectType", entry.subjectType())
                .param("subjectId", entry.subjectId())
                .param("details", entry.details())
                .param("prevHash", entry.prevHash())
                .param("hash", entry.hash())
                .update();
        jdbc.sql("update audit.chain_head set seq = :seq, hash = :hash where workspace_id = :w")
                .param("seq", entry.seq())
                .param("hash", entry.hash())
                .param("w", workspace)
                .update();
        return entry;
    }

    /** The newest entries of a workspace's chain, newest first, before {@code beforeSeq} if given. */
    @Transactional(readOnly = true)
    public List<AuditEntry> entries(WorkspaceId workspace, Long beforeSeq, int limit) {
        return jdbc.sql("""
                        select * from audit.entry
                         where workspace_id = :w and (cast(:before as bigint) is null or seq < :before)
                         order by seq desc
                         limit :limit
                        """)
                .param("w", workspace.value())
                .param("before", beforeSeq)
                .param("limit", Math.max(1, Math.min(limit, 500)))
                .query((rs, row) -> read(rs))
                .list();
    }

    /** Checks a workspace's chain from its first entry to its head. */
    @Transactional(readOnly = true)
    public Verification verify(WorkspaceId workspace) {
        AtomicReference<String> previous = new AtomicReference<>(AuditEntry.GENESIS);
        long[] expectedSeq = {1};
        AtomicReference<Verification> broken = new AtomicReference<>();
        jdbc.sql("select * from audit.entry where workspace_id = :w order by seq")
                .param("w", workspace.value())
                .query(rs -> {
                    if (broken.get() != null) {
                        return;
                    }
                    AuditEntry entry = read(rs);
                    String problem = null;
                    if (entry.seq() != expectedSeq[0]) {
                        problem = "entry " + expectedSeq[0] + " is missing";
                    } else if (!entry.prevHash().equals(previous.get())) {
                        problem = "it does not link to the entry before it";
                    } else if (!entry.hash().equals(entry.expectedHash())) {
                        problem = "its content was changed after it was written";
                    }
                    if (problem != null) {
                        broken.set(new Verification(
                                workspace,
                                expectedSeq[0] - 1,
                                previous.get(),
                                Math.min(entry.seq(), expectedSeq[0]),
                                problem));
                        return;
                    }
                    previous.set(entry.hash());
                    expectedSeq[0]++;
                });
        if (broken.get() != null) {
            return broken.get();
        }
        long count = expectedSeq[0] - 1;
        Map<String, Object> head = jdbc.sql("select seq, hash from audit.chain_head where workspace_id = :w")
                .param("w", workspace.value())
                .query()
                .singleRow();
        return head.isEmpty()
                ? new Verification(
                        workspace,
                        count,
                        previous.get(),
                        count == 0 ? null : 1L,
                        count == 0 ? null : "the chain has no head")
                : verifyHead(workspace, count, previous.get(), ((Number) head.get("seq")).longValue(), (String)
                        head.get("hash"));
    }

    private static Verification verifyHead(
            WorkspaceId workspace, long count, String last, long headSeq, String headHash) {
        if (headSeq != count || !headHash.equals(last)) {
            return new Verification(
                    workspace,
                    count,
                    last,
                    count + 1,
                    "entries after " + count + " were removed (the head records " + headSeq + ")");
        }
        return new Verification(workspace, count, last, null, null);
    }

    /** Checks every chain of the instance. */
    @Transactional(readOnly = true)
    public List<Verification> verifyAll() {
        return jdbc
                .sql(
                        "select workspace_id from audit.chain_head union select distinct workspace_id from audit.entry order by 1")
                .query((rs, row) -> new WorkspaceId(rs.getObject(1, UUID.class)))
                .list()
                .stream()
                .map(this::verify)
                .toList();
    }

    private static AuditEntry read(ResultSet rs) throws SQLException {
        return new AuditEntry(
                new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
                rs.getLong("seq"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getObject("actor_id", UUID.class),
                rs.getString("actor_name"),
                rs.getString("party"),
                rs.getString("action"),
                rs.getString("subject_type"),
                rs.getString("subject_id"),
                rs.getString("details"),
                rs.getString("prev_hash"),
                rs.getString("hash"));
    }

    static String json(Map<String, String> details) {
        StringBuilder out = new StringBuilder("{");
        new TreeMap<>(details).forEach((key, value) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            quote(out, key);
            out.append(':');
            quote(out, value);
        });
        return out.append('}').toString();
    }

    private static void quote(StringBuilder out, String value) {
        out.append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
