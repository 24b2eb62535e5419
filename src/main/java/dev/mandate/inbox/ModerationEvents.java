package dev.mandate.inbox;

import dev.mandate.shared.Actor;
import dev.mandate.shared.AuditableEvent;
import dev.mandate.shared.WorkspaceId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What moderation did to a message, each written to the audit trail with the classification's reasons. A message
 * that was only classified writes nothing: the classification is stored with the message instead, since an entry
 * per incoming message would cost ingest its speed.
 */
public final class ModerationEvents {

    private ModerationEvents() {}

    /**
     * A message was held back in the quarantine: by auto-moderation (the actor is the system) or marked as spam by a
     * person.
     */
    public record MessageQuarantined(
            WorkspaceId workspaceId,
            Actor actor,
            MessageId message,
            ConversationId conversation,
            String network,
            double score,
            List<String> reasons,
            boolean markedByPerson)
            implements MessageEvent {

        public MessageQuarantined {
            reasons = List.copyOf(reasons);
        }

        @Override
        public String action() {
            return markedByPerson ? "message.marked-spam" : "message.quarantined";
        }

        @Override
        public Map<String, String> details() {
            return ModerationEvents.details(conversation, network, score, reasons);
        }
    }

    /** A person corrected the intent the classifier gave a customer's message; the workspace's model learns from it. */
    public record IntentCorrected(
            WorkspaceId workspaceId,
            Actor actor,
            MessageId message,
            ConversationId conversation,
            String was,
            String now)
            implements MessageEvent {

        @Override
        public String action() {
            return "message.intent-corrected";
        }

        @Override
        public Map<String, String> details() {
            Map<String, String> details = inConversation(conversation);
            details.put("was", was == null ? "unclassified" : was.toLowerCase(Locale.ROOT));
            details.put("now", now.toLowerCase(Locale.ROOT));
            return details;
        }
    }

    /** A person restored a quarantined message to the inbox. */
    public record MessageRestored(
            WorkspaceId workspaceId,
            Actor actor,
            MessageId message,
            ConversationId conversation,
            String network,
            double score,
            List<String> reasons)
            implements MessageEvent {

        public MessageRestored {
            reasons = List.copyOf(reasons);
        }

        @Override
        public String action() {
            return "message.restored";
        }

        @Override
        public Map<String, String> details() {
            return ModerationEvents.details(conversation, network, score, reasons);
        }
    }

    /**
     * The network carried out a moderation action on the message ({@code SPAM}: hidden there; {@code APPROVE}:
     * shown again), or gave up on it ({@code problem} says why).
     */
    public record ModeratedAtNetwork(
            WorkspaceId workspaceId,
            Actor actor,
            MessageId message,
            ConversationId conversation,
            String network,
            String externalId,
            String moderation,
            String reasons,
            String problem)
            implements MessageEvent {

        @Override
        public String action() {
            String done = moderation.equals("SPAM") ? "hidden-at-network" : "restored-at-network";
            return problem == null ? "message." + done : "message." + done + "-failed";
        }

        @Override
        public Map<String, String> details() {
            Map<String, String> details = inConversation(conversation);
            details.put("network", network);
            details.put("externalId", externalId);
            details.put("moderation", moderation.toLowerCase(Locale.ROOT));
            if (reasons != null) {
                details.put("reasons", reasons);
            }
            if (problem != null) {
                details.put("problem", problem);
            }
            return details;
        }
    }

    /** A member changed how spam is moderated on one network. */
    public record ModerationChanged(
            WorkspaceId workspaceId, Actor actor, String network, ModerationMode mode, double threshold)
            implements AuditableEvent {

        @Override
        public String action() {
            return "moderation.changed";
        }

        @Override
        public String subjectType() {
            return "moderation";
        }

        @Override
        public String subjectId() {
            return network;
        }

        @Override
        public Map<String, String> details() {
            return Map.of("mode", mode.name().toLowerCase(Locale.ROOT), "threshold", String.valueOf(threshold));
        }
    }

    /** An event about one message: the trail's subject is the message. */
    private interface MessageEvent extends AuditableEvent {

        MessageId message();

        @Override
        default String subjectType() {
            return "message";
        }

        @Override
        default String subjectId() {
            return message().toString();
        }
    }

    /** The details' first entry: the conversation, where the message has one. */
    private static Map<String, String> inConversation(ConversationId conversation) {
        Map<String, String> details = new LinkedHashMap<>();
        if (conversation != null) {
            details.put("conversation", conversation.toString());
        }
        return details;
    }

    private static Map<String, String> details(
            ConversationId conversation, String network, double score, List<String> reasons) {
        Map<String, String> details = inConversation(conversation);
        if (network != null) {
            details.put("network", network);
        }
        details.put("spamScore", String.format(Locale.ROOT, "%.3f", score));
        details.put("reasons", String.join(", ", reasons));
        return details;
    }
}
