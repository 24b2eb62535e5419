package dev.mandate.inbox;

import dev.mandate.channel.Capability;
import dev.mandate.channel.ChannelAccount;
import dev.mandate.channel.ChannelAccountId;
import dev.mandate.channel.ChannelAccounts;
import dev.mandate.channel.ConnectorCalls;
import dev.mandate.classify.Classification;
import dev.mandate.classify.Feedback;
import dev.mandate.classify.Intent;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The quarantine: messages held back as spam, for the members of their workspace to look through, restore (back in
 * the inbox and approved again at the network where it was hidden there) or add to by marking a message as spam;
 * and the workspace's moderation settings per network. Every decision is audited, taught to the workspace's own
 * spam model ({@link Feedback}), and beats the classifier's verdict in the author's history. Advisors read it but
 * change nothing.
 */
@Service
public class Quarantine {

    /** The most messages one look at the quarantine shows. */
    public static final int MAX_SHOWN = 200;

    private final JdbcClient jdbc;
    private final ModerationSettings settings;
    private final NetworkModeration network;
    private final ConnectorCalls connectors;
    private final ChannelAccounts accounts;
    private final Feedback feedback;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Quarantine(
            JdbcClient jdbc,
            ModerationSettings settings,
            NetworkModeration network,
            ConnectorCalls connectors,
            ChannelAccounts accounts,
            Feedback feedback,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.network = network;
        this.connectors = connectors;
        this.accounts = accounts;
        this.feedback = feedback;
        this.events = events;
        this.clock = clock;
    }

    /** The workspace's quarantined messages, newest first. */
    @Transactional(readOnly = true)
    public List<QuarantinedMessage> messages(Membership member) {
        return jdbc.sql("""
                        select m.id, m.conversation_id, c.network, m.author_name, m.author_handle, left(m.body, 2000) as body,
                               c.context_title, m.spam_score, m.classification::text as classification, m.created_at,
                               m.quarantined_at, case when m.moderated = 'SPAM' then m.moderated_by end as marked_by,
                               c.quarantined_at is not null as conversation_quarantined,
                               (select a.action || ' ' || a.state from inbox.moderation_action a
                                 where a.workspace_id = m.workspace_id and a.message_id = m.id
                                 order by a.created_at desc limit 1) as at_network
                          from inbox.message m
                          left join inbox.conversation c on c.id = m.conversation_id and c.workspace_id = m.workspace_id
                         where m.workspace_id = :workspace and m.quarantined_at is not null
                         order by m.quarantined_at desc, m.id
                         limit :limit
                        """)
                .param("workspace", member.workspaceId().value())
                .param("limit", MAX_SHOWN)
                .query((rs, row) -> quarantined(rs))
                .list();
    }

    /** How many messages the workspace's quarantine holds. */
    @Transactional(readOnly = true)
    public int count(Membership member) {
        return jdbc.sql(
                        "select count(*) from inbox.message where workspace_id = :workspace and quarantined_at is not null")
                .param("workspace", member.workspaceId().value())
                .query(Integer.class)
                .single();
    }

