package dev.mandate.channel;

import java.util.Objects;

/**
 * One thing connecting an account asks for.
 *
 * @param name the key under which the value is stored in the account's settings ({@code url}, {@code user})
 * @param label what the form shows
 * @param hint an example or explanation under the field; may be empty
 * @param secret whether it is the credential: then it goes into the vault, never into the settings, and is never shown again
 * @param required whether connecting needs it
 */
public record SettingField(String name, String label, String hint, boolean secret, boolean required) {

    public SettingField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        hint = hint == null ? "" : hint;
    }

    public static SettingField required(String name, String label, String hint) {
        return new SettingField(name, label, hint, false, true);
    }

    public static SettingField optional(String name, String label, String hint) {
        return new SettingField(name, label, hint, false, false);
    }

    public static SettingField secret(String name, String label, String hint) {
        return new SettingField(name, label, hint, true, true);
    }
}
