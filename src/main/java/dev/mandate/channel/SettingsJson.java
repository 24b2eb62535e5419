package dev.mandate.channel;

import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** An account's settings as the JSON stored in its row. */
final class SettingsJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<TreeMap<String, String>> SETTINGS = new TypeReference<>() {};

    private SettingsJson() {}

    /** The settings as JSON text, keys in order. */
    static String write(Map<String, String> settings) {
        return JSON.writeValueAsString(new TreeMap<>(settings == null ? Map.of() : settings));
    }

    /** The settings stored as {@code json}; empty for none. */
    static Map<String, String> read(String json) {
        return json == null || json.isBlank() ? Map.of() : JSON.readValue(json, SETTINGS);
    }
}