    /**
     * Puts a quarantined message back in the inbox (with its conversation), approves it again at the network where it
     * was hidden there, and tells the workspace's spam model it was not spam.
     */
    @Transactional
    public void restore(Membership by, MessageId id) {
        by.requireMayChange();
        Held message = held(by.workspaceId(), id);
        if (message.quarantinedAt() == null) {
            throw new Conflict("not-quarantined", "This message is not in the quarantine.");
        }
        jdbc.sql("""
                        update inbox.message set quarantined_at = null, moderated = 'NOT_SPAM', moderated_by = :by,
                                                 moderated_at = :now
                         where workspace_id = :workspace and id = :id
                        """)
                .param("workspace", by.workspaceId().value())
                .param("id", id.value())
                .param("by", by.displayName())
                .param("now", clock.instant().atOffset(java.time.ZoneOffset.UTC))
                .update();
        if (message.conversation() != null) {
            jdbc.sql("""
                            update inbox.conversation set quarantined_at = null, version = version + 1
                             where workspace_id = :workspace and id = :id and quarantined_at is not null
                            """)
                    .param("workspace", by.workspaceId().value())
                    .param("id", message.conversation())
                    .update();
        }
        if (message.hiddenAtNetwork() && connectors.can(by.workspaceId(), message.account(), Capability.MODERATE)) {
            network.queue(
                    by.workspaceId(),
                    id.value(),
                    message.conversation(),
                    message.account(),
                    message.network(),
                    message.externalId(),
                    dev.mandate.channel.Moderation.APPROVE,
                    "restored by " + by.displayName(),
                    clock.instant());
        }
        feedback.spam(by.workspaceId(), message.body(), false, by.displayName());
        Classification c = message.classification();
        ConversationId conversation =
                message.conversation() == null ? null : new ConversationId(message.conversation());
        events.publishEvent(new ModerationEvents.MessageRestored(
                by.workspaceId(),
                by.actor(),
                id,
                conversation,
                message.network(),
                c == null ? 0 : c.spam().score(),
                c == null ? List.of() : c.spam().reasons()));
        if (conversation != null) {
            events.publishEvent(new ConversationChanged(by.workspaceId(), conversation, "restored"));
        }
    }

    /**
     * A person marks a customer's message as spam: it is quarantined (its conversation too, when it has no other
     * customer message in the inbox), hidden at the network where the connector can, and the workspace's spam model is
     * told. Marking a message that is quarantined already changes nothing.
     */
    @Transactional
    public void markSpam(Membership by, MessageId id) {
        by.requireMayChange();
        hold(by.workspaceId(), by.actor(), by.displayName(), id, true);
    }

    /**
     * A routing rule marks a customer's message as spam: quarantined and hidden at the network like a person's mark,
     * but the workspace's spam model is not told (a rule's judgement is not a moderator's).
     */
    @Transactional
    public void markSpam(Automation rule, MessageId id) {
        hold(rule.workspaceId(), rule.actor(), rule.name(), id, false);
    }

    private void hold(WorkspaceId workspace, Actor actor, String byName, MessageId id, boolean teach) {
        Held message = held(workspace, id);
        if (message.direction() != Direction.INBOUND) {
            throw new InvalidInput("message", "The brand's own messages cannot be marked as spam.");
        }
        if (message.quarantinedAt() != null) {
            return;
        }
        jdbc.sql("""
                        update inbox.message set quarantined_at = :now, moderated = 'SPAM', moderated_by = :by,
                                                 moderated_at = :now
                         where workspace_id = :workspace and id = :id
                        """)
                .param("workspace", workspace.value())
                .param("id", id.value())
                .param("by", byName)
                .param("now", clock.instant().atOffset(java.time.ZoneOffset.UTC))
                .update();
        if (message.conversation() != null) {
            jdbc.sql("""
                            update inbox.conversation c set quarantined_at = now(), version = version + 1
                             where c.workspace_id = :workspace and c.id = :id and c.quarantined_at is null
                               and not exists (select 1 from inbox.message m
                                                where m.conversation_id = c.id and m.direction = 'INBOUND'
                                                  and m.quarantined_at is null)
                            """)
                    .param("workspace", workspace.value())
                    .param("id", message.conversation())
                    .update();
        }
        Classification c = message.classification();
        List<String> reasons = new ArrayList<>();
        reasons.add("marked by " + byName);
        if (c != null) {
            reasons.addAll(c.spam().reasons());
        }
        if (connectors.can(workspace, message.account(), Capability.MODERATE)) {
            network.queue(
                    workspace,
                    id.value(),
                    message.conversation(),
                    message.account(),
                    message.network(),
                    message.externalId(),
                    dev.mandate.channel.Moderation.SPAM,
                    String.join(", ", reasons),
                    clock.instant());
        }
        if (teach) {
            feedback.spam(workspace, message.body(), true, byName);
        }
        ConversationId conversation =
                message.conversation() == null ? null : new ConversationId(message.conversation());
        events.publishEvent(new ModerationEvents.MessageQuarantined(
                workspace,
                actor,
                id,
                conversation,
                message.network(),
                c == null ? 0 : c.spam().score(),
                reasons,
                true));
        if (conversation != null) {
            events.publishEvent(new ConversationChanged(workspace, conversation, "marked-spam"));
        }
    }

