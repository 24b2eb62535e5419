package dev.mandate.routing;

import dev.mandate.inbox.Casework;
import dev.mandate.inbox.ConversationId;
import dev.mandate.inbox.ConversationState;
import dev.mandate.inbox.ConversationThread;
import dev.mandate.inbox.Inbox;
import dev.mandate.shared.Actor;
import dev.mandate.shared.Conflict;
import dev.mandate.shared.Forbidden;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.NotFound;
import dev.mandate.shared.Party;
import dev.mandate.shared.WorkspaceId;
import dev.mandate.workspace.Membership;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Hand-offs: a conversation handed to the brand with a question and a deadline, by an agency member or a routing
 * rule, and the brand's way back: an answer for the agency, taking the conversation over, or returning it. While a
 * hand-off is open the conversation is escalated; taken over, it is assigned to the brand member who took it; answered
 * or returned, it goes back to the agency. The brand is told by e-mail and, if it set one, a signed webhook. Every step
 * is audited, and both sides read the same record.
 */
@Service
public class Handoffs {

    private static final Logger log = LoggerFactory.getLogger(Handoffs.class);
    private static final int MAX_ANSWER = 9_000;

    private final JdbcClient jdbc;
    private final Casework casework;
    private final Inbox inbox;
    private final NotificationSettings settings;
    private final HandoffProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Handoffs(
            JdbcClient jdbc,
            Casework casework,
            Inbox inbox,
            NotificationSettings settings,
            HandoffProperties properties,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.casework = casework;
        this.inbox = inbox;
        this.settings = settings;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /** Which hand-offs a list shows. */
    public enum Filter {
        OPEN,
        OVERDUE,
        ALL
    }

    /** How many hand-offs wait for the brand, and how many of those are past their deadline. */
    public record Counts(int open, int overdue) {}

    /**
     * An agency member hands the conversation to the brand. Without a deadline, the default number of business hours
     * from now in the workspace's time zone.
     */
    @Transactional
    public Handoff open(Membership by, ConversationId conversation, String question, Instant deadline) {
        by.requireMayChange();
        casework.require(by, conversation);
        if (by.party() != Party.AGENCY) {
            throw new Forbidden("The agency hands conversations to the brand; the brand answers them here.");
        }
        String what = question == null ? "" : question.strip();
        if (what.isEmpty() || what.length() > 2000) {
            throw new InvalidInput("question", "Ask the brand something, in at most 2,000 characters.");
        }
        Instant now = clock.instant();
        Instant due = deadline != null
                ? deadline
                : properties
                        .handoff()
                        .hours()
                        .plus(
                                now,
                                properties.handoff().deadline(),
                                ZoneId.of(by.workspace().timeZone()));
        if (!due.isAfter(now)) {
            throw new InvalidInput("deadline", "The deadline must be in the future.");
        }
        ConversationThread thread = inbox.conversation(by, conversation);
        HandoffId id = open(
                        by.workspaceId(),
                        conversation,
                        what,
                        context(thread),
                        due,
                        by.actor(),
                        by.displayName(),
                        null,
                        0)
                .orElseThrow(() -> new Conflict(
                        "handoff-open", "This conversation is with the brand already; wait for its answer."));
        return get(by, id);
    }

    /**
     * A routing rule asked for a hand-off. Runs after the rule's transaction committed, in its own; the event
     * publication registry keeps the request until this succeeded, and delivers it again after a crash. A request for a
     * conversation that has an open hand-off already (the same request delivered twice) changes nothing.
     */
    @ApplicationModuleListener
    void on(HandoffRequested requested) {
        String question = requested.question() == null || requested.question().isBlank()
                ? "Please take a look."
                : requested.question().strip();
        try {
            Optional<HandoffId> opened = open(
                    requested.workspaceId(),
                    requested.conversationId(),
                    abbreviate(question, 2000),
                    null,
                    requested.deadline(),
                    new Actor(null, requested.requestedBy(), Party.SYSTEM),
                    requested.requestedBy(),
                    requested.ruleId(),
                    requested.ruleVersion());
            if (opened.isEmpty()) {
                log.info("Conversation {} is with the brand already", requested.conversationId());
            }
        } catch (NotFound gone) {
            // The conversation is not (or no longer) the workspace's: nothing to hand over, nothing to retry; the
            // hand-off inserted before the escalation found that out is not kept.
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            log.warn(
                    "Hand-off requested for conversation {}, which is not in its workspace",
                    requested.conversationId());
        }
    }

    /** The new hand-off, or empty when the conversation has an open one already. */
    private Optional<HandoffId> open(
            WorkspaceId workspace,
            ConversationId conversation,
            String question,
            String context,
            Instant deadline,
            Actor by,
            String requestedBy,
            String ruleId,
            int ruleVersion) {
        HandoffId id = new HandoffId(UUID.randomUUID());
        Instant now = clock.instant();
        int inserted = jdbc.sql("""
                            insert into routing.handoff (id, workspace_id, conversation_id, question, context, deadline,
                                                         state, requested_by, requested_by_id, rule_id, rule_version,
                                                         opened_at)
                            values (:id, :workspace, :conversation, :question, :context, :deadline, 'OPEN', :by,
                                    :byId, :rule, :version, :now)
                            on conflict (conversation_id) where state = 'OPEN' do nothing
                            """)
                .param("id", id.value())
                .param("workspace", workspace.value())
                .param("conversation", conversation.value())
                .param("question", question)
                .param("context", context)
                .param("deadline", at(deadline))
                .param("by", requestedBy)
                .param("byId", by.accountId() == null ? null : by.accountId().value())
                .param("rule", ruleId)
                .param("version", ruleVersion)
                .param("now", at(now))
                .update();
        if (inserted == 0) {
            return Optional.empty();
        }
        casework.escalate(workspace, by, conversation, "Handed to the brand: " + question);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("conversation", conversation.toString());
        details.put("question", question);
        details.put("deadline", deadline.toString());
        if (ruleId != null) {
            details.put("rule", ruleId);
            details.put("ruleVersion", Integer.toString(ruleVersion));
        }
        events.publishEvent(new HandoffEvents.HandoffChanged(workspace, by, "handoff.opened", id, details));
        notifyBrand(workspace, id, conversation, question, deadline, requestedBy);
        return Optional.of(id);
    }

    /** Tells the brand, through the notification outbox in this same transaction. */
    private void notifyBrand(
            WorkspaceId workspace,
            HandoffId id,
            ConversationId conversation,
            String question,
            Instant deadline,
            String requestedBy) {
        String link = properties.handoff().baseUrl().replaceAll("/+$", "") + "/workspaces/" + workspace
                + "/conversations/" + conversation;
        String due = DateTimeFormatter.ISO_INSTANT.format(deadline);
        String subject = "Hand-off from " + requestedBy + ": " + abbreviate(question, 80);
        String text = requestedBy + " hands a conversation to you and asks:\n\n" + question + "\n\nPlease answer by "
                + due + " (UTC): " + link + "\n\nAnswer the agency there, take the conversation over, or return it.\n";
        Map<String, String> data = new LinkedHashMap<>();
        data.put("handoff", id.toString());
        data.put("conversation", conversation.toString());
        data.put("question", question);
        data.put("deadline", due);
        data.put("requestedBy", requestedBy);
        data.put("url", link);
        for (String email : settings.recipients(workspace)) {
            events.publishEvent(new NotificationRequested(
                    workspace, NotificationRequested.Via.EMAIL, email, "handoff.opened", subject, text, data));
        }
        NotificationSettings.View view = settings.view(workspace);
        if (view.webhookUrl() != null) {
            events.publishEvent(new NotificationRequested(
                    workspace,
                    NotificationRequested.Via.WEBHOOK,
                    view.webhookUrl(),
                    "handoff.opened",
                    subject,
                    text,
                    data));
        }
    }

    /** The brand answers the agency: the answer is recorded as a note, and the conversation goes back to the agency. */
    @Transactional
    public Handoff answer(Membership by, HandoffId id, String answer) {
        String text = answer == null ? "" : answer.strip();
        Handoff handoff = openForBrand(by, id);
        if (text.isEmpty() || text.length() > MAX_ANSWER) {
            throw new InvalidInput("answer", "Write the answer, in at most 9,000 characters.");
        }
        close(by, handoff, HandoffState.ANSWERED, text);
        casework.note(by, handoff.conversationId(), "The brand's answer to the hand-off: " + text);
        long version = casework.work(by, handoff.conversationId()).head().version();
        version = casework.changeState(by, handoff.conversationId(), version, ConversationState.OPEN, null);
        casework.assign(by, handoff.conversationId(), version, Party.AGENCY, null);
        events.publishEvent(new HandoffEvents.HandoffChanged(
                by.workspaceId(),
                by.actor(),
                "handoff.answered",
                id,
                Map.of("conversation", handoff.conversationId().toString(), "inTime", inTime(handoff))));
        return get(by, id);
    }

    /**
     * The brand answers the customer itself: the conversation is assigned to the brand member who took it over and
     * stays escalated (with the brand), so the agency does not answer it.
     */
    @Transactional
    public Handoff takeOver(Membership by, HandoffId id) {
        Handoff handoff = openForBrand(by, id);
        close(by, handoff, HandoffState.TAKEN_OVER, null);
        long version = casework.work(by, handoff.conversationId()).head().version();
        casework.assign(by, handoff.conversationId(), version, Party.BRAND, by.accountId());
        events.publishEvent(new HandoffEvents.HandoffChanged(
                by.workspaceId(),
                by.actor(),
                "handoff.taken-over",
                id,
                Map.of("conversation", handoff.conversationId().toString(), "inTime", inTime(handoff))));
        return get(by, id);
    }

    /** The brand gives the conversation back to the agency without an answer; {@code reason} says why. */
    @Transactional
    public Handoff giveBack(Membership by, HandoffId id, String reason) {
        Handoff handoff = openForBrand(by, id);
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > 2000) {
            throw new InvalidInput("reason", "At most 2,000 characters.");
        }
        close(by, handoff, HandoffState.RETURNED, why);
        long version = casework.work(by, handoff.conversationId()).head().version();
        version = casework.changeState(by, handoff.conversationId(), version, ConversationState.OPEN, null);
        casework.assign(by, handoff.conversationId(), version, Party.AGENCY, null);
        events.publishEvent(new HandoffEvents.HandoffChanged(
                by.workspaceId(),
                by.actor(),
                "handoff.returned",
                id,
                Map.of("conversation", handoff.conversationId().toString(), "reason", why == null ? "" : why)));
        return get(by, id);
    }

