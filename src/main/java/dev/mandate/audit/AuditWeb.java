package dev.mandate.audit;

import dev.mandate.account.CurrentAccount;
import dev.mandate.shared.Forbidden;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.WorkspaceAccess;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail page, and the same trail under {@code /api}. */
class AuditWeb {

    static final int PAGE = 50;

    static Membership reader(WorkspaceAccess access, String workspaceId, CurrentAccount caller) {
        Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
        if (!membership.mayReadAuditTrail()) {
            throw new Forbidden("The audit trail is for the brand and its advisors.");
        }
        return membership;
    }

    @Controller
    static class Pages {

        private final WorkspaceAccess access;
        private final AuditTrail trail;

        Pages(WorkspaceAccess access, AuditTrail trail) {
            this.access = access;
            this.trail = trail;
        }

        @GetMapping("/workspaces/{workspaceId}/audit")
        String trail(
                @PathVariable String workspaceId,
                @RequestParam(required = false) Long before,
                CurrentAccount caller,
                Model model) {
            Membership membership = reader(access, workspaceId, caller);
            List<AuditEntry> entries = trail.entries(membership.workspaceId(), before, PAGE);
            model.addAttribute("workspace", membership.workspace());
            model.addAttribute("entries", entries);
            model.addAttribute("verification", trail.verify(membership.workspaceId()));
            model.addAttribute(
                    "older",
                    entries.size() == PAGE ? entries.get(entries.size() - 1).seq() : null);
            return "audit/trail";
        }
    }

    @RestController
    static class Api {

        private final WorkspaceAccess access;
        private final AuditTrail trail;

        Api(WorkspaceAccess access, AuditTrail trail) {
            this.access = access;
            this.trail = trail;
        }

        @GetMapping("/api/workspaces/{workspaceId}/audit")
        @ResponseBody
        List<AuditEntry> entries(
                @PathVariable String workspaceId,
                @RequestParam(required = false) Long before,
                @RequestParam(defaultValue = "50") int limit,
                CurrentAccount caller) {
            return trail.entries(reader(access, workspaceId, caller).workspaceId(), before, limit);
        }

        @GetMapping("/api/workspaces/{workspaceId}/audit/verification")
        Verification verification(@PathVariable String workspaceId, CurrentAccount caller) {
            return trail.verify(reader(access, workspaceId, caller).workspaceId());
        }
    }
}
