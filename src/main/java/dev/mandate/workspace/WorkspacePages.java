package dev.mandate.workspace;

import dev.mandate.account.AccountDirectory.Invitation;
import dev.mandate.account.CurrentAccount;
import dev.mandate.shared.AccountId;
import dev.mandate.shared.Problem;
import dev.mandate.shared.WorkspaceId;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The pages for choosing a workspace, its members, its mandate, and the administrator's workspace list. */
@Controller
class WorkspacePages {

    private final WorkspaceAccess access;
    private final WorkspaceService workspaces;

    WorkspacePages(WorkspaceAccess access, WorkspaceService workspaces) {
        this.access = access;
        this.workspaces = workspaces;
    }

    @GetMapping("/")
    String home(CurrentAccount caller, Model model) {
        List<Membership> mine = access.workspacesOf(caller.id(), caller.displayName());
        if (mine.size() == 1) {
            return "redirect:/workspaces/" + mine.get(0).workspaceId();
        }
        model.addAttribute("memberships", mine);
        model.addAttribute("admin", caller.instanceAdmin());
        return "workspace/home";
    }

    @GetMapping("/workspaces/{workspaceId}/members")
    String members(@PathVariable String workspaceId, CurrentAccount caller, Model model) {
        Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
        model.addAttribute("workspace", membership.workspace());
        model.addAttribute("membership", membership);
        model.addAttribute("members", workspaces.members(membership.workspaceId(), caller));
        model.addAttribute("roles", invitableRoles(membership));
        return "workspace/members";
    }

    @PostMapping("/workspaces/{workspaceId}/members")
    String invite(
            @PathVariable String workspaceId,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String role,
            CurrentAccount caller,
            Model model,
            RedirectAttributes redirect) {
        WorkspaceId id = WorkspaceAccess.parse(workspaceId);
        Membership membership = access.require(id, caller);
        try {
            Invitation invitation = workspaces.invite(id, caller, email, displayName, roleOf(role));
            redirect.addFlashAttribute("notice", invitation.account().email() + " is now a member.");
            invitation.setupPath().ifPresent(path -> redirect.addFlashAttribute("setupLink", link(path)));
            return "redirect:/workspaces/" + id + "/members";
        } catch (Problem problem) {
            model.addAttribute("workspace", membership.workspace());
            model.addAttribute("membership", membership);
            model.addAttribute("members", workspaces.members(id, caller));
            model.addAttribute("roles", invitableRoles(membership));
            model.addAttribute("error", problem.getMessage());
            model.addAttribute("email", email);
            model.addAttribute("displayName", displayName);
            return "workspace/members";
        }
    }

    @PostMapping("/workspaces/{workspaceId}/members/{accountId}/removal")
    String remove(
            @PathVariable String workspaceId,
            @PathVariable String accountId,
            CurrentAccount caller,
            RedirectAttributes redirect) {
        WorkspaceId id = WorkspaceAccess.parse(workspaceId);
        access.require(id, caller);
        try {
            workspaces.remove(id, caller, accountIdOf(accountId));
            redirect.addFlashAttribute("notice", "The member was removed.");
        } catch (Problem problem) {
            if (problem.getStatusCode().value() == 404) {
                throw problem;
            }
            redirect.addFlashAttribute("error", problem.getMessage());
        }
        return "redirect:/workspaces/" + id + "/members";
    }

    @GetMapping("/workspaces/{workspaceId}/mandate")
    String mandate(@PathVariable String workspaceId, CurrentAccount caller, Model model) {
        WorkspaceService.MandateView mandate = workspaces.mandate(WorkspaceAccess.parse(workspaceId), caller);
        model.addAttribute("workspace", mandate.workspace());
        model.addAttribute("mandate", mandate);
        model.addAttribute("scopes", Scope.values());
        model.addAttribute("form", MandateForm.of(mandate));
        return "workspace/mandate";
    }

    @PostMapping("/workspaces/{workspaceId}/mandate")
    String changeMandate(
            @PathVariable String workspaceId,
            MandateForm form,
            CurrentAccount caller,
            Model model,
            RedirectAttributes redirect) {
        WorkspaceId id = WorkspaceAccess.parse(workspaceId);
        try {
            workspaces.changeMandate(id, caller, form.toTerms(), form.version());
            redirect.addFlashAttribute("notice", "The mandate was saved.");
            return "redirect:/workspaces/" + id + "/mandate";
        } catch (dev.mandate.shared.InvalidInput | dev.mandate.shared.Conflict problem) {
            WorkspaceService.MandateView mandate = workspaces.mandate(id, caller);
            model.addAttribute("workspace", mandate.workspace());
            model.addAttribute("mandate", mandate);
            model.addAttribute("scopes", Scope.values());
            model.addAttribute("form", form);
            model.addAttribute("error", problem.getMessage());
            return "workspace/mandate";
        }
    }