    private Handoff openForBrand(Membership by, HandoffId id) {
        Handoff handoff = get(by, id);
        by.requireMayChange();
        if (by.party() != Party.BRAND) {
            throw new Forbidden("Only the brand answers, takes over or returns a hand-off.");
        }
        if (!handoff.open()) {
            throw new Conflict(
                    "handoff-closed",
                    "This hand-off is " + handoff.state().label().toLowerCase(Locale.ROOT) + " already.");
        }
        return handoff;
    }

    private void close(Membership by, Handoff handoff, HandoffState state, String answer) {
        int changed = jdbc.sql("""
                        update routing.handoff
                           set state = :state, closed_at = :now, closed_by = :by, closed_by_id = :byId, answer = :answer
                         where id = :id and workspace_id = :workspace and state = 'OPEN'
                        """)
                .param("state", state.name())
                .param("now", at(clock.instant()))
                .param("by", by.displayName())
                .param("byId", by.accountId().value())
                .param("answer", answer)
                .param("id", handoff.id().value())
                .param("workspace", by.workspaceId().value())
                .update();
        if (changed != 1) {
            throw new Conflict("handoff-closed", "Someone else closed this hand-off a moment ago. Reload it.");
        }
    }

    private String inTime(Handoff handoff) {
        return Boolean.toString(!clock.instant().isAfter(handoff.deadline()));
    }

