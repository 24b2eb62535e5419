package dev.mandate.routing;

import dev.mandate.inbox.ConversationId;
import dev.mandate.inbox.ConversationThread;
import dev.mandate.inbox.Inbox;
import dev.mandate.inbox.ThreadMessage;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.NotFound;
import dev.mandate.workspace.Membership;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Canned replies: short texts the team puts into a reply, with the placeholders {@code {customer_name}} (who wrote
 * the conversation's latest message) and {@code {agent_name}} (who inserts it) filled in when inserted. Brand and
 * agency both keep them; changes are audited and uses counted.
 */
@Service
public class CannedReplies {

    private final JdbcClient jdbc;
    private final Inbox inbox;
    private final Briefing briefing;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CannedReplies(JdbcClient jdbc, Inbox inbox, Briefing briefing, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.inbox = inbox;
        this.briefing = briefing;
        this.events = events;
        this.clock = clock;
    }

    /** A canned reply, with its placeholders unfilled. */
    public record CannedReply(UUID id, String title, String body, String createdBy) {}

    @Transactional(readOnly = true)
    public List<CannedReply> list(Membership by) {
        return jdbc.sql("select * from routing.canned_reply where workspace_id = :workspace order by title, id")
                .param("workspace", by.workspaceId().value())
                .query((rs, row) -> new CannedReply(
                        rs.getObject("id", UUID.class),
                        rs.getString("title"),
                        rs.getString("body"),
                        rs.getString("created_by")))
                .list();
    }

    @Transactional
    public CannedReply create(Membership by, String title, String body) {
        by.requireMayChange();
        String name = title == null ? "" : title.strip();
        String text = body == null ? "" : body.strip();
        if (name.isEmpty() || name.length() > 200) {
            throw new InvalidInput("title", "Name it, in at most 200 characters.");
        }
        if (text.isEmpty() || text.length() > 10_000) {
            throw new InvalidInput("body", "Write the reply, in at most 10,000 characters.");
        }
        UUID id = UUID.randomUUID();
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        jdbc.sql("""
                        insert into routing.canned_reply (id, workspace_id, title, body, created_by, created_at, updated_at)
                        values (:id, :workspace, :title, :body, :by, :now, :now)
                        """)
                .param("id", id)
                .param("workspace", by.workspaceId().value())
                .param("title", name)
                .param("body", text)
                .param("by", by.displayName())
                .param("now", now)
                .update();
        audit(by, "canned-reply.created", id, name);
        return new CannedReply(id, name, text, by.displayName());
    }

    @Transactional
    public void delete(Membership by, UUID id) {
        by.requireMayChange();
        CannedReply reply = get(by, id);
        jdbc.sql("delete from routing.canned_reply where id = :id and workspace_id = :workspace")
                .param("id", id)
                .param("workspace", by.workspaceId().value())
                .update();
        audit(by, "canned-reply.deleted", id, reply.title());
    }

    CannedReply get(Membership by, UUID id) {
        return list(by).stream()
                .filter(r -> r.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new NotFound("canned reply"));
    }

    /** The reply's text for the conversation, its placeholders filled in; counts the use. */
    @Transactional
    public String use(Membership by, UUID id, ConversationId conversation) {
        by.requireMayChange();
        CannedReply reply = get(by, id);
        ConversationThread thread = inbox.conversation(by, conversation);
        String customer = thread.messages().stream()
                .filter(m -> !m.outbound())
                .reduce((first, second) -> second)
                .map(ThreadMessage::authorName)
                .orElse("");
        briefing.recordUse(by, "CANNED", id, conversation);
        return fill(reply.body(), customer, by.displayName());
    }

    static String fill(String body, String customerName, String agentName) {
        return body.replace("{customer_name}", customerName == null ? "" : customerName)
                .replace("{agent_name}", agentName == null ? "" : agentName);
    }

    private void audit(Membership by, String action, UUID id, String title) {
        events.publishEvent(new HandoffEvents.BriefingChanged(
                by.workspaceId(), by.actor(), action, "canned-reply", id.toString(), Map.of("title", title)));
    }
}
