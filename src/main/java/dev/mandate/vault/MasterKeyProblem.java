package dev.mandate.vault;

/** Why the vault cannot work with the configured master key, and what the operator does about it. */
abstract class MasterKeyProblem extends IllegalStateException {

    MasterKeyProblem(String message) {
        super(message);
    }

    /** What the operator should do, in one sentence. */
    abstract String action();
}
