package dev.mandate.routing;

import dev.mandate.inbox.Casework;
import dev.mandate.inbox.ConversationId;
import dev.mandate.inbox.ConversationThread;
import dev.mandate.inbox.Inbox;
import dev.mandate.inbox.ThreadMessage;
import dev.mandate.shared.Conflict;
import dev.mandate.shared.Forbidden;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.NotFound;
import dev.mandate.shared.Party;
import dev.mandate.shared.WorkspaceId;
import dev.mandate.workspace.Membership;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The briefing: the brand's approved answers, written from scratch or made from a hand-off's answer in one click,
 * found by PostgreSQL full-text search with English and German stemming (each language its own generated
 * {@code tsvector} and GIN index), and suggested for each message with the words that matched. Entries past their
 * valid-until date are flagged and come after the ones that hold. The brand writes the briefing; the agency reads and
 * uses it; every change is audited, and every use (an answer put into a reply) counted for the report.
 */
@Service
public class Briefing {

    private static final Pattern TAG = Pattern.compile("^[\\p{Ll}\\p{N}][\\p{Ll}\\p{N}_-]{0,39}$");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'-]*");
    private static final int MOST_WORDS = 60;

    private final JdbcClient jdbc;
    private final Handoffs handoffs;
    private final Inbox inbox;
    private final Casework casework;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Briefing(
            JdbcClient jdbc,
            Handoffs handoffs,
            Inbox inbox,
            Casework casework,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.handoffs = handoffs;
        this.inbox = inbox;
        this.casework = casework;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public BriefingEntry create(Membership by, BriefingEntry.Draft draft) {
        requireBrand(by);
        UUID id = UUID.randomUUID();
        insert(by, id, clean(draft), null);
        audit(by, "briefing.created", id, Map.of("question", draft.question().strip()));
        return get(by, id);
    }

    /**
     * Makes an entry from a hand-off's answer: its question, its answer in the conversation's language. Once per
     * hand-off; a second click shows the entry made by the first.
     */
    @Transactional
    public BriefingEntry fromHandoff(Membership by, HandoffId handoffId) {
        requireBrand(by);
        Handoff handoff = handoffs.get(by, handoffId);
        if (handoff.state() != HandoffState.ANSWERED || handoff.answer() == null) {
            throw new Conflict("handoff-not-answered", "Only an answered hand-off can become a briefing entry.");
        }
        if (handoff.briefingEntryId() != null) {
            return get(by, handoff.briefingEntryId());
        }
        String language = inbox.conversation(by, handoff.conversationId()).language();
        boolean german = "de".equals(language);
        BriefingEntry.Draft draft = clean(new BriefingEntry.Draft(
                handoff.question(),
                german ? null : handoff.answer(),
                german ? handoff.answer() : null,
                List.of(),
                null));
        UUID id = UUID.randomUUID();
        try {
            insert(by, id, draft, handoffId);
        } catch (DuplicateKeyException e) {
            throw new Conflict("briefing-exists", "This hand-off's answer is in the briefing already.");
        }
        handoffs.madeBriefingEntry(by.workspaceId(), handoffId, id);
        audit(by, "briefing.created", id, Map.of("question", draft.question(), "handoff", handoffId.toString()));
        return get(by, id);
    }

    @Transactional
    public BriefingEntry update(Membership by, UUID id, long version, BriefingEntry.Draft draft) {
        requireBrand(by);
        get(by, id);
        BriefingEntry.Draft clean = clean(draft);
        int changed = jdbc.sql("""
                        update routing.briefing_entry
                           set question = :question, answer_en = :en, answer_de = :de, tags = :tags, tag_text = :tagText,
                               valid_until = :validUntil, updated_at = :now, version = version + 1
                         where id = :id and workspace_id = :workspace and version = :version
                        """)
                .param("question", clean.question())
                .param("en", clean.answerEn())
                .param("de", clean.answerDe())
                .param("tags", clean.tags().toArray(String[]::new))
                .param("tagText", String.join(" ", clean.tags()))
                .param("validUntil", clean.validUntil())
                .param("now", at(clock.instant()))
                .param("id", id)
                .param("workspace", by.workspaceId().value())
                .param("version", version)
                .update();
        if (changed != 1) {
            throw new Conflict(
                    "concurrent-change",
                    "Someone else changed this entry since you opened it. Reload it and try again.");
        }
        audit(by, "briefing.changed", id, Map.of("question", clean.question()));
        return get(by, id);
    }

    @Transactional
    public void delete(Membership by, UUID id) {
        requireBrand(by);
        BriefingEntry entry = get(by, id);
        jdbc.sql("delete from routing.briefing_entry where id = :id and workspace_id = :workspace")
                .param("id", id)
                .param("workspace", by.workspaceId().value())
                .update();
        audit(by, "briefing.deleted", id, Map.of("question", entry.question()));
    }

    @Transactional(readOnly = true)
    public BriefingEntry get(Membership by, UUID id) {
        return jdbc.sql("select * from routing.briefing_entry where id = :id and workspace_id = :workspace")
                .param("id", id)
                .param("workspace", by.workspaceId().value())
                .query((rs, row) -> entry(rs, today(by)))
                .optional()
                .orElseThrow(() -> new NotFound("briefing entry"));
    }

    /** All entries, the latest changed first, or those matching {@code text} best first. */
    @Transactional(readOnly = true)
    public List<BriefingEntry> list(Membership by, String text, int limit) {
        int most = Math.max(1, Math.min(limit, 500));
        if (text == null || text.isBlank()) {
            return jdbc.sql("""
                            select * from routing.briefing_entry where workspace_id = :workspace
                             order by updated_at desc, id limit :limit
                            """)
                    .param("workspace", by.workspaceId().value())
                    .param("limit", most)
                    .query((rs, row) -> entry(rs, today(by)))
                    .list();
        }
        return search(by.workspaceId(), today(by), text, null, most).stream()
                .map(BriefingEntry.Suggestion::entry)
                .toList();
    }

    /**
     * The entries that best answer {@code text}, with the words they matched: those still valid first, then by
     * rank. {@code language} ({@code en}, {@code de} or {@code null} when not known) picks the stemming searched with
     * (both when not known) and the answer shown.
     */
    @Transactional(readOnly = true)
    public List<BriefingEntry.Suggestion> suggest(Membership by, String text, String language, int limit) {
        return search(by.workspaceId(), today(by), text, language, Math.max(1, Math.min(limit, 20)));
    }

    /** Suggestions for the latest message the customer wrote in the conversation. */
    @Transactional(readOnly = true)
    public List<BriefingEntry.Suggestion> suggestFor(Membership by, ConversationId conversation, int limit) {
        ConversationThread thread = inbox.conversation(by, conversation);
        ThreadMessage latest = null;
        for (ThreadMessage message : thread.messages()) {
            if (!message.outbound() && (latest == null || !message.createdAt().isBefore(latest.createdAt()))) {
                latest = message;
            }
        }
        if (latest == null) {
            return List.of();
        }
        String language = latest.language() != null ? latest.language() : thread.language();
        return suggest(by, latest.body(), language, limit);
    }

    List<BriefingEntry.Suggestion> search(
            WorkspaceId workspace, LocalDate today, String text, String language, int limit) {
        List<String> words = words(text);
        if (words.isEmpty()) {
            return List.of();
        }
        String query = String.join(" ", words);
        return jdbc.sql("""
                        with q as (
                            select case when :useEn then nullif(replace(plainto_tsquery('english', :text)::text,
                                                                        ' & ', ' | '), '')::tsquery end as en,
                                   case when :useDe then nullif(replace(plainto_tsquery('german', :text)::text,
                                                                        ' & ', ' | '), '')::tsquery end as de),
                        hits as (
                            select e.*, greatest(coalesce(ts_rank(e.search_en, q.en), 0),
                                            coalesce(ts_rank(e.search_de, q.de), 0)) as score,
                                   coalesce(e.valid_until < :today, false) as expired
                              from routing.briefing_entry e, q
                             where e.workspace_id = :workspace and (e.search_en @@ q.en or e.search_de @@ q.de)
                             order by expired, score desc, e.updated_at desc, e.id
                             limit :limit)
                        select h.*,
                               array(select w from unnest(:words::text[]) w
                                      where (:useEn and tsvector_to_array(to_tsvector('english', w))
                                                         && tsvector_to_array(h.search_en))
                                         or (:useDe and tsvector_to_array(to_tsvector('german', w))
                                                        && tsvector_to_array(h.search_de))) as matched
                          from hits h
                         order by h.expired, h.score desc, h.updated_at desc, h.id
                        """)
                .param("text", query)
                .param("words", words.toArray(String[]::new))
                .param("workspace", workspace.value())
                .param("today", today)
                .param("limit", limit)
                .param("useEn", !"de".equals(language))
                .param("useDe", !"en".equals(language))
                .query((rs, row) -> {
                    BriefingEntry entry = entry(rs, today);
                    return new BriefingEntry.Suggestion(
                            entry,
                            entry.answerIn(language),
                            Arrays.asList((String[]) rs.getArray("matched").getArray()),
                            rs.getDouble("score"));
                })
                .list();
    }

    /**
     * Puts an entry's answer into a reply in the conversation: counts the use and returns the text, in the
     * conversation's language when the entry has it.
     */
    @Transactional
    public String use(Membership by, UUID id, ConversationId conversation, String language) {
        by.requireMayChange();
        BriefingEntry entry = get(by, id);
        ConversationThread thread = inbox.conversation(by, conversation);
        String lang = language == null || language.isBlank() ? thread.language() : language;
        recordUse(by, "BRIEFING", id, conversation);
        return entry.answerIn(lang);
    }

    /** {@link NotFound} unless the conversation is of the member's workspace: checked before anything else. */
    void requireConversation(Membership by, ConversationId conversation) {
        casework.require(by, conversation);
    }

    void recordUse(Membership by, String kind, UUID item, ConversationId conversation) {
        jdbc.sql("""
                        insert into routing.insertion (id, workspace_id, kind, item_id, conversation_id, used_by_id, used_at)
                        values (gen_random_uuid(), :workspace, :kind, :item, :conversation, :by, :now)
                        """)
                .param("workspace", by.workspaceId().value())
                .param("kind", kind)
                .param("item", item)
                .param("conversation", conversation.value())
                .param("by", by.accountId().value())
                .param("now", at(clock.instant()))
                .update();
    }

    private void insert(Membership by, UUID id, BriefingEntry.Draft draft, HandoffId source) {
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into routing.briefing_entry (id, workspace_id, question, answer_en, answer_de, tags,
                                                            tag_text, owner_name, owner_id, valid_until,
                                                            source_handoff_id, created_at, updated_at)
                        values (:id, :workspace, :question, :en, :de, :tags, :tagText, :owner, :ownerId, :validUntil,
                                :source, :now, :now)
                        """)
                .param("id", id)
                .param("workspace", by.workspaceId().value())
                .param("question", draft.question())
                .param("en", draft.answerEn())
                .param("de", draft.answerDe())
                .param("tags", draft.tags().toArray(String[]::new))
                .param("tagText", String.join(" ", draft.tags()))
                .param("owner", by.displayName())
                .param("ownerId", by.accountId().value())
                .param("validUntil", draft.validUntil())
                .param("source", source == null ? null : source.value())
                .param("now", at(now))
                .update();
    }

    private static BriefingEntry.Draft clean(BriefingEntry.Draft draft) {
        if (draft == null) {
            throw new InvalidInput("question", "Write the question and its answer.");
        }
        String question = draft.question() == null ? "" : draft.question().strip();
        if (question.isEmpty() || question.length() > 1000) {
            throw new InvalidInput("question", "Write the question, in at most 1,000 characters.");
        }
        String en = blankToNull(draft.answerEn());
        String de = blankToNull(draft.answerDe());
        if (en == null && de == null) {
            throw new InvalidInput("answerEn", "Write the approved answer in English, German or both.");
        }
        if ((en != null && en.length() > 10_000) || (de != null && de.length() > 10_000)) {
            throw new InvalidInput("answerEn", "An answer has at most 10,000 characters.");
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String tag : draft.tags() == null ? List.<String>of() : draft.tags()) {
            String normal =
                    tag == null ? "" : tag.strip().replaceFirst("^#", "").toLowerCase(Locale.ROOT);
            if (normal.isEmpty()) {
                continue;
            }
            if (!TAG.matcher(normal).matches()) {
                throw new InvalidInput("tags", "A tag is a word of up to 40 letters, digits, - or _: '" + tag + "'.");
            }
            tags.add(normal);
        }
        if (tags.size() > 20) {
            throw new InvalidInput("tags", "At most 20 tags.");
        }
        return new BriefingEntry.Draft(question, en, de, List.copyOf(tags), draft.validUntil());
    }

    /** The message's distinct words, at most {@value #MOST_WORDS}, for the query and for saying which matched. */
    static List<String> words(String text) {
        if (text == null) {
            return List.of();
        }
        Set<String> words = new LinkedHashSet<>();
        var matcher = WORD.matcher(text.length() > 5000 ? text.substring(0, 5000) : text);
        while (matcher.find() && words.size() < MOST_WORDS) {
            words.add(matcher.group().toLowerCase(Locale.ROOT));
        }
        return List.copyOf(words);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private void requireBrand(Membership by) {
        by.requireMayChange();
        if (by.party() != Party.BRAND) {
            throw new Forbidden("The briefing holds the brand's approved answers; brand members write it.");
        }
    }

    private void audit(Membership by, String action, UUID id, Map<String, String> details) {
        events.publishEvent(new HandoffEvents.BriefingChanged(
                by.workspaceId(), by.actor(), action, "briefing-entry", id.toString(), details));
    }

    private LocalDate today(Membership by) {
        return LocalDate.ofInstant(clock.instant(), ZoneId.of(by.workspace().timeZone()));
    }

    private static BriefingEntry entry(ResultSet rs, LocalDate today) throws SQLException {
        Array tags = rs.getArray("tags");
        LocalDate validUntil = rs.getObject("valid_until", LocalDate.class);
        UUID source = rs.getObject("source_handoff_id", UUID.class);
        return new BriefingEntry(
                rs.getObject("id", UUID.class),
                rs.getString("question"),
                rs.getString("answer_en"),
                rs.getString("answer_de"),
                Arrays.asList((String[]) tags.getArray()),
                rs.getString("owner_name"),
                validUntil,
                source == null ? null : new HandoffId(source),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                rs.getLong("version"),
                validUntil != null && validUntil.isBefore(today));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
