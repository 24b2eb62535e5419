package dev.mandate.routing;

/** A notification that did not go out; {@code permanent} when trying again cannot help (a refused address). */
class NotificationFailure extends Exception {

    private final boolean permanent;

    NotificationFailure(String message, boolean permanent) {
        super(message, null, false, false);
        this.permanent = permanent;
    }

    boolean permanent() {
        return permanent;
    }
}
