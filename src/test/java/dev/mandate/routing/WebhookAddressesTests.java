package dev.mandate.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which webhook URLs Mandate calls by default: https to a public host, nothing inside its own network. */
class WebhookAddressesTests {

    final WebhookAddresses defaults = new WebhookAddresses(new HandoffProperties(
            null, null, new HandoffProperties.Webhook(false, false, Duration.ofSeconds(1)), null));

    @Test
    void refusesPlainHttpAndOtherSchemes() {
        assertThat(defaults.check("http://crm.example/hook")).hasValue("A webhook URL must start with https://.");
        assertThat(defaults.check("ftp://crm.example/hook")).isPresent();
        assertThat(defaults.check("not a url")).isPresent();
        assertThat(defaults.check("https://user:pw@crm.example/hook")).isPresent();
    }

    @Test
    void refusesInternalAddresses() {
        for (String host : new String[] {
            "127.0.0.1",
            "localhost",
            "10.1.2.3",
            "192.168.0.10",
            "172.16.5.4",
            "169.254.169.254",
            "[::1]",
            "[fd00::1]",
            "0.0.0.0",
            "100.64.1.1"
        }) {
            assertThat(defaults.check("https://" + host + "/hook"))
                    .as(host)
                    .hasValueSatisfying(problem -> assertThat(problem).contains("internal address"));
        }
    }

    @Test
    void acceptsAPublicHttpsAddress() {
        assertThat(defaults.check("https://93.184.215.14/hooks/mandate")).isEmpty();
    }

    @Test
    void acceptsWhatTheSettingsAllow() {
        WebhookAddresses relaxed = new WebhookAddresses(new HandoffProperties(
                null, null, new HandoffProperties.Webhook(true, true, Duration.ofSeconds(1)), null));
        assertThat(relaxed.check("http://127.0.0.1:8089/hook")).isEmpty();
    }
}
