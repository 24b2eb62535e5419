package dev.mandate.workspace;

import dev.mandate.shared.InvalidInput;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What the brand and the agency agreed: who the agency is, from when to when, which kinds of work it does (and
 * on which topics it may reply), and how the engagement ends.
 *
 * @param agencyName the agency's name
 * @param startsOn first day of the engagement
 * @param endsOn last day, if agreed
 * @param scope the kinds of work the agency does; anything else is refused or needs the brand
 * @param replyTopics the topics the agency may answer on its own when it has {@link Scope#COMMUNITY_REPLIES}
 * @param noticePeriodDays days of notice either side gives before the engagement ends
 * @param successor who takes over at the end: another agency, or the brand itself
 */
public record MandateTerms(
        @NotBlank @Size(max = 120) String agencyName,
        @NotNull LocalDate startsOn,
        LocalDate endsOn,
        @NotNull Set<Scope> scope,
        List<@NotBlank @Size(max = 60) String> replyTopics,
        @Min(0) @Max(365) int noticePeriodDays,
        @Size(max = 120) String successor) {

    public MandateTerms {
        if (agencyName == null || agencyName.isBlank()) {
            throw new InvalidInput("agencyName", "The mandate needs the agency's name.");
        }
        agencyName = agencyName.trim();
        // Checked here, not only by the annotations, because the page's form does not go through bean validation.
        if (agencyName.length() > 120) {
            throw new InvalidInput("agencyName", "The agency's name may have at most 120 characters.");
        }
        if (startsOn == null) {
            throw new InvalidInput("startsOn", "The mandate needs a start date.");
        }
        if (endsOn != null && endsOn.isBefore(startsOn)) {
            throw new InvalidInput("endsOn", "The mandate cannot end before it starts.");
        }
        if (noticePeriodDays < 0 || noticePeriodDays > 365) {
            throw new InvalidInput("noticePeriodDays", "The notice period is between 0 and 365 days.");
        }
        scope = scope == null || scope.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scope));
        replyTopics = replyTopics == null
                ? List.of()
                : replyTopics.stream()
                        .map(String::trim)
                        .filter(t -> !t.isEmpty())
                        .distinct()
                        .toList();
        if (replyTopics.stream().anyMatch(t -> t.length() > 60)) {
            throw new InvalidInput("replyTopics", "A topic may have at most 60 characters.");
        }
        successor = successor == null || successor.isBlank() ? null : successor.trim();
        if (successor != null && successor.length() > 120) {
            throw new InvalidInput("successor", "The successor's name may have at most 120 characters.");
        }
    }

    public boolean covers(Scope kind) {
        return scope.contains(kind);
    }
}
