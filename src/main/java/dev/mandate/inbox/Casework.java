package dev.mandate.inbox;

import dev.mandate.account.AccountDirectory;
import dev.mandate.contact.ContactId;
import dev.mandate.shared.AccountId;
import dev.mandate.shared.Actor;
import dev.mandate.shared.AuditableEvent;
import dev.mandate.shared.Conflict;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.NotFound;
import dev.mandate.shared.Party;
import dev.mandate.shared.WorkspaceId;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.WorkspaceAccess;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Working on a conversation: its state, priority, assignment and tags, each changed by compare-and-set on the
 * conversation's version, so that two people changing it at once cannot both win (the second is told that
 * someone else changed it); internal notes, which are never sent; and follow-up tasks with a due time. Every
 * change lands in the audit trail and the conversation's activity, and tells open pages.
 */
@Service
public class Casework {

    private static final Pattern TAG = Pattern.compile("^[\\p{Ll}\\p{N}][\\p{Ll}\\p{N}_-]{0,39}$");
    private static final int MAX_TAGS = 20;

    private final JdbcClient jdbc;
    private final WorkspaceAccess access;
    private final AccountDirectory directory;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Casework(
            JdbcClient jdbc,
            WorkspaceAccess access,
            AccountDirectory directory,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.directory = directory;
        this.events = events;
        this.clock = clock;
    }

    /** Moves the conversation to {@code state}; escalating takes a reason. Returns the new version. */
    @Transactional
    public long changeState(Membership by, ConversationId id, long version, ConversationState state, String reason) {
        by.requireMayChange();
        return changeState(by.workspaceId(), by.actor(), id, version, state, reason);
    }

    private long changeState(
            WorkspaceId by, Actor actor, ConversationId id, long version, ConversationState state, String reason) {
        if (state == null) {
            throw new InvalidInput("state", "Say which state: open, waiting, escalated or closed.");
        }
        String why = reason == null || reason.isBlank() ? null : reason.trim();
        if (state == ConversationState.ESCALATED && why == null) {
            throw new InvalidInput("reason", "Say why it is escalated, so the brand knows what to decide.");
        }
        if (why != null && why.length() > 500) {
            throw new InvalidInput("reason", "At most 500 characters.");
        }
        long next = compareAndSet(
                by,
                id,
                version,
                "state = :state, escalation_reason = nullif(:reason, '')",
                Map.of("state", state.name(), "reason", state == ConversationState.ESCALATED ? why : ""));
        String detail =
                state.name().toLowerCase(Locale.ROOT) + (state == ConversationState.ESCALATED ? ": " + why : "");
        record(by, actor, id, "conversation.state-changed", detail, Map.of("state", state.name()));
        return next;
    }

    /**
     * Escalates the conversation for Mandate itself (a routing rule's hand-off), from whatever version it is at now:
     * nobody saw an older one; one that is escalated already stays as it is. Returns the new version.
     */
    @Transactional
    public long escalate(WorkspaceId workspace, Actor by, ConversationId id, String reason) {
        String why = reason == null || reason.isBlank() ? "handed to the brand" : reason.strip();
        if (why.length() > 500) {
            why = why.substring(0, 499) + "…";
        }
        Work.Head head = head(workspace, id).orElseThrow(() -> new NotFound("conversation"));
        if (head.state() == ConversationState.ESCALATED) {
            return head.version(); // a rule escalated it as it asked for the hand-off: one entry in the trail
        }
        long version = head.version();
        long next = jdbc.sql("""
                        update inbox.conversation
                           set state = 'ESCALATED', escalation_reason = :reason, version = version + 1
                         where id = :id and workspace_id = :workspace and version = :version
                        returning version
                        """)
                .param("reason", why)
                .param("id", id.value())
                .param("workspace", workspace.value())
                .param("version", version)
                .query(Long.class)
                .optional()
                .orElseThrow(
                        () -> new Conflict("concurrent-change", "The conversation changed while it was escalated."));
        record(workspace, by, id, "conversation.state-changed", "escalated: " + why, Map.of("state", "ESCALATED"));
        return next;
    }

    @Transactional
    public long changePriority(Membership by, ConversationId id, long version, Priority priority) {
        by.requireMayChange();
        return changePriority(by.workspaceId(), by.actor(), id, version, priority);
    }

