package dev.mandate.workspace;

import dev.mandate.account.AccountDirectory.Invitation;
import dev.mandate.account.CurrentAccount;
import dev.mandate.shared.WorkspaceId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Workspaces, their members and their mandate over REST. */
@RestController
@RequestMapping("/api/workspaces")
class WorkspaceApi {

    private final WorkspaceAccess access;
    private final WorkspaceService workspaces;

    WorkspaceApi(WorkspaceAccess access, WorkspaceService workspaces) {
        this.access = access;
        this.workspaces = workspaces;
    }

    @GetMapping
    List<WorkspaceJson> mine(CurrentAccount caller) {
        return access.workspacesOf(caller.id(), caller.displayName()).stream()
                .map(WorkspaceJson::of)
                .toList();
    }

    @PostMapping
    ResponseEntity<CreatedJson> create(@Valid @RequestBody NewWorkspace body, CurrentAccount caller) {
        WorkspaceService.CreatedWorkspace created =
                workspaces.create(caller, body.name(), body.timeZone(), body.ownerEmail(), body.ownerName());
        return ResponseEntity.created(
                        URI.create("/api/workspaces/" + created.workspace().id()))
                .body(new CreatedJson(
                        created.workspace().id(),
                        created.workspace().name(),
                        created.workspace().timeZone(),
                        InvitationJson.of(created.owner(), Role.OWNER)));
    }

    @GetMapping("/{workspaceId}")
    WorkspaceJson get(@PathVariable String workspaceId, CurrentAccount caller) {
        return WorkspaceJson.of(access.require(WorkspaceAccess.parse(workspaceId), caller));
    }

    @GetMapping("/{workspaceId}/members")
    List<WorkspaceService.MemberView> members(@PathVariable String workspaceId, CurrentAccount caller) {
        return workspaces.members(WorkspaceAccess.parse(workspaceId), caller);
    }

    @PostMapping("/{workspaceId}/members")
    @ResponseStatus(HttpStatus.CREATED)
    InvitationJson invite(@PathVariable String workspaceId, @Valid @RequestBody NewMember body, CurrentAccount caller) {
        WorkspaceId id = WorkspaceAccess.parse(workspaceId);
        access.require(id, caller);
        return InvitationJson.of(
                workspaces.invite(id, caller, body.email(), body.displayName(), body.role()), body.role());
    }

    @DeleteMapping("/{workspaceId}/members/{accountId}")
    ResponseEntity<Void> remove(
            @PathVariable String workspaceId, @PathVariable String accountId, CurrentAccount caller) {
        WorkspaceId id = WorkspaceAccess.parse(workspaceId);
        access.require(id, caller);
        workspaces.remove(id, caller, WorkspacePages.accountIdOf(accountId));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{workspaceId}/mandate")
    MandateJson mandate(@PathVariable String workspaceId, CurrentAccount caller) {
        return MandateJson.of(workspaces.mandate(WorkspaceAccess.parse(workspaceId), caller));
    }

    @PutMapping("/{workspaceId}/mandate")
    MandateJson changeMandate(
            @PathVariable String workspaceId, @Valid @RequestBody MandateChange body, CurrentAccount caller) {
        WorkspaceId id = WorkspaceAccess.parse(workspaceId);
        access.require(id, caller);
        return MandateJson.of(workspaces.changeMandate(id, caller, body.terms(), body.version()));
    }

    /** A workspace and the caller's role in it. */
    record WorkspaceJson(WorkspaceId id, String name, String timeZone, Role role, String party) {

        static WorkspaceJson of(Membership membership) {
            return new WorkspaceJson(
                    membership.workspaceId(),
                    membership.workspace().name(),
                    membership.workspace().timeZone(),
                    membership.role(),
                    membership.party().name());
        }
    }

    /** What the administrator sends to create a workspace. */
    record NewWorkspace(
            @NotBlank @Size(max = 120) String name,
            String timeZone,
            @NotBlank @Email String ownerEmail,
            @Size(max = 120) String ownerName) {}

    /** A created workspace and how its owner gets in. */
    record CreatedJson(WorkspaceId id, String name, String timeZone, InvitationJson owner) {}

    /** Whom to invite, in which role. */
    record NewMember(
            @NotBlank @Email String email,
            @Size(max = 120) String displayName,
            @NotNull Role role) {}

    /**
     * An invited member; {@code setupPath} is the one-time link for a person new to Mandate, to be passed on to
     * them (it is not stored in readable form).
     */
    record InvitationJson(String accountId, String email, Role role, boolean activated, String setupPath) {

        static InvitationJson of(Invitation invitation, Role role) {
            return new InvitationJson(
                    invitation.accountId().toString(),
                    invitation.account().email(),
                    role,
                    invitation.account().activated(),
                    invitation.setupPath().orElse(null));
        }
    }

    /** New terms, and the version they were edited from (absent for a mandate not yet agreed). */
    record MandateChange(@Valid @NotNull MandateTerms terms, Long version) {}

    /** The mandate, or {@code terms: null} while none is agreed. */
    record MandateJson(MandateTerms terms, Long version, Instant updatedAt, boolean editable) {

        static MandateJson of(WorkspaceService.MandateView view) {
            return new MandateJson(view.terms().orElse(null), view.version(), view.updatedAt(), view.editable());
        }
    }
}
