package dev.mandate.account;

import dev.mandate.shared.AccountId;

/**
 * The person behind the current request. Controllers take it as a parameter; it is resolved from the
 * signed-in principal, whatever way they signed in.
 */
public record CurrentAccount(AccountId id, String email, String displayName, boolean instanceAdmin) {}
