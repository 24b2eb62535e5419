package dev.mandate.inbox;

import dev.mandate.channel.Capability;
import dev.mandate.channel.ChannelAccountId;
import dev.mandate.channel.ConnectorCalls;
import dev.mandate.classify.Classification;
import dev.mandate.shared.Actor;
import dev.mandate.shared.WorkspaceId;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Moderation as messages are recorded, in the recording transaction, so that spam is held back before anyone can
 * see it: by the workspace's setting for the message's network, a message whose spam score reaches the threshold is
 * quarantined (and a conversation it starts with it), queued to be hidden at the network where the mode says so and
 * the connector can, and written to the audit trail with its reasons; spam below the threshold is tagged
 * {@value #WARNING_TAG}, and an abusive message {@value #ABUSE_TAG}, for a person to look at. Nothing is deleted.
 */
@Component
class AutoModeration {

    /** The tag of a conversation with spam-like messages that were not quarantined. */
    static final String WARNING_TAG = "spam-warning";

    /** The tag of a conversation with a message the abuse model flagged. */
    static final String ABUSE_TAG = "abusive";

    /** What moderation decided for one inbound message. */
    record Verdict(boolean quarantine, boolean warn, boolean abusive, ModerationSetting setting) {

        boolean hide() {
            return quarantine && setting.mode() == ModerationMode.QUARANTINE_AND_HIDE;
        }
    }

    private final ModerationSettings settings;
    private final NetworkModeration network;
    private final ConnectorCalls connectors;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AutoModeration(
            ModerationSettings settings,
            NetworkModeration network,
            ConnectorCalls connectors,
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            Clock clock) {
        this.settings = settings;
        this.network = network;
        this.connectors = connectors;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** The verdicts on the classified inbound messages among {@code messages}, by their new ids. */
    Map<UUID, Verdict> judge(WorkspaceId workspace, Map<UUID, IncomingMessage> messages) {
        Map<UUID, Verdict> verdicts = new HashMap<>();
        Map<String, ModerationSetting> chosen = null;
        for (Map.Entry<UUID, IncomingMessage> entry : messages.entrySet()) {
            IncomingMessage message = entry.getValue();
            Classification c = message.classification();
            if (c == null || message.direction() != Direction.INBOUND) {
                continue;
            }
            if (chosen == null) {
                chosen = settings.chosen(workspace);
            }
            ModerationSetting setting = privately(settings.of(chosen, message.network()), message.kind());
            double score = c.spam().score();
            boolean quarantine = setting.quarantines(score);
            boolean warn = setting.warns(score, c.spam().spam());
            if (quarantine || warn || c.abuse().flagged()) {
                verdicts.put(
                        entry.getKey(), new Verdict(quarantine, warn, c.abuse().flagged(), setting));
            }
        }
        return verdicts;
    }

    /**
     * A message addressed to the brand alone (a direct message, an e-mail) is only warned about unless the workspace
     * chose a mode for its network: the spam model learned from public comments and SMS, a mailbox filters its own
     * spam, nobody else sees such a message, and a customer's private message held back by mistake is the worst
     * outcome there is (the demo's catering enquiry by e-mail scores 0.58).
     */
    static ModerationSetting privately(ModerationSetting setting, ConversationKind kind) {
        boolean addressed = kind == ConversationKind.DIRECT_MESSAGE || kind == ConversationKind.EMAIL;
        return addressed && !setting.chosen() && setting.mode().quarantines()
                ? new ModerationSetting(setting.network(), ModerationMode.WARN, setting.threshold(), false)
                : setting;
    }

    /**
     * Carries the verdicts out once the messages are in their conversations ({@code conversationOf}: message id to
     * conversation id, for the placed ones).
     */
    void apply(
            WorkspaceId workspace,
            Map<UUID, Verdict> verdicts,
            Map<UUID, UUID> conversationOf,
            Map<UUID, IncomingMessage> messages) {
        if (verdicts.isEmpty()) {
            return;
        }
        Map<UUID, Verdict> quarantined = new LinkedHashMap<>();
        verdicts.forEach((id, verdict) -> {
            if (verdict.quarantine()) {
                quarantined.put(id, verdict);
            }
        });
        quarantineConversations(workspace, conversationsOf(quarantined.keySet(), conversationOf));
        tag(
                workspace,
                conversationsOf(
                        verdicts.entrySet().stream()
                                .filter(e -> e.getValue().warn())
                                .map(Map.Entry::getKey)
                                .collect(Collectors.toSet()),
                        conversationOf),
                WARNING_TAG);
        tag(
                workspace,
                conversationsOf(
                        verdicts.entrySet().stream()
                                .filter(e -> e.getValue().abusive())
                                .map(Map.Entry::getKey)
                                .collect(Collectors.toSet()),
                        conversationOf),
                ABUSE_TAG);
        Map<ChannelAccountId, Boolean> canModerate = new HashMap<>();
        quarantined.forEach((id, verdict) -> {
            IncomingMessage message = messages.get(id);
            Classification c = message.classification();
            UUID conversation = conversationOf.get(id);
            if (verdict.hide()
                    && canModerate.computeIfAbsent(
                            message.account(), account -> connectors.can(workspace, account, Capability.MODERATE))) {
                network.queue(
                        workspace,
                        id,
                        conversation,
                        message.account(),
                        message.network(),
                        message.externalId(),
                        dev.mandate.channel.Moderation.SPAM,
                        String.join(", ", c.spam().reasons()),
                        clock.instant());
            }
            events.publishEvent(new ModerationEvents.MessageQuarantined(
                    workspace,
                    Actor.SYSTEM,
                    new MessageId(id),
                    conversation == null ? null : new ConversationId(conversation),
                    message.network(),
                    c.spam().score(),
                    c.spam().reasons(),
                    false));
        });
    }

    private static List<UUID> conversationsOf(Set<UUID> messages, Map<UUID, UUID> conversationOf) {
        return messages.stream()
                .map(conversationOf::get)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .sorted()
                .toList();
    }

    /**
     * Quarantines the conversations all of whose customer messages are quarantined (one that a spam comment started):
     * a spam reply inside a real customer's conversation is held back alone, the conversation stays.
     */
    private void quarantineConversations(WorkspaceId workspace, List<UUID> conversations) {
        if (conversations.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update inbox.conversation c set quarantined_at = now()
                         where c.workspace_id = :workspace and c.id = any(:ids::uuid[]) and c.quarantined_at is null
                           and not exists (select 1 from inbox.message m
                                            where m.conversation_id = c.id and m.direction = 'INBOUND'
                                              and m.quarantined_at is null)
                        """)
                .param("workspace", workspace.value())
                .param("ids", conversations.toArray(UUID[]::new))
                .update();
    }

    private void tag(WorkspaceId workspace, List<UUID> conversations, String tag) {
        if (conversations.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update inbox.conversation set tags = array_append(tags, :tag)
                         where workspace_id = :workspace and id = any(:ids::uuid[]) and not (:tag = any(tags))
                        """)
                .param("workspace", workspace.value())
                .param("ids", conversations.toArray(UUID[]::new))
                .param("tag", tag)
                .update();
    }
}
