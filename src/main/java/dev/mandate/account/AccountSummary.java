package dev.mandate.account;

import dev.mandate.shared.AccountId;

/** What other modules may know of a person: who they are and whether they have set a password yet. */
public record AccountSummary(AccountId id, String email, String displayName, boolean activated) {}
