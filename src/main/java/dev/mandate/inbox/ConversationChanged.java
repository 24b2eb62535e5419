package dev.mandate.inbox;

import dev.mandate.shared.WorkspaceId;

/**
 * Something about a conversation changed that open pages should show (state, assignment, tags, a note, a
 * task); {@code change} names it, e.g. {@code state}.
 */
public record ConversationChanged(WorkspaceId workspaceId, ConversationId conversationId, String change) {}
