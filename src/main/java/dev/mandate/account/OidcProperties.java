package dev.mandate.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Optional sign-in with an OpenID Connect provider (Keycloak, Entra ID, Google Workspace …); off while
 * {@code issuerUri} is blank.
 *
 * @param issuerUri the provider's issuer ({@code MANDATE_OIDC_ISSUER_URI}); its discovery document is read at start
 * @param clientId this instance's client id at the provider ({@code MANDATE_OIDC_CLIENT_ID})
 * @param clientSecret its secret ({@code MANDATE_OIDC_CLIENT_SECRET})
 * @param displayName the label of the sign-in button ({@code MANDATE_OIDC_DISPLAY_NAME})
 */
@ConfigurationProperties("mandate.oidc")
record OidcProperties(
        String issuerUri,
        String clientId,
        String clientSecret,
        @DefaultValue("Single sign-on") String displayName) {

    @Override
    public String toString() {
        return "OidcProperties[issuerUri=" + issuerUri + ", clientId=" + clientId + ", clientSecret=***]";
    }
}
