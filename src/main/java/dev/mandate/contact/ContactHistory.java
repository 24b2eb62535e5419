package dev.mandate.contact;

import dev.mandate.shared.WorkspaceId;
import java.util.Collection;
import java.util.List;

/**
 * A contact's conversations across every network, newest first. The inbox, which holds the conversations,
 * provides it; the contact page shows it.
 */
public interface ContactHistory {

    /**
     * At most {@code limit} conversations of the workspace that one of {@code contacts} started or wrote in, newest
     * first. The contact module passes a contact together with the ids of the contacts merged into it: a message
     * recorded while its author's contact was being merged can still carry the old id.
     */
    List<HistoryItem> of(WorkspaceId workspace, Collection<ContactId> contacts, int limit);
}
