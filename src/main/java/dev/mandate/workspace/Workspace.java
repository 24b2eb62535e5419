package dev.mandate.workspace;

import dev.mandate.shared.AccountId;
import dev.mandate.shared.Actor;
import dev.mandate.shared.Conflict;
import dev.mandate.shared.Forbidden;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.WorkspaceId;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.AbstractAggregateRoot;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/** One brand's workspace and the people in it. */
@Table(schema = "workspace", name = "workspace")
class Workspace extends AbstractAggregateRoot<Workspace> {

    @Id
    private final UUID id;

    private String name;
    private final String timeZone;
    private final Instant createdAt;

    @MappedCollection(idColumn = "workspace_id")
    private final Set<Member> members;

    @Version
    private Long version;

    @PersistenceCreator
    Workspace(UUID id, String name, String timeZone, Instant createdAt, Set<Member> members, Long version) {
        this.id = id;
        this.name = name;
        this.timeZone = timeZone;
        this.createdAt = createdAt;
        this.members = new HashSet<>(members);
        this.version = version;
    }

    /** A new workspace whose first member is its brand owner. */
    static Workspace create(String name, String timeZone, AccountId owner, Actor creator, Instant now) {
        String trimmed = requireName(name);
        Workspace workspace = new Workspace(
                UUID.randomUUID(),
                trimmed,
                requireTimeZone(timeZone),
                now,
                Set.of(new Member(owner.value(), Role.OWNER, now)),
                null);
        workspace.registerEvent(new WorkspaceEvents.WorkspaceCreated(workspace.workspaceId(), creator, trimmed, owner));
        return workspace;
    }

    /**
     * Adds a member. Brand owners invite anyone; an agency lead invites the agency's agents; nobody else invites.
     */
    void invite(Membership by, AccountId account, String email, Role role, Instant now) {
        boolean allowed = by.isBrandOwner() || (by.role() == Role.LEAD && role == Role.AGENT);
        if (!allowed) {
            throw new Forbidden(
                    by.role() == Role.LEAD
                            ? "An agency lead can invite agents only."
                            : "Only the brand's owners can invite people.");
        }
        if (memberFor(account).isPresent()) {
            throw new Conflict("already-member", email + " is a member of this workspace already.");
        }
        members.add(new Member(account.value(), role, now));
        registerEvent(new WorkspaceEvents.MemberInvited(workspaceId(), by.actor(), account, email, role));
    }

    /** Removes a member; only brand owners may, and the last owner stays. */
    void remove(Membership by, AccountId account) {
        if (!by.isBrandOwner()) {
            throw new Forbidden("Only the brand's owners can remove people.");
        }
        Member member = memberFor(account).orElseThrow(() -> new dev.mandate.shared.NotFound("member"));
        if (member.role() == Role.OWNER
                && members.stream().filter(m -> m.role() == Role.OWNER).count() == 1) {
            throw new Conflict("last-owner", "The last owner cannot be removed; make someone else owner first.");
        }
        members.remove(member);
        registerEvent(new WorkspaceEvents.MemberRemoved(workspaceId(), by.actor(), account, member.role()));
    }

    Optional<Member> memberFor(AccountId account) {
        return members.stream()
                .filter(m -> m.accountId().equals(account.value()))
                .findFirst();
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInput("name", "A workspace needs a name.");
        }
        if (name.trim().length() > 120) {
            throw new InvalidInput("name", "A workspace name may have at most 120 characters.");
        }
        return name.trim();
    }

    private static String requireTimeZone(String timeZone) {
        try {
            return ZoneId.of(timeZone == null || timeZone.isBlank() ? "Europe/Berlin" : timeZone.trim())
                    .getId();
        } catch (DateTimeException e) {
            throw new InvalidInput("timeZone", "Unknown time zone: use a name like Europe/Berlin.");
        }
    }

    WorkspaceId workspaceId() {
        return new WorkspaceId(id);
    }

    WorkspaceRef ref() {
        return new WorkspaceRef(workspaceId(), name, timeZone);
    }

    Set<Member> members() {
        return Set.copyOf(members);
    }

    Instant createdAt() {
        return createdAt;
    }
}
