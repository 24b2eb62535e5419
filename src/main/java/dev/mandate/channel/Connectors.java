package dev.mandate.channel;

import dev.mandate.shared.InvalidInput;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** The {@link Connector} beans of the application, by network. */
@Component
public class Connectors {

    private final Map<String, Connector> byNetwork = new TreeMap<>();

    Connectors(Collection<Connector> connectors) {
        for (Connector connector : connectors) {
            String network = connector.network();
            if (network == null || !network.matches("^[a-z][a-z0-9_-]{0,31}$")) {
                throw new IllegalStateException(
                        connector.getClass().getName() + " names its network '" + network + "'; use lower case.");
            }
            if (connector.fields().stream().filter(SettingField::secret).count() > 1) {
                throw new IllegalStateException(
                        "The " + network + " connector asks for more than one secret field; the vault keeps one.");
            }
            Connector other = byNetwork.put(network, connector);
            if (other != null) {
                throw new IllegalStateException("Two connectors for the network '" + network + "': "
                        + other.getClass().getName() + " and "
                        + connector.getClass().getName() + ".");
            }
        }
    }

    /** The connector of a network, or {@link InvalidInput} on {@code network} naming the ones there are. */
    public Connector get(String network) {
        return find(network)
                .orElseThrow(() -> new InvalidInput(
                        "network",
                        "Mandate has no connector for the network '" + network + "'. It connects: "
                                + String.join(", ", byNetwork.keySet()) + "."));
    }

    public Optional<Connector> find(String network) {
        return network == null
                ? Optional.empty()
                : Optional.ofNullable(byNetwork.get(network.trim().toLowerCase(Locale.ROOT)));
    }

    /** All connectors, by network name. */
    public List<Connector> all() {
        return List.copyOf(byNetwork.values());
    }
}
