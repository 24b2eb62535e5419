package dev.mandate.channel;

import java.time.Instant;
import java.util.Objects;

/** A reply the network accepted: its id there, a link if it has one, and when. */
public record Delivery(String externalId, String url, Instant at) {

    public Delivery {
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(at, "at");
    }
}
