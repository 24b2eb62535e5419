package dev.mandate.account;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Counts failed sign-ins per account and locks the account after too many in a row. */
@Component
class LoginAttempts {

    private final Accounts accounts;
    private final AccountProperties properties;
    private final Clock clock;

    LoginAttempts(Accounts accounts, AccountProperties properties, Clock clock) {
        this.accounts = accounts;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener
    @Transactional
    public void failed(AuthenticationFailureBadCredentialsEvent event) {
        accounts.recordFailedLogin(
                Account.normalise(event.getAuthentication().getName()),
                properties.maxFailedLogins(),
                clock.instant().plus(properties.lockout()));
    }

    @EventListener
    @Transactional
    public void succeeded(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof AccountPrincipal principal) {
            accounts.recordSuccessfulLogin(principal.accountId());
        }
    }

    /** Until when the account with this sign-in name is locked, if it is. */
    @Transactional(readOnly = true)
    Optional<Instant> lockedUntil(String username) {
        Instant now = clock.instant();
        return accounts.findByEmail(Account.normalise(username))
                .filter(a -> a.lockedAt(now))
                .map(Account::lockedUntil);
    }
}
