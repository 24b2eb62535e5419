package dev.mandate.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.shared.AccountId;
import dev.mandate.shared.Actor;
import dev.mandate.shared.Forbidden;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.Party;
import dev.mandate.shared.WorkspaceId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.test.util.ReflectionTestUtils;

/** The mandate: who may change it, what a change records, and which terms make sense. */
class MandateTests {

    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

    private final WorkspaceRef workspace = new WorkspaceRef(WorkspaceId.random(), "Brand", "Europe/Berlin");

    @Test
    void letsTheOwnerSetUpTheMandate() {
        Mandate mandate = Mandate.none(workspace.id());

        mandate.change(WorkspaceFixtures.terms(), member(Role.OWNER), NOW);

        assertThat(mandate.terms()).contains(WorkspaceFixtures.terms());
        assertThat(mandate.updatedAt()).isEqualTo(NOW);
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = "OWNER", mode = EnumSource.Mode.EXCLUDE)
    void refusesAChangeByAnyoneButAnOwner(Role role) {
        Mandate mandate = agreed();

        assertThatThrownBy(() -> mandate.change(otherTerms(), member(role), NOW))
                .isInstanceOf(Forbidden.class);

        assertThat(mandate.terms()).contains(WorkspaceFixtures.terms());
        assertThat(events(mandate)).isEmpty();
    }

    @Test
    void recordsExactlyTheChangedFieldsWithTheirNewValues() {
        Mandate mandate = agreed();
        Membership owner = member(Role.OWNER);

        assertThat(mandate.change(otherTerms(), owner, NOW)).isTrue();

        assertThat(events(mandate))
                .singleElement()
                .isInstanceOfSatisfying(WorkspaceEvents.MandateChanged.class, changed -> {
                    assertThat(changed.workspaceId()).isEqualTo(workspace.id());
                    assertThat(changed.actor()).isEqualTo(new Actor(owner.accountId(), "Someone", Party.BRAND));
                    assertThat(changed.changes())
                            .containsOnlyKeys("endsOn", "noticePeriodDays")
                            .containsEntry("endsOn", "2026-12-31")
                            .containsEntry("noticePeriodDays", "60");
                });
    }

    @Test
    void recordsTheFirstAgreementWithEveryField() {
        Mandate mandate = Mandate.none(workspace.id());

        mandate.change(WorkspaceFixtures.terms(), member(Role.OWNER), NOW);

        assertThat(events(mandate))
                .singleElement()
                .isInstanceOfSatisfying(
                        WorkspaceEvents.MandateChanged.class,
                        changed -> assertThat(changed.changes())
                                .containsOnlyKeys(
                                        "agreed", "agencyName", "startsOn", "scope", "replyTopics", "noticePeriodDays")
                                .containsEntry("agencyName", "Agency GmbH"));
    }

    @Test
    void recordsNothingWhenTheTermsAreSavedUnchanged() {
        Mandate mandate = agreed();

        boolean changed = mandate.change(WorkspaceFixtures.terms(), member(Role.OWNER), NOW.plusSeconds(60));

        assertThat(changed).isFalse();
        assertThat(events(mandate)).isEmpty();
        assertThat(mandate.updatedAt()).as("last changed").isEqualTo(NOW);
    }

    @Test
    void rejectsAnEndBeforeTheStart() {
        assertThatThrownBy(() -> terms("Agency", LocalDate.of(2026, 5, 1), LocalDate.of(2026, 4, 30), 30))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        invalid -> assertThat(invalid.field()).isEqualTo("endsOn"));
    }

    @Test
    void acceptsAnEngagementOfOneDay() {
        LocalDate day = LocalDate.of(2026, 5, 1);

        assertThat(terms("Agency", day, day, 30).endsOn()).isEqualTo(day);
    }

    @Test
    void rejectsABlankAgencyName() {
        assertThatThrownBy(() -> terms("   ", LocalDate.of(2026, 5, 1), null, 30))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        invalid -> assertThat(invalid.field()).isEqualTo("agencyName"));
    }

    @Test
    void rejectsANoticePeriodOfMoreThanAYear() {
        assertThatThrownBy(() -> terms("Agency", LocalDate.of(2026, 5, 1), null, 400))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        invalid -> assertThat(invalid.field()).isEqualTo("noticePeriodDays"));
        assertThat(terms("Agency", LocalDate.of(2026, 5, 1), null, 365).noticePeriodDays())
                .isEqualTo(365);
    }

    @Test
    void rejectsTermsLongerThanTheirFieldsHold() {
        LocalDate start = LocalDate.of(2026, 5, 1);

        assertThatThrownBy(() -> terms("A".repeat(121), start, null, 30))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        invalid -> assertThat(invalid.field()).isEqualTo("agencyName"));
        assertThatThrownBy(() -> new MandateTerms("Agency", start, null, Set.of(), List.of("t".repeat(61)), 30, null))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        invalid -> assertThat(invalid.field()).isEqualTo("replyTopics"));
        assertThatThrownBy(() -> new MandateTerms("Agency", start, null, Set.of(), List.of(), 30, "S".repeat(121)))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        invalid -> assertThat(invalid.field()).isEqualTo("successor"));
        assertThat(new MandateTerms(
                        "A".repeat(120), start, null, Set.of(), List.of("t".repeat(60)), 30, "S".repeat(120)))
                .extracting(MandateTerms::agencyName)
                .isEqualTo("A".repeat(120));
    }

    private Mandate agreed() {
        Mandate mandate = Mandate.none(workspace.id());
        mandate.change(WorkspaceFixtures.terms(), member(Role.OWNER), NOW);
        ReflectionTestUtils.invokeMethod(mandate, "clearDomainEvents");
        return mandate;
    }

    /** The fixture's terms with an end date and a longer notice period. */
    private static MandateTerms otherTerms() {
        MandateTerms t = WorkspaceFixtures.terms();
        return new MandateTerms(
                t.agencyName(),
                t.startsOn(),
                LocalDate.of(2026, 12, 31),
                t.scope(),
                t.replyTopics(),
                60,
                t.successor());
    }

    private static MandateTerms terms(String agency, LocalDate startsOn, LocalDate endsOn, int noticePeriodDays) {
        return new MandateTerms(agency, startsOn, endsOn, Set.of(Scope.MONITORING), List.of(), noticePeriodDays, null);
    }

    private Membership member(Role role) {
        return new Membership(workspace, AccountId.random(), "Someone", role);
    }

    // The aggregate hands its events only to Spring Data (a protected method); tests read them the same way.
    private static Collection<Object> events(Mandate mandate) {
        return ReflectionTestUtils.invokeMethod(mandate, "domainEvents");
    }
}
