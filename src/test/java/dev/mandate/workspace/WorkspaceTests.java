package dev.mandate.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.shared.AccountId;
import dev.mandate.shared.Actor;
import dev.mandate.shared.Conflict;
import dev.mandate.shared.Forbidden;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Who may bring people into a workspace, and that it always keeps an owner. */
class WorkspaceTests {

    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

    private final AccountId ownerId = AccountId.random();
    private final Workspace workspace = Workspace.create("Brand", "Europe/Berlin", ownerId, Actor.SYSTEM, NOW);

    @ParameterizedTest
    @EnumSource(Role.class)
    void letsAnOwnerInviteAnyRole(Role role) {
        AccountId newcomer = AccountId.random();

        workspace.invite(owner(), newcomer, "new@example.com", role, NOW);

        assertThat(workspace.memberFor(newcomer)).map(Member::role).contains(role);
    }

    @Test
    void letsAnAgencyLeadInviteAnAgent() {
        Membership lead = join(Role.LEAD);
        AccountId agent = AccountId.random();

        workspace.invite(lead, agent, "agent@example.com", Role.AGENT, NOW);

        assertThat(workspace.memberFor(agent)).map(Member::role).contains(Role.AGENT);
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = "AGENT", mode = EnumSource.Mode.EXCLUDE)
    void refusesAnAgencyLeadInvitingAnyoneButAnAgent(Role role) {
        Membership lead = join(Role.LEAD);
        AccountId newcomer = AccountId.random();

        assertThatThrownBy(() -> workspace.invite(lead, newcomer, "new@example.com", role, NOW))
                .isInstanceOf(Forbidden.class);
        assertThat(workspace.memberFor(newcomer)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(
            value = Role.class,
            names = {"STAFF", "AGENT", "AUDITOR"})
    void refusesInvitationsByMembersWhoAreNeitherOwnerNorLead(Role role) {
        Membership member = join(role);
        AccountId newcomer = AccountId.random();

        assertThatThrownBy(() -> workspace.invite(member, newcomer, "new@example.com", Role.AGENT, NOW))
                .isInstanceOf(Forbidden.class);
        assertThat(workspace.memberFor(newcomer)).isEmpty();
    }

    @Test
    void refusesToInviteSomeoneWhoIsAMemberAlready() {
        Membership staff = join(Role.STAFF);

        assertThatThrownBy(() -> workspace.invite(owner(), staff.accountId(), "staff@example.com", Role.LEAD, NOW))
                .isInstanceOf(Conflict.class);
        assertThat(workspace.memberFor(staff.accountId())).map(Member::role).contains(Role.STAFF);
    }

    @Test
    void keepsItsLastOwner() {
        assertThatThrownBy(() -> workspace.remove(owner(), ownerId)).isInstanceOf(Conflict.class);
        assertThat(workspace.memberFor(ownerId)).isPresent();
    }

    @Test
    void letsAnOwnerRemoveAnotherOwner() {
        Membership second = join(Role.OWNER);

        workspace.remove(second, ownerId);

        assertThat(workspace.memberFor(ownerId)).isEmpty();
        assertThat(workspace.members()).extracting(Member::role).containsExactly(Role.OWNER);
    }

    @Test
    void refusesRemovalsByMembersWhoAreNotOwners() {
        Membership lead = join(Role.LEAD);
        Membership agent = join(Role.AGENT);

        assertThatThrownBy(() -> workspace.remove(lead, agent.accountId())).isInstanceOf(Forbidden.class);
        assertThat(workspace.memberFor(agent.accountId())).isPresent();
    }

    private Membership owner() {
        return new Membership(workspace.ref(), ownerId, "Olga Owner", Role.OWNER);
    }

    private Membership join(Role role) {
        AccountId id = AccountId.random();
        workspace.invite(owner(), id, role.name().toLowerCase() + "@example.com", role, NOW);
        return new Membership(workspace.ref(), id, role.label(), role);
    }
}
