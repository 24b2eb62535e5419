package dev.mandate.audit;

import dev.mandate.shared.WorkspaceId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * One link of a workspace's chain. Its hash covers every field and the previous link's hash, so changing,
 * removing or reordering any entry breaks the chain from there on.
 */
public record AuditEntry(
        WorkspaceId workspaceId,
        long seq,
        Instant occurredAt,
        UUID actorId,
        String actorName,
        String party,
        String action,
        String subjectType,
        String subjectId,
        String details,
        String prevHash,
        String hash) {

    /** The previous hash of a chain's first entry. */
    static final String GENESIS = "0".repeat(64);

    /** The hash this entry must have, computed from its fields. */
    String expectedHash() {
        StringBuilder canonical = new StringBuilder();
        field(canonical, workspaceId.toString());
        field(canonical, Long.toString(seq));
        field(canonical, occurredAt.toString());
        field(canonical, actorId == null ? "" : actorId.toString());
        field(canonical, actorName);
        field(canonical, party);
        field(canonical, action);
        field(canonical, subjectType);
        field(canonical, subjectId);
        field(canonical, details);
        field(canonical, prevHash);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // Length-prefixed, so that no two different entries can produce the same text.
    private static void field(StringBuilder canonical, String value) {
        canonical.append(value.length()).append(':').append(value).append(';');
    }

    AuditEntry withHash() {
        return new AuditEntry(
                workspaceId,
                seq,
                occurredAt,
                actorId,
                actorName,
                party,
                action,
                subjectType,
                subjectId,
                details,
                prevHash,
                expectedHash());
    }
}
