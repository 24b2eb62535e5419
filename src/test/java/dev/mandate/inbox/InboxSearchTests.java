package dev.mandate.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mandate.account.AccountDirectory;
import dev.mandate.channel.ChannelAccount;
import dev.mandate.channel.ChannelAccounts;
import dev.mandate.shared.Actor;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.Party;
import dev.mandate.storage.TestDatabase;
import dev.mandate.workspace.WorkspaceAccess;
import dev.mandate.workspace.WorkspaceService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/** The inbox list filtered, searched and ordered, paged by keyset, on the page and the API. */
@SpringBootTest
@AutoConfigureMockMvc
class InboxSearchTests {

    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    @Autowired
    Inbox inbox;

    @Autowired
    ChannelAccounts channels;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    WorkspaceAccess access;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    @Autowired
    MockMvc mvc;

    @Autowired
    SearchIndex searchIndex;

    InboxFixtures.Owner owner;
    ChannelAccount blog;
    ChannelAccount mastodon;
    final AtomicInteger ids = new AtomicInteger();

    @BeforeEach
    void workspace() {
        owner = new InboxFixtures(accounts, workspaces, access).workspaceWithOwner();
        blog = channels.connect(owner.workspaceId(), Actor.SYSTEM, "wordpress", "Blog", List.of("baeckerei"));
        mastodon = channels.connect(owner.workspaceId(), Actor.SYSTEM, "mastodon", "Mastodon", List.of("baeckerei"));
    }

    @Test
    void findsWordsInGermanAndEnglishWhateverTheirForm() {
        ConversationId order = comment(blog, "Ist meine Bestellung für Samstag angekommen?", "de", 5);
        ConversationId delivery = comment(mastodon, "Do you do deliveries to Kreuzberg?", "en", 4);
        comment(blog, "Lovely bread, thank you", "en", 3);

        assertThat(search("bestellungen")).containsExactly(order);
        assertThat(search("delivery")).containsExactly(delivery);
        assertThat(search("Lieferung")).isEmpty();
        assertThat(search("\"thank you\" -cake")).hasSize(1);
    }

