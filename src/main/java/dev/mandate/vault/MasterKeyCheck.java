package dev.mandate.vault;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Refuses to start with a master key that is not the vault's, before the application serves anyone, instead of
 * failing at the first connector call. Operator commands skip it: {@code vault rotate-master-key} checks the key
 * itself, and the others do not need the vault.
 */
@Component
class MasterKeyCheck implements SmartInitializingSingleton {

    private final MasterKeyRotation rotation;
    private final MasterKey key;
    private final boolean commandMode;

    MasterKeyCheck(
            MasterKeyRotation rotation, MasterKey key, @Value("${mandate.command-mode:false}") boolean commandMode) {
        this.rotation = rotation;
        this.key = key;
        this.commandMode = commandMode;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!commandMode) {
            rotation.confirm(key);
        }
    }
}
