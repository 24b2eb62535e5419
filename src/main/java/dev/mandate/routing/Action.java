package dev.mandate.routing;

import dev.mandate.inbox.Priority;
import dev.mandate.shared.AccountId;
import dev.mandate.shared.Party;
import java.util.List;
import java.util.Locale;

/** What a matching rule does to the conversation; each says in words what it does, for pages and trials. */
sealed interface Action {

    String describe();

    record AssignParty(Party party) implements Action {

        @Override
        public String describe() {
            return party == Party.BRAND ? "routed to the brand" : "assigned to the agency";
        }
    }

    record AssignPerson(AccountId person) implements Action {

        @Override
        public String describe() {
            return "assigned to " + person;
        }
    }

    /** Assigns to one of a group in turn, or to the one with the fewest open conversations. */
    record AssignGroup(String group, Strategy strategy) implements Action {

        @Override
        public String describe() {
            return "assigned to group " + group + " (" + (strategy == Strategy.ROUND_ROBIN ? "in turn" : "least busy")
                    + ")";
        }
    }

    enum Strategy {
        ROUND_ROBIN,
        LEAST_BUSY
    }

    record SetPriority(Priority priority) implements Action {

        @Override
        public String describe() {
            return "priority " + priority.name().toLowerCase(Locale.ROOT);
        }
    }

    record AddTags(List<String> tags) implements Action {

        @Override
        public String describe() {
            return "tagged #" + String.join(" #", tags);
        }
    }

    /** Hands the conversation to the brand: escalated, assigned to the brand, and a hand-off with a deadline. */
    record Escalate(String question, double withinBusinessHours) implements Action {

        @Override
        public String describe() {
            return "routed to the brand (answer within " + hours(withinBusinessHours) + " business hours)";
        }
    }

    /** Suggests the briefing entries with these tags in the reply composer. */
    record SuggestBriefing(List<String> tags) implements Action {

        @Override
        public String describe() {
            return "briefing suggested on #" + String.join(" #", tags);
        }
    }

    /** Hides the conversation as spam: tagged {@code spam} and closed (see docs/routing.md). */
    record HideSpam() implements Action {

        @Override
        public String describe() {
            return "hidden as spam";
        }
    }

    record Notify(Via via, String target, String subject) implements Action {

        @Override
        public String describe() {
            return "notified " + target + (via == Via.EMAIL ? " by e-mail" : " by webhook");
        }
    }

    enum Via {
        EMAIL,
        WEBHOOK
    }

    private static String hours(double hours) {
        return hours == Math.rint(hours) ? String.valueOf((long) hours) : String.valueOf(hours);
    }
}
