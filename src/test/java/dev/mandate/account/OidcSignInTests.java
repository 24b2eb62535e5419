package dev.mandate.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * With {@code mandate.oidc.*} set, the sign-in page offers the provider and sends the browser to the
 * provider's authorization endpoint, as read from its discovery document (served here by a stub issuer).
 */
@SpringBootTest
@AutoConfigureMockMvc
class OidcSignInTests {

    static final HttpServer issuer = stubIssuer();

    @Autowired
    MockMvc mvc;

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry properties) {
        properties.add("mandate.oidc.issuer-uri", OidcSignInTests::issuerUri);
        properties.add("mandate.oidc.client-id", () -> "mandate-test");
        properties.add("mandate.oidc.client-secret", () -> "client-secret-for-tests");
        properties.add("mandate.oidc.display-name", () -> "Company login");
    }

    @AfterAll
    static void stopIssuer() {
        issuer.stop(0);
    }

    @Test
    void offersTheProviderOnTheSignInPage() throws Exception {
        String page = mvc.perform(MockMvcRequestBuilders.get("/login"))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(page).contains("Company login").contains("/oauth2/authorization/oidc");
    }

    @Test
    void sendsTheBrowserToTheProvidersAuthorizationEndpoint() throws Exception {
        MvcResult result = mvc.perform(MockMvcRequestBuilders.get("/oauth2/authorization/oidc"))
                .andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(302);
        assertThat(result.getResponse().getRedirectedUrl())
                .startsWith(issuerUri() + "/authorize?")
                .contains("client_id=mandate-test")
                .contains("scope=openid%20email%20profile");
    }

    static String issuerUri() {
        return "http://127.0.0.1:" + issuer.getAddress().getPort();
    }

    private static HttpServer stubIssuer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/.well-known/openid-configuration", exchange -> {
                String base = "http://127.0.0.1:" + server.getAddress().getPort();
                byte[] body = ("{\"issuer\":\"" + base + "\",\"authorization_endpoint\":\"" + base
                                + "/authorize\",\"token_endpoint\":\"" + base + "/token\",\"jwks_uri\":\"" + base
                                + "/jwks\",\"userinfo_endpoint\":\"" + base + "/userinfo\","
                                + "\"subject_types_supported\":[\"public\"],"
                                + "\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                                + "\"response_types_supported\":[\"code\"]}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
