package dev.mandate.ingest;

import dev.mandate.account.CurrentAccount;
import dev.mandate.channel.ChannelAccounts;
import dev.mandate.shared.Party;
import dev.mandate.shared.Problem;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.Role;
import dev.mandate.workspace.WorkspaceAccess;
import java.util.Arrays;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The sources page: the workspace's channel accounts (what ingest items name as their {@code account}), connecting
 * another one, and the ingest token that sources outside Mandate present.
 */
@Controller
class SourcePages {

    private final WorkspaceAccess access;
    private final ChannelAccounts channels;
    private final IngestTokens tokens;

    SourcePages(WorkspaceAccess access, ChannelAccounts channels, IngestTokens tokens) {
        this.access = access;
        this.channels = channels;
        this.tokens = tokens;
    }

    @GetMapping("/workspaces/{workspaceId}/sources")
    String sources(@PathVariable String workspaceId, CurrentAccount caller, Model model) {
        show(access.require(WorkspaceAccess.parse(workspaceId), caller), model);
        return "ingest/sources";
    }

    @PostMapping("/workspaces/{workspaceId}/sources")
    String connect(
            @PathVariable String workspaceId,
            @RequestParam(defaultValue = "") String network,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String brandHandles,
            CurrentAccount caller,
            Model model,
            RedirectAttributes redirect) {
        Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
        try {
            var account = channels.connect(
                    membership,
                    network,
                    name,
                    Arrays.stream(brandHandles.split("[,\\s]+")).toList());
            redirect.addFlashAttribute("notice", account.name() + " is connected.");
            return "redirect:/workspaces/" + membership.workspaceId() + "/sources";
        } catch (Problem problem) {
            show(membership, model);
            model.addAttribute("error", problem.getMessage());
            model.addAttribute("network", network);
            model.addAttribute("name", name);
            model.addAttribute("brandHandles", brandHandles);
            return "ingest/sources";
        }
    }

    @PostMapping("/workspaces/{workspaceId}/ingest-token")
    String rotate(@PathVariable String workspaceId, CurrentAccount caller, RedirectAttributes redirect) {
        Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
        String token = tokens.rotate(membership);
        redirect.addFlashAttribute("token", token);
        redirect.addFlashAttribute(
                "endpoint",
                ServletUriComponentsBuilder.fromCurrentContextPath()
                        .path("/api/workspaces/{id}/ingest")
                        .buildAndExpand(membership.workspaceId())
                        .toUriString());
        return "redirect:/workspaces/" + membership.workspaceId() + "/sources";
    }

    private void show(Membership membership, Model model) {
        model.addAttribute("workspace", membership.workspace());
        model.addAttribute("membership", membership);
        model.addAttribute("accounts", channels.receiving(membership.workspaceId()));
        model.addAttribute("tokenExists", tokens.exists(membership.workspaceId()));
        model.addAttribute(
                "mayConnect",
                membership.mayChange() && (membership.party() == Party.BRAND || membership.role() == Role.LEAD));
    }
}
