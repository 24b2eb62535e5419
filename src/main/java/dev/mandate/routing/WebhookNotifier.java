package dev.mandate.routing;

import dev.mandate.vault.SecretId;
import dev.mandate.vault.Vault;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends webhook notifications: a JSON body POSTed to the brand's URL, signed with HMAC-SHA256 under the workspace's
 * secret from the vault over {@code timestamp + "." + body}, in the header
 * {@code Mandate-Signature: t=<unix seconds>,v1=<hex>}. The receiver recomputes it and rejects old timestamps, so a
 * captured request cannot be replayed later. Redirects are not followed (they could lead into the internal network).
 */
@Component
class WebhookNotifier {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebhookAddresses addresses;
    private final NotificationSettings settings;
    private final Vault vault;
    private final HttpClient http;
    private final HandoffProperties.Webhook properties;

    WebhookNotifier(
            WebhookAddresses addresses, NotificationSettings settings, Vault vault, HandoffProperties properties) {
        this.addresses = addresses;
        this.settings = settings;
        this.vault = vault;
        this.properties = properties.webhook();
        this.http = HttpClient.newBuilder()
                .connectTimeout(this.properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    void send(Notifications.Notification notification, long epochSecond) throws NotificationFailure {
        Optional<String> refused = addresses.check(notification.target());
        if (refused.isPresent()) {
            throw new NotificationFailure(refused.get(), true);
        }
        SecretId secret = settings.webhookSecret(notification.workspace())
                .orElseThrow(() -> new NotificationFailure(
                        "No signing secret is set for webhooks; set one in the hand-off settings.", true));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", notification.id().toString());
        payload.put("event", notification.event());
        payload.put("workspace", notification.workspace().toString());
        payload.put("createdAt", notification.createdAt().toString());
        payload.put("data", notification.data());
        String body = JSON.writeValueAsString(payload);
        String signature = "t=" + epochSecond + ",v1="
                + vault.use(notification.workspace(), secret, "webhook signature", key -> sign(key, epochSecond, body));
        HttpRequest request = HttpRequest.newBuilder(URI.create(notification.target()))
                .timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Mandate-Webhook/1")
                .header("Mandate-Event", notification.event())
                .header("Mandate-Delivery", notification.id().toString())
                .header("Mandate-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new NotificationFailure(
                    "Could not reach " + URI.create(notification.target()).getHost() + " ("
                            + e.getClass().getSimpleName() + ").",
                    false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotificationFailure("Interrupted while sending.", false);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        boolean transientFailure = status >= 500 || status == 408 || status == 429;
        throw new NotificationFailure("The webhook answered HTTP " + status + ".", !transientFailure);
    }

    /** The hex HMAC-SHA256 of {@code timestamp + "." + body} under {@code secret}. */
    static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
