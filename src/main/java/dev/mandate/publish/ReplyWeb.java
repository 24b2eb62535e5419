package dev.mandate.publish;

import dev.mandate.account.CurrentAccount;
import dev.mandate.inbox.ConversationId;
import dev.mandate.shared.Forbidden;
import dev.mandate.shared.InvalidInput;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.WorkspaceAccess;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Replies in a conversation: the reply form and the replies on their way (a fragment the conversation page loads),
 * and the same over the API.
 */
class ReplyWeb {

    private ReplyWeb() {}

    @Controller
    static class Pages {

        private final WorkspaceAccess access;
        private final Replies replies;

        Pages(WorkspaceAccess access, Replies replies) {
            this.access = access;
            this.replies = replies;
        }

        @GetMapping("/workspaces/{workspaceId}/conversations/{conversationId}/replies")
        String replies(
                @PathVariable String workspaceId,
                @PathVariable String conversationId,
                CurrentAccount caller,
                Model model) {
            Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
            ConversationId id = ConversationId.parse(conversationId);
            List<OutgoingReply> outgoing = replies.of(membership, id);
            model.addAttribute("workspace", membership.workspace());
            model.addAttribute("membership", membership);
            model.addAttribute("conversationId", id);
            // Delivered replies show in the thread itself; here the ones still on their way, or failed.
            model.addAttribute(
                    "pending", outgoing.stream().filter(OutgoingReply::pending).toList());
            model.addAttribute("key", UUID.randomUUID());
            model.addAttribute(
                    "refusal",
                    replies.refusal(membership, id)
                            .map(ReplyOutsideMandate.Rule::explanation)
                            .orElse(null));
            model.addAttribute(
                    "time",
                    DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH)
                            .withZone(ZoneId.of(membership.workspace().timeZone())));
            return "publish/replies :: replies";
        }

        @PostMapping("/workspaces/{workspaceId}/conversations/{conversationId}/replies")
        String write(
                @PathVariable String workspaceId,
                @PathVariable String conversationId,
                @RequestParam(defaultValue = "") String text,
                @RequestParam(required = false) String key,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            Membership by = access.require(WorkspaceAccess.parse(workspaceId), caller);
            ConversationId id = ConversationId.parse(conversationId);
            try {
                replies.write(by, id, key(key), text);
                redirect.addFlashAttribute("notice", "Reply queued; it goes out in a moment.");
            } catch (InvalidInput | Forbidden | ReplyOutsideMandate problem) {
                redirect.addFlashAttribute("replyError", problem.getMessage());
            }
            return "redirect:/workspaces/" + by.workspaceId() + "/conversations/" + id + "#replies";
        }

        @PostMapping("/workspaces/{workspaceId}/replies/{replyId}/retry")
        String retry(
                @PathVariable String workspaceId,
                @PathVariable String replyId,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            Membership by = access.require(WorkspaceAccess.parse(workspaceId), caller);
            ReplyId id = ReplyId.parse(replyId);
            OutgoingReply reply = replies.get(by, id);
            try {
                OutgoingReply again = replies.retry(by, id);
                redirect.addFlashAttribute(
                        "notice",
                        again.state() == ReplyState.UNKNOWN
                                ? "Sent again: Mandate first looks whether the network has it already, and sends it"
                                        + " only if not."
                                : "Sent again; it goes out in a moment.");
            } catch (InvalidInput | Forbidden | ReplyOutsideMandate | ReplyNotFailed problem) {
                redirect.addFlashAttribute("replyError", problem.getMessage());
            }
            return toConversation(by, reply);
        }

        @PostMapping("/workspaces/{workspaceId}/replies/{replyId}/discard")
        String discard(
                @PathVariable String workspaceId,
                @PathVariable String replyId,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            Membership by = access.require(WorkspaceAccess.parse(workspaceId), caller);
            ReplyId id = ReplyId.parse(replyId);
            OutgoingReply reply = replies.get(by, id);
            try {
                replies.discard(by, id);
                redirect.addFlashAttribute("notice", "Reply discarded; it will not go out.");
            } catch (Forbidden | ReplyNotFailed problem) {
                redirect.addFlashAttribute("replyError", problem.getMessage());
            }
            return toConversation(by, reply);
        }

        private static String toConversation(Membership by, OutgoingReply reply) {
            return "redirect:/workspaces/" + by.workspaceId() + "/conversations/" + reply.conversationId() + "#replies";
        }
    }

    @RestController
    static class Api {

        private final WorkspaceAccess access;
        private final Replies replies;

        Api(WorkspaceAccess access, Replies replies) {
            this.access = access;
            this.replies = replies;
        }

        @GetMapping("/api/workspaces/{workspaceId}/conversations/{conversationId}/replies")
        List<OutgoingReply> list(
                @PathVariable String workspaceId, @PathVariable String conversationId, CurrentAccount caller) {
            Membership member = access.require(WorkspaceAccess.parse(workspaceId), caller);
            return replies.of(member, ConversationId.parse(conversationId));
        }

        /** Queues a reply (202: it goes out shortly; poll it, or watch the conversation). */
        @PostMapping("/api/workspaces/{workspaceId}/conversations/{conversationId}/replies")
        @ResponseStatus(HttpStatus.ACCEPTED)
        OutgoingReply write(
                @PathVariable String workspaceId,
                @PathVariable String conversationId,
                @RequestBody NewReply body,
                CurrentAccount caller) {
            Membership by = access.require(WorkspaceAccess.parse(workspaceId), caller);
            return replies.write(by, ConversationId.parse(conversationId), key(body.key()), body.text());
        }

        @GetMapping("/api/workspaces/{workspaceId}/replies/{replyId}")
        OutgoingReply get(@PathVariable String workspaceId, @PathVariable String replyId, CurrentAccount caller) {
            Membership member = access.require(WorkspaceAccess.parse(workspaceId), caller);
            return replies.get(member, ReplyId.parse(replyId));
        }

        /**
         * Sends a failed reply again (202: it goes out shortly, or is first looked up at the network where it may be
         * already); 409 {@code reply-not-failed} for a reply that is not failed.
         */
        @PostMapping("/api/workspaces/{workspaceId}/replies/{replyId}/retry")
        @ResponseStatus(HttpStatus.ACCEPTED)
        OutgoingReply retry(@PathVariable String workspaceId, @PathVariable String replyId, CurrentAccount caller) {
            Membership by = access.require(WorkspaceAccess.parse(workspaceId), caller);
            return replies.retry(by, ReplyId.parse(replyId));
        }

        /** Discards a failed reply; 409 {@code reply-not-failed} for a reply that is not failed. */
        @PostMapping("/api/workspaces/{workspaceId}/replies/{replyId}/discard")
        OutgoingReply discard(@PathVariable String workspaceId, @PathVariable String replyId, CurrentAccount caller) {
            Membership by = access.require(WorkspaceAccess.parse(workspaceId), caller);
            return replies.discard(by, ReplyId.parse(replyId));
        }

        /**
         * A reply to write.
         *
         * @param key optional idempotency key (a UUID): sending the same key twice queues one reply
         */
        record NewReply(String text, String key) {}
    }

    private static UUID key(String key) {
        if (key == null || key.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(key.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("key", "The key must be a UUID.");
        }
    }
}
