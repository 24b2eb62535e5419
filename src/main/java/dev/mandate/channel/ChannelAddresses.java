package dev.mandate.channel;

import dev.mandate.shared.OutboundAddresses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The addresses connectors may call: every connector checks the address an account names (a feed, a blog, a mail
 * server) with this guard when the account is connected and before every call, so that connecting a channel cannot
 * make Mandate reach into its own network unless {@code mandate.channel.allow-private-addresses} says it may.
 */
@Configuration(proxyBeanMethods = false)
class ChannelAddresses {

    @Bean
    OutboundAddresses outboundAddresses(ChannelProperties properties) {
        return new OutboundAddresses(properties.allowPrivateAddresses());
    }
}
