package dev.mandate.vault;

import dev.mandate.shared.Problem;
import java.time.Instant;
import org.springframework.http.HttpStatus;

/** A secret that was removed: it can be neither used nor replaced; the credential has to be entered again. */
public class SecretGone extends Problem {

    SecretGone(SecretId id, Instant removedAt) {
        super(
                HttpStatus.GONE,
                "secret-removed",
                "Secret removed",
                "The secret " + id + " was removed at " + removedAt
                        + " and can no longer be used; enter the credential again.");
    }
}
