package dev.mandate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.mandate.account.AccountDirectory;
import dev.mandate.account.AccountSummary;
import dev.mandate.account.CurrentAccount;
import dev.mandate.audit.AuditEntry;
import dev.mandate.audit.AuditTrail;
import dev.mandate.inbox.Casework;
import dev.mandate.inbox.ConversationSummary;
import dev.mandate.inbox.ConversationThread;
import dev.mandate.inbox.Inbox;
import dev.mandate.inbox.ThreadMessage;
import dev.mandate.shared.Actor;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.Role;
import dev.mandate.workspace.Scope;
import dev.mandate.workspace.WorkspaceAccess;
import dev.mandate.workspace.WorkspaceService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.PlatformTransactionManager;

@SpringBootTest
class DemoWorkspaceTests {

    static final String PASSWORD = "demo-password-for-tests";

    @Autowired
    AccountDirectory accounts;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    WorkspaceAccess access;

    @Autowired
    Inbox inbox;

    @Autowired
    DemoInbox demoInbox;

    @Autowired
    dev.mandate.routing.RoutingRules routing;

    @Autowired
    Casework casework;

    @Autowired
    AuditTrail audit;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    Clock clock;

    final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @Test
    void createsTheDemoWorkspaceOnceAndPrintsHowToSignIn() {
        String domain = uniqueDomain();
        DemoWorkspace demo = onANewInstance(properties(true, domain));

        demo.run(new DefaultApplicationArguments());
        demo.run(new DefaultApplicationArguments());

        AccountSummary owner = accounts.findByEmail("owner@" + domain).orElseThrow();
        List<Membership> memberships = access.workspacesOf(owner.id(), owner.displayName());
        assertThat(memberships).singleElement().satisfies(m -> {
            assertThat(m.workspace().name()).isEqualTo("Bäckerei Sonnenkorn");
            assertThat(m.workspace().timeZone()).isEqualTo("Europe/Berlin");
            assertThat(m.role()).isEqualTo(Role.OWNER);
        });
        Membership membership = memberships.get(0);
        CurrentAccount asOwner = new CurrentAccount(owner.id(), owner.email(), owner.displayName(), false);
        assertThat(workspaces.members(membership.workspaceId(), asOwner))
                .extracting(WorkspaceService.MemberView::email, WorkspaceService.MemberView::role)
                .containsExactlyInAnyOrder(
                        tuple("owner@" + domain, Role.OWNER),
                        tuple("lead@" + domain, Role.LEAD),
                        tuple("agent@" + domain, Role.AGENT),
                        tuple("advisor@" + domain, Role.AUDITOR));
        assertThat(workspaces.mandate(membership.workspaceId(), asOwner).terms())
                .hasValueSatisfying(terms -> {
                    assertThat(terms.agencyName()).isEqualTo("Kiezkommunikation");
                    assertThat(terms.scope())
                            .containsExactlyInAnyOrder(Scope.MONITORING, Scope.COMMUNITY_REPLIES, Scope.REPORTING);
                    assertThat(terms.replyTopics()).contains("opening hours", "orders", "allergens");
                    assertThat(terms.noticePeriodDays()).isEqualTo(30);
                });
        assertThat(routing.versions(membership)).singleElement().satisfies(proposal -> {
            assertThat(proposal.approved())
                    .as("the agency's proposal waits for the owner")
                    .isFalse();
            assertThat(proposal.savedByParty()).isEqualTo(dev.mandate.shared.Party.AGENCY);
        });
        assertThat(audit.entries(membership.workspaceId(), null, 50))
                .extracting(AuditEntry::action, AuditEntry::actorName)
                .contains(
                        tuple("workspace.created", Actor.SYSTEM.name()),
                        tuple("member.invited", owner.displayName()),
                        tuple("mandate.changed", owner.displayName()));
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("owner@" + domain, "lead@" + domain, "Agency lead", PASSWORD);
        assertThat(console.toString(StandardCharsets.UTF_8).split("owner@" + domain, -1))
                .as("the sign-in details, printed once")
                .hasSize(2);
    }

