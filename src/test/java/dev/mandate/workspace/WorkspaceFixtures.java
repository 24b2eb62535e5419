package dev.mandate.workspace;

import dev.mandate.account.AccountDirectory;
import dev.mandate.account.AccountSummary;
import dev.mandate.account.CurrentAccount;
import dev.mandate.shared.Actor;
import dev.mandate.shared.WorkspaceId;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Builds workspaces with one person in each role, under names no other test uses. */
public final class WorkspaceFixtures {

    public static final String PASSWORD = "fixture-password";

    private final WorkspaceService workspaces;
    private final AccountDirectory accounts;

    public WorkspaceFixtures(WorkspaceService workspaces, AccountDirectory accounts) {
        this.workspaces = workspaces;
        this.accounts = accounts;
    }

    /** A brand with an owner, staff, an agency lead and agent, an advisor, and an agreed mandate. */
    public Team brandWithAgency() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Person owner = person("owner-" + tag, "Olga Owner");
        WorkspaceService.CreatedWorkspace created =
                workspaces.create(Actor.SYSTEM, "Brand " + tag, "Europe/Berlin", owner.email(), "Olga Owner");
        WorkspaceId id = created.workspace().id();
        Person staff = member(id, owner, "staff-" + tag, "Stan Staff", Role.STAFF);
        Person lead = member(id, owner, "lead-" + tag, "Lea Lead", Role.LEAD);
        Person agent = member(id, owner, "agent-" + tag, "Aga Agent", Role.AGENT);
        Person advisor = member(id, owner, "advisor-" + tag, "Ada Advisor", Role.AUDITOR);
        workspaces.changeMandate(id, owner.account(), terms(), null);
        return new Team(created.workspace(), owner, staff, lead, agent, advisor);
    }

    public static MandateTerms terms() {
        return new MandateTerms(
                "Agency GmbH",
                LocalDate.of(2026, 1, 1),
                null,
                Set.of(Scope.MONITORING, Scope.COMMUNITY_REPLIES),
                List.of("opening hours"),
                30,
                null);
    }

    private Person member(WorkspaceId id, Person owner, String name, String displayName, Role role) {
        Person person = person(name, displayName);
        workspaces.invite(id, owner.account(), person.email(), displayName, role);
        return person;
    }

    private Person person(String name, String displayName) {
        String email = name + "@fixture.example";
        AccountSummary summary = accounts.create(email, displayName, PASSWORD);
        return new Person(new CurrentAccount(summary.id(), email, displayName, false), email);
    }

    /** Someone who can sign in with {@link #PASSWORD}. */
    public record Person(CurrentAccount account, String email) {}

    /** A workspace with one person in each role. */
    public record Team(WorkspaceRef workspace, Person owner, Person staff, Person lead, Person agent, Person advisor) {

        public WorkspaceId id() {
            return workspace.id();
        }
    }
}
