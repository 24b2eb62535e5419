package dev.mandate.account;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** A person who can sign in, with what it takes to keep their sign-in safe. */
@Table(schema = "account", name = "account")
class Account {

    @Id
    private final UUID id;

    private final String email;
    private String displayName;
    private String passwordHash;
    private final boolean instanceAdmin;
    private int failedLogins;
    private Instant lockedUntil;
    private String setupTokenHash;
    private Instant setupTokenExpiresAt;
    private final Instant createdAt;

    @Version
    private Long version;

    @PersistenceCreator
    Account(
            UUID id,
            String email,
            String displayName,
            String passwordHash,
            boolean instanceAdmin,
            int failedLogins,
            Instant lockedUntil,
            String setupTokenHash,
            Instant setupTokenExpiresAt,
            Instant createdAt,
            Long version) {
        this.id = id;
        this.email = email;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.instanceAdmin = instanceAdmin;
        this.failedLogins = failedLogins;
        this.lockedUntil = lockedUntil;
        this.setupTokenHash = setupTokenHash;
        this.setupTokenExpiresAt = setupTokenExpiresAt;
        this.createdAt = createdAt;
        this.version = version;
    }

    static Account withPassword(String email, String displayName, String passwordHash, boolean admin, Instant now) {
        return new Account(
                UUID.randomUUID(), normalise(email), displayName, passwordHash, admin, 0, null, null, null, now, null);
    }

    static Account invited(String email, String displayName, String setupTokenHash, Instant expiresAt, Instant now) {
        return new Account(
                UUID.randomUUID(),
                normalise(email),
                displayName,
                null,
                false,
                0,
                null,
                setupTokenHash,
                expiresAt,
                now,
                null);
    }

    static String normalise(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    /** Replaces the invitation link of an account that has no password yet. */
    void renewSetupToken(String tokenHash, Instant expiresAt) {
        if (activated()) {
            throw new IllegalStateException("an account with a password needs no invitation link");
        }
        this.setupTokenHash = tokenHash;
        this.setupTokenExpiresAt = expiresAt;
    }

    /** Sets the password with an invitation token that is still valid, and uses the token up. */
    void completeSetup(String displayName, String passwordHash, Instant now) {
        if (setupTokenExpiresAt == null || !setupTokenExpiresAt.isAfter(now)) {
            throw new InvitationExpired();
        }
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.setupTokenHash = null;
        this.setupTokenExpiresAt = null;
    }

    UUID id() {
        return id;
    }

    String email() {
        return email;
    }

    String displayName() {
        return displayName;
    }

    String passwordHash() {
        return passwordHash;
    }

    boolean instanceAdmin() {
        return instanceAdmin;
    }

    Instant lockedUntil() {
        return lockedUntil;
    }

    boolean activated() {
        return passwordHash != null;
    }

    AccountSummary summary() {
        return new AccountSummary(new dev.mandate.shared.AccountId(id), email, displayName, activated());
    }
}
