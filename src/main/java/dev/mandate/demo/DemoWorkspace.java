package dev.mandate.demo;

import dev.mandate.account.AccountDirectory;
import dev.mandate.account.AccountSummary;
import dev.mandate.account.CurrentAccount;
import dev.mandate.inbox.ConversationId;
import dev.mandate.routing.RoutingRules;
import dev.mandate.shared.AccountId;
import dev.mandate.shared.Actor;
import dev.mandate.shared.WorkspaceId;
import dev.mandate.workspace.MandateTerms;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.Role;
import dev.mandate.workspace.Scope;
import dev.mandate.workspace.WorkspaceRef;
import dev.mandate.workspace.WorkspaceService;
import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the demo workspace on the first start of an instance that has no workspace yet: Bäckerei Sonnenkorn,
 * its owner, the agency Kiezkommunikation with a lead and an agent, an advisor, the mandate, and a few
 * conversations. The owner invites the others and agrees the mandate, so the audit trail shows those steps.
 */
@Component
// After the instance administrator (HIGHEST_PRECEDENCE), so that a first start prints the administrator first.
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class DemoWorkspace implements ApplicationRunner {

    static final String NAME = "Bäckerei Sonnenkorn";
    static final String TIME_ZONE = "Europe/Berlin";
    static final String AGENCY = "Kiezkommunikation";

    private static final Logger log = LoggerFactory.getLogger(DemoWorkspace.class);

    // WorkspaceService tells only the administrator which workspaces exist; the demo asks as the system.
    private final DemoProperties properties;
    private final AccountDirectory accounts;
    private final WorkspaceService workspaces;
    private final DemoInbox inbox;
    private final RoutingRules routing;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final boolean commandMode;
    private final PrintStream console;

    @Autowired
    DemoWorkspace(
            DemoProperties properties,
            AccountDirectory accounts,
            WorkspaceService workspaces,
            DemoInbox inbox,
            RoutingRules routing,
            PlatformTransactionManager transactionManager,
            Clock clock,
            @Value("${mandate.command-mode:false}") boolean commandMode) {
        this(properties, accounts, workspaces, inbox, routing, transactionManager, clock, commandMode, System.out);
    }

    DemoWorkspace(
            DemoProperties properties,
            AccountDirectory accounts,
            WorkspaceService workspaces,
            DemoInbox inbox,
            RoutingRules routing,
            PlatformTransactionManager transactionManager,
            Clock clock,
            boolean commandMode,
            PrintStream console) {
        this.properties = properties;
        this.accounts = accounts;
        this.workspaces = workspaces;
        this.inbox = inbox;
        this.routing = routing;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.commandMode = commandMode;
        this.console = console;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.enabled() || commandMode) {
            return;
        }
        List<DemoPerson> people = transactions.execute(status -> wanted() ? create() : List.of());
        if (!people.isEmpty()) {
            log.info("Created the demo workspace {}", NAME);
            print(people);
        }
    }

    /** Whether the demo belongs here: a new instance, and no demo people left over from an earlier demo. */
    private boolean wanted() {
        // The people may outlive their workspace; creating them again would fail on their e-mail addresses.
        return !instanceHasWorkspaces() && accounts.findByEmail(email("owner")).isEmpty();
    }

    boolean instanceHasWorkspaces() {
        return workspaces.anyExists();
    }

    private List<DemoPerson> create() {
        DemoPerson owner = person("owner", "Sabine Korn", Role.OWNER);
        DemoPerson lead = person("lead", "Deniz Aydın", Role.LEAD);
        DemoPerson agent = person("agent", "Jonas Weber", Role.AGENT);
        DemoPerson advisor = person("advisor", "Dr. Petra Lang", Role.AUDITOR);
        WorkspaceRef created = workspaces
                .create(Actor.SYSTEM, NAME, TIME_ZONE, owner.email(), owner.name())
                .workspace();
        WorkspaceId workspace = created.id();
        CurrentAccount asOwner = owner.signedIn();
        for (DemoPerson member : List.of(lead, agent, advisor)) {
            workspaces.invite(workspace, asOwner, member.email(), member.name(), member.role());
        }
        workspaces.changeMandate(workspace, asOwner, mandate(), null);
        List<ConversationId> conversations =
                inbox.fill(workspace, DemoConversations.before(clock.instant(), ZoneId.of(TIME_ZONE)));
        inbox.work(
                owner.in(created),
                lead.in(created),
                agent.in(created),
                conversations.get(DemoConversations.ALLERGENS),
                conversations.get(DemoConversations.COMPLAINT),
                conversations.get(DemoConversations.CATERING));
        // The agency's proposal of routing rules, waiting for the owner's sign-off on the Routing page.
        routing.save(lead.in(created), RoutingRules.EXAMPLE);
        return List.of(owner, lead, agent, advisor);
    }

    private DemoPerson person(String mailbox, String name, Role role) {
        AccountSummary account = accounts.create(email(mailbox), name, properties.password());
        return new DemoPerson(account.id(), account.email(), name, role);
    }

    private MandateTerms mandate() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of(TIME_ZONE)));
        return new MandateTerms(
                AGENCY,
                today.minusMonths(3).withDayOfMonth(1),
                null,
                Set.of(Scope.MONITORING, Scope.COMMUNITY_REPLIES, Scope.REPORTING),
                List.of("opening hours", "orders", "allergens"),
                30,
                null);
    }

    String email(String mailbox) {
        return mailbox + "@" + properties.emailDomain();
    }

    private void print(List<DemoPerson> people) {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("  Demo workspace: " + NAME + " (password for everyone: " + properties.password() + ")");
        for (DemoPerson person : people) {
            lines.add(
                    String.format("    %-32s %s", person.email(), person.role().label()));
        }
        lines.add("  Switch the demo off with MANDATE_DEMO=false.");
        lines.add("");
        console.println(String.join(System.lineSeparator(), lines));
    }

    /** One of the demo's people. */
    record DemoPerson(AccountId id, String email, String name, Role role) {

        CurrentAccount signedIn() {
            return new CurrentAccount(id, email, name, false);
        }

        Membership in(WorkspaceRef workspace) {
            return new Membership(workspace, id, name, role);
        }
    }
}
