package dev.mandate.workspace;

import dev.mandate.shared.Forbidden;
import dev.mandate.shared.WorkspaceId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.AbstractAggregateRoot;
import org.springframework.data.relational.core.mapping.Table;

/** The agency's engagement with one brand, as data the software enforces. Only the brand's owners change it. */
@Table(schema = "workspace", name = "mandate")
class Mandate extends AbstractAggregateRoot<Mandate> {

    @Id
    private final UUID workspaceId;

    private String agencyName;
    private LocalDate startsOn;
    private LocalDate endsOn;
    private List<String> scope;
    private List<String> replyTopics;
    private int noticePeriodDays;
    private String successor;
    private Instant updatedAt;

    @Version
    private Long version;

    @PersistenceCreator
    Mandate(
            UUID workspaceId,
            String agencyName,
            LocalDate startsOn,
            LocalDate endsOn,
            List<String> scope,
            List<String> replyTopics,
            int noticePeriodDays,
            String successor,
            Instant updatedAt,
            Long version) {
        this.workspaceId = workspaceId;
        this.agencyName = agencyName;
        this.startsOn = startsOn;
        this.endsOn = endsOn;
        this.scope = scope;
        this.replyTopics = replyTopics;
        this.noticePeriodDays = noticePeriodDays;
        this.successor = successor;
        this.updatedAt = updatedAt;
        this.version = version;
    }

    /** A mandate not yet agreed: no agency work is in scope until the owner sets the terms. */
    static Mandate none(WorkspaceId workspace) {
        return new Mandate(workspace.value(), null, null, null, List.of(), List.of(), 0, null, null, null);
    }

    /**
     * Sets new terms, if {@code by} is a brand owner, and records what changed.
     *
     * @return whether the terms differ from the ones before
     */
    boolean change(MandateTerms terms, Membership by, Instant now) {
        if (!by.isBrandOwner()) {
            throw new Forbidden("Only the brand's owners can change the mandate.");
        }
        Map<String, String> changes = changesTo(terms);
        if (changes.isEmpty()) {
            return false;
        }
        agencyName = terms.agencyName();
        startsOn = terms.startsOn();
        endsOn = terms.endsOn();
        scope = terms.scope().stream().map(Enum::name).sorted().toList();
        replyTopics = terms.replyTopics();
        noticePeriodDays = terms.noticePeriodDays();
        successor = terms.successor();
        updatedAt = now;
        registerEvent(new WorkspaceEvents.MandateChanged(new WorkspaceId(workspaceId), by.actor(), changes));
        return true;
    }

    private Map<String, String> changesTo(MandateTerms terms) {
        Map<String, String> changes = new LinkedHashMap<>();
        if (!agreed()) {
            changes.put("agreed", "true");
        }
        note(changes, "agencyName", agencyName, terms.agencyName());
        note(changes, "startsOn", startsOn, terms.startsOn());
        note(changes, "endsOn", endsOn, terms.endsOn());
        note(changes, "scope", scopeSet(), terms.scope().isEmpty() ? Set.of() : EnumSet.copyOf(terms.scope()));
        note(changes, "replyTopics", replyTopics, terms.replyTopics());
        note(changes, "noticePeriodDays", noticePeriodDays, terms.noticePeriodDays());
        note(changes, "successor", successor, terms.successor());
        return changes;
    }

    private static void note(Map<String, String> changes, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.put(field, after == null ? "" : after.toString());
        }
    }

    private Set<Scope> scopeSet() {
        return scope.isEmpty()
                ? Set.of()
                : scope.stream()
                        .map(Scope::valueOf)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Scope.class)));
    }

    boolean agreed() {
        return agencyName != null;
    }

    /** The current terms, or none when the brand works without an agency so far. */
    java.util.Optional<MandateTerms> terms() {
        return agreed()
                ? java.util.Optional.of(new MandateTerms(
                        agencyName, startsOn, endsOn, scopeSet(), replyTopics, noticePeriodDays, successor))
                : java.util.Optional.empty();
    }

    Long version() {
        return version;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
