/**
 * People who can sign in: local accounts with hashed passwords, lock-out after repeated failed sign-ins,
 * invitations that let a new person choose their password, the instance administrator created on first start,
 * optional OpenID Connect sign-in, and the web security around all of it. Other modules see the signed-in
 * person as a {@link dev.mandate.account.CurrentAccount} and look people up through
 * {@link dev.mandate.account.AccountDirectory}.
 */
@org.springframework.modulith.ApplicationModule
package dev.mandate.account;
