package dev.mandate.shared;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which addresses Mandate may call when a user typed them in (a webhook, a feed, a blog, a mail server): none inside
 * the network Mandate runs in (any-local, loopback, link-local with the cloud metadata service at 169.254.169.254,
 * private, unique-local, carrier-grade NAT, multicast), so that a form field cannot be turned against internal
 * services. An operator whose services do sit on the LAN allows private addresses by setting, per module.
 *
 * <p>Callers check when an address is saved and again right before each call, because a name may resolve
 * differently later; {@link #send} does that for every hop of a redirect as well. What this cannot catch: a name
 * that resolves to a public address for the check and to an internal one a moment later for the connection (DNS
 * rebinding), because Java 17's {@link HttpClient} resolves names itself and offers no hook to pin the address.
 */
public final class OutboundAddresses {

    /** The most redirects {@link #send} follows. */
    public static final int MAX_REDIRECTS = 5;

    /** Headers that belong to the host they were meant for and are not sent on to another one. */
    private static final Set<String> HOST_BOUND_HEADERS = Set.of("authorization", "cookie", "proxy-authorization");

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    /** Resolves a host name to its addresses; the system's resolver, or a fixed one in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** The system's resolver, the one the HTTP and mail clients use too. */
    public static final Resolver SYSTEM = InetAddress::getAllByName;

    /** An address Mandate does not call; the message says why, for people, and holds no credential. */
    public static final class Refused extends Exception {

        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final boolean allowPrivate;
    private final Resolver resolver;

    /** @param allowPrivate whether internal addresses are allowed too (tests, services on the LAN) */
    public OutboundAddresses(boolean allowPrivate) {
        this(allowPrivate, SYSTEM);
    }

    public OutboundAddresses(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    public boolean allowsPrivate() {
        return allowPrivate;
    }

    /**
     * Why Mandate may not connect to {@code host}, or empty when it may. A name that does not resolve is not refused:
     * it may exist later, and connecting will say that it cannot be reached.
     */
    public Optional<String> refusal(String host) {
        if (host == null || host.isBlank()) {
            return Optional.of("The address has no host.");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        InetAddress[] all;
        try {
            all = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        for (InetAddress address : all) {
            if (internal(address)) {
                return Optional.of("The host " + host + " is an internal address (" + address.getHostAddress()
                        + "); Mandate does not call into the network it runs in.");
            }
        }
        return Optional.empty();
    }

    /**
     * Why Mandate may not call {@code uri}, or empty when it may: an http or https URL with a host, no user name or
     * password in it (a credential belongs in the vault, not in an address that is shown and logged), and a host
     * that passes {@link #refusal(String)}. Callers that accept https only check the scheme first.
     */
    public Optional<String> refusal(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("The address must start with http:// or https://.");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("The address must not carry a user name or password.");
        }
        return refusal(uri.getHost());
    }

    /**
     * Sends {@code request} after checking its address and follows up to {@value #MAX_REDIRECTS} redirects of a GET
     * itself, checking each address before it is called; the client must not follow redirects on its own. Credentials
     * and cookies are not sent on to another host. A redirect beyond the last one, or of another method than GET, is
     * answered as it came.
     *
     * @throws Refused if the request or a redirect goes to an address Mandate does not call
     */
    public <T> HttpResponse<T> send(HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException, Refused {
        if (http.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("The client must leave redirects to OutboundAddresses.send.");
        }
        Optional<String> refused = refusal(request.uri());
        if (refused.isPresent()) {
            throw new Refused(refused.get());
        }
        HttpRequest current = request;
        for (int hop = 0; ; hop++) {
            boolean follow = hop < MAX_REDIRECTS && current.method().equals("GET");
            HttpResponse<T> response = http.send(
                    current,
                    info -> follow && redirect(info) ? HttpResponse.BodySubscribers.replacing(null) : body.apply(info));
            if (!follow || !redirect(response)) {
                return response;
            }
            URI from = current.uri();
            URI next;
            try {
                next = from.resolve(
                        response.headers().firstValue("Location").orElseThrow().strip());
            } catch (IllegalArgumentException e) {
                throw new Refused(from.getHost() + " redirects to something that is not an address.");
            }
            refused = refusal(next);
            if (refused.isPresent()) {
                throw new Refused(from.getHost() + " redirects to " + hostOf(next) + ": " + refused.get());
            }
            boolean sameHost = Objects.equals(next.getHost(), from.getHost()) && next.getPort() == from.getPort();
            current = HttpRequest.newBuilder(
                            current,
                            (name, value) -> sameHost || !HOST_BOUND_HEADERS.contains(name.toLowerCase(Locale.ROOT)))
                    .uri(next)
                    .build();
        }
    }

    private static boolean redirect(HttpResponse.ResponseInfo info) {
        return REDIRECTS.contains(info.statusCode())
                && info.headers()
                        .firstValue("Location")
                        .filter(l -> !l.isBlank())
                        .isPresent();
    }

    private static boolean redirect(HttpResponse<?> response) {
        return REDIRECTS.contains(response.statusCode())
                && response.headers()
                        .firstValue("Location")
                        .filter(l -> !l.isBlank())
                        .isPresent();
    }

    private static String hostOf(URI uri) {
        return uri.getHost() == null ? "an address without a host" : uri.getHost();
    }

    /**
     * Whether {@code address} lies inside the network Mandate runs in: any-local, loopback, link-local (169.254/16,
     * fe80::/10), site-local and private (10/8, 172.16/12, 192.168/16), unique-local (fc00::/7), carrier-grade NAT
     * (100.64/10), 0/8 or multicast, also inside an IPv6 address that carries an IPv4 one (::a.b.c.d, NAT64
     * 64:ff9b::/96, 6to4 2002::/16).
     */
    public static boolean internal(InetAddress address) {
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
            if ((bytes[0] & 0xfe) == 0xfc) {
                return true;
            }
            // An IPv4 address inside an IPv6 one (IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16)
            // reaches that IPv4 address.
            byte[] embedded = embeddedIpv4(bytes);
            if (embedded != null) {
                try {
                    return internal(InetAddress.getByAddress(embedded));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e); // four bytes are always an address
                }
            }
            return false;
        }
        // 100.64.0.0/10 (carrier-grade NAT) and 0.0.0.0/8
        return (bytes[0] == 100 && (bytes[1] & 0xc0) == 64) || bytes[0] == 0;
    }

    private static byte[] embeddedIpv4(byte[] v6) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 12; i++) {
            zeroPrefix &= v6[i] == 0;
        }
        boolean nat64 = v6[0] == 0 && v6[1] == 0x64 && v6[2] == (byte) 0xff && v6[3] == (byte) 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = v6[i] == 0;
        }
        if ((zeroPrefix && !(v6[12] == 0 && v6[13] == 0 && v6[14] == 0)) || nat64) {
            return new byte[] {v6[12], v6[13], v6[14], v6[15]};
        }
        if (v6[0] == 0x20 && v6[1] == 0x02) {
            return new byte[] {v6[2], v6[3], v6[4], v6[5]};
        }
        return null;
    }
}
