package dev.mandate.publish;

import dev.mandate.channel.Capability;
import dev.mandate.channel.Connection;
import dev.mandate.channel.Connector;
import dev.mandate.channel.ConnectorFailure;
import dev.mandate.channel.Delivery;
import dev.mandate.channel.Reply;
import dev.mandate.channel.SettingField;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The adapter for {@link StubNetwork} (network {@code replystub}): what a real connector does with HTTP status codes,
 * timeouts and Retry-After. A test can make the worker "die" right after the network took a reply.
 */
@Component
class StubConnector implements Connector {

    static volatile URI network;
    static volatile boolean dieAfterSend;

    /** Stands for the process being killed: nothing after it runs. */
    static final class WorkerKilled extends Error {
        WorkerKilled() {
            super("killed between send and record");
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Override
    public String network() {
        return "replystub";
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.REPLY);
    }

    @Override
    public List<SettingField> fields() {
        return List.of();
    }

    @Override
    public Verified verify(Connection connection) {
        return new Verified("stub", List.of("brand"));
    }

    @Override
    public Delivery reply(Connection connection, Reply reply) {
        HttpRequest request = HttpRequest.newBuilder(network.resolve("/comments"))
                .timeout(Duration.ofMillis(StubNetwork.SLOW_MILLIS / 3))
                .POST(HttpRequest.BodyPublishers.ofString(
                        reply.key() + "|" + reply.parentExternalId() + "|" + reply.text()))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw ConnectorFailure.unknownOutcome("The network did not answer in time.", e);
        } catch (IOException e) {
            throw ConnectorFailure.unavailable("The network cannot be reached.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectorFailure.unknownOutcome("Interrupted while sending.", e);
        }
        switch (response.statusCode()) {
            case 201 -> {
                if (dieAfterSend) {
                    dieAfterSend = false;
                    throw new WorkerKilled();
                }
                return new Delivery(response.body(), network + "/comments/" + response.body(), Instant.now());
            }
            case 429 ->
                throw ConnectorFailure.rateLimited(
                        "Too many requests.",
                        Duration.ofSeconds(Long.parseLong(
                                response.headers().firstValue("Retry-After").orElse("60"))));
            case 401, 403 -> throw ConnectorFailure.credentials("The network refused the account's password.");
            default -> throw ConnectorFailure.unavailable("The network answered " + response.statusCode() + ".", null);
        }
    }

    @Override
    public Optional<Delivery> findReply(Connection connection, Reply reply) {
        HttpRequest request = HttpRequest.newBuilder(
                        network.resolve("/comments?key=" + URLEncoder.encode(reply.key(), StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return switch (response.statusCode()) {
                case 200 ->
                    Optional.of(new Delivery(response.body(), network + "/comments/" + response.body(), Instant.now()));
                case 404 -> Optional.empty();
                default ->
                    throw ConnectorFailure.unavailable("The network answered " + response.statusCode() + ".", null);
            };
        } catch (IOException e) {
            throw ConnectorFailure.unavailable("The network cannot be reached.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectorFailure.unavailable("Interrupted.", e);
        }
    }
}
