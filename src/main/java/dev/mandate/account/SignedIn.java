package dev.mandate.account;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The person signed in on the current request, for code that does not get it as a controller parameter. */
@Component
public class SignedIn {

    private final Accounts accounts;

    SignedIn(Accounts accounts) {
        this.accounts = accounts;
    }

    /** The signed-in person, if there is one and their account still exists. */
    public Optional<CurrentAccount> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof AccountPrincipal principal)) {
            return Optional.empty();
        }
        return accounts.findById(principal.accountId())
                .map(account -> new CurrentAccount(
                        account.summary().id(), account.email(), account.displayName(), account.instanceAdmin()));
    }
}
