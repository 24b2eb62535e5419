package dev.mandate.routing;

import dev.mandate.classify.Classification;
import dev.mandate.inbox.ConversationState;
import dev.mandate.inbox.Priority;
import java.time.Instant;
import java.util.List;

/**
 * What rules are tested against: the message that arrived (or the conversation's latest inbound message when a
 * person changed its state), what the classifiers said of it, its author and its conversation.
 *
 * @param classification {@code null} when none is known: conditions on intent, sentiment and spam do not match
 * @param contactTags the tags of the author's contact
 * @param tags the conversation's tags
 * @param replyToBrand the message answers one of the brand's own messages
 */
record Facts(
        Trigger trigger,
        String network,
        String account,
        String language,
        Classification classification,
        String text,
        boolean customer,
        List<String> contactTags,
        List<String> tags,
        boolean replyToBrand,
        Instant at,
        ConversationState state,
        Priority priority) {

    Facts {
        contactTags = List.copyOf(contactTags);
        tags = List.copyOf(tags);
        text = text == null ? "" : text;
    }

    /** What rules run on. */
    enum Trigger {
        MESSAGE("message"),
        STATE_CHANGE("state-change");

        private final String json;

        Trigger(String json) {
            this.json = json;
        }

        String json() {
            return json;
        }

        static Trigger of(String json) {
            for (Trigger t : values()) {
                if (t.json.equals(json)) {
                    return t;
                }
            }
            throw new IllegalArgumentException(json);
        }
    }
}