    private long changePriority(WorkspaceId by, Actor actor, ConversationId id, long version, Priority priority) {
        if (priority == null) {
            throw new InvalidInput("priority", "Say which priority: low, normal, high or urgent.");
        }
        long next = compareAndSet(by, id, version, "priority = :priority", Map.of("priority", priority.name()));
        record(
                by,
                actor,
                id,
                "conversation.priority-changed",
                priority.name().toLowerCase(Locale.ROOT),
                Map.of("priority", priority.name()));
        return next;
    }

    /**
     * Assigns the conversation to a party and a person: a person alone brings their party; a party alone leaves
     * the person open; neither unassigns it. The person must be a member of the workspace, and of the party.
     */
    @Transactional
    public long assign(Membership by, ConversationId id, long version, Party party, AccountId assignee) {
        by.requireMayChange();
        return assign(by.workspaceId(), by.actor(), id, version, party, assignee);
    }

    private long assign(WorkspaceId by, Actor actor, ConversationId id, long version, Party party, AccountId assignee) {
        Party to = party;
        String name = null;
        if (assignee != null) {
            Membership member = access.members(by).stream()
                    .filter(m -> m.accountId().equals(assignee))
                    .findFirst()
                    .orElseThrow(() -> new InvalidInput("assignee", "Assign it to a member of this workspace."));
            if (member.party() == Party.ADVISOR) {
                throw new InvalidInput("assignee", "Advisors read; they do not answer conversations.");
            }
            if (to != null && to != member.party()) {
                throw new InvalidInput(
                        "assignee",
                        member.displayName() + " works for the "
                                + member.party().name().toLowerCase(Locale.ROOT) + ", not the "
                                + to.name().toLowerCase(Locale.ROOT) + ".");
            }
            to = member.party();
            name = member.displayName();
        }
        if (to != null && to != Party.BRAND && to != Party.AGENCY) {
            throw new InvalidInput("party", "Conversations are assigned to the brand or the agency.");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("party", to == null ? "" : to.name());
        values.put("assignee", assignee == null ? new UUID(0, 0) : assignee.value());
        long next = compareAndSet(
                by,
                id,
                version,
                "assigned_party = nullif(:party, ''), assignee_id = nullif(:assignee::uuid, '00000000-0000-0000-0000-000000000000'::uuid)",
                values);
        String detail = to == null
                ? "unassigned"
                : name == null ? "to the " + to.name().toLowerCase(Locale.ROOT) : "to " + name;
        Map<String, String> details = new LinkedHashMap<>();
        details.put("party", to == null ? "" : to.name());
        details.put("assignee", assignee == null ? "" : assignee.toString());
        record(by, actor, id, to == null ? "conversation.unassigned" : "conversation.assigned", detail, details);
        return next;
    }

    /** Adds a tag (lower case: a word of letters, digits, - or _). */
    @Transactional
    public long tag(Membership by, ConversationId id, long version, String tag) {
        by.requireMayChange();
        return tag(by.workspaceId(), by.actor(), id, version, tag);
    }

    private long tag(WorkspaceId by, Actor actor, ConversationId id, long version, String tag) {
        String normal = normalTag(tag);
        long next = compareAndSet(
                by,
                id,
                version,
                "tags = case when :tag = any(tags) then tags else array_append(tags, :tag::text) end",
                Map.of("tag", normal));
        Integer count = jdbc.sql("select cardinality(tags) from inbox.conversation where id = :id")
                .param("id", id.value())
                .query(Integer.class)
                .single();
        if (count > MAX_TAGS) {
            throw new InvalidInput("tag", "At most " + MAX_TAGS + " tags on a conversation.");
        }
        record(by, actor, id, "conversation.tagged", "#" + normal, Map.of("tag", normal));
        return next;
    }

    @Transactional
    public long untag(Membership by, ConversationId id, long version, String tag) {
        by.requireMayChange();
        String normal = normalTag(tag);
        long next = compareAndSet(
                by.workspaceId(), id, version, "tags = array_remove(tags, :tag::text)", Map.of("tag", normal));
        record(by, id, "conversation.untagged", "#" + normal, Map.of("tag", normal));
        return next;
    }

    /** Moves the conversation to {@code state} as {@code automation} (a routing rule), on its current version. */
    @Transactional
    public long changeState(Automation automation, ConversationId id, ConversationState state, String reason) {
        return changeState(
                automation.workspaceId(),
                automation.actor(),
                id,
                currentVersion(automation.workspaceId(), id),
                state,
                reason);
    }

    /** Sets the priority as {@code automation}, on the conversation's current version. */
    @Transactional
    public long changePriority(Automation automation, ConversationId id, Priority priority) {
        return changePriority(
                automation.workspaceId(),
                automation.actor(),
                id,
                currentVersion(automation.workspaceId(), id),
                priority);
    }

    /** Assigns the conversation as {@code automation}, on its current version; the same checks as for a person. */
    @Transactional
    public long assign(Automation automation, ConversationId id, Party party, AccountId assignee) {
        return assign(
                automation.workspaceId(),
                automation.actor(),
                id,
                currentVersion(automation.workspaceId(), id),
                party,
                assignee);
    }

    /** Adds a tag as {@code automation}, on the conversation's current version. */
    @Transactional
    public long tag(Automation automation, ConversationId id, String tag) {
        return tag(automation.workspaceId(), automation.actor(), id, currentVersion(automation.workspaceId(), id), tag);
    }

    /** The conversation's own fields, for automation that acts outside any membership; empty if it is not there. */
    @Transactional(readOnly = true)
    public Optional<Work.Head> head(WorkspaceId workspace, ConversationId id) {
        return jdbc.sql("""
                        select version, state, priority, escalation_reason, assigned_party, assignee_id, tags,
                               contact_id
                          from inbox.conversation where id = :id and workspace_id = :workspace
                        """)
                .param("id", id.value())
                .param("workspace", workspace.value())
                .query((rs, row) -> new Work.Head(
                        rs.getLong("version"),
                        ConversationState.valueOf(rs.getString("state")),
                        Priority.valueOf(rs.getString("priority")),
                        rs.getString("escalation_reason"),
                        Optional.ofNullable(rs.getString("assigned_party"))
                                .map(Party::valueOf)
                                .orElse(null),
                        Optional.ofNullable(rs.getObject("assignee_id", UUID.class))
                                .map(AccountId::new)
                                .orElse(null),
                        Arrays.asList((String[]) rs.getArray("tags").getArray()),
                        Optional.ofNullable(rs.getObject("contact_id", UUID.class))
                                .map(ContactId::new)
                                .orElse(null)))
                .optional();
    }

    /**
     * How many conversations that still need someone (open or escalated) each of these people has in the workspace:
     * what "least busy" compares. People with none are answered with 0.
     */
    @Transactional(readOnly = true)
    public Map<AccountId, Integer> openLoad(WorkspaceId workspace, List<AccountId> people) {
        Map<AccountId, Integer> load = new LinkedHashMap<>();
        people.forEach(p -> load.put(p, 0));
        jdbc.sql("""
                        select assignee_id, count(*) as open from inbox.conversation
                         where workspace_id = :workspace and assignee_id = any(:people::uuid[])
                           and state in ('OPEN', 'ESCALATED')
                         group by assignee_id
                        """)
                .param("workspace", workspace.value())
                .param("people", people.stream().map(AccountId::value).toArray(UUID[]::new))
                .query((rs, row) -> load.put(new AccountId(rs.getObject("assignee_id", UUID.class)), rs.getInt("open")))
                .list();
        return load;
    }

    private long currentVersion(WorkspaceId workspace, ConversationId id) {
        return head(workspace, id)
                .orElseThrow(() -> new NotFound("conversation"))
                .version();
    }

    /** An internal note on the conversation: for the team, never sent. */
    @Transactional
    public Note note(Membership by, ConversationId id, String body) {
        by.requireMayChange();
        String text = body == null ? "" : body.strip();
        if (text.isEmpty() || text.length() > 10_000) {
            throw new InvalidInput("body", "A note has between 1 and 10,000 characters.");
        }
        requireConversation(by.workspaceId(), id);
        Note note = new Note(UUID.randomUUID(), by.displayName(), by.party(), text, now());
        jdbc.sql("""
                        insert into inbox.note (id, workspace_id, conversation_id, author_id, author_name, author_party,
                                                body, created_at)
                        values (:id, :workspace, :conversation, :author, :name, :party, :body, :at)
                        """)
                .param("id", note.id())
                .param("workspace", by.workspaceId().value())
                .param("conversation", id.value())
                .param("author", by.accountId().value())
                .param("name", by.displayName())
                .param("party", by.party().name())
                .param("body", text)
                .param("at", note.createdAt().atOffset(ZoneOffset.UTC))
                .update();
        record(by, id, "conversation.note-added", null, Map.of("note", note.id().toString()));
        return note;
    }

    /** A follow-up: what to do about the conversation, by when, by whom (the caller when nobody is named). */
    @Transactional
    public FollowUp followUp(Membership by, ConversationId id, String title, Instant due, AccountId assignee) {
        by.requireMayChange();
        String what = title == null ? "" : title.strip();
        if (what.isEmpty() || what.length() > 500) {
            throw new InvalidInput("title", "Say what to do, in at most 500 characters.");
        }
        if (due == null) {
            throw new InvalidInput("due", "Say by when.");
        }
        AccountId who = assignee == null ? by.accountId() : assignee;
        Membership member = access.members(by.workspaceId()).stream()
                .filter(m -> m.accountId().equals(who))
                .findFirst()
                .orElseThrow(() -> new InvalidInput("assignee", "Give the follow-up to a member of this workspace."));
        if (member.party() == Party.ADVISOR) {
            throw new InvalidInput("assignee", "Advisors read; they do not follow up.");
        }
        requireConversation(by.workspaceId(), id);
        UUID taskId = UUID.randomUUID();
        jdbc.sql("""
                        insert into inbox.task (id, workspace_id, conversation_id, title, due_at, assignee_id,
                                                created_by, created_at)
                        values (:id, :workspace, :conversation, :title, :due, :assignee, :by, :at)
                        """)
                .param("id", taskId)
                .param("workspace", by.workspaceId().value())
                .param("conversation", id.value())
                .param("title", what)
                .param("due", due.atOffset(ZoneOffset.UTC))
                .param("assignee", who.value())
                .param("by", by.accountId().value())
                .param("at", now().atOffset(ZoneOffset.UTC))
                .update();
        record(
                by,
                id,
                "task.created",
                what + " (" + member.displayName() + ")",
                Map.of("task", taskId.toString(), "assignee", who.toString(), "due", due.toString()));
        return followUps(by.workspaceId(), "t.id = :task", Map.of("task", taskId))
                .get(0);
    }

    /** Marks a follow-up done, or not done again. */
    @Transactional
    public FollowUp complete(Membership by, TaskId task, boolean done) {
        by.requireMayChange();
        UUID conversation = jdbc.sql("""
                        update inbox.task
                           set done_at = case when :done then coalesce(done_at, :at) end,
                               done_by = case when :done then coalesce(done_by, :by) end
                         where id = :id and workspace_id = :workspace
                        returning conversation_id
                        """)
                .param("done", done)
                .param("at", now().atOffset(ZoneOffset.UTC))
                .param("by", by.accountId().value())
                .param("id", task.value())
                .param("workspace", by.workspaceId().value())
                .query(UUID.class)
                .optional()
                .orElseThrow(() -> new NotFound("task"));
        FollowUp followUp = followUps(by.workspaceId(), "t.id = :task", Map.of("task", task.value()))
                .get(0);
        record(
                by,
                new ConversationId(conversation),
                done ? "task.completed" : "task.reopened",
                followUp.title(),
                Map.of("task", task.toString()));
        return followUp;
    }

    /** The member's open follow-ups in the workspace: overdue first, then soonest due. */
    @Transactional(readOnly = true)
    public List<FollowUp> followUpsOf(Membership member) {
        return followUps(
                member.workspaceId(),
                "t.assignee_id = :me and t.done_at is null",
                Map.of("me", member.accountId().value()));
    }

    /** Everything about working on the conversation that its page shows. */
    @Transactional(readOnly = true)
    public Work work(Membership member, ConversationId id) {
        WorkspaceId workspace = member.workspaceId();
        Work.Head head = head(workspace, id).orElseThrow(() -> new NotFound("conversation"));
        List<Membership> members = access.members(workspace);
        String assigneeName = members.stream()
                .filter(m -> m.accountId().equals(head.assignee()))
                .map(Membership::displayName)
                .findFirst()
                .orElse(null);
        List<Note> notes = jdbc.sql("""
                        select id, author_name, author_party, body, created_at from inbox.note
                         where conversation_id = :id and workspace_id = :workspace order by created_at, id
                        """)
                .param("id", id.value())
                .param("workspace", workspace.value())
                .query((rs, row) -> new Note(
                        rs.getObject("id", UUID.class),
                        rs.getString("author_name"),
                        Party.valueOf(rs.getString("author_party")),
                        rs.getString("body"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
        List<Activity> activity = jdbc.sql("""
                        select at, actor_name, actor_party, action, detail from inbox.activity
                         where conversation_id = :id and workspace_id = :workspace order by at desc, id limit 100
                        """)
                .param("id", id.value())
                .param("workspace", workspace.value())
                .query((rs, row) -> new Activity(
                        rs.getObject("at", OffsetDateTime.class).toInstant(),
                        rs.getString("actor_name"),
                        Party.valueOf(rs.getString("actor_party")),
                        rs.getString("action"),
                        rs.getString("detail")))
                .list();
        List<FollowUp> tasks =
                followUps(workspace, "t.conversation_id = :conversation", Map.of("conversation", id.value()));
        List<Membership> assignable = members.stream()
                .filter(m -> m.party() == Party.BRAND || m.party() == Party.AGENCY)
                .toList();
        return new Work(head, assigneeName, notes, tasks, activity, assignable);
    }

    private List<FollowUp> followUps(WorkspaceId workspace, String condition, Map<String, Object> params) {
        Instant now = now();
        List<FollowUp> tasks = jdbc.sql("""
                        select t.id, t.conversation_id, t.title, t.due_at, t.assignee_id, t.done_at,
                               left(m.body, 120) as about
                          from inbox.task t
                          left join lateral (select body from inbox.message
                                              where conversation_id = t.conversation_id
                                              order by created_at, id limit 1) m on true
                         where t.workspace_id = :workspace and %s
                         order by t.done_at is not null, t.due_at, t.id
                        """.formatted(condition))
                .param("workspace", workspace.value())
                .params(params)
                .query((rs, row) -> {
                    Instant due = rs.getObject("due_at", OffsetDateTime.class).toInstant();
                    OffsetDateTime done = rs.getObject("done_at", OffsetDateTime.class);
                    return new FollowUp(
                            new TaskId(rs.getObject("id", UUID.class)),
                            new ConversationId(rs.getObject("conversation_id", UUID.class)),
                            rs.getString("title"),
                            due,
                            new AccountId(rs.getObject("assignee_id", UUID.class)),
                            null,
                            done == null ? null : done.toInstant(),
                            done == null && due.isBefore(now),
                            rs.getString("about"));
                })
                .list();
        return withAssigneeNames(tasks);
    }

    /** Names come from the account module's directory, not from its tables. */
    private List<FollowUp> withAssigneeNames(List<FollowUp> tasks) {
        if (tasks.isEmpty()) {
            return tasks;
        }
        Map<AccountId, String> names = new HashMap<>();
        directory
                .getAll(tasks.stream().map(FollowUp::assignee).distinct().toList())
                .forEach(a -> names.put(a.id(), a.displayName()));
        return tasks.stream()
                .map(t -> new FollowUp(
                        t.id(),
                        t.conversationId(),
                        t.title(),
                        t.dueAt(),
                        t.assignee(),
                        names.get(t.assignee()),
                        t.doneAt(),
                        t.overdue(),
                        t.about()))
                .toList();
    }

    /** Sets {@code assignments} if the conversation is still at {@code version}; the new version. */
    private long compareAndSet(
            WorkspaceId by, ConversationId id, long version, String assignments, Map<String, Object> values) {
        Optional<Long> next = jdbc.sql("""
                        update inbox.conversation
                           set %s, version = version + 1
                         where id = :id and workspace_id = :workspace and version = :version
                        returning version
                        """.formatted(assignments))
                .params(values)
                .param("id", id.value())
                .param("workspace", by.value())
                .param("version", version)
                .query(Long.class)
                .optional();
        if (next.isPresent()) {
            return next.get();
        }
        requireConversation(by, id);
        throw new Conflict(
                "concurrent-change",
                "Someone else changed this conversation (or a new message arrived) since you opened it. "
                        + "Reload it and try again.");
    }

    /**
     * The conversation, if it is one of the member's workspace, or {@link NotFound}: checked before anything about
     * a request is validated, so that a wrong id answers the same however the rest of the request looks.
     */
    @Transactional(readOnly = true)
    public ConversationId require(Membership member, ConversationId id) {
        requireConversation(member.workspaceId(), id);
        return id;
    }

    private void requireConversation(WorkspaceId workspace, ConversationId id) {
        boolean exists = jdbc.sql(
                        "select exists (select 1 from inbox.conversation where id = :id and workspace_id = :workspace)")
                .param("id", id.value())
                .param("workspace", workspace.value())
                .query(Boolean.class)
                .single();
        if (!exists) {
            throw new NotFound("conversation");
        }
    }

    private void record(Membership by, ConversationId id, String action, String detail, Map<String, String> details) {
        record(by.workspaceId(), by.actor(), id, action, detail, details);
    }

    private void record(
            WorkspaceId workspace,
            Actor actor,
            ConversationId id,
            String action,
            String detail,
            Map<String, String> details) {
        jdbc.sql("""
                        insert into inbox.activity (id, workspace_id, conversation_id, at, actor_id, actor_name,
                                                    actor_party, action, detail)
                        values (gen_random_uuid(), :workspace, :conversation, :at, :actor, :name, :party, :action,
                                :detail)
                        """)
                .param("workspace", workspace.value())
                .param("conversation", id.value())
                .param("at", now().atOffset(ZoneOffset.UTC))
                .param(
                        "actor",
                        actor.accountId() == null ? null : actor.accountId().value())
                .param("name", actor.name())
                .param("party", actor.party().name())
                .param("action", action)
                .param("detail", detail)
                .update();
        events.publishEvent(new ConversationWorked(workspace, actor, action, id, details));
        events.publishEvent(new ConversationChanged(workspace, id, action));
    }

    private static String normalTag(String tag) {
        String normal = tag == null ? "" : tag.strip().replaceFirst("^#", "").toLowerCase(Locale.ROOT);
        if (!TAG.matcher(normal).matches()) {
            throw new InvalidInput("tag", "A tag is a word of up to 40 letters, digits, - or _.");
        }
        return normal;
    }

    private Instant now() {
        return clock.instant();
    }

    /** What the conversation page shows about the work on a conversation. */
    public record Work(
            Head head,
            String assigneeName,
            List<Note> notes,
            List<FollowUp> tasks,
            List<Activity> activity,
            List<Membership> assignable) {

        /**
         * The conversation's own fields; {@code version} goes back with every change.
         *
         * @param contact who started it, if known
         */
        public record Head(
                long version,
                ConversationState state,
                Priority priority,
                String escalationReason,
                Party assignedParty,
                AccountId assignee,
                List<String> tags,
                ContactId contact) {

            public Head {
                tags = List.copyOf(new ArrayList<>(tags));
            }
        }
    }

    /** An internal note: never sent to anyone outside the workspace. */
    public record Note(UUID id, String authorName, Party authorParty, String body, Instant createdAt) {}

    /**
     * A follow-up task.
     *
     * @param overdue open and past its due time
     * @param about the beginning of the conversation's first message
     */
    public record FollowUp(
            TaskId id,
            ConversationId conversationId,
            String title,
            Instant dueAt,
            AccountId assignee,
            String assigneeName,
            Instant doneAt,
            boolean overdue,
            String about) {}

    /** One line of a conversation's activity. */
    public record Activity(Instant at, String actorName, Party actorParty, String action, String detail) {}

    /** Someone worked on a conversation: for the audit trail. */
    public record ConversationWorked(
            WorkspaceId workspaceId,
            Actor actor,
            String action,
            ConversationId conversationId,
            Map<String, String> details)
            implements AuditableEvent {

        @Override
        public String subjectType() {
            return "conversation";
        }

        @Override
        public String subjectId() {
            return conversationId.toString();
        }
    }
}
