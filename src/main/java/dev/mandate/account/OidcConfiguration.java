package dev.mandate.account;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;

/** Registers the OpenID Connect provider named by {@link OidcProperties}, when one is. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "mandate.oidc", name = "issuer-uri")
class OidcConfiguration {

    @Bean
    ClientRegistrationRepository oidcProviders(OidcProperties oidc) {
        ClientRegistration registration = ClientRegistrations.fromIssuerLocation(oidc.issuerUri())
                .registrationId("oidc")
                .clientName(oidc.displayName())
                .clientId(oidc.clientId())
                .clientSecret(oidc.clientSecret())
                .scope("openid", "email", "profile")
                .build();
        return new InMemoryClientRegistrationRepository(registration);
    }
}
