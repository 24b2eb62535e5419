package dev.mandate.inbox;

import java.time.Instant;

/**
 * Moderation of one message at its network, as pages show it: {@code moderation} {@code SPAM} (hide it) or
 * {@code APPROVE} (show it again), and how far it got ({@code QUEUED}, {@code WORKING}, {@code DONE},
 * {@code FAILED} with the problem).
 */
public record ModerationAction(
        String moderation, String state, int attempts, String problem, Instant createdAt, Instant doneAt) {}
