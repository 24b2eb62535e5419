package dev.mandate.shared;

import org.springframework.http.HttpStatus;

/**
 * A resource that does not exist, or that exists in a workspace the caller is not a member of: the two are
 * deliberately indistinguishable.
 */
public class NotFound extends Problem {

    public NotFound(String what) {
        super(HttpStatus.NOT_FOUND, "not-found", "Not found", "No " + what + " with that id is visible to you.");
    }
}
