package dev.mandate.shared;

import org.springframework.http.HttpStatus;

/** A member of the workspace asked for something their party or role may not do. */
public class Forbidden extends Problem {

    public Forbidden(String detail) {
        super(HttpStatus.FORBIDDEN, "forbidden", "Not allowed", detail);
    }
}
