package dev.mandate.contact;

import dev.mandate.shared.Actor;
import dev.mandate.shared.AuditableEvent;
import dev.mandate.shared.WorkspaceId;
import java.util.Map;
import java.util.Objects;

/**
 * Two contacts turned out to be one person: {@code from} no longer exists, its identities are {@code into}'s.
 * Published inside the merge's transaction, so that whatever refers to {@code from} can follow in it.
 */
public record ContactsMerged(
        WorkspaceId workspaceId, Actor actor, ContactId from, ContactId into, String fromName, String intoName)
        implements AuditableEvent {

    public ContactsMerged {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(into, "into");
    }

    @Override
    public String action() {
        return "contact.merged";
    }

    @Override
    public String subjectType() {
        return "contact";
    }

    @Override
    public String subjectId() {
        return into.toString();
    }

    @Override
    public Map<String, String> details() {
        return Map.of(
                "from", from.toString(),
                "fromName", String.valueOf(fromName),
                "intoName", String.valueOf(intoName));
    }
}
