package dev.mandate.inbox;

import dev.mandate.account.CurrentAccount;
import dev.mandate.shared.Conflict;
import dev.mandate.shared.Forbidden;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.Problem;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.WorkspaceAccess;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The quarantine page (held-back messages with their score and reasons, one-click restore, the moderation settings),
 * "mark as spam" on the conversation page, and the same over the API. Members of the workspace only; advisors read.
 */
class QuarantineWeb {

    private QuarantineWeb() {}

    @Controller
    static class Pages {

        private final WorkspaceAccess access;
        private final Quarantine quarantine;

        Pages(WorkspaceAccess access, Quarantine quarantine) {
            this.access = access;
            this.quarantine = quarantine;
        }

        @GetMapping("/workspaces/{workspaceId}/quarantine")
        String quarantine(@PathVariable String workspaceId, CurrentAccount caller, Model model) {
            Membership membership = member(workspaceId, caller);
            model.addAttribute("workspace", membership.workspace());
            model.addAttribute("membership", membership);
            model.addAttribute("messages", quarantine.messages(membership));
            model.addAttribute("settings", quarantine.settings(membership));
            model.addAttribute("modes", List.of("off", "warn", "quarantine", "quarantine-and-hide"));
            model.addAttribute("time", ConversationWeb.timeIn(membership));
            return "inbox/quarantine";
        }

        @PostMapping("/workspaces/{workspaceId}/quarantine/{messageId}/restore")
        String restore(
                @PathVariable String workspaceId,
                @PathVariable String messageId,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            Membership by = member(workspaceId, caller);
            MessageId id = MessageId.parse(messageId);
            return back(
                    "redirect:/workspaces/" + by.workspaceId() + "/quarantine",
                    redirect,
                    "Restored: the message is back in the inbox.",
                    () -> quarantine.restore(by, id));
        }

        @PostMapping("/workspaces/{workspaceId}/quarantine/settings")
        String settings(
                @PathVariable String workspaceId,
                @RequestParam(defaultValue = "") String network,
                @RequestParam(defaultValue = "") String mode,
                @RequestParam(defaultValue = "0.5") String threshold,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            Membership by = member(workspaceId, caller);
            return back(
                    "redirect:/workspaces/" + by.workspaceId() + "/quarantine",
                    redirect,
                    "Saved.",
                    () -> quarantine.change(by, network, ModerationSetting.mode(mode), threshold(threshold)));
        }

        @PostMapping("/workspaces/{workspaceId}/messages/{messageId}/spam")
        String markSpam(
                @PathVariable String workspaceId,
                @PathVariable String messageId,
                @RequestParam(defaultValue = "") String conversation,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            Membership by = member(workspaceId, caller);
            MessageId id = MessageId.parse(messageId);
            String to = conversation.isBlank()
                    ? "redirect:/workspaces/" + by.workspaceId() + "/quarantine"
                    : "redirect:/workspaces/" + by.workspaceId() + "/conversations/"
                            + ConversationId.parse(conversation);
            return back(
                    to,
                    redirect,
                    "Marked as spam: the message is in the quarantine.",
                    () -> quarantine.markSpam(by, id));
        }

        @PostMapping("/workspaces/{workspaceId}/messages/{messageId}/intent")
        String correctIntent(
                @PathVariable String workspaceId,
                @PathVariable String messageId,
                @RequestParam(defaultValue = "") String intent,
                @RequestParam(defaultValue = "") String conversation,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            Membership by = member(workspaceId, caller);
            MessageId id = MessageId.parse(messageId);
            return back(
                    conversation.isBlank()
                            ? "redirect:/workspaces/" + by.workspaceId()
                            : "redirect:/workspaces/" + by.workspaceId() + "/conversations/"
                                    + ConversationId.parse(conversation),
                    redirect,
                    "Intent corrected: the workspace's model learns from it.",
                    () -> quarantine.correctIntent(by, id, intent));
        }

        private Membership member(String workspaceId, CurrentAccount caller) {
            return access.require(WorkspaceAccess.parse(workspaceId), caller);
        }

        /** Back to where the form was; a refused change is shown there as a message. */
        private static String back(String to, RedirectAttributes redirect, String done, Runnable change) {
            try {
                change.run();
                redirect.addFlashAttribute("notice", done);
            } catch (InvalidInput | Conflict | Forbidden problem) {
                // (a message of another workspace stays a 404, like every id that is not the caller's)
                redirect.addFlashAttribute("error", ((Problem) problem).getMessage());
            }
            return to;
        }
    }

    /** An intent correction as the API takes it: {@code {"intent": "lead"}}. */
    record IntentCorrection(String intent) {}

    /** A moderation setting as the API takes it. */
    record SettingChange(String network, String mode, Double threshold) {}

    @RestController
    static class Api {

        private final WorkspaceAccess access;
        private final Quarantine quarantine;

        Api(WorkspaceAccess access, Quarantine quarantine) {
            this.access = access;
            this.quarantine = quarantine;
        }

        @GetMapping("/api/workspaces/{workspaceId}/quarantine")
        List<QuarantinedMessage> quarantine(@PathVariable String workspaceId, CurrentAccount caller) {
            return quarantine.messages(member(workspaceId, caller));
        }

        @PostMapping("/api/workspaces/{workspaceId}/quarantine/{messageId}/restore")
        @ResponseStatus(HttpStatus.NO_CONTENT)
        void restore(@PathVariable String workspaceId, @PathVariable String messageId, CurrentAccount caller) {
            quarantine.restore(member(workspaceId, caller), MessageId.parse(messageId));
        }

        @PostMapping("/api/workspaces/{workspaceId}/messages/{messageId}/spam")
        @ResponseStatus(HttpStatus.NO_CONTENT)
        void markSpam(@PathVariable String workspaceId, @PathVariable String messageId, CurrentAccount caller) {
            quarantine.markSpam(member(workspaceId, caller), MessageId.parse(messageId));
        }

        @PostMapping("/api/workspaces/{workspaceId}/messages/{messageId}/intent")
        @ResponseStatus(HttpStatus.NO_CONTENT)
        void correctIntent(
                @PathVariable String workspaceId,
                @PathVariable String messageId,
                @RequestBody IntentCorrection body,
                CurrentAccount caller) {
            quarantine.correctIntent(
                    member(workspaceId, caller), MessageId.parse(messageId), body == null ? null : body.intent());
        }

        @GetMapping("/api/workspaces/{workspaceId}/moderation")
        List<ModerationSetting> settings(@PathVariable String workspaceId, CurrentAccount caller) {
            return quarantine.settings(member(workspaceId, caller));
        }

        @PutMapping("/api/workspaces/{workspaceId}/moderation")
        ModerationSetting change(
                @PathVariable String workspaceId, @RequestBody SettingChange change, CurrentAccount caller) {
            return quarantine.change(
                    member(workspaceId, caller),
                    change.network(),
                    ModerationSetting.mode(change.mode()),
                    change.threshold() == null ? ModerationSetting.LOWEST_THRESHOLD : change.threshold());
        }

        private Membership member(String workspaceId, CurrentAccount caller) {
            return access.require(WorkspaceAccess.parse(workspaceId), caller);
        }
    }

    static double threshold(String value) {
        try {
            return Double.parseDouble(value.trim().replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new InvalidInput("threshold", "A threshold is a spam score from 0.5 to 0.99.");
        }
    }
}
