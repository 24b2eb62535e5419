package dev.mandate.account;

import java.time.Clock;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Loads an account for a password sign-in. */
@Component
class AccountUserDetails implements UserDetailsService {

    private final Accounts accounts;
    private final Clock clock;

    AccountUserDetails(Accounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        return accounts.findByEmail(Account.normalise(username))
                .map(account -> new SignedInAccount(account, account.lockedAt(clock.instant())))
                .orElseThrow(() -> new UsernameNotFoundException("no such account"));
    }
}
