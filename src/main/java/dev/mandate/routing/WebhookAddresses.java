package dev.mandate.routing;

import dev.mandate.shared.OutboundAddresses;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Which webhook URLs Mandate calls: https only, and no host inside the network Mandate runs in
 * ({@link OutboundAddresses}), so that a webhook cannot be turned against internal services. Tests and a CRM on the
 * same machine may allow http and private addresses by setting. Checked when the URL is saved and again before every
 * call (a name may resolve differently later).
 */
@Component
class WebhookAddresses {

    private final HandoffProperties.Webhook settings;
    private final OutboundAddresses guard;

    WebhookAddresses(HandoffProperties properties) {
        this.settings = properties.webhook();
        this.guard = new OutboundAddresses(settings.allowPrivateAddresses());
    }

    /** Why the URL may not be called, or empty when it may. */
    Optional<String> check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // Not repeated: a malformed URL may still hold a password.
            return Optional.of("The webhook URL is not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && settings.allowHttp())) {
            return Optional.of("A webhook URL must start with https://.");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("The webhook URL has no host.");
        }
        if (uri.getUserInfo() != null) {
            return Optional.of("The webhook URL must not carry a user name or password.");
        }
        return guard.refusal(uri.getHost());
    }
}
