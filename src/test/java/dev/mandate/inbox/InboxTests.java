package dev.mandate.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.mandate.account.AccountDirectory;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.NotFound;
import dev.mandate.workspace.WorkspaceAccess;
import dev.mandate.workspace.WorkspaceService;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest
class InboxTests {

    static final Instant NOW = Instant.parse("2026-05-04T10:15:30.123456789Z");

    @Autowired
    Inbox inbox;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    WorkspaceAccess access;

    InboxFixtures fixtures;
    InboxFixtures.Owner owner;

    @BeforeEach
    void workspace() {
        fixtures = new InboxFixtures(accounts, workspaces, access);
        owner = fixtures.workspaceWithOwner();
    }

    @Test
    void listsConversationsNewestFirstWithTheirFirstMessageAndCount() {
        NewMessage complaint = NewMessage.inbound(
                "Martin Schulz", "m.schulz@mail.example", "The cake was late.", "en", NOW.minus(2, ChronoUnit.DAYS));
        ConversationId older = inbox.start(
                owner.workspaceId(),
                new NewConversation(
                        "email",
                        null,
                        null,
                        Priority.HIGH,
                        "en",
                        List.of(
                                complaint,
                                complaint.reply(
                                        Direction.OUTBOUND,
                                        "Bäckerei Sonnenkorn",
                                        null,
                                        "We are sorry.",
                                        "en",
                                        NOW.minus(1, ChronoUnit.DAYS)))));
        ConversationId newer =
                inbox.start(owner.workspaceId(), InboxFixtures.question("Any sesame?", NOW.minus(1, ChronoUnit.HOURS)));

        ConversationPage page = inbox.conversations(owner.membership(), 10, null);

        assertThat(page.conversations()).extracting(ConversationSummary::id).containsExactly(newer, older);
        assertThat(page.next()).isNull();
        ConversationSummary complaintSummary = page.conversations().get(1);
        assertThat(complaintSummary.author()).isEqualTo("Martin Schulz");
        assertThat(complaintSummary.preview()).isEqualTo("The cake was late.");
        assertThat(complaintSummary.messageCount()).isEqualTo(2);
        assertThat(complaintSummary.priority()).isEqualTo(Priority.HIGH);
        assertThat(complaintSummary.state()).as("the brand spoke last").isEqualTo(ConversationState.WAITING);
        assertThat(complaintSummary.startedAt())
                .isEqualTo(NOW.minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS));
        assertThat(complaintSummary.lastMessageAt())
                .isEqualTo(NOW.minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS));
        assertThat(page.conversations().get(0).state()).isEqualTo(ConversationState.OPEN);
    }

    @Test
    void pagesThroughConversationsWithoutGapsOrRepeats() {
        List<ConversationId> started = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // two pairs share their last message time, so the cursor must also order by id
            Instant at = NOW.minus(i / 2, ChronoUnit.HOURS);
            started.add(inbox.start(owner.workspaceId(), InboxFixtures.question("Question " + i, at)));
        }

        List<ConversationId> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        ConversationCursor cursor = null;
        do {
            ConversationPage page = inbox.conversations(owner.membership(), 2, cursor);
            page.conversations().forEach(c -> seen.add(c.id()));
            pageSizes.add(page.conversations().size());
            cursor = page.next() == null
                    ? null
                    : ConversationCursor.parse(page.next().token());
        } while (cursor != null);

        assertThat(pageSizes).containsExactly(2, 2, 1);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(started).doesNotHaveDuplicates();
        List<ConversationSummary> all =
                inbox.conversations(owner.membership(), 10, null).conversations();
        assertThat(all).extracting(ConversationSummary::id).containsExactlyElementsOf(seen);
        assertThat(all).isSortedAccordingTo((a, b) -> b.lastMessageAt().compareTo(a.lastMessageAt()));
    }

    @Test
    void ordersRepliesAfterTheirParentWithTheirDepth() {
        NewMessage question = NewMessage.inbound("Anna", null, "How warm?", "en", NOW.minus(75, ChronoUnit.HOURS));
        NewMessage answer =
                question.reply(Direction.OUTBOUND, "Bakery", null, "26 °C", "en", NOW.minus(72, ChronoUnit.HOURS));
        NewMessage spelt =
                question.reply(Direction.INBOUND, "Markus", null, "And spelt?", "en", NOW.minus(49, ChronoUnit.HOURS));
        NewMessage thanks =
                answer.reply(Direction.INBOUND, "Anna", null, "Thank you!", "en", NOW.minus(23, ChronoUnit.HOURS));
        NewMessage welcome =
                thanks.reply(Direction.OUTBOUND, "Bakery", null, "Enjoy!", "en", NOW.minus(22, ChronoUnit.HOURS));
        ConversationId id = inbox.start(
                owner.workspaceId(),
                new NewConversation(
                        "blog",
                        "36 hours",
                        "https://bakery.example/blog/36",
                        null,
                        null,
                        List.of(question, answer, spelt, thanks, welcome)));

        ConversationThread thread = inbox.conversation(owner.membership(), id);

        assertThat(thread.messages())
                .extracting(ThreadMessage::body, ThreadMessage::depth)
                .containsExactly(
                        tuple("How warm?", 0),
                        tuple("26 °C", 1),
                        tuple("Thank you!", 2),
                        tuple("Enjoy!", 3),
                        tuple("And spelt?", 1));
        assertThat(thread.messages().get(2).parentId()).isEqualTo(answer.id());
        assertThat(thread.messages().get(1).outbound()).isTrue();
        assertThat(thread.contextTitle()).isEqualTo("36 hours");
        assertThat(thread.priority()).isEqualTo(Priority.NORMAL);
        assertThat(thread.language()).as("taken from the first message").isEqualTo("en");
        assertThat(thread.state()).isEqualTo(ConversationState.WAITING);
    }

    @Test
    void answersNotFoundForAConversationOfAnotherWorkspace() {
        ConversationId theirs = inbox.start(owner.workspaceId(), InboxFixtures.question("Mine", NOW));
        InboxFixtures.Owner stranger = fixtures.workspaceWithOwner();

        assertThatThrownBy(() -> inbox.conversation(stranger.membership(), theirs))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> inbox.conversation(owner.membership(), new ConversationId(UUID.randomUUID())))
                .isInstanceOf(NotFound.class);
        assertThat(inbox.conversations(stranger.membership(), 10, null).conversations())
                .isEmpty();
    }

    @Test
    void storesNothingOfAConversationWhoseMessageCannotBeStored() {
        NewMessage question = NewMessage.inbound("Anna", null, "Hello", "en", NOW);
        NewMessage sameIdAgain =
                new NewMessage(question.id(), null, null, "Anna", null, Direction.INBOUND, "Hello again", "en", NOW);
        ConversationId first = inbox.start(
                owner.workspaceId(), new NewConversation("blog", null, null, null, "en", List.of(question)));

        assertThatThrownBy(() -> inbox.start(
                        owner.workspaceId(), new NewConversation("blog", null, null, null, "en", List.of(sameIdAgain))))
                .isInstanceOf(org.springframework.dao.DataAccessException.class);
        assertThat(inbox.conversations(owner.membership(), 10, null).conversations())
                .extracting(ConversationSummary::id)
                .containsExactly(first);
    }

    @Test
    void refusesAReplyBeforeItsParentAndAContextThatIsNoWebAddress() {
        NewMessage question = NewMessage.inbound("Anna", null, "Hello", "en", NOW);
        NewMessage reply = question.reply(Direction.OUTBOUND, "Bakery", null, "Hi", "en", NOW);

        assertThatThrownBy(() -> new NewConversation("blog", null, null, null, null, List.of(reply, question)))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(
                        () -> new NewConversation("blog", "Post", "javascript:alert(1)", null, null, List.of(question)))
                .isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).field())
                .isEqualTo("contextUrl");
    }
}
