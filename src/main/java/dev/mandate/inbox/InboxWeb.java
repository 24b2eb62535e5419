package dev.mandate.inbox;

import dev.mandate.account.CurrentAccount;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.WorkspaceAccess;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The inbox pages (the workspace's home page and a conversation's thread), and the same under {@code /api}. */
class InboxWeb {

    static final int PAGE = 25;

    private static ConversationCursor cursor(String before) {
        return before == null || before.isBlank() ? null : ConversationCursor.parse(before);
    }

    @Controller
    static class Pages {

        private final WorkspaceAccess access;
        private final Inbox inbox;
        private final LiveInbox live;

        Pages(WorkspaceAccess access, Inbox inbox, LiveInbox live) {
            this.access = access;
            this.inbox = inbox;
            this.live = live;
        }

        /** The workspace's changes as server-sent events, for its open pages (see {@code js/live.js}). */
        @GetMapping("/workspaces/{workspaceId}/events")
        SseEmitter events(@PathVariable String workspaceId, CurrentAccount caller) {
            return live.subscribe(
                    access.require(WorkspaceAccess.parse(workspaceId), caller).workspaceId());
        }

        @GetMapping("/workspaces/{workspaceId}")
        String conversations(
                @PathVariable String workspaceId,
                @RequestParam(required = false) String before,
                CurrentAccount caller,
                Model model) {
            Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
            model.addAttribute("workspace", membership.workspace());
            model.addAttribute("page", inbox.conversations(membership, PAGE, cursor(before)));
            model.addAttribute("paged", before != null);
            model.addAttribute("time", timeIn(membership));
            return "inbox/conversations";
        }

        @GetMapping("/workspaces/{workspaceId}/conversations/{conversationId}")
        String conversation(
                @PathVariable String workspaceId,
                @PathVariable String conversationId,
                CurrentAccount caller,
                Model model) {
            Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
            model.addAttribute("workspace", membership.workspace());
            model.addAttribute("conversation", inbox.conversation(membership, ConversationId.parse(conversationId)));
            model.addAttribute("time", timeIn(membership));
            return "inbox/conversation";
        }

        /** Times as the workspace's people read them: in the brand's time zone. */
        private static DateTimeFormatter timeIn(Membership membership) {
            return DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH)
                    .withZone(ZoneId.of(membership.workspace().timeZone()));
        }
    }

    @RestController
    static class Api {

        private final WorkspaceAccess access;
        private final Inbox inbox;

        Api(WorkspaceAccess access, Inbox inbox) {
            this.access = access;
            this.inbox = inbox;
        }

        @GetMapping("/api/workspaces/{workspaceId}/conversations")
        ConversationPage conversations(
                @PathVariable String workspaceId,
                @RequestParam(required = false) String before,
                @RequestParam(defaultValue = "" + PAGE) int limit,
                CurrentAccount caller) {
            Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
            return inbox.conversations(membership, limit, cursor(before));
        }

        @GetMapping("/api/workspaces/{workspaceId}/conversations/{conversationId}")
        ConversationThread conversation(
                @PathVariable String workspaceId, @PathVariable String conversationId, CurrentAccount caller) {
            Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
            return inbox.conversation(membership, ConversationId.parse(conversationId));
        }
    }
}
