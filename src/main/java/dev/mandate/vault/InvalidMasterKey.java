package dev.mandate.vault;

/** A configured master key that cannot be read or used; the message says where it came from, never the key. */
class InvalidMasterKey extends MasterKeyProblem {

    InvalidMasterKey(String message) {
        super(message);
    }

    @Override
    String action() {
        return "Set MANDATE_MASTER_KEY to base64 of 32 random bytes (head -c 32 /dev/urandom | base64) or a Tink "
                + "AEAD keyset in JSON, or MANDATE_VAULT_MASTER_KEY_FILE to a file holding one.";
    }
}
