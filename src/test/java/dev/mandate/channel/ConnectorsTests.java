package dev.mandate.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.shared.InvalidInput;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The registry of connectors by network, and the backoff between retries. */
class ConnectorsTests {

    @Test
    void findsAConnectorByItsNetworkWhateverTheCase() {
        Connectors connectors = new Connectors(List.of(connector("wordpress"), connector("email")));

        assertThat(connectors.get(" WordPress ").network()).isEqualTo("wordpress");
        assertThat(connectors.all()).extracting(Connector::network).containsExactly("email", "wordpress");
    }

    @Test
    void namesTheNetworksItKnowsWhenAskedForAnother() {
        Connectors connectors = new Connectors(List.of(connector("wordpress"), connector("email")));

        assertThatThrownBy(() -> connectors.get("myspace")).isInstanceOfSatisfying(InvalidInput.class, e -> {
            assertThat(e.field()).isEqualTo("network");
            assertThat(e.getMessage()).contains("'myspace'").contains("email, wordpress");
        });
    }

    @Test
    void refusesTwoConnectorsForOneNetworkAndMoreThanOneSecretField() {
        assertThatThrownBy(() -> new Connectors(List.of(connector("feed"), connector("feed"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Two connectors for the network 'feed'");
        assertThatThrownBy(() -> new Connectors(List.of(connector(
                        "imap",
                        SettingField.secret("password", "Password", ""),
                        SettingField.secret("smtp", "SMTP", "")))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("more than one secret field");
    }

    @Test
    void doublesTheBackoffAfterEachFailureUpToItsLimit() {
        ChannelProperties.Sync sync = new ChannelProperties.Sync(
                true,
                Duration.ofSeconds(10),
                1,
                Duration.ofMinutes(5),
                Duration.ofMinutes(5),
                "",
                Duration.ofMinutes(5),
                20,
                Duration.ofSeconds(30),
                Duration.ofMinutes(10));

        assertThat(sync.backoffAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(sync.backoffAfter(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(sync.backoffAfter(5)).isEqualTo(Duration.ofMinutes(8));
        assertThat(sync.backoffAfter(6)).isEqualTo(Duration.ofMinutes(10));
        assertThat(sync.backoffAfter(60)).isEqualTo(Duration.ofMinutes(10));
    }

    private static Connector connector(String network, SettingField... fields) {
        return new Connector() {
            @Override
            public String network() {
                return network;
            }

            @Override
            public Set<Capability> capabilities() {
                return Set.of(Capability.FETCH);
            }

            @Override
            public List<SettingField> fields() {
                return List.of(fields);
            }

            @Override
            public Verified verify(Connection connection) {
                return new Verified(network, List.of());
            }
        };
    }
}
