package dev.mandate.account;

import java.util.List;
import java.util.UUID;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Signs in with OpenID Connect as the local account that has the provider's verified e-mail address. Nobody
 * gets an account by signing in: they must have been invited first.
 */
class OidcAccounts extends OidcUserService {

    private final Accounts accounts;

    OidcAccounts(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = super.loadUser(request);
        String email = user.getEmail();
        if (email == null || !Boolean.TRUE.equals(user.getEmailVerified())) {
            throw new OAuth2AuthenticationException(
                    new OAuth2Error("email_not_verified", "Your provider did not confirm an e-mail address.", null));
        }
        Account account = accounts.findByEmail(Account.normalise(email))
                .orElseThrow(() -> new OAuth2AuthenticationException(new OAuth2Error(
                        "no_account", "There is no Mandate account for " + email + "; ask to be invited.", null)));
        List<SimpleGrantedAuthority> authorities = account.instanceAdmin()
                ? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
                : List.of(new SimpleGrantedAuthority("ROLE_USER"));
        return new OidcAccount(authorities, user, account.id());
    }

    /** The principal of an OpenID Connect sign-in. */
    static final class OidcAccount extends DefaultOidcUser implements AccountPrincipal {

        private final UUID accountId;

        OidcAccount(List<SimpleGrantedAuthority> authorities, OidcUser user, UUID accountId) {
            super(authorities, user.getIdToken(), user.getUserInfo());
            this.accountId = accountId;
        }

        @Override
        public UUID accountId() {
            return accountId;
        }

        @Override
        public boolean equals(Object other) {
            return super.equals(other);
        }

        @Override
        public int hashCode() {
            return super.hashCode();
        }
    }
}
