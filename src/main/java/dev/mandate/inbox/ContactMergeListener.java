package dev.mandate.inbox;

import dev.mandate.contact.ContactsMerged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves the conversations and messages of a merged contact to the contact it was merged into, in the merge's
 * own transaction: no inbox row is left pointing at a contact that no longer exists, and a merge that fails
 * leaves the inbox as it was.
 */
@Component
class ContactMergeListener {

    private final JdbcClient jdbc;

    ContactMergeListener(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(ContactsMerged merged) {
        jdbc.sql("""
                        update inbox.conversation set contact_id = :into
                         where workspace_id = :w and contact_id = :from
                        """)
                .param("into", merged.into().value())
                .param("w", merged.workspaceId().value())
                .param("from", merged.from().value())
                .update();
        jdbc.sql("update inbox.message set contact_id = :into where workspace_id = :w and contact_id = :from")
                .param("into", merged.into().value())
                .param("w", merged.workspaceId().value())
                .param("from", merged.from().value())
                .update();
    }
}
