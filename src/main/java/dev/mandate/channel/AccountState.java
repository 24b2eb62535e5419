package dev.mandate.channel;

/** Whether a connected account is synced: active, paused by a person, or removed (its history stays). */
public enum AccountState {
    ACTIVE,
    PAUSED,
    REMOVED;

    String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static AccountState of(String column) {
        return valueOf(column.toUpperCase(java.util.Locale.ROOT));
    }
}