    /**
     * A person corrects the intent of a customer's message: stored with the message (its intent and its
     * classification) and given to the workspace's own intent model, which learns from it.
     */
    @Transactional
    public void correctIntent(Membership by, MessageId id, Intent.Label label) {
        correctIntent(by, id, () -> label);
    }

    /**
     * Like {@link #correctIntent(Membership, MessageId, Intent.Label)} with the intent as a form or the API names it,
     * read only once the message is known to be the caller's (another workspace's message stays a 404).
     */
    @Transactional
    public void correctIntent(Membership by, MessageId id, String intentName) {
        correctIntent(by, id, () -> intentNamed(intentName));
    }

    private void correctIntent(Membership by, MessageId id, java.util.function.Supplier<Intent.Label> named) {
        by.requireMayChange();
        Held message = held(by.workspaceId(), id);
        Intent.Label label = named.get();
        if (label == null) {
            throw new InvalidInput("intent", "Choose an intent.");
        }
        if (message.direction() != Direction.INBOUND) {
            throw new InvalidInput("message", "Only customers' messages have an intent.");
        }
        Classification c = message.classification();
        String was = c == null ? null : c.intent().label().name();
        if (label.name().equals(was)) {
            return;
        }
        jdbc.sql("""
                        update inbox.message
                           set intent = :intent,
                               classification = case when classification is null then null
                                                     else jsonb_set(classification, '{intent,label}', to_jsonb(:intent::text))
                                                end
                         where workspace_id = :workspace and id = :id
                        """)
                .param("intent", label.name())
                .param("workspace", by.workspaceId().value())
                .param("id", id.value())
                .update();
        feedback.intent(by.workspaceId(), message.body(), label, by.displayName());
        ConversationId conversation =
                message.conversation() == null ? null : new ConversationId(message.conversation());
        events.publishEvent(new ModerationEvents.IntentCorrected(
                by.workspaceId(), by.actor(), id, conversation, was, label.name()));
        if (conversation != null) {
            events.publishEvent(new ConversationChanged(by.workspaceId(), conversation, "intent-corrected"));
        }
    }

    /** The intent a form or the API names, in any case; a clear error for anything else. */
    private static Intent.Label intentNamed(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInput("intent", "Choose an intent.");
        }
        try {
            return Intent.Label.valueOf(name.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(
                    "intent",
                    "Unknown intent '" + name.strip() + "': question, complaint, lead, praise, discussion or other.");
        }
    }

    /** The workspace's moderation setting for each network it has an account on, and each it chose one for. */
    @Transactional(readOnly = true)
    public List<ModerationSetting> settings(Membership member) {
        Map<String, ModerationSetting> chosen = settings.chosen(member.workspaceId());
        TreeSet<String> networks = new TreeSet<>(chosen.keySet());
        accounts.of(member.workspaceId()).stream().map(ChannelAccount::network).forEach(networks::add);
        List<ModerationSetting> all = new ArrayList<>();
        networks.forEach(network -> all.add(settings.of(chosen, network)));
        return all;
    }

    /** Changes how the workspace moderates spam on one network; the brand decides, advisors and the agency do not. */
    @Transactional
    public ModerationSetting change(Membership by, String networkName, ModerationMode mode, double threshold) {
        by.requireMayChange();
        if (by.party() != Party.BRAND) {
            throw new Forbidden("The brand decides how its customers' messages are moderated.");
        }
        ModerationSetting setting = new ModerationSetting(networkName, mode, threshold, true);
        settings.save(by.workspaceId(), setting, clock.instant());
        events.publishEvent(new ModerationEvents.ModerationChanged(
                by.workspaceId(), by.actor(), setting.network(), setting.mode(), setting.threshold()));
        return setting;
    }

