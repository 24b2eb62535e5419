package dev.mandate.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mandate.account.AccountDirectory;
import dev.mandate.audit.AuditEntry;
import dev.mandate.audit.AuditTrail;
import dev.mandate.inbox.Casework;
import dev.mandate.inbox.ConversationId;
import dev.mandate.inbox.ConversationState;
import dev.mandate.inbox.Inbox;
import dev.mandate.shared.Conflict;
import dev.mandate.shared.Forbidden;
import dev.mandate.shared.NotFound;
import dev.mandate.shared.Party;
import dev.mandate.workspace.WorkspaceService;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Hand-offs from the agency or a rule to the brand, and the three ways back, each audited and seen by both sides. */
@SpringBootTest
class HandoffsTests {

    @Autowired
    Handoffs handoffs;

    @Autowired
    Casework casework;

    @Autowired
    Inbox inbox;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    AuditTrail audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    HandoffFixtures f;
    ConversationId conversation;

    @BeforeEach
    void aQuestionTheAgencyCannotAnswer() {
        f = new HandoffFixtures(workspaces, accounts, inbox);
        conversation = f.question("Can I order 200 spelt loaves for our company party?", "en");
    }

    @Test
    void escalatesTheConversationWhileTheBrandAnswersAndGivesItBackToTheAgency() {
        Handoff opened = handoffs.open(f.agent, conversation, "Can we bake 200 loaves by Friday?", null);

        assertThat(opened.state()).isEqualTo(HandoffState.OPEN);
        assertThat(opened.context()).contains("Priya Raman: Can I order 200 spelt loaves");
        assertThat(opened.requestedBy()).isEqualTo("Aga Agent");
        assertThat(opened.deadline()).isAfter(Instant.now());
        assertThat(casework.work(f.owner, conversation).head().state()).isEqualTo(ConversationState.ESCALATED);
        assertThat(handoffs.of(f.owner, conversation)).containsExactly(opened);
        assertThat(handoffs.list(f.owner, Handoffs.Filter.OPEN, 10))
                .extracting(Handoff::id)
                .containsExactly(opened.id());

        Handoff answered = handoffs.answer(f.staff, opened.id(), "Yes, with three days' notice; 10% off from 100.");

        assertThat(answered.state()).isEqualTo(HandoffState.ANSWERED);
        assertThat(answered.closedBy()).isEqualTo("Stan Staff");
        assertThat(answered.inTime()).isTrue();
        Casework.Work work = casework.work(f.agent, conversation);
        assertThat(work.head().state()).isEqualTo(ConversationState.OPEN);
        assertThat(work.head().assignedParty()).isEqualTo(Party.AGENCY);
        assertThat(work.notes()).extracting(Casework.Note::body).anyMatch(b -> b.contains("10% off from 100"));
        // Both sides read the same record.
        assertThat(handoffs.get(f.agent, opened.id())).isEqualTo(handoffs.get(f.owner, opened.id()));
        assertThat(handoffs.list(f.owner, Handoffs.Filter.OPEN, 10)).isEmpty();
        assertThat(auditActions()).contains("handoff.opened", "handoff.answered");
    }

    @Test
    void givesTheConversationToTheBrandMemberWhoTakesItOver() {
        Handoff opened = handoffs.open(f.lead, conversation, "A large order: yours?", null);

        Handoff taken = handoffs.takeOver(f.owner, opened.id());

        assertThat(taken.state()).isEqualTo(HandoffState.TAKEN_OVER);
        Casework.Work.Head head = casework.work(f.owner, conversation).head();
        assertThat(head.assignedParty()).isEqualTo(Party.BRAND);
        assertThat(head.assignee()).isEqualTo(f.owner.accountId());
        assertThat(head.state()).isEqualTo(ConversationState.ESCALATED);
        assertThat(auditActions()).contains("handoff.taken-over");
        assertThatThrownBy(() -> handoffs.answer(f.staff, opened.id(), "too late"))
                .isInstanceOf(Conflict.class)
                .hasMessageContaining("taken over by the brand already");
    }

