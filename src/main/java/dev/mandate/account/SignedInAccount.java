package dev.mandate.account;

import java.util.List;
import java.util.UUID;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** The principal of a password sign-in. */
class SignedInAccount extends User implements AccountPrincipal {

    private final UUID accountId;

    SignedInAccount(Account account, boolean locked) {
        super(
                account.email(),
                account.passwordHash() == null ? "" : account.passwordHash(),
                account.activated(),
                true,
                true,
                !locked,
                account.instanceAdmin()
                        ? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
                        : List.of(new SimpleGrantedAuthority("ROLE_USER")));
        this.accountId = account.id();
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
