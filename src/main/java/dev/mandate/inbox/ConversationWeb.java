package dev.mandate.inbox;

import dev.mandate.account.CurrentAccount;
import dev.mandate.contact.Contacts;
import dev.mandate.shared.AccountId;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.Party;
import dev.mandate.shared.Problem;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.WorkspaceAccess;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
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
 * The conversation page with everything about working on it (state, priority, assignment, tags, notes, follow-ups,
 * activity), the follow-ups page, and the same over the API. Page forms answer with a redirect back (so they work
 * without JavaScript; HTMX swaps just the work panel), and a refused change comes back as a readable message.
 */
class ConversationWeb {

    private ConversationWeb() {}

    static DateTimeFormatter timeIn(Membership membership) {
        return DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH)
                .withZone(ZoneId.of(membership.workspace().timeZone()));
    }

    @Controller
    static class Pages {

        private final WorkspaceAccess access;
        private final Inbox inbox;
        private final Casework casework;
        private final Contacts contacts;
        private final Quarantine quarantine;

        Pages(WorkspaceAccess access, Inbox inbox, Casework casework, Contacts contacts, Quarantine quarantine) {
            this.access = access;
            this.quarantine = quarantine;
            this.inbox = inbox;
            this.casework = casework;
            this.contacts = contacts;
        }

        @GetMapping("/workspaces/{workspaceId}/conversations/{conversationId}")
        String conversation(
                @PathVariable String workspaceId,
                @PathVariable String conversationId,
                CurrentAccount caller,
                Model model) {
            Membership membership = member(workspaceId, caller);
            ConversationId id = ConversationId.parse(conversationId);
            model.addAttribute("workspace", membership.workspace());
            model.addAttribute("membership", membership);
            model.addAttribute("conversation", inbox.conversation(membership, id));
            model.addAttribute("moderation", quarantine.actions(membership.workspaceId(), id));
            model.addAttribute("quarantined", quarantine.holds(membership.workspaceId(), id));
            Casework.Work work = casework.work(membership, id);
            model.addAttribute("work", work);
            // "Is this person already a customer?", answered next to what they wrote.
            model.addAttribute(
                    "contact",
                    work.head().contact() == null
                            ? null
                            : contacts.summaries(
                                            membership.workspaceId(),
                                            List.of(work.head().contact()))
                                    .get(work.head().contact()));
            model.addAttribute("time", timeIn(membership));
            model.addAttribute("states", ConversationState.values());
            model.addAttribute("priorities", Priority.values());
            model.addAttribute(
                    "tomorrow",
                    LocalDateTime.now(ZoneId.of(membership.workspace().timeZone()))
                            .plusDays(1)
                            .withHour(10)
                            .withMinute(0)
                            .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")));
            return "inbox/conversation";
        }

        @PostMapping("/workspaces/{workspaceId}/conversations/{conversationId}/state")
        String state(
                @PathVariable String workspaceId,
                @PathVariable String conversationId,
                @RequestParam(defaultValue = "") String state,
                @RequestParam(required = false) String reason,
                @RequestParam(defaultValue = "-1") long version,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            Membership by = member(workspaceId, caller);
            ConversationId id = casework.require(by, ConversationId.parse(conversationId));
            return back(by, id, redirect, () -> casework.changeState(by, id, version, stateOf(state), reason));
        }

        @PostMapping("/workspaces/{workspaceId}/conversations/{conversationId}/priority")
        String priority(
                @PathVariable String workspaceId,
                @PathVariable String conversationId,
                @RequestParam(defaultValue = "") String priority,
                @RequestParam(defaultValue = "-1") long version,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            Membership by = member(workspaceId, caller);
            ConversationId id = casework.require(by, ConversationId.parse(conversationId));
            return back(by, id, redirect, () -> casework.changePriority(by, id, version, priorityOf(priority)));
        }

        @PostMapping("/workspaces/{workspaceId}/conversations/{conversationId}/assignment")
        String assign(
                @PathVariable String workspaceId,
                @PathVariable String conversationId,
                @RequestParam(defaultValue = "") String assignee,
                @RequestParam(defaultValue = "") String party,
                @RequestParam(defaultValue = "-1") long version,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            Membership by = member(workspaceId, caller);
            ConversationId id = casework.require(by, ConversationId.parse(conversationId));
            return back(by, id, redirect, () -> casework.assign(by, id, version, party(party), assignee(by, assignee)));
        }

        @PostMapping("/workspaces/{workspaceId}/conversations/{conversationId}/tags")
        String tag(
                @PathVariable String workspaceId,
                @PathVariable String conversationId,
                @RequestParam(defaultValue = "") String tag,
                @RequestParam(defaultValue = "false") boolean remove,
                @RequestParam(defaultValue = "-1") long version,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            Membership by = member(workspaceId, caller);
            ConversationId id = casework.require(by, ConversationId.parse(conversationId));
            return back(
                    by,
                    id,
                    redirect,
                    () -> remove ? casework.untag(by, id, version, tag) : casework.tag(by, id, version, tag));
        }

        @PostMapping("/workspaces/{workspaceId}/conversations/{conversationId}/notes")
        String note(
                @PathVariable String workspaceId,
                @PathVariable String conversationId,
                @RequestParam(defaultValue = "") String body,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            Membership by = member(workspaceId, caller);
            ConversationId id = casework.require(by, ConversationId.parse(conversationId));
            return back(by, id, redirect, () -> casework.note(by, id, body));
        }

        @PostMapping("/workspaces/{workspaceId}/conversations/{conversationId}/tasks")
        String task(
                @PathVariable String workspaceId,
                @PathVariable String conversationId,
                @RequestParam(defaultValue = "") String title,
                @RequestParam(defaultValue = "") String due,
                @RequestParam(defaultValue = "") String assignee,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            Membership by = member(workspaceId, caller);
            ConversationId id = casework.require(by, ConversationId.parse(conversationId));
            return back(
                    by,
                    id,
                    redirect,
                    () -> casework.followUp(by, id, title, localTime(by, due), assignee(by, assignee)));
        }

        @PostMapping("/workspaces/{workspaceId}/tasks/{taskId}/completion")
        String complete(
                @PathVariable String workspaceId,
                @PathVariable String taskId,
                @RequestParam(defaultValue = "true") boolean done,
                @RequestParam(defaultValue = "") String from,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            Membership by = member(workspaceId, caller);
            Casework.FollowUp task = casework.complete(by, TaskId.parse(taskId), done);
            String page = "tasks".equals(from)
                    ? "/workspaces/" + by.workspaceId() + "/tasks"
                    : "/workspaces/" + by.workspaceId() + "/conversations/" + task.conversationId();
            return "redirect:" + page;
        }

        @GetMapping("/workspaces/{workspaceId}/tasks")
        String tasks(@PathVariable String workspaceId, CurrentAccount caller, Model model) {
            Membership membership = member(workspaceId, caller);
            model.addAttribute("workspace", membership.workspace());
            model.addAttribute("tasks", casework.followUpsOf(membership));
            model.addAttribute("time", timeIn(membership));
            return "inbox/tasks";
        }

        private Membership member(String workspaceId, CurrentAccount caller) {
            return access.require(WorkspaceAccess.parse(workspaceId), caller);
        }

        /** Back to the conversation; a refused change is shown there as a message. */
        private static String back(
                Membership by, ConversationId id, RedirectAttributes redirect, Supplier<Object> change) {
            try {
                change.get();
            } catch (InvalidInput | dev.mandate.shared.Conflict | dev.mandate.shared.Forbidden problem) {
                redirect.addFlashAttribute("error", ((Problem) problem).getMessage());
            }
            return "redirect:/workspaces/" + by.workspaceId() + "/conversations/" + id;
        }

        private static Instant localTime(Membership by, String due) {
            if (due == null || due.isBlank()) {
                return null;
            }
            try {
                return LocalDateTime.parse(due)
                        .atZone(ZoneId.of(by.workspace().timeZone()))
                        .toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidInput("due", "Give a date and time, e.g. 2026-12-01T10:00.");
            }
        }
    }

    @RestController
    static class Api {

        private final WorkspaceAccess access;
        private final Casework casework;

        Api(WorkspaceAccess access, Casework casework) {
            this.access = access;
            this.casework = casework;
        }

        /** A change that is checked against the version the caller last saw. */
        record StateChange(String state, String reason, Long version) {}

        record PriorityChange(String priority, Long version) {}

        record Assignment(String party, String assignee, Long version) {}

        record TagChange(String tag, Long version) {}

        record NewNote(String body) {}

        record NewTask(String title, Instant due, String assignee) {}

        record TaskDone(Boolean done) {}

        /** The conversation's version after a change: send it with the next one. */
        record Changed(long version) {}

        @GetMapping("/api/workspaces/{workspaceId}/conversations/{conversationId}/work")
        Casework.Work work(
                @PathVariable String workspaceId, @PathVariable String conversationId, CurrentAccount caller) {
            return casework.work(member(workspaceId, caller), ConversationId.parse(conversationId));
        }

        @PutMapping("/api/workspaces/{workspaceId}/conversations/{conversationId}/state")
        Changed state(
                @PathVariable String workspaceId,
                @PathVariable String conversationId,
                @RequestBody StateChange change,
                CurrentAccount caller) {
            Membership by = member(workspaceId, caller);
            casework.require(by, ConversationId.parse(conversationId));
            return new Changed(casework.changeState(
                    by,
                    ConversationId.parse(conversationId),
                    version(change.version()),
                    stateOf(change.state()),
                    change.reason()));
        }

        @PutMapping("/api/workspaces/{workspaceId}/conversations/{conversationId}/priority")
        Changed priority(
                @PathVariable String workspaceId,
                @PathVariable String conversationId,
                @RequestBody PriorityChange change,
                CurrentAccount caller) {
            Membership by = member(workspaceId, caller);
            casework.require(by, ConversationId.parse(conversationId));
            return new Changed(casework.changePriority(
                    by,
                    ConversationId.parse(conversationId),
                    version(change.version()),
                    priorityOf(change.priority())));
        }

        @PutMapping("/api/workspaces/{workspaceId}/conversations/{conversationId}/assignment")
        Changed assign(
                @PathVariable String workspaceId,
                @PathVariable String conversationId,
                @RequestBody Assignment change,
                CurrentAccount caller) {
            Membership by = member(workspaceId, caller);
            casework.require(by, ConversationId.parse(conversationId));
            return new Changed(casework.assign(
                    by,
                    ConversationId.parse(conversationId),
                    version(change.version()),
                    party(change.party()),
                    assignee(by, change.assignee())));
        }

        @PostMapping("/api/workspaces/{workspaceId}/conversations/{conversationId}/tags")
        Changed tag(
                @PathVariable String workspaceId,
                @PathVariable String conversationId,
                @RequestBody TagChange change,
                CurrentAccount caller) {
            Membership by = member(workspaceId, caller);
            casework.require(by, ConversationId.parse(conversationId));
            return new Changed(
                    casework.tag(by, ConversationId.parse(conversationId), version(change.version()), change.tag()));
        }

        @PostMapping("/api/workspaces/{workspaceId}/conversations/{conversationId}/tags/removal")
        Changed untag(
                @PathVariable String workspaceId,
                @PathVariable String conversationId,
                @RequestBody TagChange change,
                CurrentAccount caller) {
            Membership by = member(workspaceId, caller);
            casework.require(by, ConversationId.parse(conversationId));
            return new Changed(
                    casework.untag(by, ConversationId.parse(conversationId), version(change.version()), change.tag()));
        }

        @PostMapping("/api/workspaces/{workspaceId}/conversations/{conversationId}/notes")
        @ResponseStatus(HttpStatus.CREATED)
        Casework.Note note(
                @PathVariable String workspaceId,
                @PathVariable String conversationId,
                @RequestBody NewNote note,
                CurrentAccount caller) {
            Membership by = member(workspaceId, caller);
            return casework.note(by, casework.require(by, ConversationId.parse(conversationId)), note.body());
        }

        @PostMapping("/api/workspaces/{workspaceId}/conversations/{conversationId}/tasks")
        @ResponseStatus(HttpStatus.CREATED)
        Casework.FollowUp task(
                @PathVariable String workspaceId,
                @PathVariable String conversationId,
                @RequestBody NewTask task,
                CurrentAccount caller) {
            Membership by = member(workspaceId, caller);
            return casework.followUp(
                    by,
                    casework.require(by, ConversationId.parse(conversationId)),
                    task.title(),
                    task.due(),
                    assignee(by, task.assignee()));
        }

        @GetMapping("/api/workspaces/{workspaceId}/tasks")
        List<Casework.FollowUp> tasks(@PathVariable String workspaceId, CurrentAccount caller) {
            return casework.followUpsOf(member(workspaceId, caller));
        }

        @PutMapping("/api/workspaces/{workspaceId}/tasks/{taskId}")
        Casework.FollowUp complete(
                @PathVariable String workspaceId,
                @PathVariable String taskId,
                @RequestBody TaskDone done,
                CurrentAccount caller) {
            return casework.complete(
                    member(workspaceId, caller), TaskId.parse(taskId), done.done() == null || done.done());
        }

        private Membership member(String workspaceId, CurrentAccount caller) {
            return access.require(WorkspaceAccess.parse(workspaceId), caller);
        }

        private static long version(Long version) {
            if (version == null) {
                throw new InvalidInput(
                        "version", "Send the conversation's version as you last read it (from …/work or a change).");
            }
            return version;
        }
    }

    static ConversationState stateOf(String value) {
        return value("state", ConversationState.class, value);
    }

    static Priority priorityOf(String value) {
        return value("priority", Priority.class, value);
    }

    static Party party(String value) {
        return value == null || value.isBlank() ? null : value("party", Party.class, value);
    }

    /** {@code me}, an account id, or nobody. */
    static AccountId assignee(Membership by, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.trim().equalsIgnoreCase("me")) {
            return by.accountId();
        }
        try {
            return new AccountId(UUID.fromString(value.trim()));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("assignee", "Say me, or a member's account id.");
        }
    }

    private static <E extends Enum<E>> E value(String field, Class<E> type, String given) {
        if (given == null || given.isBlank()) {
            throw new InvalidInput(field, "Say which " + field + ".");
        }
        try {
            return Enum.valueOf(type, given.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field, "Not a " + field + ": " + given.trim() + ".");
        }
    }
}
