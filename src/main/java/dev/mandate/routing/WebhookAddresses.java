package dev.mandate.routing;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Which webhook URLs Mandate calls: https only, and no host inside the network Mandate runs in (loopback, private,
 * link-local, unique-local), so that a webhook cannot be turned against internal services. Tests and a CRM on the
 * same machine may allow http and private addresses by setting. Checked when the URL is saved and again before every
 * call (a name may resolve differently later).
 */
@Component
class WebhookAddresses {

    private final HandoffProperties.Webhook settings;

    WebhookAddresses(HandoffProperties properties) {
        this.settings = properties.webhook();
    }

    /** Why the URL may not be called, or empty when it may. */
    Optional<String> check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("Not a URL: " + url);
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
        if (settings.allowPrivateAddresses()) {
            return Optional.empty();
        }
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            // Not refused: the host may exist later; sending will say it cannot be reached.
            return Optional.empty();
        }
        for (InetAddress address : all) {
            if (internal(address)) {
                return Optional.of("The webhook's host " + uri.getHost() + " is an internal address ("
                        + address.getHostAddress() + "); Mandate does not call into its own network.");
            }
        }
        return Optional.empty();
    }

    static boolean internal(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            // fc00::/7, unique local addresses
            return (bytes[0] & 0xfe) == 0xfc;
        }
        // 100.64.0.0/10 (carrier-grade NAT) and 0.0.0.0/8
        return (bytes[0] == 100 && (bytes[1] & 0xc0) == 64) || bytes[0] == 0;
    }
}
