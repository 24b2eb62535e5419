package dev.mandate.channel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A connector for the tests' {@link StubNetwork} ({@code teststub}): fetches comments over HTTP with basic auth. */
@Component
class TestStubConnector implements Connector {

    static final String NETWORK = "teststub";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public String network() {
        return NETWORK;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.FETCH);
    }

    @Override
    public List<SettingField> fields() {
        return List.of(
                SettingField.required("url", "Site address", "http://…"),
                SettingField.required("user", "User", ""),
                SettingField.secret("password", "Password", "never shown again"));
    }

    @Override
    public Verified verify(Connection connection) {
        JsonNode me = get(connection, "/me");
        List<String> handles = new ArrayList<>();
        me.get("handles").forEach(h -> handles.add(h.asString()));
        return new Verified(me.get("name").asString(), handles);
    }

    @Override
    public Fetched fetch(Connection connection, String cursor) {
        JsonNode page = get(connection, "/items" + (cursor == null ? "" : "?cursor=" + cursor));
        List<InboundItem> items = new ArrayList<>();
        int skipped = 0;
        for (JsonNode item : page.get("items")) {
            if (!item.hasNonNull("text") || !item.hasNonNull("author")) {
                skipped++;
                continue;
            }
            items.add(new InboundItem(
                    null,
                    NETWORK,
                    item.get("id").asString(),
                    null,
                    null,
                    InboundItem.Kind.COMMENT,
                    new InboundItem.Author(item.get("author").asString(), null, null),
                    item.get("text").asString(),
                    null,
                    null,
                    null,
                    null,
                    List.of(),
                    List.of(),
                    Instant.parse(item.get("createdAt").asString()),
                    null));
        }
        return new Fetched(items, page.get("next").asString(), page.get("more").asBoolean(), skipped);
    }

    private JsonNode get(Connection connection, String path) {
        String url = connection.setting("url");
        String auth = connection.setting("user") + ":" + connection.secret().reveal();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path))
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw ConnectorFailure.unavailable("The site at " + url + " cannot be reached.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectorFailure.unavailable("Interrupted.", e);
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw ConnectorFailure.credentials(
                    "The site refused the user '" + connection.setting("user") + "' with this password.");
        }
        if (status == 429) {
            Duration wait = response.headers()
                    .firstValue("Retry-After")
                    .map(s -> Duration.ofSeconds(Long.parseLong(s)))
                    .orElse(null);
            throw ConnectorFailure.rateLimited("The site asks to slow down.", wait);
        }
        if (status >= 500) {
            throw ConnectorFailure.unavailable("The site answered " + status + ".", null);
        }
        if (status == 404) {
            throw ConnectorFailure.configuration("There is no stub API at " + url + ".");
        }
        if (status != 200) {
            throw ConnectorFailure.rejected("The site answered " + status + ".");
        }
        return JSON.readTree(response.body());
    }
}