    @Test
    void returnsTheConversationToTheAgencyWithTheReason() {
        Handoff opened = handoffs.open(f.agent, conversation, "Is this ours?", null);

        Handoff returned = handoffs.giveBack(f.owner, opened.id(), "Routine question, the price list has it.");

        assertThat(returned.state()).isEqualTo(HandoffState.RETURNED);
        assertThat(returned.answer()).isEqualTo("Routine question, the price list has it.");
        assertThat(returned.inTime()).isFalse();
        Casework.Work.Head head = casework.work(f.agent, conversation).head();
        assertThat(head.state()).isEqualTo(ConversationState.OPEN);
        assertThat(head.assignedParty()).isEqualTo(Party.AGENCY);
        assertThat(auditActions()).contains("handoff.returned");
    }

    @Test
    void showsAHandoffPastItsDeadlineAsOverdueToBothSides() {
        Handoff late = handoffs.open(f.agent, conversation, "Overdue?", null);
        Handoff onTime = handoffs.open(
                f.agent,
                f.question("Another one", "en"),
                "Not overdue",
                Instant.now().plus(Duration.ofDays(2)));
        jdbc.sql("update routing.handoff set deadline = :d where id = :id")
                .param("d", java.sql.Timestamp.from(Instant.now().minus(1, ChronoUnit.HOURS)))
                .param("id", late.id().value())
                .update();

        assertThat(handoffs.list(f.agent, Handoffs.Filter.OVERDUE, 10))
                .extracting(Handoff::id)
                .containsExactly(late.id());
        assertThat(handoffs.list(f.owner, Handoffs.Filter.OVERDUE, 10))
                .extracting(Handoff::id)
                .containsExactly(late.id());
        assertThat(handoffs.get(f.owner, late.id()).overdue()).isTrue();
        assertThat(handoffs.get(f.owner, onTime.id()).overdue()).isFalse();
        assertThat(handoffs.counts(f.agent)).isEqualTo(new Handoffs.Counts(2, 1));

        Handoff answeredLate = handoffs.answer(f.owner, late.id(), "Sorry, yes.");
        assertThat(answeredLate.inTime()).isFalse();
        assertThat(answeredLate.overdue()).isFalse();
    }

    @Test
    void opensOneHandoffPerRuleRequestEvenWhenTheRequestIsDeliveredTwice() {
        HandoffRequested requested = new HandoffRequested(
                f.team.id(),
                conversation,
                "Purchase lead: please answer",
                Instant.now().plus(Duration.ofHours(4)),
                "rule 'Purchase leads' v3",
                "purchase-leads",
                3);

        // Delivered twice one after the other, as the publication registry re-delivers after a restart; the listener
        // runs after the publisher's commit, on its own thread. Two at the same moment: the next test.
        for (int delivery = 1; delivery <= 2; delivery++) {
            transactions.executeWithoutResult(tx -> events.publishEvent(requested));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> jdbc.sql("""
                                    select count(*) from event_publication
                                     where completion_date is null and serialized_event like :conversation
                                       and event_type like '%HandoffRequested'
                                    """)
                                    .param("conversation", "%" + conversation + "%")
                                    .query(Long.class)
                                    .single()
                            == 0);
        }