    /** The hand-off, if it is of the member's workspace. */
    @Transactional(readOnly = true)
    public Handoff get(Membership by, HandoffId id) {
        return query(by.workspaceId(), "h.id = :id", Map.of("id", id.value()), 1).stream()
                .findFirst()
                .orElseThrow(() -> new NotFound("hand-off"));
    }

    /** The conversation's hand-offs, newest first; the first one opened by a rule gets its context now. */
    @Transactional
    public List<Handoff> of(Membership by, ConversationId conversation) {
        casework.require(by, conversation);
        List<Handoff> all = query(
                by.workspaceId(),
                "h.conversation_id = :conversation",
                Map.of("conversation", conversation.value()),
                50);
        if (all.stream().anyMatch(h -> h.context() == null)) {
            String context = context(inbox.conversation(by, conversation));
            jdbc.sql("update routing.handoff set context = :context where conversation_id = :c and context is null")
                    .param("context", context)
                    .param("c", conversation.value())
                    .update();
            all = query(
                    by.workspaceId(),
                    "h.conversation_id = :conversation",
                    Map.of("conversation", conversation.value()),
                    50);
        }
        return all;
    }

    /** The workspace's hand-offs: open ones by deadline, or all newest first. */
    @Transactional(readOnly = true)
    public List<Handoff> list(Membership by, Filter filter, int limit) {
        int most = Math.max(1, Math.min(limit, 500));
        return switch (filter) {
            case OPEN -> query(by.workspaceId(), "h.state = 'OPEN'", Map.of(), most);
            case OVERDUE ->
                query(
                        by.workspaceId(),
                        "h.state = 'OPEN' and h.deadline < :now",
                        Map.of("now", at(clock.instant())),
                        most);
            case ALL -> query(by.workspaceId(), "true", Map.of(), most);
        };
    }

