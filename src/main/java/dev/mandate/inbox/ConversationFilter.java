package dev.mandate.inbox;

import dev.mandate.shared.AccountId;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.Party;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which conversations the inbox list shows; every part is optional and the parts combine with "and".
 *
 * @param states any of these states (empty: all)
 * @param assignee whose they are
 * @param party the party they are assigned to ({@link Party#BRAND} or {@link Party#AGENCY})
 * @param network e.g. {@code wordpress}
 * @param tag one tag they carry
 * @param language ISO 639-1
 * @param priority exactly this priority
 * @param text words that any of its messages contain, German or English, stemmed ({@code "quoted phrases"},
 *     {@code or}, {@code -not} as in a web search)
 */
public record ConversationFilter(
        Set<ConversationState> states,
        Assignee assignee,
        Party party,
        String network,
        String tag,
        String language,
        Priority priority,
        String text) {

    /** The longest search text taken. */
    public static final int MAX_TEXT = 200;

    public static final ConversationFilter ALL =
            new ConversationFilter(Set.of(), null, null, null, null, null, null, null);

    private static final Pattern NETWORK = Pattern.compile("^[a-z][a-z0-9_-]{0,31}$");
    private static final Pattern TAG = Pattern.compile("^[\\p{Ll}\\p{N}][\\p{Ll}\\p{N}_-]{0,39}$");
    private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2}$");

    public ConversationFilter {
        states = states == null || states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
        network = blankToNull(network);
        tag = blankToNull(tag);
        language = blankToNull(language);
        text = blankToNull(text);
        if (network != null
                && !NETWORK.matcher(network = network.toLowerCase(Locale.ROOT)).matches()) {
            throw new InvalidInput("network", "Name a network in lower case, e.g. wordpress.");
        }
        if (tag != null && !TAG.matcher(tag = tag.toLowerCase(Locale.ROOT)).matches()) {
            throw new InvalidInput("tag", "A tag is a word of up to 40 letters, digits, - or _.");
        }
        if (language != null
                && !LANGUAGE.matcher(language = language.toLowerCase(Locale.ROOT))
                        .matches()) {
            throw new InvalidInput("language", "Give a language as a two-letter code, e.g. de or en.");
        }
        if (party != null && party != Party.BRAND && party != Party.AGENCY) {
            throw new InvalidInput("party", "Conversations are assigned to the brand or the agency.");
        }
        if (text != null && text.length() > MAX_TEXT) {
            throw new InvalidInput("q", "Search for at most " + MAX_TEXT + " characters.");
        }
    }

    public boolean isEmpty() {
        return equals(ALL);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Whose conversations: the caller's, nobody's, or a named member's. */
    public interface Assignee {
        record Me() implements Assignee {}

        record Nobody() implements Assignee {}

        record Member(AccountId account) implements Assignee {}

        /** {@code me}, {@code unassigned} or an account id; {@code null} or blank for anyone. */
        public static Assignee parse(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            String given = value.trim().toLowerCase(Locale.ROOT);
            if (given.equals("me")) {
                return new Me();
            }
            if (given.equals("unassigned") || given.equals("none")) {
                return new Nobody();
            }
            try {
                return new Member(new AccountId(java.util.UUID.fromString(given)));
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("assignee", "Say me, unassigned, or a member's account id.");
            }
        }
    }
}
