package dev.mandate.publish;

import dev.mandate.shared.Problem;
import org.springframework.http.HttpStatus;

/**
 * The mandate does not let this member reply in this conversation; the problem's {@code type} and {@code rule} name
 * the rule that refuses it, so that a client can tell the agency why.
 */
public class ReplyOutsideMandate extends Problem {

    private final Rule rule;

    public ReplyOutsideMandate(Rule rule) {
        super(HttpStatus.FORBIDDEN, rule.type(), "Reply outside the mandate", rule.explanation());
        this.rule = rule;
        getBody().setProperty("rule", rule.id());
    }

    public Rule rule() {
        return rule;
    }

    /** The rules of the mandate that keep the agency from replying. */
    public enum Rule {
        COMMUNITY_REPLIES_NOT_IN_SCOPE(
                "community-replies-not-in-scope",
                "reply-not-in-mandate",
                "The mandate does not give the agency community replies: the brand answers its customers itself."),
        ESCALATED_TO_BRAND(
                "escalated-to-brand",
                "reply-escalated-to-brand",
                "This conversation is escalated to the brand: the brand answers it, or hands it back to the agency.");

        private final String id;
        private final String type;
        private final String explanation;

        Rule(String id, String type, String explanation) {
            this.id = id;
            this.type = type;
            this.explanation = explanation;
        }

        public String id() {
            return id;
        }

        public String type() {
            return type;
        }

        public String explanation() {
            return explanation;
        }
    }
}
