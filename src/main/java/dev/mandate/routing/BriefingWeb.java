package dev.mandate.routing;

import dev.mandate.account.CurrentAccount;
import dev.mandate.inbox.ConversationId;
import dev.mandate.shared.Forbidden;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.NotFound;
import dev.mandate.shared.Problem;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.WorkspaceAccess;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.DeleteMapping;
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
 * The briefing and canned replies on the web: the list with its search, an entry's page, the suggestions next to the
 * reply form on a conversation's page (a fragment it loads; one click puts an answer into the reply), and the same
 * over the API.
 */
class BriefingWeb {

    private BriefingWeb() {}

    static UUID id(String value, String what) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFound(what);
        }
    }

    static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInput("validUntil", "Give a date, e.g. 2027-06-30.");
        }
    }

    static List<String> tags(String value) {
        return value == null || value.isBlank()
                ? List.of()
                : Arrays.asList(value.strip().split("[,\\s]+"));
    }

    @Controller
    static class Pages {

        private final WorkspaceAccess access;
        private final Briefing briefing;
        private final CannedReplies canned;

        Pages(WorkspaceAccess access, Briefing briefing, CannedReplies canned) {
            this.access = access;
            this.briefing = briefing;
            this.canned = canned;
        }

        @GetMapping("/workspaces/{workspaceId}/briefing")
        String list(
                @PathVariable String workspaceId,
                @RequestParam(defaultValue = "") String q,
                CurrentAccount caller,
                Model model) {
            Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
            model.addAttribute("workspace", membership.workspace());
            model.addAttribute("membership", membership);
            model.addAttribute("q", q);
            model.addAttribute("entries", briefing.list(membership, q, 200));
            model.addAttribute("canned", canned.list(membership));
            model.addAttribute("mayWrite", membership.party() == dev.mandate.shared.Party.BRAND);
            return "routing/briefing";
        }

        @GetMapping("/workspaces/{workspaceId}/briefing/{entryId}")
        String entry(
                @PathVariable String workspaceId, @PathVariable String entryId, CurrentAccount caller, Model model) {
            Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
            model.addAttribute("workspace", membership.workspace());
            model.addAttribute("membership", membership);
            model.addAttribute("entry", briefing.get(membership, id(entryId, "briefing entry")));
            model.addAttribute("mayWrite", membership.party() == dev.mandate.shared.Party.BRAND);
            return "routing/entry";
        }

        @PostMapping("/workspaces/{workspaceId}/briefing")
        String create(
                @PathVariable String workspaceId,
                @RequestParam(defaultValue = "") String question,
                @RequestParam(defaultValue = "") String answerEn,
                @RequestParam(defaultValue = "") String answerDe,
                @RequestParam(defaultValue = "") String tags,
                @RequestParam(defaultValue = "") String validUntil,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            Membership by = access.require(WorkspaceAccess.parse(workspaceId), caller);
            try {
                BriefingEntry entry = briefing.create(
                        by, new BriefingEntry.Draft(question, answerEn, answerDe, tags(tags), date(validUntil)));
                redirect.addFlashAttribute("notice", "Added to the briefing.");
                return "redirect:/workspaces/" + by.workspaceId() + "/briefing/" + entry.id();
            } catch (InvalidInput | Forbidden problem) {
                redirect.addFlashAttribute("error", ((Problem) problem).getMessage());
                return "redirect:/workspaces/" + by.workspaceId() + "/briefing";
            }
        }

        @PostMapping("/workspaces/{workspaceId}/briefing/{entryId}")
        String update(
                @PathVariable String workspaceId,
                @PathVariable String entryId,
                @RequestParam(defaultValue = "-1") long version,
                @RequestParam(defaultValue = "") String question,
                @RequestParam(defaultValue = "") String answerEn,
                @RequestParam(defaultValue = "") String answerDe,
                @RequestParam(defaultValue = "") String tags,
                @RequestParam(defaultValue = "") String validUntil,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            Membership by = access.require(WorkspaceAccess.parse(workspaceId), caller);
            UUID id = id(entryId, "briefing entry");
            FormChanges.attempt(
                    redirect,
                    "Saved.",
                    () -> briefing.update(
                            by,
                            id,
                            version,
                            new BriefingEntry.Draft(question, answerEn, answerDe, tags(tags), date(validUntil))));
            return "redirect:/workspaces/" + by.workspaceId() + "/briefing/" + id;
        }

        @PostMapping("/workspaces/{workspaceId}/briefing/{entryId}/delete")
        String delete(
                @PathVariable String workspaceId,
                @PathVariable String entryId,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            Membership by = access.require(WorkspaceAccess.parse(workspaceId), caller);
            UUID id = id(entryId, "briefing entry");
            if (FormChanges.attempt(redirect, "Removed from the briefing.", () -> briefing.delete(by, id))) {
                return "redirect:/workspaces/" + by.workspaceId() + "/briefing";
            }
            return "redirect:/workspaces/" + by.workspaceId() + "/briefing/" + id;
        }

        @PostMapping("/workspaces/{workspaceId}/canned-replies")
        String createCanned(
                @PathVariable String workspaceId,
                @RequestParam(defaultValue = "") String title,
                @RequestParam(defaultValue = "") String body,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            Membership by = access.require(WorkspaceAccess.parse(workspaceId), caller);
            FormChanges.attempt(redirect, "Canned reply saved.", () -> canned.create(by, title, body));
            return "redirect:/workspaces/" + by.workspaceId() + "/briefing#canned";
        }

        @PostMapping("/workspaces/{workspaceId}/canned-replies/{cannedId}/delete")
        String deleteCanned(
                @PathVariable String workspaceId,
                @PathVariable String cannedId,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            Membership by = access.require(WorkspaceAccess.parse(workspaceId), caller);
            FormChanges.attempt(
                    redirect, "Canned reply removed.", () -> canned.delete(by, id(cannedId, "canned reply")));
            return "redirect:/workspaces/" + by.workspaceId() + "/briefing#canned";
        }

        @GetMapping("/workspaces/{workspaceId}/conversations/{conversationId}/suggestions")
        String suggestions(
                @PathVariable String workspaceId,
                @PathVariable String conversationId,
                CurrentAccount caller,
                Model model) {
            Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
            ConversationId id = ConversationId.parse(conversationId);
            model.addAttribute("workspace", membership.workspace());
            model.addAttribute("membership", membership);
            model.addAttribute("conversationId", id);
            model.addAttribute("suggestions", briefing.suggestFor(membership, id, 5));
            model.addAttribute("canned", canned.list(membership));
            return "routing/suggestions :: suggestions";
        }

        /** Puts an answer into the reply: counts the use and answers the text (placeholders filled in). */
        @PostMapping("/workspaces/{workspaceId}/conversations/{conversationId}/insertions")
        ResponseEntity<String> insert(
                @PathVariable String workspaceId,
                @PathVariable String conversationId,
                @RequestParam(defaultValue = "") String kind,
                @RequestParam(defaultValue = "") String item,
                @RequestParam(required = false) String language,
                CurrentAccount caller) {
            Membership by = access.require(WorkspaceAccess.parse(workspaceId), caller);
            String text = insertion(briefing, canned, by, ConversationId.parse(conversationId), kind, item, language);
            return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(text);
        }
    }

    static String insertion(
            Briefing briefing,
            CannedReplies canned,
            Membership by,
            ConversationId conversation,
            String kind,
            String item,
            String language) {
        briefing.requireConversation(by, conversation);
        return switch (kind == null ? "" : kind.toLowerCase(Locale.ROOT)) {
            case "briefing" -> briefing.use(by, id(item, "briefing entry"), conversation, language);
            case "canned" -> canned.use(by, id(item, "canned reply"), conversation);
            default -> throw new InvalidInput("kind", "Insert a briefing entry or a canned reply.");
        };
    }

    @RestController
    static class Api {

        private final WorkspaceAccess access;
        private final Briefing briefing;
        private final CannedReplies canned;

        Api(WorkspaceAccess access, Briefing briefing, CannedReplies canned) {
            this.access = access;
            this.briefing = briefing;
            this.canned = canned;
        }

        /** An entry to write; {@code version} only when changing one. */
        record EntryBody(
                String question,
                String answerEn,
                String answerDe,
                List<String> tags,
                LocalDate validUntil,
                Long version) {

            BriefingEntry.Draft draft() {
                return new BriefingEntry.Draft(question, answerEn, answerDe, tags, validUntil);
            }
        }

        record CannedBody(String title, String body) {}

        /** An answer to put into a reply: {@code kind} is {@code briefing} or {@code canned}. */
        record Insertion(String kind, String item, String language) {}

        record Inserted(String text) {}

        private Membership member(String workspaceId, CurrentAccount caller) {
            return access.require(WorkspaceAccess.parse(workspaceId), caller);
        }

        @GetMapping("/api/workspaces/{workspaceId}/briefing")
        List<BriefingEntry> list(
                @PathVariable String workspaceId,
                @RequestParam(defaultValue = "") String q,
                @RequestParam(defaultValue = "100") int limit,
                CurrentAccount caller) {
            return briefing.list(member(workspaceId, caller), q, limit);
        }

        @PostMapping("/api/workspaces/{workspaceId}/briefing")
        @ResponseStatus(HttpStatus.CREATED)
        BriefingEntry create(@PathVariable String workspaceId, @RequestBody EntryBody body, CurrentAccount caller) {
            return briefing.create(member(workspaceId, caller), body.draft());
        }

        @GetMapping("/api/workspaces/{workspaceId}/briefing/{entryId}")
        BriefingEntry get(@PathVariable String workspaceId, @PathVariable String entryId, CurrentAccount caller) {
            return briefing.get(member(workspaceId, caller), id(entryId, "briefing entry"));
        }

        @PutMapping("/api/workspaces/{workspaceId}/briefing/{entryId}")
        BriefingEntry update(
                @PathVariable String workspaceId,
                @PathVariable String entryId,
                @RequestBody EntryBody body,
                CurrentAccount caller) {
            Membership by = member(workspaceId, caller);
            UUID id = briefing.get(by, id(entryId, "briefing entry")).id();
            if (body.version() == null) {
                throw new InvalidInput("version", "Send the version you read, so that nobody's change is lost.");
            }
            return briefing.update(by, id, body.version(), body.draft());
        }

        @DeleteMapping("/api/workspaces/{workspaceId}/briefing/{entryId}")
        @ResponseStatus(HttpStatus.NO_CONTENT)
        void delete(@PathVariable String workspaceId, @PathVariable String entryId, CurrentAccount caller) {
            briefing.delete(member(workspaceId, caller), id(entryId, "briefing entry"));
        }

        /** Entries for any text, e.g. a draft reply: {@code language} is {@code en}, {@code de} or absent. */
        @GetMapping("/api/workspaces/{workspaceId}/briefing/suggestions")
        List<BriefingEntry.Suggestion> suggest(
                @PathVariable String workspaceId,
                @RequestParam(defaultValue = "") String text,
                @RequestParam(required = false) String language,
                @RequestParam(defaultValue = "5") int limit,
                CurrentAccount caller) {
            return briefing.suggest(member(workspaceId, caller), text, language, limit);
        }

        @GetMapping("/api/workspaces/{workspaceId}/conversations/{conversationId}/suggestions")
        List<BriefingEntry.Suggestion> suggestFor(
                @PathVariable String workspaceId,
                @PathVariable String conversationId,
                @RequestParam(defaultValue = "5") int limit,
                CurrentAccount caller) {
            return briefing.suggestFor(member(workspaceId, caller), ConversationId.parse(conversationId), limit);
        }

        @PostMapping("/api/workspaces/{workspaceId}/conversations/{conversationId}/insertions")
        Inserted insert(
                @PathVariable String workspaceId,
                @PathVariable String conversationId,
                @RequestBody Insertion body,
                CurrentAccount caller) {
            Membership by = member(workspaceId, caller);
            return new Inserted(insertion(
                    briefing,
                    canned,
                    by,
                    ConversationId.parse(conversationId),
                    body.kind(),
                    body.item(),
                    body.language()));
        }

        @GetMapping("/api/workspaces/{workspaceId}/canned-replies")
        List<CannedReplies.CannedReply> canned(@PathVariable String workspaceId, CurrentAccount caller) {
            return canned.list(member(workspaceId, caller));
        }

        @PostMapping("/api/workspaces/{workspaceId}/canned-replies")
        @ResponseStatus(HttpStatus.CREATED)
        CannedReplies.CannedReply createCanned(
                @PathVariable String workspaceId, @RequestBody CannedBody body, CurrentAccount caller) {
            return canned.create(member(workspaceId, caller), body.title(), body.body());
        }

        @DeleteMapping("/api/workspaces/{workspaceId}/canned-replies/{cannedId}")
        @ResponseStatus(HttpStatus.NO_CONTENT)
        void deleteCanned(@PathVariable String workspaceId, @PathVariable String cannedId, CurrentAccount caller) {
            canned.delete(member(workspaceId, caller), id(cannedId, "canned reply"));
        }
    }
}
