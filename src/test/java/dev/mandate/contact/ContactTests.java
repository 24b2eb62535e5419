package dev.mandate.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.account.AccountDirectory;
import dev.mandate.audit.AuditEntry;
import dev.mandate.audit.AuditTrail;
import dev.mandate.channel.ChannelAccounts;
import dev.mandate.ingest.Ingest;
import dev.mandate.shared.Conflict;
import dev.mandate.shared.Forbidden;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.NotFound;
import dev.mandate.workspace.WorkspaceAccess;
import dev.mandate.workspace.WorkspaceService;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Contacts as the brand and the agency work with them, on a real PostgreSQL. */
@SpringBootTest
class ContactTests {

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Autowired
    Contacts contacts;

    @Autowired
    ContactBook book;

    @Autowired
    CustomerImport imports;

    @Autowired
    AuditTrail audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    AccountDirectory directory;

    @Autowired
    WorkspaceAccess access;

    @Autowired
    ChannelAccounts accounts;

    @Autowired
    Ingest ingest;

    ContactFixtures fixtures;
    ContactFixtures.Desk desk;

    @BeforeEach
    void desk() {
        fixtures = new ContactFixtures(workspaces, directory, access, accounts, ingest);
        desk = fixtures.desk();
    }

    @Test
    void knowsTheAuthorOfAnIngestedMessageAsAContact() {
        fixtures.writes(desk.mastodon(), "@Priya@social.example", "Priya Raman", "Sesame?", NOW);

        ContactSummary priya =
                only(book.list(desk.agent(), "priya", null, null, 10).items());

        assertThat(priya.displayName()).isEqualTo("Priya Raman");
        assertThat(priya.customer()).isFalse();
        assertThat(priya.identities())
                .extracting(ContactSummary.Identity::network, ContactSummary.Identity::handle)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("mastodon", "@priya@social.example"));
        assertThat(contacts.summary(desk.team().id(), priya.id())).isEqualTo(priya);
    }

    @Test
    void findsContactsByNameHandleEmailAndCustomerNumber() {
        fixtures.writes(desk.mastodon(), "@hanna@social.example", "Hanna Schulz", "Hallo", NOW);
        fixtures.writes(desk.email(), "jonas.beck@mail.example", "Jonas Beck", "Order 12", NOW);
        ContactId jonas = only(book.list(desk.owner(), "jonas.beck@", null, null, 10)
                        .items())
                .id();
        book.setCustomer(desk.owner(), jonas, true, "K-4711");

        assertThat(names(book.list(desk.owner(), "SCHULZ", null, null, 10).items()))
                .containsExactly("Hanna Schulz");
        assertThat(names(book.list(desk.owner(), "@hanna", null, null, 10).items()))
                .containsExactly("Hanna Schulz");
        assertThat(names(book.list(desk.owner(), "mail.example", null, null, 10).items()))
                .containsExactly("Jonas Beck");
        assertThat(names(book.list(desk.owner(), "k-4711", null, null, 10).items()))
                .containsExactly("Jonas Beck");
        assertThat(names(book.list(desk.owner(), null, true, null, 10).items())).containsExactly("Jonas Beck");
        assertThat(names(book.list(desk.owner(), null, false, null, 10).items()))
                .containsExactly("Hanna Schulz");
        assertThat(book.list(desk.owner(), "50%_", null, null, 10).items()).isEmpty();
    }

    @Test
    void pagesThroughContactsInNameOrder() {
        for (String name : List.of("Cem", "anna", "Bert", "Dora", "Emil")) {
            fixtures.writes(desk.mastodon(), "@" + name + "@x.example", name, "Hi", NOW);
        }
        ContactQueries.ContactPage first = book.list(desk.owner(), null, null, null, 2);
        ContactQueries.ContactPage second = book.list(desk.owner(), null, null, first.next(), 2);
        ContactQueries.ContactPage third = book.list(desk.owner(), null, null, second.next(), 2);

        assertThat(names(first.items())).containsExactly("anna", "Bert");
        assertThat(names(second.items())).containsExactly("Cem", "Dora");
        assertThat(names(third.items())).containsExactly("Emil");
        assertThat(third.next()).isNull();
    }

    @Test
    void letsOnlyTheBrandSayWhoIsACustomer() {
        ContactId priya = priya();

        assertThatThrownBy(() -> book.setCustomer(desk.advisor(), priya, true, "K-1"))
                .isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> book.setCustomer(desk.agent(), priya, true, "K-1"))
                .isInstanceOf(Forbidden.class);
        assertThat(contacts.summary(desk.team().id(), priya).customer()).isFalse();

        book.setCustomer(desk.staff(), priya, true, " K-1 ");

        ContactSummary summary = contacts.summary(desk.team().id(), priya);
        assertThat(summary.customer()).isTrue();
        assertThat(summary.customerNumber()).isEqualTo("K-1");
        AuditEntry entry = audit.entries(desk.team().id(), null, 1).get(0);
        assertThat(entry.action()).isEqualTo("contact.customer-changed");
        assertThat(entry.subjectId()).isEqualTo(priya.toString());
        assertThat(entry.details()).contains("K-1");
    }

    @Test
    void letsTheAgencyButNotTheAdvisorCorrectNamesAndIdentities() {
        ContactId priya = priya();

        assertThatThrownBy(() -> book.change(desk.advisor(), priya, "P.", null, null))
                .isInstanceOf(Forbidden.class);
        book.change(desk.agent(), priya, "Priya R.", "Prefers e-mail", null);
        book.addIdentity(desk.agent(), priya, "email", "Priya@Mail.example", null);

        ContactSummary summary = contacts.summary(desk.team().id(), priya);
        assertThat(summary.displayName()).isEqualTo("Priya R.");
        assertThat(summary.identities())
                .extracting(ContactSummary.Identity::handle)
                .contains("priya@mail.example");
        assertThat(audit.entries(desk.team().id(), null, 2))
                .extracting(AuditEntry::action)
                .containsExactly("contact.identity-added", "contact.changed");
    }

    @Test
    void refusesAnIdentityThatAnotherContactHasAndNamesThatContact() {
        ContactId priya = priya();
        fixtures.writes(desk.email(), "priya@mail.example", "P. Raman", "Hello", NOW);
        ContactId other = only(book.list(desk.owner(), "priya@mail", null, null, 10)
                        .items())
                .id();

        assertThatThrownBy(() -> book.addIdentity(desk.owner(), priya, "email", "priya@mail.example", null))
                .isInstanceOfSatisfying(IdentityTaken.class, taken -> {
                    assertThat(taken.owner()).isEqualTo(other);
                    assertThat(taken.getStatusCode().value()).isEqualTo(409);
                    assertThat(taken.getMessage()).contains("P. Raman").contains("merge");
                });
    }

    @Test
    void tagsContactsAndKeepsTheTagsOfBothOnAMerge() {
        fixtures.writes(desk.mastodon(), "@priya@social.example", "Priya Raman", "Sesame?", NOW);
        fixtures.writes(desk.email(), "priya@mail.example", "P. Raman", "Invoice", NOW.plusSeconds(60));
        ContactId fromMastodon =
                only(book.list(desk.owner(), "@priya@", null, null, 10).items()).id();
        ContactId fromMail = only(book.list(desk.owner(), "priya@mail", null, null, 10)
                        .items())
                .id();

        book.tag(desk.agent(), fromMastodon, "#VIP");
        book.tag(desk.agent(), fromMastodon, "vip");
        book.tag(desk.owner(), fromMail, "wholesale");
        assertThatThrownBy(() -> book.tag(desk.advisor(), fromMail, "x")).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> book.tag(desk.agent(), fromMail, "two words"))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.field()).isEqualTo("tag"));
        assertThat(contacts.tags(desk.team().id(), fromMastodon)).containsExactly("vip");

        book.merge(desk.agent(), fromMastodon, fromMail);

        assertThat(contacts.tags(desk.team().id(), fromMastodon)).containsExactly("vip", "wholesale");
        book.untag(desk.agent(), fromMail, "vip");
        assertThat(contacts.tags(desk.team().id(), fromMail)).containsExactly("wholesale");
    }

    @Test
    void mergesTwoContactsMovingIdentitiesAndConversations() {
        String comment = fixtures.writes(desk.mastodon(), "@priya@social.example", "Priya Raman", "Sesame?", NOW);
        String mail = fixtures.writes(desk.email(), "priya@mail.example", "P. Raman", "Invoice", NOW.plusSeconds(60));
        ContactId fromMastodon =
                only(book.list(desk.owner(), "@priya@", null, null, 10).items()).id();
        ContactId fromMail = only(book.list(desk.owner(), "priya@mail", null, null, 10)
                        .items())
                .id();
        book.setCustomer(desk.owner(), fromMail, true, "K-77");

        assertThatThrownBy(() -> book.merge(desk.advisor(), fromMastodon, fromMail))
                .isInstanceOf(Forbidden.class);
        book.merge(desk.agent(), fromMastodon, fromMail);

        ContactSummary merged = contacts.summary(desk.team().id(), fromMail);
        assertThat(merged.customer()).isTrue();
        assertThat(merged.customerNumber()).isEqualTo("K-77");
        assertThat(merged.identities())
                .extracting(ContactSummary.Identity::handle)
                .containsExactlyInAnyOrder("@priya@social.example", "priya@mail.example");
        assertThat(contacts.summary(desk.team().id(), fromMastodon)).isEqualTo(merged);
        assertThat(book.resolve(desk.owner(), fromMastodon)).isEqualTo(fromMail);
        assertThatThrownBy(() -> book.view(desk.owner(), fromMastodon)).isInstanceOf(NotFound.class);
        assertThat(contactOf("inbox.conversation", "id", comment)).isEqualTo(fromMail.value());
        assertThat(contactOf("inbox.message", "conversation_id", comment)).isEqualTo(fromMail.value());
        assertThat(contactOf("inbox.conversation", "id", mail)).isEqualTo(fromMail.value());
        assertThat(book.history(desk.owner(), fromMail, 10)).hasSize(2);
        AuditEntry entry = audit.entries(desk.team().id(), null, 1).get(0);
        assertThat(entry.action()).isEqualTo("contact.merged");
        assertThat(entry.details()).contains(fromMastodon.toString());

        // The next message from the merged identity finds the surviving contact.
        fixtures.writes(desk.mastodon(), "@priya@social.example", "Priya Raman", "Again", NOW.plusSeconds(120));
        assertThat(book.list(desk.owner(), "priya", null, null, 10).items()).hasSize(1);
    }

    @Test
    void keepsInTheHistoryAMessageRecordedUnderAContactWhileItWasMerged() {
        String comment = fixtures.writes(desk.mastodon(), "@priya@social.example", "Priya Raman", "Sesame?", NOW);
        String mail = fixtures.writes(desk.email(), "priya@mail.example", "P. Raman", "Invoice", NOW.plusSeconds(60));
        ContactId fromMastodon = new ContactId(contactOf("inbox.conversation", "id", comment));
        ContactId fromMail = new ContactId(contactOf("inbox.conversation", "id", mail));
        book.merge(desk.owner(), fromMastodon, fromMail);
        // Ingest looked the author up just before the merge and committed just after it: its rows keep the old id.
        jdbc.sql("update inbox.conversation set contact_id = :old where id = :id")
                .param("old", fromMastodon.value())
                .param("id", UUID.fromString(comment))
                .update();
        jdbc.sql("update inbox.message set contact_id = :old where conversation_id = :id")
                .param("old", fromMastodon.value())
                .param("id", UUID.fromString(comment))
                .update();

        assertThat(book.history(desk.owner(), fromMail, 10))
                .extracting(HistoryItem::conversationId)
                .containsExactly(mail, comment);
        assertThat(book.history(desk.owner(), fromMastodon, 10))
                .extracting(HistoryItem::conversationId)
                .containsExactly(mail, comment);
        assertThat(contacts.summaries(desk.team().id(), List.of(fromMastodon))
                        .get(fromMastodon)
                        .id())
                .isEqualTo(fromMail);
        assertThatThrownBy(() -> book.history(desk.owner(), new ContactId(UUID.randomUUID()), 10))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void refusesToMergeContactsWithDifferentCustomerNumbers() {
        ContactId priya = priya();
        fixtures.writes(desk.email(), "priya@mail.example", "P. Raman", "Hello", NOW);
        ContactId other = only(book.list(desk.owner(), "priya@mail", null, null, 10)
                        .items())
                .id();
        book.setCustomer(desk.owner(), priya, true, "K-1");
        book.setCustomer(desk.owner(), other, true, "K-2");

        assertThatThrownBy(() -> book.merge(desk.owner(), other, priya))
                .isInstanceOfSatisfying(
                        Conflict.class, c -> assertThat(c.getMessage()).contains("K-1", "K-2"));
        assertThat(contacts.summary(desk.team().id(), other).customerNumber()).isEqualTo("K-2");
    }

    @Test
    void refusesACustomerNumberThatAnotherContactHas() {
        ContactId priya = priya();
        fixtures.writes(desk.email(), "jonas@mail.example", "Jonas", "Hello", NOW);
        ContactId jonas =
                only(book.list(desk.owner(), "jonas", null, null, 10).items()).id();
        book.setCustomer(desk.owner(), priya, true, "K-1");

        assertThatThrownBy(() -> book.setCustomer(desk.owner(), jonas, true, "K-1"))
                .isInstanceOf(CustomerNumberTaken.class);
    }

    @Test
    void showsTheHistoryAcrossNetworksNewestFirst() {
        ContactId priya = priya();
        book.addIdentity(desk.owner(), priya, "email", "priya@mail.example", null);
        fixtures.writes(
                desk.email(), "priya@mail.example", "Priya", "Where is my order?\nSecond line", NOW.plusSeconds(60));
        fixtures.writes(desk.mastodon(), "@someone@else.example", "Someone", "Unrelated", NOW.plusSeconds(90));

        List<HistoryItem> history = book.history(desk.owner(), priya, 10);

        assertThat(history).extracting(HistoryItem::network).containsExactly("email", "mastodon");
        assertThat(history.get(0).firstLine()).isEqualTo("Where is my order?");
        assertThat(history.get(0).path())
                .startsWith("/workspaces/" + desk.team().id() + "/conversations/");
        assertThat(history.get(0).direction()).isEqualTo("INBOUND");
    }

    @Test
    void importsACustomerListFromGermanExcel() {
        ContactId priya = priya();
        String csv = "\uFEFFKundennummer;Name;E-Mail;Handle;Network\r\n"
                + "K-1;Priya Raman;;@priya@social.example;mastodon\r\n"
                + "K-2;\"Beck; Jonas\";jonas@mail.example;;\r\n"
                + "\r\n";

        CustomerImport.Result result = imports.run(desk.owner(), csv.getBytes(StandardCharsets.UTF_8));

        assertThat(result.rows()).isEqualTo(2);
        assertThat(result.created()).isEqualTo(1);
        assertThat(result.matched()).isEqualTo(1);
        assertThat(result.identitiesAdded()).isEqualTo(1);
        assertThat(contacts.summary(desk.team().id(), priya).customerNumber()).isEqualTo("K-1");
        ContactSummary jonas =
                only(book.list(desk.owner(), "K-2", true, null, 10).items());
        assertThat(jonas.displayName()).isEqualTo("Beck; Jonas");
        assertThat(jonas.identities())
                .extracting(ContactSummary.Identity::handle)
                .containsExactly("jonas@mail.example");
        AuditEntry entry = audit.entries(desk.team().id(), null, 1).get(0);
        assertThat(entry.action()).isEqualTo("contact.customers-imported");
        assertThat(entry.details()).contains("\"created\"");

        // The same list again changes nothing and matches everyone.
        CustomerImport.Result again = imports.run(desk.owner(), csv.getBytes(StandardCharsets.UTF_8));
        assertThat(again.created()).isZero();
        assertThat(again.matched()).isEqualTo(2);
    }

    @Test
    void rejectsAListWithBadLinesNamingEachAndStoringNothing() {
        ContactId priya = priya();
        book.setCustomer(desk.owner(), priya, true, "K-9");
        String csv = "customer_number,name,email,handle,network\n"
                + "K-1,Good Row,good@mail.example,,\n"
                + ",No Number,x@mail.example,,\n"
                + "K-3,Bad Mail,not-an-address,,\n"
                + "K-4,Priya again,,@priya@social.example,mastodon\n"
                + "K-1,Twice,twice@mail.example,,\n";

        assertThatThrownBy(() -> imports.run(desk.owner(), csv.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        CustomerListRejected.class,
                        rejected -> assertThat(rejected.lines())
                                .extracting(CustomerList.BadLine::line)
                                .containsExactly(3, 4, 5, 6));
        assertThat(book.list(desk.owner(), "good", null, null, 10).items()).isEmpty();
        assertThat(audit.entries(desk.team().id(), null, 1).get(0).action()).isEqualTo("contact.customer-changed");
    }

    @Test
    void keepsTheAgencyFromImportingCustomers() {
        assertThatThrownBy(() -> imports.run(desk.agent(), "customer_number,name\nK-1,A\n".getBytes()))
                .isInstanceOf(Forbidden.class);
    }

    @Test
    void answersSummariesOnlyForTheWorkspacesOwnContacts() {
        ContactId priya = priya();
        ContactFixtures.Desk other = fixtures.desk();

        assertThat(contacts.summaries(other.team().id(), List.of(priya))).isEmpty();
        assertThatThrownBy(() -> contacts.summary(other.team().id(), priya)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> book.view(other.owner(), priya)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> book.merge(other.owner(), priya, priya)).isInstanceOf(NotFound.class);
        Map<ContactId, ContactSummary> mine =
                contacts.summaries(desk.team().id(), List.of(priya, new ContactId(UUID.randomUUID())));
        assertThat(mine).containsOnlyKeys(priya);
    }

    private ContactId priya() {
        fixtures.writes(desk.mastodon(), "@priya@social.example", "Priya Raman", "Sesame?", NOW);
        return only(book.list(desk.owner(), "@priya@social", null, null, 10).items())
                .id();
    }

    private UUID contactOf(String table, String column, String id) {
        return jdbc.sql("select contact_id from " + table + " where " + column + " = :id limit 1")
                .param("id", UUID.fromString(id))
                .query(UUID.class)
                .single();
    }

    private static ContactSummary only(List<ContactSummary> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private static List<String> names(List<ContactSummary> items) {
        return items.stream().map(ContactSummary::displayName).toList();
    }
}
