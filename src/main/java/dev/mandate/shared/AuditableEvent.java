package dev.mandate.shared;

import java.util.Map;

/**
 * An event that changes what a workspace says, owns or allows, and so belongs in its audit trail. The audit
 * module records every such event in the transaction that publishes it.
 */
public interface AuditableEvent {

    /** The workspace whose trail records it; {@link WorkspaceId#INSTANCE} for instance-wide actions. */
    WorkspaceId workspaceId();

    Actor actor();

    /** What happened, as a stable dotted name, e.g. {@code mandate.changed}. */
    String action();

    /** The kind of thing it happened to, e.g. {@code mandate}. */
    String subjectType();

    String subjectId();

    /** What a reader of the trail needs to know beyond the above; never a secret. */
    default Map<String, String> details() {
        return Map.of();
    }
}