    @Test
    void writesConversationsInGermanAndEnglishWithAThreadTwoRepliesDeep() {
        String domain = uniqueDomain();
        onANewInstance(properties(true, domain)).run(new DefaultApplicationArguments());
        AccountSummary owner = accounts.findByEmail("owner@" + domain).orElseThrow();
        Membership membership =
                access.workspacesOf(owner.id(), owner.displayName()).get(0);

        List<ConversationSummary> conversations =
                inbox.conversations(membership, 50, null).conversations();

        assertThat(conversations).hasSizeGreaterThanOrEqualTo(6);
        assertThat(conversations).extracting(ConversationSummary::language).contains("de", "en");
        assertThat(conversations)
                .extracting(ConversationSummary::lastMessageAt)
                .allSatisfy(at -> assertThat(at)
                        .isBefore(clock.instant())
                        .isAfter(clock.instant().minus(Duration.ofDays(7))));
        List<ConversationThread> threads = conversations.stream()
                .map(c -> inbox.conversation(membership, c.id()))
                .toList();
        assertThat(threads)
                .flatExtracting(ConversationThread::messages)
                .extracting(ThreadMessage::depth)
                .contains(2);
        assertThat(threads)
                .flatExtracting(ConversationThread::messages)
                .filteredOn(ThreadMessage::outbound)
                .isNotEmpty();
        assertThat(threads)
                .as("every conversation sits under its post or is a direct thread")
                .extracting(ConversationThread::contextTitle)
                .contains("New in: our spelt and walnut loaf");
        assertThat(conversations)
                .as("a morning's work is done: something assigned, something escalated")
                .extracting(ConversationSummary::state)
                .contains(dev.mandate.inbox.ConversationState.ESCALATED);
        assertThat(conversations).flatExtracting(ConversationSummary::tags).contains("allergens", "catering");
        assertThat(casework.followUpsOf(access.workspacesOf(
                                accounts.findByEmail("agent@" + domain)
                                        .orElseThrow()
                                        .id(),
                                "Jonas Weber")
                        .get(0)))
                .extracting(Casework.FollowUp::title)
                .containsExactly("Ask the bakery whether the walnut loaf shares trays with sesame");
    }

    @Test
    void createsNothingOnAnInstanceThatHasWorkspacesOrWhenSwitchedOff() {
        workspaces.create(Actor.SYSTEM, "Somebody else", "Europe/Berlin", "someone@" + uniqueDomain(), "Someone");
        String onUsedInstance = uniqueDomain();
        String switchedOff = uniqueDomain();

        new DemoWorkspace(
                        properties(true, onUsedInstance),
                        accounts,
                        workspaces,
                        demoInbox,
                        routing,
                        transactions,
                        clock,
                        false)
                .run(new DefaultApplicationArguments());
        onANewInstance(properties(false, switchedOff)).run(new DefaultApplicationArguments());

        assertThat(accounts.findByEmail("owner@" + onUsedInstance)).isEmpty();
        assertThat(accounts.findByEmail("owner@" + switchedOff)).isEmpty();
    }

    /** The demo as it runs on a new instance: other test classes share this database and have workspaces in it. */
    private DemoWorkspace onANewInstance(DemoProperties properties) {
        return new DemoWorkspace(
                properties,
                accounts,
                workspaces,
                demoInbox,
                routing,
                transactions,
                clock,
                false,
                new PrintStream(console, true, StandardCharsets.UTF_8)) {
            @Override
            boolean instanceHasWorkspaces() {
                return false;
            }
        };
    }

    private static DemoProperties properties(boolean enabled, String domain) {
        return new DemoProperties(enabled, PASSWORD, domain);
    }

    private static String uniqueDomain() {
        return "demo-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }
}