    @GetMapping("/admin/workspaces")
    String adminWorkspaces(CurrentAccount caller, Model model) {
        model.addAttribute("workspaces", workspaces.all(caller));
        return "admin/workspaces";
    }

    @PostMapping("/admin/workspaces")
    String createWorkspace(
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "Europe/Berlin") String timeZone,
            @RequestParam(defaultValue = "") String ownerEmail,
            @RequestParam(defaultValue = "") String ownerName,
            CurrentAccount caller,
            Model model,
            RedirectAttributes redirect) {
        try {
            WorkspaceService.CreatedWorkspace created =
                    workspaces.create(caller, name, timeZone, ownerEmail, ownerName);
            redirect.addFlashAttribute(
                    "notice", "Workspace " + created.workspace().name() + " was created.");
            created.owner().setupPath().ifPresent(path -> redirect.addFlashAttribute("setupLink", link(path)));
            return "redirect:/admin/workspaces";
        } catch (dev.mandate.shared.InvalidInput problem) {
            model.addAttribute("workspaces", workspaces.all(caller));
            model.addAttribute("error", problem.getMessage());
            model.addAttribute("name", name);
            model.addAttribute("ownerEmail", ownerEmail);
            model.addAttribute("ownerName", ownerName);
            return "admin/workspaces";
        }
    }

    private static String link(String path) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(path).toUriString();
    }

    private static List<Role> invitableRoles(Membership membership) {
        if (membership.isBrandOwner()) {
            return Arrays.asList(Role.values());
        }
        return membership.role() == Role.LEAD ? List.of(Role.AGENT) : List.of();
    }

    private static Role roleOf(String role) {
        try {
            return Role.valueOf(role);
        } catch (IllegalArgumentException e) {
            throw new dev.mandate.shared.InvalidInput("role", "Choose a role.");
        }
    }

    static AccountId accountIdOf(String id) {
        try {
            return new AccountId(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw new dev.mandate.shared.NotFound("member");
        }
    }

    /** The mandate form as the browser sends it; turned into {@link MandateTerms} for the domain. */
    record MandateForm(
            String agencyName,
            String startsOn,
            String endsOn,
            List<String> scope,
            String replyTopics,
            String noticePeriodDays,
            String successor,
            Long version) {

        static MandateForm of(WorkspaceService.MandateView view) {
            return view.terms()
                    .map(t -> new MandateForm(
                            t.agencyName(),
                            t.startsOn().toString(),
                            t.endsOn() == null ? "" : t.endsOn().toString(),
                            t.scope().stream().map(Enum::name).toList(),
                            String.join(", ", t.replyTopics()),
                            Integer.toString(t.noticePeriodDays()),
                            t.successor(),
                            view.version()))
                    .orElse(new MandateForm("", LocalDate.now().toString(), "", List.of(), "", "30", "", null));
        }

        public boolean has(Scope kind) {
            return scope != null && scope.contains(kind.name());
        }

        MandateTerms toTerms() {
            Set<Scope> kinds = EnumSet.noneOf(Scope.class);
            for (String s : scope == null ? List.<String>of() : scope) {
                try {
                    kinds.add(Scope.valueOf(s));
                } catch (IllegalArgumentException e) {
                    throw new dev.mandate.shared.InvalidInput("scope", "Unknown kind of work: " + s);
                }
            }
            List<String> topics = new ArrayList<>();
            for (String topic : (replyTopics == null ? "" : replyTopics).split(",")) {
                topics.add(topic);
            }
            return new MandateTerms(
                    agencyName,
                    date("startsOn", startsOn),
                    date("endsOn", endsOn),
                    kinds,
                    topics,
                    days(noticePeriodDays),
                    successor);
        }

        private static int days(String value) {
            try {
                return value == null || value.isBlank() ? 0 : Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new dev.mandate.shared.InvalidInput("noticePeriodDays", "Enter the notice period in whole days.");
            }
        }

        private static LocalDate date(String field, String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return LocalDate.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw new dev.mandate.shared.InvalidInput(field, "Enter the date as YYYY-MM-DD.");
            }
        }
    }
}
