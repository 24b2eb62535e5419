package dev.mandate.inbox;

import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.Party;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The inbox list as its query string states it ({@code state, assignee, party, network, tag, language, priority,
 * q, sort, after}), the same for the page and the API; a value that is not one answers {@link InvalidInput} naming
 * the parameter.
 */
record ListQuery(ConversationFilter filter, ConversationSort sort, ConversationCursor after) {

    static ListQuery of(
            List<String> state,
            String assignee,
            String party,
            String network,
            String tag,
            String language,
            String priority,
            String q,
            String sort,
            String after) {
        Set<ConversationState> states = EnumSet.noneOf(ConversationState.class);
        if (state != null) {
            for (String value : state) {
                if (value != null && !value.isBlank()) {
                    states.add(value("state", ConversationState.class, value));
                }
            }
        }
        ConversationSort order = sort == null || sort.isBlank()
                ? ConversationSort.NEWEST
                : value("sort", ConversationSort.class, sort.replace('-', '_'));
        ConversationFilter filter = new ConversationFilter(
                states,
                ConversationFilter.Assignee.parse(assignee),
                party == null || party.isBlank() ? null : value("party", Party.class, party),
                network,
                tag,
                language,
                priority == null || priority.isBlank() ? null : value("priority", Priority.class, priority),
                q);
        return new ListQuery(
                filter, order, after == null || after.isBlank() ? null : ConversationCursor.parse(after, order));
    }

    private static <E extends Enum<E>> E value(String parameter, Class<E> type, String given) {
        try {
            return Enum.valueOf(type, given.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(
                    parameter,
                    "Say one of "
                            + String.join(
                                    ", ",
                                    EnumSet.allOf(type).stream()
                                            .map(v -> v.name().toLowerCase(Locale.ROOT))
                                            .toList())
                            + ".");
        }
    }
}
