package dev.mandate.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which addresses Mandate calls when a user typed them in: nothing inside its own network unless allowed, checked
 * again at every redirect. The redirect tests talk to a stub on 127.0.0.1 whose address the test's resolver calls
 * public, the way a public name would resolve; every other name resolves as the system resolves it.
 */
class OutboundAddressesTests {

    static final InetAddress PUBLIC = address("203.0.113.7");

    final OutboundAddresses strict = new OutboundAddresses(false);

    /** Says that 127.0.0.1 is the public address 203.0.113.7; everything else as the system resolves it. */
    final OutboundAddresses stubIsPublic = new OutboundAddresses(
            false, host -> host.equals("127.0.0.1") ? new InetAddress[] {PUBLIC} : InetAddress.getAllByName(host));

    final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    HttpServer stub;
    String base;
    final List<String> requested = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serve() throws IOException {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requested.add(path);
            String location = switch (path) {
                case "/to-loopback" -> "http://localhost:" + stub.getAddress().getPort() + "/internal";
                case "/to-metadata" -> "http://169.254.169.254/latest/meta-data/iam/";
                case "/to-private" -> "http://10.0.0.1/admin";
                case "/to-credentials" -> "http://admin:hunter2@news.example/feed";
                case "/relative" -> "/feed";
                case "/loop" -> "/loop";
                default -> null;
            };
            if (location != null) {
                exchange.getResponseHeaders().set("Location", location);
                exchange.sendResponseHeaders(path.equals("/relative") ? 301 : 302, -1);
                exchange.close();
                return;
            }
            byte[] body = ("at " + path).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        stub.start();
        base = "http://127.0.0.1:" + stub.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        stub.stop(0);
    }

    @Test
    void refusesHostsInsideItsOwnNetwork() {
        for (String host : new String[] {
            "127.0.0.1",
            "localhost",
            "10.0.0.1",
            "172.16.5.4",
            "192.168.0.10",
            "169.254.169.254",
            "100.64.1.1",
            "0.0.0.0",
            "[::1]",
            "[fe80::1]",
            "[fd00::1]",
            "[::ffff:127.0.0.1]",
            "[64:ff9b::a9fe:a9fe]",
            "[2002:a00:1::]"
        }) {
            assertThat(strict.refusal(URI.create("http://" + host + "/feed")))
                    .as(host)
                    .hasValueSatisfying(why -> assertThat(why).contains("internal address"));
        }
    }

    @Test
    void letsPublicHostsAndUnknownNamesThrough() {
        assertThat(strict.refusal(URI.create("https://93.184.215.14/feed"))).isEmpty();
        assertThat(strict.refusal(URI.create("http://[2606:2800:220:1::]/feed")))
                .isEmpty();
        OutboundAddresses nobodyKnows = new OutboundAddresses(false, host -> {
            throw new UnknownHostException(host);
        });
        assertThat(nobodyKnows.refusal("blog.example"))
                .as("connecting will say that nothing is known by that name")
                .isEmpty();
    }

    @Test
    void refusesOtherSchemesAndCredentialsInTheAddress() {
        assertThat(strict.refusal(URI.create("ftp://93.184.215.14/feed"))).isPresent();
        assertThat(strict.refusal(URI.create("file:///etc/passwd"))).isPresent();
        assertThat(strict.refusal(URI.create("https://admin:hunter2@93.184.215.14/feed")))
                .hasValueSatisfying(
                        why -> assertThat(why).contains("user name or password").doesNotContain("hunter2"));
    }

    @Test
    void allowsInternalHostsWhenTheOperatorSaysSo() {
        OutboundAddresses lan = new OutboundAddresses(true);
        assertThat(lan.refusal(URI.create("http://192.168.1.20/wordpress"))).isEmpty();
        assertThat(lan.refusal(URI.create("http://127.0.0.1:8080/feed"))).isEmpty();
        assertThat(lan.refusal(URI.create("http://user:pw@192.168.1.20/")))
                .as("credentials stay out of addresses all the same")
                .isPresent();
    }

    @Test
    void refusesARequestToAnInternalAddressBeforeSendingIt() {
        assertThatThrownBy(() -> strict.send(http, get(base + "/feed"), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(OutboundAddresses.Refused.class)
                .hasMessageContaining("127.0.0.1 is an internal address");
        assertThat(requested).isEmpty();
    }

    @Test
    void refusesARedirectFromAPublicHostIntoItsOwnNetwork() {
        for (String path : new String[] {"/to-loopback", "/to-metadata", "/to-private"}) {
            assertThatThrownBy(() -> stubIsPublic.send(http, get(base + path), HttpResponse.BodyHandlers.ofString()))
                    .as(path)
                    .isInstanceOf(OutboundAddresses.Refused.class)
                    .hasMessageContaining("127.0.0.1 redirects to")
                    .hasMessageContaining("internal address");
        }
        assertThat(requested)
                .as("only the public host was asked; the internal address never")
                .containsExactly("/to-loopback", "/to-metadata", "/to-private");
        assertThatThrownBy(() ->
                        stubIsPublic.send(http, get(base + "/to-credentials"), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(OutboundAddresses.Refused.class)
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void followsRedirectsBetweenPublicAddressesUpToFive() throws Exception {
        HttpResponse<String> moved =
                stubIsPublic.send(http, get(base + "/relative"), HttpResponse.BodyHandlers.ofString());
        assertThat(moved.statusCode()).isEqualTo(200);
        assertThat(moved.body()).isEqualTo("at /feed");
        assertThat(moved.uri().getPath()).isEqualTo("/feed");

        requested.clear();
        HttpResponse<String> loop = stubIsPublic.send(http, get(base + "/loop"), HttpResponse.BodyHandlers.ofString());
        assertThat(loop.statusCode())
                .as("the sixth redirect is answered as it came")
                .isEqualTo(302);
        assertThat(requested).hasSize(1 + OutboundAddresses.MAX_REDIRECTS);
    }

    @Test
    void insistsOnAClientThatLeavesRedirectsToIt() {
        HttpClient following = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        assertThatThrownBy(
                        () -> stubIsPublic.send(following, get(base + "/feed"), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).GET().build();
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
