package dev.mandate.contact;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.mandate.shared.NotFound;
import java.util.Objects;
import java.util.UUID;

/** Identifies a contact: one person, whatever networks they write from. */
public record ContactId(UUID value) {

    public ContactId {
        Objects.requireNonNull(value, "value");
    }

    public static ContactId random() {
        return new ContactId(UUID.randomUUID());
    }

    /** Reads an id from a path or JSON; an unreadable one is simply not found. */
    @JsonCreator
    public static ContactId parse(String value) {
        try {
            return new ContactId(UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFound("contact");
        }
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
