package dev.mandate.account;

import java.util.UUID;

/** A signed-in principal that is one of our accounts, however it signed in. */
interface AccountPrincipal {

    UUID accountId();
}
