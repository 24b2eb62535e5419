package dev.mandate.routing;

import dev.mandate.account.AccountDirectory;
import dev.mandate.inbox.ConversationId;
import dev.mandate.inbox.Inbox;
import dev.mandate.inbox.NewConversation;
import dev.mandate.inbox.NewMessage;
import dev.mandate.inbox.Priority;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.Role;
import dev.mandate.workspace.WorkspaceFixtures;
import dev.mandate.workspace.WorkspaceService;
import java.time.Instant;
import java.util.List;

/** A brand with its agency and advisor, as memberships, and conversations in English or German. */
final class HandoffFixtures {

    final WorkspaceFixtures.Team team;
    final Membership owner;
    final Membership staff;
    final Membership lead;
    final Membership agent;
    final Membership advisor;
    private final Inbox inbox;

    HandoffFixtures(WorkspaceService workspaces, AccountDirectory accounts, Inbox inbox) {
        this.inbox = inbox;
        this.team = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();
        this.owner = member(team.owner(), "Olga Owner", Role.OWNER);
        this.staff = member(team.staff(), "Stan Staff", Role.STAFF);
        this.lead = member(team.lead(), "Lea Lead", Role.LEAD);
        this.agent = member(team.agent(), "Aga Agent", Role.AGENT);
        this.advisor = member(team.advisor(), "Ada Advisor", Role.AUDITOR);
    }

    private Membership member(WorkspaceFixtures.Person person, String name, Role role) {
        return new Membership(team.workspace(), person.account().id(), name, role);
    }

    /** A customer's question under a post, in {@code language}. */
    ConversationId question(String body, String language) {
        return inbox.start(
                team.id(),
                new NewConversation(
                        "facebook",
                        "Our new spelt loaf",
                        "https://facebook.example/posts/1",
                        Priority.NORMAL,
                        language,
                        List.of(NewMessage.inbound("Priya Raman", null, body, language, Instant.now()))));
    }
}
