/**
 * Vault: the workspace's channel credentials (application passwords, tokens, mailbox passwords), encrypted with
 * AEAD under a key-encryption key from {@code MANDATE_MASTER_KEY} or a key file; decrypted only inside a connector
 * call; never shown again after entry, never logged, never readable by agency users. Depends on nothing but the
 * shared kernel.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared"})
package dev.mandate.vault;