    @Test
    void findsANewMessageWithinMomentsWithoutBeingAsked() throws Exception {
        ConversationId thread = comment(blog, "Backt ihr Pumpernickel?", "de", 1);

        long deadline = System.nanoTime() + 10_000_000_000L;
        while (list(new ConversationFilter(Set.of(), null, null, null, null, null, null, "pumpernickel"))
                        .isEmpty()
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        assertThat(list(new ConversationFilter(Set.of(), null, null, null, null, null, null, "pumpernickel")))
                .containsExactly(thread);
    }

    @Test
    void missesNoMessageThatArrivesWhileItsConversationIsIndexed() throws Exception {
        // The conversation is queued when a reply to it is being recorded; the search index runs before that
        // reply's transaction commits. It may index the conversation without the reply, but must not forget it.
        ConversationId thread = comment(blog, "Habt ihr Dinkelbrot?", "de", 20);
        String parent = firstExternalId(thread);
        IncomingMessage reply = message(blog, "late-" + ids.incrementAndGet(), parent, "Pumpernickelscheiben", 19);
        AtomicInteger indexedMeanwhile = new AtomicInteger(-1);

        transactions.executeWithoutResult(tx -> {
            inbox.record(owner.workspaceId(), List.of(), List.of(reply));
            Thread indexer = new Thread(() -> indexedMeanwhile.set(searchIndex.catchUp()));
            indexer.start();
            try {
                indexer.join(10_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(indexedMeanwhile.get())
                .as("the index ran to the end while the reply was uncommitted, without waiting for it")
                .isGreaterThanOrEqualTo(0);
        assertThat(search("pumpernickelscheiben")).containsExactly(thread);
        assertThat(search("dinkelbrot")).containsExactly(thread);
    }

    @Test
    void findsAConversationByAReplyDeepInItsThread() {
        ConversationId thread = comment(blog, "Habt ihr Dinkelbrot?", "de", 5);
        record(
                blog,
                "r-" + ids.incrementAndGet(),
                firstExternalId(thread),
                Direction.INBOUND,
                "Und Roggenbrötchen?",
                4);

        assertThat(search("roggenbrötchen")).containsExactly(thread);
    }

    @Test
    void filtersByStateNetworkLanguagePriorityTagAndAssignment() throws Exception {
        ConversationId german = comment(blog, "Wann habt ihr offen?", "de", 5);
        ConversationId english = comment(mastodon, "When are you open?", "en", 4);
        ConversationId answered = comment(blog, "Gibt es Laugenbrezeln?", "de", 3);
        record(blog, "a-" + ids.incrementAndGet(), firstExternalId(answered), Direction.OUTBOUND, "Ja!", 2);
        sql(
                "update inbox.conversation set tags = '{delivery}', priority = 'HIGH', assigned_party = 'AGENCY',"
                        + " assignee_id = ? where id = ?",
                owner.membership().accountId().value(),
                english.value());

        assertThat(list(filter(Set.of(ConversationState.WAITING), null, null, null, null, null, null)))
                .containsExactly(answered);
        assertThat(list(filter(Set.of(), null, null, "wordpress", null, null, null)))
                .containsExactly(answered, german);
        assertThat(list(filter(Set.of(), null, null, null, null, "en", null))).containsExactly(english);
        assertThat(list(filter(Set.of(), null, null, null, "delivery", null, null)))
                .containsExactly(english);
        assertThat(list(filter(Set.of(), null, null, null, null, null, Priority.HIGH)))
                .containsExactly(english);
        assertThat(list(filter(Set.of(), new ConversationFilter.Assignee.Me(), null, null, null, null, null)))
                .containsExactly(english);
        assertThat(list(filter(Set.of(), new ConversationFilter.Assignee.Nobody(), null, null, null, null, null)))
                .containsExactly(answered, german);
        assertThat(list(filter(Set.of(), null, Party.AGENCY, null, null, null, null)))
                .containsExactly(english);
    }

    @Test
    void listsTheLongestWaitingFirstAndLeavesOutTheAnswered() {
        ConversationId newest = comment(blog, "Frage eins", "de", 1);
        ConversationId oldest = comment(blog, "Frage zwei", "de", 9);
        ConversationId answered = comment(blog, "Frage drei", "de", 12);
        record(blog, "a-" + ids.incrementAndGet(), firstExternalId(answered), Direction.OUTBOUND, "Antwort", 11);
        ConversationId middle = comment(mastodon, "Question four", "en", 5);

        ConversationPage page = inbox.conversations(
                owner.membership(), ConversationFilter.ALL, ConversationSort.OLDEST_WAITING, 10, null);

        assertThat(page.conversations()).extracting(ConversationSummary::id).containsExactly(oldest, middle, newest);
        assertThat(page.conversations().get(0).waitingSince()).isEqualTo(NOW.minus(9, ChronoUnit.HOURS));
    }

    @Test
    void pagesThroughAFilteredListInEitherOrderWithoutGapsOrRepeats() {
        List<ConversationId> german = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            german.add(comment(blog, "Frage " + i, "de", i / 2)); // pairs share a time: the id decides
            comment(mastodon, "Question " + i, "en", i);
        }
        ConversationFilter onlyGerman = filter(Set.of(), null, null, null, null, "de", null);
        for (ConversationSort sort : ConversationSort.values()) {
            List<ConversationId> seen = new ArrayList<>();
            ConversationCursor cursor = null;
            do {
                ConversationPage page = inbox.conversations(owner.membership(), onlyGerman, sort, 3, cursor);
                page.conversations().forEach(c -> seen.add(c.id()));
                cursor = page.next() == null
                        ? null
                        : ConversationCursor.parse(page.next().token(), sort);
            } while (cursor != null);
            assertThat(seen).as(sort.name()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(german);
        }
    }

    @Test
    void refusesACursorOfAnotherOrderAndNamesTheParameter() {
        comment(blog, "Eins", "de", 2);
        comment(blog, "Zwei", "de", 1);
        ConversationCursor newest =
                inbox.conversations(owner.membership(), 1, null).next();

        assertThatThrownBy(() -> ConversationCursor.parse(newest.token(), ConversationSort.OLDEST_WAITING))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.field()).isEqualTo("after"));
        assertThatThrownBy(() -> ConversationCursor.parse("not-a-cursor", ConversationSort.NEWEST))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void answersTheListOverTheApiWithProblemsNamingTheParameter() throws Exception {
        ConversationId german = comment(blog, "Bestellung für Montag", "de", 2);
        comment(mastodon, "Order for Monday", "en", 1);
        searchIndex.catchUp();

        mvc.perform(get("/api/workspaces/{id}/conversations", owner.workspaceId())
                        .param("q", "bestellungen")
                        .param("network", "wordpress")
                        .with(httpBasic(owner.email(), InboxFixtures.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.conversations.length()").value(1))
                .andExpect(jsonPath("$.conversations[0].id").value(german.toString()));
        mvc.perform(get("/api/workspaces/{id}/conversations", owner.workspaceId())
                        .param("state", "sleeping")
                        .with(httpBasic(owner.email(), InboxFixtures.PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("state"));
        mvc.perform(get("/api/workspaces/{id}/conversations", owner.workspaceId())
                        .param("after", "garbage")
                        .with(httpBasic(owner.email(), InboxFixtures.PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("after"));
        mvc.perform(get("/api/workspaces/{id}/conversations", owner.workspaceId())
                        .param("sort", "oldest-waiting")
                        .param("limit", "1")
                        .with(httpBasic(owner.email(), InboxFixtures.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.conversations.length()").value(1))
                .andExpect(jsonPath("$.next").isNotEmpty());
    }

    private ConversationFilter filter(
            Set<ConversationState> states,
            ConversationFilter.Assignee assignee,
            Party party,
            String network,
            String tag,
            String language,
            Priority priority) {
        return new ConversationFilter(states, assignee, party, network, tag, language, priority, null);
    }

    private List<ConversationId> list(ConversationFilter filter) {
        return inbox
                .conversations(owner.membership(), filter, ConversationSort.NEWEST, 50, null)
                .conversations()
                .stream()
                .map(ConversationSummary::id)
                .toList();
    }

    private List<ConversationId> search(String text) {
        searchIndex.catchUp();
        return list(new ConversationFilter(Set.of(), null, null, null, null, null, null, text));
    }

    /** A top-level comment, {@code hoursAgo} before {@link #NOW}. */
    private ConversationId comment(ChannelAccount account, String text, String language, int hoursAgo) {
        return record(account, "c-" + ids.incrementAndGet(), null, Direction.INBOUND, text, hoursAgo, language);
    }

    private ConversationId record(
            ChannelAccount account, String externalId, String parent, Direction direction, String text, int hoursAgo) {
        return record(account, externalId, parent, direction, text, hoursAgo, null);
    }

    private ConversationId record(
            ChannelAccount account,
            String externalId,
            String parent,
            Direction direction,
            String text,
            int hoursAgo,
            String language) {
        IncomingMessage message = new IncomingMessage(
                account.id(),
                account.network(),
                externalId,
                parent,
                "post-1",
                null,
                ConversationKind.COMMENT,
                direction,
                direction == Direction.OUTBOUND ? "Bäckerei" : "Kundin",
                direction == Direction.OUTBOUND ? "baeckerei" : "kundin",
                null,
                text,
                null,
                language,
                null,
                null,
                null,
                NOW.minus(hoursAgo, ChronoUnit.HOURS),
                null);
        List<Recorded> recorded =
                transactions.execute(tx -> inbox.record(owner.workspaceId(), List.of(), List.of(message)));
        return recorded.get(0).conversation();
    }

    private static IncomingMessage message(
            ChannelAccount account, String externalId, String parent, String text, int hoursAgo) {
        return new IncomingMessage(
                account.id(),
                account.network(),
                externalId,
                parent,
                "post-1",
                null,
                ConversationKind.COMMENT,
                Direction.INBOUND,
                "Kundin",
                "kundin",
                null,
                text,
                null,
                "de",
                null,
                null,
                null,
                NOW.minus(hoursAgo, ChronoUnit.HOURS),
                null);
    }

    private String firstExternalId(ConversationId conversation) {
        return inbox.conversation(owner.membership(), conversation)
                .messages()
                .get(0)
                .externalId();
    }

    private static void sql(String statement, Object... values) throws Exception {
        try (Connection connection = TestDatabase.get().connect();
                PreparedStatement update = connection.prepareStatement(statement)) {
            for (int i = 0; i < values.length; i++) {
                update.setObject(i + 1, values[i]);
            }
            update.executeUpdate();
        }
    }
}
