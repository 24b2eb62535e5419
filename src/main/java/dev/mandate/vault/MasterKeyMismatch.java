package dev.mandate.vault;

/** The configured master key is not the one the vault's data keys are wrapped with. */
class MasterKeyMismatch extends MasterKeyProblem {

    MasterKeyMismatch(MasterKey key) {
        super("The vault's master key from " + key.source()
                + " is not the key its credentials were encrypted with, so they cannot be decrypted.");
    }

    @Override
    String action() {
        return "Configure the master key the vault was encrypted with (MANDATE_MASTER_KEY or "
                + "MANDATE_VAULT_MASTER_KEY_FILE); after a rotation, that is the new key.";
    }
}
