/**
 * Vault: the workspace's channel credentials (application passwords, tokens, mailbox passwords), each sealed with
 * AEAD (Google Tink) under its own data key, the data keys wrapped by a master key from {@code MANDATE_MASTER_KEY},
 * a key file, or a key generated in the data folder; decrypted only inside a connector call; never shown again after
 * entry, never logged, never readable by agency users; every store, replacement, removal and use audited. Its
 * operator command {@code vault rotate-master-key} re-wraps every data key under a new master key. Depends on
 * nothing but the shared kernel, and is the only module that touches key material.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared"})
package dev.mandate.vault;
