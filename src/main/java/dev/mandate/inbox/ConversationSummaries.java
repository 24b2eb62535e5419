package dev.mandate.inbox;

import dev.mandate.shared.AccountId;
import dev.mandate.shared.Party;
import dev.mandate.shared.WorkspaceId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the inbox list: a workspace's conversations, filtered, newest first or longest waiting first, one
 * keyset-paged slice at a time. The statement is put together from fixed pieces for the filters in use (every
 * value is a parameter), so that each combination gets a plan of its own that starts at the cursor.
 *
 * <p>A filtered page is found in one of two ways, whichever is cheap for the filter at hand: a common filter (a
 * frequent word, an open state) finds its page among the {@link #WINDOW} newest conversations, read along the
 * list's index; a rare one (a rare word, a seldom tag) comes from its index, and the few matches are sorted. The
 * window is tried first, and only when it holds no full page is the filter looked up: both are bounded, whatever
 * PostgreSQL's estimates say about a word it has never counted.
 */
@Component
class ConversationSummaries {

    static final int PREVIEW_LENGTH = 280;

    /** The page's conversations ({@code page}, already filtered, ordered and cut), with their opening and size. */
    private static final String SELECT = """
            select c.id, c.network, c.kind, c.context_title, c.state, c.priority, c.language, c.started_at,
                   c.last_message_at, c.waiting_since, c.assigned_party, c.assignee_id, c.tags,
                   opening.author_name, left(opening.body, %d) as preview, counted.messages
              from (%%s) c
              left join lateral (select m.author_name, m.body
                                   from inbox.message m
                                  where m.conversation_id = c.id and m.workspace_id = c.workspace_id
                                  order by m.created_at, m.id
                                  limit 1) opening on true
              cross join lateral (select count(*) as messages
                                    from inbox.message m
                                   where m.conversation_id = c.id and m.workspace_id = c.workspace_id) counted
             order by %%s
            """.formatted(PREVIEW_LENGTH);

    /**
     * How many of the newest (or longest waiting) conversations a filtered list first looks through. If they hold
     * a page of matches, that is the page; if not, the filter is rare enough to look up through its index.
     */
    static final int WINDOW = 2_000;

    /** German and English stemming together: a conversation matches if either reading of the words does. */
    static final String TEXT_QUERY =
            "(websearch_to_tsquery('german', :text) || websearch_to_tsquery('english', :text))";

    private final JdbcClient jdbc;

    ConversationSummaries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ConversationPage page(
            WorkspaceId workspace,
            AccountId me,
            ConversationFilter filter,
            ConversationSort sort,
            int limit,
            ConversationCursor after) {
        customPlans();
        List<ConversationSummary> rows = rows(statement(Way.WALK, workspace, me, filter, sort, limit, after));
        if (rows.size() <= limit && !filter.isEmpty()) {
            // The window did not hold a page: the rest may still hold matches, found through the filter's index.
            rows = rows(statement(Way.LOOK_UP, workspace, me, filter, sort, limit, after));
        }
        if (rows.size() <= limit) {
            return new ConversationPage(rows, null);
        }
        List<ConversationSummary> page = rows.subList(0, limit);
        return new ConversationPage(page, page.get(limit - 1).cursor(sort));
    }

    private List<ConversationSummary> rows(Statement statement) {
        return jdbc.sql(statement.sql())
                .params(statement.params())
                .query((rs, row) -> summary(rs))
                .list();
    }

    /**
     * How PostgreSQL answers {@link #page}: {@code EXPLAIN (ANALYZE, BUFFERS)} of each statement it runs, for the
     * performance docs.
     */
    String explain(
            WorkspaceId workspace,
            AccountId me,
            ConversationFilter filter,
            ConversationSort sort,
            int limit,
            ConversationCursor after) {
        customPlans();
        StringBuilder plans = new StringBuilder();
        Statement walk = statement(Way.WALK, workspace, me, filter, sort, limit, after);
        plans.append(plan(walk));
        if (!filter.isEmpty() && rows(walk).size() <= limit) {
            plans.append("\n\nThe window held no full page; looked up:\n\n")
                    .append(plan(statement(Way.LOOK_UP, workspace, me, filter, sort, limit, after)));
        }
        return plans.toString();
    }

    private String plan(Statement statement) {
        return String.join(
                "\n",
                jdbc.sql("explain (analyze, buffers) " + statement.sql())
                        .params(statement.params())
                        .query(String.class)
                        .list());
    }

    /**
     * Plans each list query for its actual values. A cached generic plan cannot know whether a search word or a tag
     * is common or rare; planning takes a fraction of a millisecond and the setting holds for the rest of the
     * (read-only) transaction.
     */
    private void customPlans() {
        jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
    }

    /** The two ways to a filtered page: through the newest window, or through the filter's indexes. */
    private enum Way {
        WALK,
        LOOK_UP
    }

    private record Statement(String sql, Map<String, Object> params) {}

    private static Statement statement(
            Way way,
            WorkspaceId workspace,
            AccountId me,
            ConversationFilter filter,
            ConversationSort sort,
            int limit,
            ConversationCursor after) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("workspace", workspace.value());
        StringBuilder inOrder = new StringBuilder(
                // quarantined conversations are on the quarantine page, in no list or search result
                "select * from inbox.conversation c where c.workspace_id = :workspace and c.quarantined_at is null\n");
        String order;
        switch (sort) {
            case NEWEST -> {
                if (after != null) {
                    inOrder.append("   and (c.last_message_at, c.id) < (:afterAt, :afterId)\n");
                }
                order = "c.last_message_at desc, c.id desc";
            }
            case OLDEST_WAITING -> {
                inOrder.append("   and c.waiting_since is not null and c.state <> 'CLOSED'\n");
                if (after != null) {
                    inOrder.append("   and (c.waiting_since, c.id) > (:afterAt, :afterId)\n");
                }
                order = "c.waiting_since, c.id";
            }
            default -> throw new IllegalArgumentException(sort.name());
        }
        if (after != null) {
            params.put("afterAt", after.at().atOffset(ZoneOffset.UTC));
            params.put("afterId", after.id().value());
        }
        StringBuilder filters = new StringBuilder();
        where(filter, me, filters, params);
        String page;
        if (filter.isEmpty()) {
            page = inOrder + " order by " + order + " limit :limit";
        } else if (way == Way.WALK) {
            // The window first, in the list's order along its index; then the filter on those rows only.
            page = "select * from (" + inOrder + " order by " + order + " limit :window) c where true\n" + filters
                    + " order by " + order + " limit :limit";
            params.put("window", WINDOW);
        } else {
            // "offset 0" keeps the matching set a query of its own, so the filter's indexes find it.
            page = "select * from (" + inOrder + filters + " offset 0) c order by " + order + " limit :limit";
        }
        // One more than asked for tells whether there is a next page without counting.
        params.put("limit", limit + 1);
        return new Statement(SELECT.formatted(page, order), params);
    }

    private static void where(ConversationFilter filter, AccountId me, StringBuilder sql, Map<String, Object> params) {
        if (!filter.states().isEmpty()) {
            sql.append("   and c.state = any(:states::text[])\n");
            params.put(
                    "states", filter.states().stream().map(Enum::name).sorted().toArray(String[]::new));
        }
        ConversationFilter.Assignee assignee = filter.assignee();
        if (assignee instanceof ConversationFilter.Assignee.Nobody) {
            sql.append("   and c.assignee_id is null\n");
        } else if (assignee instanceof ConversationFilter.Assignee.Me) {
            sql.append("   and c.assignee_id = :assignee\n");
            params.put("assignee", me.value());
        } else if (assignee instanceof ConversationFilter.Assignee.Member member) {
            sql.append("   and c.assignee_id = :assignee\n");
            params.put("assignee", member.account().value());
        }
        if (filter.party() != null) {
            sql.append("   and c.assigned_party = :party\n");
            params.put("party", filter.party().name());
        }
        if (filter.network() != null) {
            sql.append("   and c.network = :network\n");
            params.put("network", filter.network());
        }
        if (filter.tag() != null) {
            sql.append("   and c.tags @> array[:tag]::text[]\n");
            params.put("tag", filter.tag());
        }
        if (filter.language() != null) {
            sql.append("   and c.language = :language\n");
            params.put("language", filter.language());
        }
        if (filter.priority() != null) {
            sql.append("   and c.priority = :priority\n");
            params.put("priority", filter.priority().name());
        }
        if (filter.text() != null) {
            sql.append("   and exists (select 1 from inbox.conversation_search s\n")
                    .append("                where s.conversation_id = c.id and s.search @@ ")
                    .append(TEXT_QUERY)
                    .append(")\n");
            params.put("text", filter.text());
        }
    }

    private static ConversationSummary summary(ResultSet rs) throws SQLException {
        String party = rs.getString("assigned_party");
        UUID assignee = rs.getObject("assignee_id", UUID.class);
        OffsetDateTime waiting = rs.getObject("waiting_since", OffsetDateTime.class);
        return new ConversationSummary(
                new ConversationId(rs.getObject("id", UUID.class)),
                rs.getString("network"),
                ConversationKind.valueOf(rs.getString("kind")),
                rs.getString("context_title"),
                ConversationState.valueOf(rs.getString("state")),
                Priority.valueOf(rs.getString("priority")),
                rs.getString("language"),
                rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                rs.getObject("last_message_at", OffsetDateTime.class).toInstant(),
                waiting == null ? null : waiting.toInstant(),
                party == null ? null : Party.valueOf(party),
                assignee == null ? null : new AccountId(assignee),
                tags(rs.getArray("tags")),
                rs.getString("author_name"),
                rs.getString("preview"),
                rs.getInt("messages"));
    }

    private static List<String> tags(Array array) throws SQLException {
        return array == null ? List.of() : new ArrayList<>(Arrays.asList((String[]) array.getArray()));
    }
}
