package dev.mandate.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.account.AccountDirectory;
import dev.mandate.audit.AuditEntry;
import dev.mandate.audit.AuditTrail;
import dev.mandate.inbox.ConversationId;
import dev.mandate.inbox.Inbox;
import dev.mandate.shared.Forbidden;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.NotFound;
import dev.mandate.workspace.WorkspaceService;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The briefing grows from the brand's answers and is suggested for similar questions, in German and in English, with
 * the words that matched; canned replies fill in their placeholders; every use counts for the report.
 */
@SpringBootTest
class BriefingTests {

    @Autowired
    Briefing briefing;

    @Autowired
    CannedReplies canned;

    @Autowired
    Handoffs handoffs;

    @Autowired
    InterfaceReports reports;

    @Autowired
    Inbox inbox;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    AuditTrail audit;

    HandoffFixtures f;

    @BeforeEach
    void aBrandWithItsAgency() {
        f = new HandoffFixtures(workspaces, accounts, inbox);
    }

    @Test
    void suggestsABrandAnswerInGermanForASimilarQuestionWithTheWordsThatMatched() {
        ConversationId asked = f.question("Bekomme ich für meine Bestellung eine Rechnung mit Mehrwertsteuer?", "de");
        Handoff handoff = handoffs.open(f.agent, asked, "Stellen wir Rechnungen mit ausgewiesener MwSt. aus?", null);
        handoffs.answer(
                f.owner, handoff.id(), "Ja, jede Rechnung weist die Mehrwertsteuer aus; wir senden sie per E-Mail.");

        BriefingEntry entry = briefing.fromHandoff(f.owner, handoff.id());

        assertThat(entry.question()).isEqualTo("Stellen wir Rechnungen mit ausgewiesener MwSt. aus?");
        assertThat(entry.answerDe()).startsWith("Ja, jede Rechnung");
        assertThat(entry.answerEn()).isNull();
        assertThat(entry.sourceHandoff()).isEqualTo(handoff.id());
        assertThat(handoffs.get(f.agent, handoff.id()).briefingEntryId()).isEqualTo(entry.id());
        // One click, one entry: a second click shows the same entry.
        assertThat(briefing.fromHandoff(f.owner, handoff.id()).id()).isEqualTo(entry.id());

        ConversationId similar = f.question("Wo finde ich die Rechnungen zu meinen Bestellungen?", "de");
        List<BriefingEntry.Suggestion> suggested = briefing.suggestFor(f.agent, similar, 5);

        assertThat(suggested).extracting(s -> s.entry().id()).containsExactly(entry.id());
        assertThat(suggested.get(0).matched()).contains("rechnungen");
        assertThat(suggested.get(0).answer()).startsWith("Ja, jede Rechnung");
    }

    @Test
    void suggestsABrandAnswerInEnglishThroughTheStemOfTheWord() {
        ConversationId asked = f.question("Can I get an invoice for my order?", "en");
        Handoff handoff = handoffs.open(f.agent, asked, "Do we send invoices for online orders?", null);
        handoffs.answer(f.staff, handoff.id(), "Yes: every order comes with an invoice by e-mail.");
        BriefingEntry entry = briefing.fromHandoff(f.owner, handoff.id());
        briefing.create(f.owner, draft("When does the shop open on Sunday?", "From 8 to 12.", null, null));

        List<BriefingEntry.Suggestion> suggested =
                briefing.suggestFor(f.agent, f.question("Where are the invoices for my orders?", "en"), 5);

        assertThat(suggested).extracting(s -> s.entry().id()).containsExactly(entry.id());
        assertThat(suggested.get(0).matched()).contains("invoices", "orders");
        assertThat(suggested.get(0).answer()).isEqualTo("Yes: every order comes with an invoice by e-mail.");
    }

    @Test
    void flagsEntriesPastTheirDateAndSuggestsThemAfterTheOnesThatHold() {
        BriefingEntry expired = briefing.create(
                f.owner,
                draft(
                        "Delivery fee for cakes and delivery of cakes?",
                        "Delivery of cakes costs 5 euros.",
                        null,
                        LocalDate.now().minusDays(1)));
        BriefingEntry valid = briefing.create(
                f.owner,
                draft(
                        "Do you deliver cakes?",
                        "We deliver cakes for 7 euros.",
                        null,
                        LocalDate.now().plusYears(1)));

        List<BriefingEntry.Suggestion> suggested = briefing.suggest(f.agent, "Do you deliver cakes?", "en", 5);

        assertThat(suggested).extracting(s -> s.entry().id()).containsExactly(valid.id(), expired.id());
        assertThat(suggested.get(1).entry().expired()).isTrue();
        assertThat(briefing.get(f.agent, expired.id()).expired()).isTrue();
        assertThat(suggested.get(0).entry().expired()).isFalse();
    }

