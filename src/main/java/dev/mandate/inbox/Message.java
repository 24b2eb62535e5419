package dev.mandate.inbox;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** One message of a conversation, stored once and never changed. */
@Table(schema = "inbox", name = "message")
record Message(
        @Id UUID id,
        UUID workspaceId,
        UUID conversationId,
        UUID parentId,
        String externalId,
        String authorName,
        String authorHandle,
        Direction direction,
        String body,
        String language,
        Instant createdAt) {}
