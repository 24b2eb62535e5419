package dev.mandate.routing;

import dev.mandate.account.CurrentAccount;
import dev.mandate.inbox.ConversationId;
import dev.mandate.shared.Conflict;
import dev.mandate.shared.Forbidden;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.NotFound;
import dev.mandate.shared.Problem;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.WorkspaceAccess;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
 * Hand-offs on the web: the list with open and overdue filters (and the count in the navigation), the panel on a
 * conversation's page (a fragment it loads), the brand's notification settings, the report of the interface, and the
 * same over the API.
 */
class HandoffWeb {

    private HandoffWeb() {}

    static DateTimeFormatter timeIn(Membership membership) {
        return DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH)
                .withZone(ZoneId.of(membership.workspace().timeZone()));
    }

    static Handoffs.Filter filter(String show) {
        try {
            return Handoffs.Filter.valueOf(show.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("show", "Show open, overdue or all.");
        }
    }

    @Controller
    static class Pages {

        private final WorkspaceAccess access;
        private final Handoffs handoffs;
        private final Briefing briefing;
        private final NotificationSettings settings;
        private final Notifications notifications;
        private final InterfaceReports reports;

        Pages(
                WorkspaceAccess access,
                Handoffs handoffs,
                Briefing briefing,
                NotificationSettings settings,
                Notifications notifications,
                InterfaceReports reports) {
            this.access = access;
            this.handoffs = handoffs;
            this.briefing = briefing;
            this.settings = settings;
            this.notifications = notifications;
            this.reports = reports;
        }

        @GetMapping("/workspaces/{workspaceId}/handoffs")
        String list(
                @PathVariable String workspaceId,
                @RequestParam(defaultValue = "open") String show,
                CurrentAccount caller,
                Model model) {
            Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
            Handoffs.Filter filter = filter(show);
            model.addAttribute("workspace", membership.workspace());
            model.addAttribute("membership", membership);
            model.addAttribute("show", filter.name().toLowerCase(Locale.ROOT));
            model.addAttribute("handoffs", handoffs.list(membership, filter, 200));
            model.addAttribute("counts", handoffs.counts(membership));
            model.addAttribute("settings", settings.view(membership.workspaceId()));
            model.addAttribute("notifications", notifications.of(membership.workspaceId(), 30));
            model.addAttribute("time", timeIn(membership));
            return "routing/handoffs";
        }

        /** The number in the navigation: open hand-offs, and how many of them are overdue. */
        @GetMapping("/workspaces/{workspaceId}/handoffs/count")
        String count(@PathVariable String workspaceId, CurrentAccount caller, Model model) {
            Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
            model.addAttribute("counts", handoffs.counts(membership));
            return "routing/panel :: count";
        }

        @GetMapping("/workspaces/{workspaceId}/conversations/{conversationId}/handoffs")
        String panel(
                @PathVariable String workspaceId,
                @PathVariable String conversationId,
                CurrentAccount caller,
                Model model) {
            Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
            ConversationId id = ConversationId.parse(conversationId);
            List<Handoff> all = handoffs.of(membership, id);
            model.addAttribute("workspace", membership.workspace());
            model.addAttribute("membership", membership);
            model.addAttribute("conversationId", id);
            model.addAttribute("handoffs", all);
            model.addAttribute("hasOpen", all.stream().anyMatch(Handoff::open));
            model.addAttribute("time", timeIn(membership));
            return "routing/panel :: panel";
        }

        @PostMapping("/workspaces/{workspaceId}/conversations/{conversationId}/handoffs")
        String open(
                @PathVariable String workspaceId,
                @PathVariable String conversationId,
                @RequestParam(defaultValue = "") String question,
                @RequestParam(required = false) String deadline,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            Membership by = access.require(WorkspaceAccess.parse(workspaceId), caller);
            ConversationId id = ConversationId.parse(conversationId);
            FormChanges.attempt(
                    redirect, "Handed to the brand.", () -> handoffs.open(by, id, question, localTime(by, deadline)));
            return "redirect:/workspaces/" + by.workspaceId() + "/conversations/" + id + "#handoffs";
        }

        @PostMapping("/workspaces/{workspaceId}/handoffs/{handoffId}/answer")
        String answer(
                @PathVariable String workspaceId,
                @PathVariable String handoffId,
                @RequestParam(defaultValue = "") String answer,
                @RequestParam(defaultValue = "") String from,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            Membership by = access.require(WorkspaceAccess.parse(workspaceId), caller);
            Handoff handoff = handoffs.get(by, HandoffId.parse(handoffId));
            FormChanges.attempt(
                    redirect, "Answered; the agency has it.", () -> handoffs.answer(by, handoff.id(), answer));
            return back(by, handoff, from);
        }

        @PostMapping("/workspaces/{workspaceId}/handoffs/{handoffId}/take-over")
        String takeOver(
                @PathVariable String workspaceId,
                @PathVariable String handoffId,
                @RequestParam(defaultValue = "") String from,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            Membership by = access.require(WorkspaceAccess.parse(workspaceId), caller);
            Handoff handoff = handoffs.get(by, HandoffId.parse(handoffId));
            FormChanges.attempt(redirect, "The conversation is yours now.", () -> handoffs.takeOver(by, handoff.id()));
            return back(by, handoff, from);
        }

        @PostMapping("/workspaces/{workspaceId}/handoffs/{handoffId}/return")
        String giveBack(
                @PathVariable String workspaceId,
                @PathVariable String handoffId,
                @RequestParam(defaultValue = "") String reason,
                @RequestParam(defaultValue = "") String from,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            Membership by = access.require(WorkspaceAccess.parse(workspaceId), caller);
            Handoff handoff = handoffs.get(by, HandoffId.parse(handoffId));
            FormChanges.attempt(redirect, "Returned to the agency.", () -> handoffs.giveBack(by, handoff.id(), reason));
            return back(by, handoff, from);
        }

        /** One click: the hand-off's answer becomes a briefing entry, opened for editing. */
        @PostMapping("/workspaces/{workspaceId}/handoffs/{handoffId}/briefing")
        String toBriefing(
                @PathVariable String workspaceId,
                @PathVariable String handoffId,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            Membership by = access.require(WorkspaceAccess.parse(workspaceId), caller);
            Handoff handoff = handoffs.get(by, HandoffId.parse(handoffId));
            try {
                BriefingEntry entry = briefing.fromHandoff(by, handoff.id());
                redirect.addFlashAttribute("notice", "In the briefing now; add tags, the other language or a date.");
                return "redirect:/workspaces/" + by.workspaceId() + "/briefing/" + entry.id();
            } catch (Conflict | Forbidden problem) {
                redirect.addFlashAttribute("error", ((Problem) problem).getMessage());
                return back(by, handoff, "conversation");
            }
        }

        @PostMapping("/workspaces/{workspaceId}/handoffs/settings")
        String settings(
                @PathVariable String workspaceId,
                @RequestParam(defaultValue = "") String emails,
                @RequestParam(defaultValue = "") String webhookUrl,
                @RequestParam(defaultValue = "") String secret,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            Membership by = access.require(WorkspaceAccess.parse(workspaceId), caller);
            FormChanges.attempt(
                    redirect,
                    "Saved.",
                    () -> settings.change(by, Arrays.asList(emails.split("[,;\\s]+")), webhookUrl, secret));
            return "redirect:/workspaces/" + by.workspaceId() + "/handoffs#settings";
        }

        @PostMapping("/workspaces/{workspaceId}/notifications/{notificationId}/retry")
        String retry(
                @PathVariable String workspaceId,
                @PathVariable String notificationId,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            Membership by = access.require(WorkspaceAccess.parse(workspaceId), caller);
            FormChanges.attempt(
                    redirect, "It goes out again in a moment.", () -> notifications.retry(by, uuid(notificationId)));
            return "redirect:/workspaces/" + by.workspaceId() + "/handoffs#notifications";
        }

        @GetMapping("/workspaces/{workspaceId}/handoffs/report")
        String report(
                @PathVariable String workspaceId,
                @RequestParam(defaultValue = "12") int weeks,
                CurrentAccount caller,
                Model model) {
            Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
            model.addAttribute("workspace", membership.workspace());
            model.addAttribute("report", reports.report(membership, weeks));
            model.addAttribute("weeks", weeks);
            return "routing/report";
        }

        private static String back(Membership by, Handoff handoff, String from) {
            if ("list".equals(from)) {
                return "redirect:/workspaces/" + by.workspaceId() + "/handoffs";
            }
            return "redirect:/workspaces/" + by.workspaceId() + "/conversations/" + handoff.conversationId()
                    + "#handoffs";
        }

        private static Instant localTime(Membership by, String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return LocalDateTime.parse(value)
                        .atZone(ZoneId.of(by.workspace().timeZone()))
                        .toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidInput("deadline", "Give a date and time, e.g. 2026-12-01T10:00.");
            }
        }
    }

    @RestController
    static class Api {

        private final WorkspaceAccess access;
        private final Handoffs handoffs;
        private final Briefing briefing;
        private final NotificationSettings settings;
        private final Notifications notifications;
        private final InterfaceReports reports;

        Api(
                WorkspaceAccess access,
                Handoffs handoffs,
                Briefing briefing,
                NotificationSettings settings,
                Notifications notifications,
                InterfaceReports reports) {
            this.access = access;
            this.handoffs = handoffs;
            this.briefing = briefing;
            this.settings = settings;
            this.notifications = notifications;
            this.reports = reports;
        }

        /**
         * A hand-off to open.
         *
         * @param deadline optional; the default number of business hours from now
         */
        record NewHandoff(String question, Instant deadline) {}

        record Answer(String answer) {}

        record Return(String reason) {}

        /** The settings to put; {@code secret} is write-only (blank keeps the one set). */
        record Settings(List<String> emails, String webhookUrl, String secret) {}

        /** A notification as the API shows it (the text and data stay in the outbox). */
        record NotificationView(
                UUID id,
                String via,
                String target,
                String event,
                String state,
                int attempts,
                Instant nextAttemptAt,
                String problem,
                Instant createdAt,
                Instant sentAt) {}

        @GetMapping("/api/workspaces/{workspaceId}/handoffs")
        List<Handoff> list(
                @PathVariable String workspaceId,
                @RequestParam(defaultValue = "open") String show,
                @RequestParam(defaultValue = "100") int limit,
                CurrentAccount caller) {
            Membership member = access.require(WorkspaceAccess.parse(workspaceId), caller);
            return handoffs.list(member, filter(show), limit);
        }

        @GetMapping("/api/workspaces/{workspaceId}/handoffs/counts")
        Handoffs.Counts counts(@PathVariable String workspaceId, CurrentAccount caller) {
            return handoffs.counts(access.require(WorkspaceAccess.parse(workspaceId), caller));
        }

        @GetMapping("/api/workspaces/{workspaceId}/handoffs/{handoffId}")
        Handoff get(@PathVariable String workspaceId, @PathVariable String handoffId, CurrentAccount caller) {
            Membership member = access.require(WorkspaceAccess.parse(workspaceId), caller);
            return handoffs.get(member, HandoffId.parse(handoffId));
        }

        @GetMapping("/api/workspaces/{workspaceId}/conversations/{conversationId}/handoffs")
        List<Handoff> of(@PathVariable String workspaceId, @PathVariable String conversationId, CurrentAccount caller) {
            Membership member = access.require(WorkspaceAccess.parse(workspaceId), caller);
            return handoffs.of(member, ConversationId.parse(conversationId));
        }

        @PostMapping("/api/workspaces/{workspaceId}/conversations/{conversationId}/handoffs")
        @ResponseStatus(HttpStatus.CREATED)
        Handoff open(
                @PathVariable String workspaceId,
                @PathVariable String conversationId,
                @RequestBody NewHandoff body,
                CurrentAccount caller) {
            Membership by = access.require(WorkspaceAccess.parse(workspaceId), caller);
            return handoffs.open(by, ConversationId.parse(conversationId), body.question(), body.deadline());
        }

        @PostMapping("/api/workspaces/{workspaceId}/handoffs/{handoffId}/answer")
        Handoff answer(
                @PathVariable String workspaceId,
                @PathVariable String handoffId,
                @RequestBody Answer body,
                CurrentAccount caller) {
            Membership by = access.require(WorkspaceAccess.parse(workspaceId), caller);
            return handoffs.answer(by, HandoffId.parse(handoffId), body.answer());
        }

        @PostMapping("/api/workspaces/{workspaceId}/handoffs/{handoffId}/take-over")
        Handoff takeOver(@PathVariable String workspaceId, @PathVariable String handoffId, CurrentAccount caller) {
            Membership by = access.require(WorkspaceAccess.parse(workspaceId), caller);
            return handoffs.takeOver(by, HandoffId.parse(handoffId));
        }

        @PostMapping("/api/workspaces/{workspaceId}/handoffs/{handoffId}/return")
        Handoff giveBack(
                @PathVariable String workspaceId,
                @PathVariable String handoffId,
                @RequestBody(required = false) Return body,
                CurrentAccount caller) {
            Membership by = access.require(WorkspaceAccess.parse(workspaceId), caller);
            return handoffs.giveBack(by, HandoffId.parse(handoffId), body == null ? null : body.reason());
        }

        @PostMapping("/api/workspaces/{workspaceId}/handoffs/{handoffId}/briefing")
        @ResponseStatus(HttpStatus.CREATED)
        BriefingEntry toBriefing(
                @PathVariable String workspaceId, @PathVariable String handoffId, CurrentAccount caller) {
            Membership by = access.require(WorkspaceAccess.parse(workspaceId), caller);
            return briefing.fromHandoff(by, HandoffId.parse(handoffId));
        }

        @GetMapping("/api/workspaces/{workspaceId}/handoffs/settings")
        NotificationSettings.View settings(@PathVariable String workspaceId, CurrentAccount caller) {
            Membership member = access.require(WorkspaceAccess.parse(workspaceId), caller);
            return settings.view(member.workspaceId());
        }

        @PutMapping("/api/workspaces/{workspaceId}/handoffs/settings")
        NotificationSettings.View changeSettings(
                @PathVariable String workspaceId, @RequestBody Settings body, CurrentAccount caller) {
            Membership by = access.require(WorkspaceAccess.parse(workspaceId), caller);
            settings.change(by, body.emails(), body.webhookUrl(), body.secret());
            return settings.view(by.workspaceId());
        }

        @GetMapping("/api/workspaces/{workspaceId}/notifications")
        List<NotificationView> notifications(
                @PathVariable String workspaceId,
                @RequestParam(defaultValue = "100") int limit,
                CurrentAccount caller) {
            Membership member = access.require(WorkspaceAccess.parse(workspaceId), caller);
            return notifications.of(member.workspaceId(), Math.max(1, Math.min(limit, 500))).stream()
                    .map(n -> new NotificationView(
                            n.id(),
                            n.via().name(),
                            n.target(),
                            n.event(),
                            n.state(),
                            n.attempts(),
                            n.nextAttemptAt(),
                            n.problem(),
                            n.createdAt(),
                            n.sentAt()))
                    .toList();
        }

        @PostMapping("/api/workspaces/{workspaceId}/notifications/{notificationId}/retry")
        @ResponseStatus(HttpStatus.ACCEPTED)
        void retry(@PathVariable String workspaceId, @PathVariable String notificationId, CurrentAccount caller) {
            Membership by = access.require(WorkspaceAccess.parse(workspaceId), caller);
            notifications.retry(by, uuid(notificationId));
        }

        @GetMapping(
                value = "/api/workspaces/{workspaceId}/handoffs/report",
                produces = MediaType.APPLICATION_JSON_VALUE)
        InterfaceReport report(
                @PathVariable String workspaceId, @RequestParam(defaultValue = "12") int weeks, CurrentAccount caller) {
            return reports.report(access.require(WorkspaceAccess.parse(workspaceId), caller), weeks);
        }

        @GetMapping("/api/workspaces/{workspaceId}/handoffs/report.csv")
        ResponseEntity<String> reportCsv(
                @PathVariable String workspaceId, @RequestParam(defaultValue = "12") int weeks, CurrentAccount caller) {
            InterfaceReport report = reports.report(access.require(WorkspaceAccess.parse(workspaceId), caller), weeks);
            return ResponseEntity.ok()
                    .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"handoff-report.csv\"")
                    .body(report.csv());
        }
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFound("notification");
        }
    }
}
