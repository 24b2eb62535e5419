package dev.mandate.vault;

import dev.mandate.shared.Problem;
import org.springframework.http.HttpStatus;

/**
 * A stored secret that does not decrypt: its ciphertext or data key was changed or copied from another row, or the
 * master key is not the one it was sealed with.
 */
public class SecretUnreadable extends Problem {

    SecretUnreadable(SecretId id) {
        super(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "secret-unreadable",
                "Secret unreadable",
                "The secret " + id + " could not be decrypted: it was altered at rest or belongs to another "
                        + "record. Enter the credential again.");
    }
}