    @Test
    void letsTheBrandWriteTheBriefingAndTheOthersReadIt() {
        BriefingEntry entry = briefing.create(f.staff, draft("Gluten-free bread?", "On Fridays.", "Freitags.", null));

        assertThatThrownBy(() -> briefing.create(f.agent, draft("Agency's own?", "No.", null, null)))
                .isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> briefing.update(f.advisor, entry.id(), entry.version(), draft("x", "y", null, null)))
                .isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> briefing.delete(f.advisor, entry.id())).isInstanceOf(Forbidden.class);
        assertThat(briefing.get(f.advisor, entry.id()).answerDe()).isEqualTo("Freitags.");
        assertThat(briefing.list(f.agent, "gluten", 10))
                .extracting(BriefingEntry::id)
                .containsExactly(entry.id());

        BriefingEntry changed = briefing.update(
                f.owner,
                entry.id(),
                entry.version(),
                draft("Gluten-free bread?", "On Fridays and Saturdays.", null, null));
        assertThat(changed.answerEn()).isEqualTo("On Fridays and Saturdays.");
        assertThatThrownBy(() -> briefing.update(f.owner, entry.id(), entry.version(), draft("x", "y", null, null)))
                .hasMessageContaining("Someone else changed this entry");
        assertThatThrownBy(() -> briefing.create(f.owner, draft("No answer", null, " ", null)))
                .isInstanceOf(InvalidInput.class);
        briefing.delete(f.owner, entry.id());
        assertThatThrownBy(() -> briefing.get(f.owner, entry.id())).isInstanceOf(NotFound.class);
        assertThat(audit.entries(f.team.id(), null, 100).stream().map(AuditEntry::action))
                .contains("briefing.created", "briefing.changed", "briefing.deleted");
    }

    @Test
    void keepsEachWorkspacesBriefingToItself() {
        BriefingEntry ours = briefing.create(f.owner, draft("Secret recipe?", "Never.", null, null));
        HandoffFixtures other = new HandoffFixtures(workspaces, accounts, inbox);

        assertThatThrownBy(() -> briefing.get(other.owner, ours.id())).isInstanceOf(NotFound.class);
        assertThat(briefing.suggest(other.agent, "secret recipe", "en", 5)).isEmpty();
        assertThat(briefing.list(other.owner, null, 10)).isEmpty();
        assertThatThrownBy(() -> briefing.use(other.agent, ours.id(), other.question("recipe?", "en"), null))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void fillsInTheCustomersAndTheAgentsNameWhenACannedReplyIsInserted() {
        CannedReplies.CannedReply thanks =
                canned.create(f.lead, "Thanks", "Hello {customer_name}, thank you! Best, {agent_name}");
        ConversationId conversation = f.question("Lovely bread!", "en");

        String text = canned.use(f.agent, thanks.id(), conversation);

        assertThat(text).isEqualTo("Hello Priya Raman, thank you! Best, Aga Agent");
        assertThatThrownBy(() -> canned.use(f.advisor, thanks.id(), conversation))
                .isInstanceOf(Forbidden.class);
    }

    @Test
    void countsEveryInsertedAnswerForTheReport() {
        BriefingEntry used = briefing.create(f.owner, draft("Opening hours?", "8 to 18.", "8 bis 18 Uhr.", null));
        BriefingEntry unused = briefing.create(f.owner, draft("Parking?", "Behind the shop.", null, null));
        ConversationId german = f.question("Wann habt ihr geöffnet?", "de");

        assertThat(briefing.use(f.agent, used.id(), german, null)).isEqualTo("8 bis 18 Uhr.");
        briefing.use(f.lead, used.id(), f.question("When are you open?", "en"), null);

        InterfaceReport report = reports.report(f.owner, 4);
        assertThat(report.briefingUsed()).singleElement().satisfies(u -> {
            assertThat(u.entry()).isEqualTo(used.id());
            assertThat(u.uses()).isEqualTo(2);
        });
        assertThat(report.briefingNeverUsed())
                .extracting(InterfaceReport.Use::entry)
                .containsExactly(unused.id());
    }

    static BriefingEntry.Draft draft(String question, String en, String de, LocalDate validUntil) {
        return new BriefingEntry.Draft(question, en, de, List.of(), validUntil);
    }
}
