package dev.mandate.vault;

import dev.mandate.shared.Actor;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks the master key against the vault, and rotates it: every data key re-wrapped under the new key in one
 * transaction, so that either all of them or none of them move.
 */
@Component
class MasterKeyRotation {

    private final Secrets secrets;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    MasterKeyRotation(Secrets secrets, ApplicationEventPublisher events, Clock clock) {
        this.secrets = secrets;
        this.events = events;
        this.clock = clock;
    }

    /** Confirms that {@code key} is the vault's master key; on the very first start, makes it so. */
    @Transactional
    void confirm(MasterKey key) {
        if (secrets.keyCheck(false).isEmpty()) {
            secrets.createKeyCheck(key.newCheck(), clock.instant());
        }
        if (!key.opens(secrets.keyCheck(false).orElseThrow())) {
            throw new MasterKeyMismatch(key);
        }
    }

    /**
     * What a rotation did: how many data keys now sit under the new key, and which secrets were left as they were
     * because their data key does not decrypt (altered at rest; they could not be used before either).
     */
    record Rotated(int rewrapped, List<SecretId> unreadable) {}

    /**
     * Re-wraps every data key under {@code next}; throws {@link MasterKeyMismatch} (and changes nothing) if
     * {@code current} is not the vault's master key.
     */
    @Transactional
    Rotated rotate(MasterKey current, MasterKey next, Actor by) {
        byte[] check = secrets.keyCheck(true).orElse(null);
        if (check != null && !current.opens(check)) {
            throw new MasterKeyMismatch(current);
        }
        int count = 0;
        List<SecretId> unreadable = new ArrayList<>();
        for (Secrets.Stored stored : secrets.allInUseForUpdate()) {
            byte[] rewrapped;
            try {
                rewrapped = Envelope.rewrap(
                        current,
                        next,
                        stored.workspace(),
                        stored.id(),
                        stored.sealed().wrappedKey());
            } catch (GeneralSecurityException e) {
                unreadable.add(stored.id());
                continue;
            }
            secrets.rewrap(stored.id(), rewrapped);
            count++;
        }
        Instant now = clock.instant();
        if (check == null) {
            secrets.createKeyCheck(next.newCheck(), now);
        } else {
            secrets.replaceKeyCheck(next.newCheck(), now);
        }
        events.publishEvent(new VaultEvents.MasterKeyRotated(by, count, unreadable.size()));
        return new Rotated(count, List.copyOf(unreadable));
    }
}