        List<Handoff> all = handoffs.of(f.owner, conversation);
        assertThat(all).hasSize(1);
        assertThat(all.get(0).ruleId()).isEqualTo("purchase-leads");
        assertThat(all.get(0).ruleVersion()).isEqualTo(3);
        assertThat(all.get(0).requestedBy()).isEqualTo("rule 'Purchase leads' v3");
        // Opened by a rule, the context is filled in when a person first looks.
        assertThat(all.get(0).context()).contains("200 spelt loaves");
        assertThat(casework.work(f.owner, conversation).head().state()).isEqualTo(ConversationState.ESCALATED);
        assertThat(audit.entries(f.team.id(), null, 100))
                .filteredOn(e -> e.action().equals("handoff.opened"))
                .singleElement()
                .satisfies(e -> assertThat(e.actorName()).isEqualTo("rule 'Purchase leads' v3"));
    }

    @Test
    void opensOneHandoffWhenTwoRequestsForTheConversationArriveAtTheSameMoment() {
        Instant deadline = Instant.now().plus(Duration.ofHours(4));
        Supplier<HandoffRequested> request = () -> new HandoffRequested(
                f.team.id(),
                conversation,
                "Purchase lead: please answer",
                deadline,
                "rule 'Purchase leads' v3",
                "purchase-leads",
                3);

        // Committed together, the two requests reach the listener at once, on two threads of the async executor: the
        // later insert waits on the partial unique index for the first transaction, then inserts nothing. Two equal
        // instances, as the router makes them: Spring Modulith 2.1 tells publications in flight apart by the event
        // object and the listener, so one instance published twice has both completions land on one publication and
        // leaves the other open (docs/handoffs.md).
        transactions.executeWithoutResult(tx -> {
            events.publishEvent(request.get());
            events.publishEvent(request.get());
        });
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.sql("""
                                select count(*) from event_publication
                                 where completion_date is null and serialized_event like :conversation
                                   and event_type like '%HandoffRequested'
                                """)
                                .param("conversation", "%" + conversation + "%")
                                .query(Long.class)
                                .single()
                        == 0);

        assertThat(handoffs.of(f.owner, conversation))
                .singleElement()
                .satisfies(h -> assertThat(h.ruleId()).isEqualTo("purchase-leads"));
        assertThat(casework.work(f.owner, conversation).head().state()).isEqualTo(ConversationState.ESCALATED);
        assertThat(audit.entries(f.team.id(), null, 100))
                .filteredOn(e -> e.action().equals("handoff.opened"))
                .hasSize(1);
    }

    @Test
    void ignoresARuleRequestForAConversationOfAnotherWorkspace() {
        HandoffFixtures other = new HandoffFixtures(workspaces, accounts, inbox);
        transactions.executeWithoutResult(tx -> events.publishEvent(new HandoffRequested(
                other.team.id(),
                conversation,
                "Not theirs",
                Instant.now().plus(Duration.ofHours(4)),
                "rule 'Stray' v1",
                "stray",
                1)));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.sql("""
                                select count(*) from event_publication
                                 where completion_date is null and serialized_event like :conversation
                                   and event_type like '%HandoffRequested'
                                """)
                                .param("conversation", "%" + conversation + "%")
                                .query(Long.class)
                                .single()
                        == 0);

        assertThat(jdbc.sql("select count(*) from routing.handoff where conversation_id = :c")
                        .param("c", conversation.value())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(casework.work(f.owner, conversation).head().state()).isEqualTo(ConversationState.OPEN);
    }

    @Test
    void refusesASecondOpenHandoffOfTheSameConversation() {
        handoffs.open(f.agent, conversation, "First", null);

        assertThatThrownBy(() -> handoffs.open(f.lead, conversation, "Second", null))
                .isInstanceOf(Conflict.class)
                .hasMessageContaining("with the brand already");
    }

    @Test
    void letsOnlyTheAgencyHandOverAndOnlyTheBrandAnswer() {
        assertThatThrownBy(() -> handoffs.open(f.owner, conversation, "Brand to itself?", null))
                .isInstanceOf(Forbidden.class);
        Handoff opened = handoffs.open(f.agent, conversation, "Yours?", null);

        assertThatThrownBy(() -> handoffs.answer(f.lead, opened.id(), "The agency answering itself"))
                .isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> handoffs.takeOver(f.advisor, opened.id())).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> handoffs.open(f.advisor, f.question("x", "en"), "?", null))
                .isInstanceOf(Forbidden.class);
        // The advisor reads everything.
        assertThat(handoffs.get(f.advisor, opened.id()).state()).isEqualTo(HandoffState.OPEN);
        assertThat(handoffs.list(f.advisor, Handoffs.Filter.ALL, 10)).hasSize(1);
    }

    @Test
    void keepsEachWorkspacesHandoffsToItself() {
        Handoff opened = handoffs.open(f.agent, conversation, "Ours only", null);
        HandoffFixtures other = new HandoffFixtures(workspaces, accounts, inbox);

        assertThatThrownBy(() -> handoffs.get(other.owner, opened.id())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> handoffs.answer(other.owner, opened.id(), "Not yours"))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> handoffs.of(other.owner, conversation)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> handoffs.open(other.agent, conversation, "Theirs?", null))
                .isInstanceOf(NotFound.class);
        assertThat(handoffs.list(other.owner, Handoffs.Filter.ALL, 10)).isEmpty();
        assertThat(handoffs.counts(other.owner)).isEqualTo(new Handoffs.Counts(0, 0));
    }

    private List<String> auditActions() {
        return audit.entries(f.team.id(), null, 200).stream()
                .map(AuditEntry::action)
                .toList();
    }
}
