package dev.mandate.workspace;

import dev.mandate.account.AccountDirectory;
import dev.mandate.account.AccountDirectory.Invitation;
import dev.mandate.account.AccountSummary;
import dev.mandate.account.CurrentAccount;
import dev.mandate.shared.AccountId;
import dev.mandate.shared.Actor;
import dev.mandate.shared.Conflict;
import dev.mandate.shared.Forbidden;
import dev.mandate.shared.NotFound;
import dev.mandate.shared.Party;
import dev.mandate.shared.WorkspaceId;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates workspaces, brings people in and out, and keeps the mandate. */
@Service
public class WorkspaceService {

    private final Workspaces workspaces;
    private final Mandates mandates;
    private final WorkspaceAccess access;
    private final AccountDirectory accounts;
    private final Clock clock;

    WorkspaceService(
            Workspaces workspaces, Mandates mandates, WorkspaceAccess access, AccountDirectory accounts, Clock clock) {
        this.workspaces = workspaces;
        this.mandates = mandates;
        this.access = access;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Creates a workspace; only the instance administrator may. The owner is invited if they are new. */
    @Transactional
    public CreatedWorkspace create(
            CurrentAccount by, String name, String timeZone, String ownerEmail, String ownerName) {
        if (!by.instanceAdmin()) {
            throw new Forbidden("Only the instance administrator creates workspaces.");
        }
        return create(new Actor(by.id(), by.displayName(), Party.OPERATOR), name, timeZone, ownerEmail, ownerName);
    }

    /** Creates a workspace on behalf of {@code creator} (the administrator, or the system for the demo). */
    @Transactional
    public CreatedWorkspace create(Actor creator, String name, String timeZone, String ownerEmail, String ownerName) {
        Invitation owner = accounts.invite(ownerEmail, ownerName);
        Workspace workspace =
                workspaces.save(Workspace.create(name, timeZone, owner.accountId(), creator, clock.instant()));
        return new CreatedWorkspace(workspace.ref(), owner);
    }

    @Transactional
    public Invitation invite(WorkspaceId id, CurrentAccount by, String email, String displayName, Role role) {
        Membership membership = access.require(id, by);
        Workspace workspace = load(id);
        Invitation invitation = accounts.invite(email, displayName);
        workspace.invite(
                membership, invitation.accountId(), invitation.account().email(), role, clock.instant());
        workspaces.save(workspace);
        return invitation;
    }

    @Transactional
    public void remove(WorkspaceId id, CurrentAccount by, AccountId member) {
        Membership membership = access.require(id, by);
        Workspace workspace = load(id);
        workspace.remove(membership, member);
        workspaces.save(workspace);
    }

    @Transactional(readOnly = true)
    public List<MemberView> members(WorkspaceId id, CurrentAccount by) {
        access.require(id, by);
        Workspace workspace = load(id);
        Map<AccountId, AccountSummary> people =
                accounts
                        .getAll(workspace.members().stream()
                                .map(m -> new AccountId(m.accountId()))
                                .toList())
                        .stream()
                        .collect(Collectors.toMap(AccountSummary::id, Function.identity()));
        return workspace.members().stream()
                .map(m -> {
                    AccountSummary person = people.get(new AccountId(m.accountId()));
                    return new MemberView(
                            person.id(),
                            person.email(),
                            person.displayName(),
                            m.role(),
                            person.activated(),
                            m.joinedAt());
                })
                .sorted(Comparator.comparing(MemberView::role).thenComparing(MemberView::displayName))
                .toList();
    }

    @Transactional(readOnly = true)
    public MandateView mandate(WorkspaceId id, CurrentAccount by) {
        Membership membership = access.require(id, by);
        Mandate mandate = mandates.findById(id.value()).orElseGet(() -> Mandate.none(id));
        return new MandateView(
                membership.workspace(),
                mandate.terms(),
                mandate.version(),
                mandate.updatedAt(),
                membership.isBrandOwner());
    }

    /**
     * The mandate's terms as they stand, for checks made on a member's behalf (e.g. whether the agency may reply in
     * a conversation); empty while no mandate is agreed.
     */
    @Transactional(readOnly = true)
    public Optional<MandateTerms> terms(Membership member) {
        return mandates.findById(member.workspaceId().value()).flatMap(Mandate::terms);
    }

    /**
     * Sets the mandate's terms. {@code expectedVersion} is the version the editor saw ({@code null} for a
     * mandate not yet agreed): a change made meanwhile by someone else is refused rather than overwritten.
     */
    @Transactional
    public MandateView changeMandate(WorkspaceId id, CurrentAccount by, MandateTerms terms, Long expectedVersion) {
        Membership membership = access.require(id, by);
        if (!membership.isBrandOwner()) {
            // Refused before the version check, so that a stale version tells an outsider to the mandate nothing.
            throw new Forbidden("Only the brand's owners can change the mandate.");
        }
        Mandate mandate = mandates.findById(id.value()).orElseGet(() -> Mandate.none(id));
        if (!java.util.Objects.equals(mandate.version(), expectedVersion)) {
            throw new Conflict(
                    "concurrent-change", "Someone else changed the mandate meanwhile; load it again and retry.");
        }
        // An unchanged save keeps the version, so that it does not turn another owner's edit into a conflict.
        Mandate saved = mandate.change(terms, membership, clock.instant()) ? mandates.save(mandate) : mandate;
        return new MandateView(
                membership.workspace(), saved.terms(), saved.version(), saved.updatedAt(), membership.isBrandOwner());
    }

    private Workspace load(WorkspaceId id) {
        return workspaces.findById(id.value()).orElseThrow(() -> new NotFound("workspace"));
    }

    /** Whether the instance has any workspace yet. */
    @Transactional(readOnly = true)
    public boolean anyExists() {
        return workspaces.count() > 0;
    }

    /** Whether a workspace with this id exists (for operator commands, which act outside any membership). */
    @Transactional(readOnly = true)
    public boolean exists(WorkspaceId id) {
        return workspaces.existsById(id.value());
    }

    /** All workspaces of the instance, for the administrator's overview. */
    @Transactional(readOnly = true)
    public List<WorkspaceSummary> all(CurrentAccount by) {
        if (!by.instanceAdmin()) {
            throw new Forbidden("Only the instance administrator sees all workspaces.");
        }
        return workspaces.findAllByName().stream()
                .map(w -> new WorkspaceSummary(w.ref(), w.members().size(), w.createdAt()))
                .toList();
    }

    /** A new workspace and the invitation of its owner. */
    public record CreatedWorkspace(WorkspaceRef workspace, Invitation owner) {}

    /** A member as the members page lists them. */
    public record MemberView(
            AccountId accountId, String email, String displayName, Role role, boolean activated, Instant joinedAt) {}

    /** A workspace in the administrator's list; the administrator sees its name, not its content. */
    public record WorkspaceSummary(WorkspaceRef workspace, int members, Instant createdAt) {}

    /** The mandate as a page or the API shows it. */
    public record MandateView(
            WorkspaceRef workspace, Optional<MandateTerms> terms, Long version, Instant updatedAt, boolean editable) {}
}
