package dev.mandate.shared;

import org.springframework.http.HttpStatus;

/** A change that contradicts the current state, e.g. someone else changed the same thing first. */
public class Conflict extends Problem {

    public Conflict(String type, String detail) {
        super(HttpStatus.CONFLICT, type, "Conflict", detail);
    }
}
