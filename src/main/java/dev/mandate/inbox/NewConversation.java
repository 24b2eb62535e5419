package dev.mandate.inbox;

import dev.mandate.shared.InvalidInput;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A conversation as it was found on a network, with its messages oldest first, for {@link Inbox#start}.
 *
 * @param network where it happened, e.g. {@code blog}, {@code mastodon}, {@code email}, {@code facebook}
 * @param contextTitle the post it sits under, shown above it; {@code null} for a direct message
 * @param contextUrl the address of that post; only {@code http} and {@code https} addresses
 * @param priority how urgently it needs an answer
 * @param language the conversation's language as an ISO 639-1 code, where known
 * @param messages the messages, each after the message it replies to
 */
public record NewConversation(
        String network,
        String contextTitle,
        String contextUrl,
        Priority priority,
        String language,
        List<NewMessage> messages) {

    private static final Pattern NETWORK = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern WEB_ADDRESS = Pattern.compile("(?i)https?://\\S+");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    public NewConversation {
        network = network == null ? "" : network.trim().toLowerCase(Locale.ROOT);
        if (!NETWORK.matcher(network).matches()) {
            throw new InvalidInput("network", "A conversation needs the network it happened on, e.g. 'email'.");
        }
        contextTitle = contextTitle == null || contextTitle.isBlank() ? null : contextTitle.trim();
        contextUrl = contextUrl == null || contextUrl.isBlank() ? null : contextUrl.trim();
        // The address becomes a link on the page: nothing but the web's own schemes may get there.
        if (contextUrl != null && !WEB_ADDRESS.matcher(contextUrl).matches()) {
            throw new InvalidInput("contextUrl", "The context must be an http or https address.");
        }
        priority = priority == null ? Priority.NORMAL : priority;
        language = languageCode(language);
        if (messages == null || messages.isEmpty()) {
            throw new InvalidInput("messages", "A conversation needs at least one message.");
        }
        messages = List.copyOf(messages);
        Set<MessageId> earlier = new HashSet<>();
        for (NewMessage message : messages) {
            // so the first message replies to nothing, and no reply can refer to a message stored after it
            if (message.parentId() != null && !earlier.contains(message.parentId())) {
                throw new InvalidInput("messages", "A reply must come after the message it replies to.");
            }
            if (!earlier.add(message.id())) {
                throw new InvalidInput("messages", "Each message of a conversation needs its own id.");
            }
        }
    }

    static String languageCode(String language) {
        if (language == null || language.isBlank()) {
            return null;
        }
        String code = language.trim().toLowerCase(Locale.ROOT);
        if (!LANGUAGE.matcher(code).matches()) {
            throw new InvalidInput("language", "A language is an ISO 639 code such as 'de' or 'en'.");
        }
        return code;
    }
}