    /** Whether the conversation is held back in the quarantine. */
    @Transactional(readOnly = true)
    public boolean holds(WorkspaceId workspace, ConversationId conversation) {
        return jdbc.sql(
                        "select quarantined_at is not null from inbox.conversation where workspace_id = :w and id = :id")
                .param("w", workspace.value())
                .param("id", conversation.value())
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /** What moderation has done to the messages of a conversation at their networks, by message. */
    @Transactional(readOnly = true)
    public Map<MessageId, List<ModerationAction>> actions(WorkspaceId workspace, ConversationId conversation) {
        Map<MessageId, List<ModerationAction>> byMessage = new LinkedHashMap<>();
        jdbc.sql("""
                        select message_id, action, state, attempts, problem, created_at, done_at
                          from inbox.moderation_action
                         where workspace_id = :workspace and conversation_id = :conversation
                         order by created_at
                        """)
                .param("workspace", workspace.value())
                .param("conversation", conversation.value())
                .query(rs -> {
                    byMessage
                            .computeIfAbsent(
                                    new MessageId(rs.getObject("message_id", UUID.class)), k -> new ArrayList<>())
                            .add(new ModerationAction(
                                    rs.getString("action"),
                                    rs.getString("state"),
                                    rs.getInt("attempts"),
                                    rs.getString("problem"),
                                    instant(rs, "created_at"),
                                    instant(rs, "done_at")));
                });
        return byMessage;
    }

    private record Held(
            UUID conversation,
            ChannelAccountId account,
            String network,
            String externalId,
            Direction direction,
            String body,
            Instant quarantinedAt,
            Classification classification,
            boolean hiddenAtNetwork) {}

    private Held held(WorkspaceId workspace, MessageId id) {
        return jdbc.sql("""
                        select m.conversation_id, m.channel_account_id, coalesce(c.network, a.network) as network,
                               m.external_id, m.direction, m.body, m.quarantined_at,
                               m.classification::text as classification,
                               exists (select 1 from inbox.moderation_action x
                                        where x.workspace_id = m.workspace_id and x.message_id = m.id
                                          and x.action = 'SPAM' and x.state <> 'FAILED'
                                          and coalesce(x.problem, '') <> 'Superseded.') as hidden
                          from inbox.message m
                          left join inbox.conversation c on c.id = m.conversation_id and c.workspace_id = m.workspace_id
                          left join lateral (select network from inbox.moderation_action y
                                              where y.message_id = m.id limit 1) a on true
                         where m.workspace_id = :workspace and m.id = :id
                        """)
                .param("workspace", workspace.value())
                .param("id", id.value())
                .query((rs, row) -> new Held(
                        rs.getObject("conversation_id", UUID.class),
                        new ChannelAccountId(rs.getObject("channel_account_id", UUID.class)),
                        rs.getString("network"),
                        rs.getString("external_id"),
                        Direction.valueOf(rs.getString("direction")),
                        rs.getString("body"),
                        instant(rs, "quarantined_at"),
                        ClassificationJson.read(rs.getString("classification")),
                        rs.getBoolean("hidden")))
                .optional()
                .filter(held -> held.account().value() != null)
                .orElseThrow(() -> new NotFound("message"));
    }

    private static QuarantinedMessage quarantined(ResultSet rs) throws SQLException {
        Classification c = ClassificationJson.read(rs.getString("classification"));
        double score = rs.getDouble("spam_score");
        UUID conversation = rs.getObject("conversation_id", UUID.class);
        return new QuarantinedMessage(
                new MessageId(rs.getObject("id", UUID.class)),
                conversation == null ? null : new ConversationId(conversation),
                rs.getString("network"),
                rs.getString("author_name"),
                rs.getString("author_handle"),
                rs.getString("body"),
                rs.getString("context_title"),
                rs.wasNull() && c == null ? null : score,
                c == null ? List.of() : c.spam().reasons(),
                instant(rs, "created_at"),
                instant(rs, "quarantined_at"),
                rs.getString("marked_by"),
                rs.getString("at_network"),
                rs.getBoolean("conversation_quarantined"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