    @Transactional(readOnly = true)
    public Counts counts(Membership by) {
        return jdbc.sql("""
                        select count(*) as open, count(*) filter (where deadline < :now) as overdue
                          from routing.handoff where workspace_id = :workspace and state = 'OPEN'
                        """)
                .param("workspace", by.workspaceId().value())
                .param("now", at(clock.instant()))
                .query((rs, row) -> new Counts(rs.getInt("open"), rs.getInt("overdue")))
                .single();
    }

    /** Links the briefing entry made from the hand-off's answer. */
    void madeBriefingEntry(WorkspaceId workspace, HandoffId id, UUID entry) {
        jdbc.sql("update routing.handoff set briefing_entry_id = :entry where id = :id and workspace_id = :workspace")
                .param("entry", entry)
                .param("id", id.value())
                .param("workspace", workspace.value())
                .update();
    }

    private List<Handoff> query(WorkspaceId workspace, String condition, Map<String, Object> params, int limit) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        select h.* from routing.handoff h
                         where h.workspace_id = :workspace and %s
                         order by h.state <> 'OPEN', case when h.state = 'OPEN' then h.deadline end, h.opened_at desc, h.id
                         limit :limit
                        """.formatted(condition))
                .param("workspace", workspace.value())
                .params(params)
                .param("limit", limit)
                .query((rs, row) -> handoff(rs, now))
                .list();
    }

    private static Handoff handoff(ResultSet rs, Instant now) throws SQLException {
        HandoffState state = HandoffState.valueOf(rs.getString("state"));
        Instant deadline = instant(rs, "deadline");
        return new Handoff(
                new HandoffId(rs.getObject("id", UUID.class)),
                new ConversationId(rs.getObject("conversation_id", UUID.class)),
                rs.getString("question"),
                rs.getString("context"),
                deadline,
                state,
                rs.getString("requested_by"),
                rs.getString("rule_id"),
                rs.getInt("rule_version"),
                instant(rs, "opened_at"),
                instant(rs, "closed_at"),
                rs.getString("closed_by"),
                rs.getString("answer"),
                rs.getObject("briefing_entry_id", UUID.class),
                state == HandoffState.OPEN && deadline.isBefore(now));
    }

    private static String context(ConversationThread thread) {
        if (thread.messages().isEmpty()) {
            return "";
        }
        var first = thread.messages().get(0);
        return abbreviate(first.authorName() + ": " + first.body(), 300);
    }

    static String abbreviate(String text, int most) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return flat.length() <= most ? flat : flat.substring(0, most - 1) + "…";
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
