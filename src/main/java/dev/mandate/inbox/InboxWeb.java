package dev.mandate.inbox;

import dev.mandate.account.CurrentAccount;
import dev.mandate.shared.InvalidInput;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.WorkspaceAccess;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The inbox pages (the workspace's home page and a conversation's thread), and the same under {@code /api}. */
class InboxWeb {

    /** The list's query as given, to fill the filter form again. */
    record Params(
            List<String> state,
            String assignee,
            String party,
            String network,
            String tag,
            String language,
            String priority,
            String q,
            String sort) {

        Params {
            state = state == null ? List.of() : List.copyOf(state);
        }
    }

    static final int PAGE = 25;

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
                @RequestParam(required = false) List<String> state,
                @RequestParam(required = false) String assignee,
                @RequestParam(required = false) String party,
                @RequestParam(required = false) String network,
                @RequestParam(required = false) String tag,
                @RequestParam(required = false) String language,
                @RequestParam(required = false) String priority,
                @RequestParam(required = false) String q,
                @RequestParam(required = false) String sort,
                @RequestParam(required = false) String after,
                CurrentAccount caller,
                Model model) {
            Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
            model.addAttribute("workspace", membership.workspace());
            model.addAttribute("time", timeIn(membership));
            model.addAttribute("states", ConversationState.values());
            model.addAttribute("priorities", Priority.values());
            model.addAttribute("params", new Params(state, assignee, party, network, tag, language, priority, q, sort));
            try {
                ListQuery query =
                        ListQuery.of(state, assignee, party, network, tag, language, priority, q, sort, after);
                ConversationPage page =
                        inbox.conversations(membership, query.filter(), query.sort(), PAGE, query.after());
                model.addAttribute("page", page);
                model.addAttribute("filtered", !query.filter().isEmpty());
                model.addAttribute("sort", query.sort());
                model.addAttribute("paged", query.after() != null);
                model.addAttribute(
                        "first",
                        ServletUriComponentsBuilder.fromCurrentRequest()
                                .replaceQueryParam("after")
                                .build()
                                .toUriString());
                model.addAttribute(
                        "next",
                        page.next() == null
                                ? null
                                : ServletUriComponentsBuilder.fromCurrentRequest()
                                        .replaceQueryParam("after", page.next().token())
                                        .build()
                                        .toUriString());
            } catch (InvalidInput invalid) {
                model.addAttribute("page", new ConversationPage(List.of(), null));
                model.addAttribute("filtered", true);
                model.addAttribute("sort", ConversationSort.NEWEST);
                model.addAttribute("paged", false);
                model.addAttribute("error", invalid.getMessage());
            }
            return "inbox/conversations";
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
                @RequestParam(required = false) List<String> state,
                @RequestParam(required = false) String assignee,
                @RequestParam(required = false) String party,
                @RequestParam(required = false) String network,
                @RequestParam(required = false) String tag,
                @RequestParam(required = false) String language,
                @RequestParam(required = false) String priority,
                @RequestParam(required = false) String q,
                @RequestParam(required = false) String sort,
                @RequestParam(required = false) String after,
                @RequestParam(defaultValue = "" + PAGE) int limit,
                CurrentAccount caller) {
            Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
            ListQuery query = ListQuery.of(state, assignee, party, network, tag, language, priority, q, sort, after);
            return inbox.conversations(membership, query.filter(), query.sort(), limit, query.after());
        }

        @GetMapping("/api/workspaces/{workspaceId}/conversations/{conversationId}")
        ConversationThread conversation(
                @PathVariable String workspaceId, @PathVariable String conversationId, CurrentAccount caller) {
            Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
            return inbox.conversation(membership, ConversationId.parse(conversationId));
        }
    }
}
