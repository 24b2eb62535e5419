package dev.mandate.routing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An approved answer of the brand's briefing: a question, its answer in English and German (either may be missing),
 * tags, who owns it and until when it holds.
 *
 * @param sourceHandoff the hand-off whose answer it was made from, if any
 * @param expired past its valid-until date: flagged, and suggested only after entries that still hold
 */
public record BriefingEntry(
        UUID id,
        String question,
        String answerEn,
        String answerDe,
        List<String> tags,
        String ownerName,
        LocalDate validUntil,
        HandoffId sourceHandoff,
        Instant updatedAt,
        long version,
        boolean expired) {

    public BriefingEntry {
        tags = List.copyOf(tags);
    }

    /** The answer in {@code language} ({@code en} or {@code de}), or the other one when that is missing. */
    public String answerIn(String language) {
        if ("de".equals(language)) {
            return answerDe != null ? answerDe : answerEn;
        }
        return answerEn != null ? answerEn : answerDe;
    }

    /**
     * What a new or changed entry says.
     *
     * @param tags lower-case words
     */
    public record Draft(String question, String answerEn, String answerDe, List<String> tags, LocalDate validUntil) {}

    /**
     * An entry suggested for a message, and why: the words of the message it matched.
     *
     * @param answer the answer in the message's language (or the other one)
     * @param score the full-text rank, higher is better
     */
    public record Suggestion(BriefingEntry entry, String answer, List<String> matched, double score) {}
}
