package dev.mandate.contact;

import dev.mandate.shared.WorkspaceId;
import java.util.List;

/**
 * A contact's conversations across every network, newest first. The inbox, which holds the conversations,
 * provides it; the contact page shows it.
 */
public interface ContactHistory {

    /** At most {@code limit} conversations of the workspace that the contact started or wrote in, newest first. */
    List<HistoryItem> of(WorkspaceId workspace, ContactId contact, int limit);
}
