package dev.mandate.inbox;

import dev.mandate.channel.Capability;
import dev.mandate.channel.Connection;
import dev.mandate.channel.Connector;
import dev.mandate.channel.ConnectorFailure;
import dev.mandate.channel.Moderation;
import dev.mandate.channel.SettingField;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/**
 * The adapter of a stub network ({@code modstub}) that can moderate: it keeps each moderation it was asked for, and
 * can be told to be unreachable for the next few calls, as a network under load is.
 */
@Component
class ModerationStubConnector implements Connector {

    /** One moderation the network carried out. */
    record Call(String account, String externalId, Moderation action) {}

    static final List<Call> calls = new CopyOnWriteArrayList<>();
    /** By account id: how many more calls find the network unreachable. */
    static final Map<String, Integer> unreachableFor = new ConcurrentHashMap<>();

    @Override
    public String network() {
        return "modstub";
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.MODERATE);
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
    public void moderate(Connection connection, String externalId, Moderation action) {
        String account = connection.account().id().toString();
        if (unreachableFor.getOrDefault(account, 0) > 0) {
            unreachableFor.merge(account, -1, Integer::sum);
            throw ConnectorFailure.unavailable("The network answered 503.", null);
        }
        calls.add(new Call(account, externalId, action));
    }
}
