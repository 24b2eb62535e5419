package dev.mandate.account;

import dev.mandate.shared.AccountId;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.NotFound;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Looks people up, and brings new ones in by invitation. */
@Service
public class AccountDirectory {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final AccountProperties properties;
    private final Clock clock;

    AccountDirectory(Accounts accounts, PasswordEncoder passwords, AccountProperties properties, Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public AccountSummary get(AccountId id) {
        return accounts.findById(id.value()).map(Account::summary).orElseThrow(() -> new NotFound("account"));
    }

    @Transactional(readOnly = true)
    public Optional<AccountSummary> findByEmail(String email) {
        return accounts.findByEmail(Account.normalise(email)).map(Account::summary);
    }

    @Transactional(readOnly = true)
    public List<AccountSummary> getAll(Collection<AccountId> ids) {
        return accounts.findAllById(ids.stream().map(AccountId::value).toList()).stream()
                .map(Account::summary)
                .toList();
    }

    @Transactional(readOnly = true)
    public boolean isInstanceAdmin(AccountId id) {
        return accounts.findById(id.value()).map(Account::instanceAdmin).orElse(false);
    }

    /**
     * Finds the person with this e-mail address or creates an account for them that waits for its password.
     * The returned invitation holds the one-time link token when a new account was created; it is shown to the
     * inviter once and stored only as a hash.
     */
    @Transactional
    public Invitation invite(String email, String displayName) {
        String address = requireEmail(email);
        Optional<Account> existing = accounts.findByEmail(address);
        Instant now = clock.instant();
        if (existing.isPresent() && existing.get().activated()) {
            return new Invitation(existing.get().summary(), null);
        }
        String token = newToken();
        if (existing.isPresent()) {
            // Invited before but never set a password: a new link replaces the old one, which may have expired.
            Account pending = existing.get();
            pending.renewSetupToken(hash(token), now.plus(properties.invitationValidity()));
            return new Invitation(accounts.save(pending).summary(), token);
        }
        String name = displayName == null || displayName.isBlank() ? address : displayName.trim();
        Account account = accounts.save(
                Account.invited(address, name, hash(token), now.plus(properties.invitationValidity()), now));
        return new Invitation(account.summary(), token);
    }

    /** Creates an account that can sign in straight away (the demo workspace's people, tests). */
    @Transactional
    public AccountSummary create(String email, String displayName, String rawPassword) {
        String address = requireEmail(email);
        requirePassword(rawPassword);
        if (accounts.findByEmail(address).isPresent()) {
            throw new InvalidInput("email", "An account with this e-mail address exists already.");
        }
        return accounts.save(Account.withPassword(
                        address, displayName, passwords.encode(rawPassword), false, clock.instant()))
                .summary();
    }

    @Transactional(readOnly = true)
    Optional<Account> pendingInvitation(String token) {
        return accounts.findBySetupTokenHash(hash(token));
    }

    @Transactional
    AccountSummary acceptInvitation(String token, String displayName, String rawPassword) {
        requirePassword(rawPassword);
        if (displayName == null || displayName.isBlank()) {
            throw new InvalidInput("displayName", "Please enter the name others will see.");
        }
        Account account = accounts.findBySetupTokenHash(hash(token)).orElseThrow(InvitationExpired::new);
        account.completeSetup(displayName.trim(), passwords.encode(rawPassword), clock.instant());
        return accounts.save(account).summary();
    }

    static void requirePassword(String rawPassword) {
        if (rawPassword == null || rawPassword.length() < 10) {
            throw new InvalidInput("password", "A password needs at least 10 characters.");
        }
        if (rawPassword.length() > 128) {
            throw new InvalidInput("password", "A password may have at most 128 characters.");
        }
    }

    private static String requireEmail(String email) {
        if (email == null || !EMAIL.matcher(email.trim()).matches() || email.length() > 254) {
            throw new InvalidInput("email", "Please enter a valid e-mail address.");
        }
        return Account.normalise(email);
    }

    static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A person invited to a workspace; {@code token} is set only when they still have to choose a password. */
    public record Invitation(AccountSummary account, String token) {

        public Optional<String> setupPath() {
            return Optional.ofNullable(token).map(t -> "/invitations/" + t);
        }

        public AccountId accountId() {
            return account.id();
        }
    }
}
