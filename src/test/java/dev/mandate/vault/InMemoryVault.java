package dev.mandate.vault;

import dev.mandate.shared.Actor;
import dev.mandate.shared.NotFound;
import dev.mandate.shared.WorkspaceId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * A vault in memory for the tests of the channel sync, while the encrypted vault is built on its own branch.
 * It goes when the vault branch lands: delete this file when merging (two {@link Vault} beans would clash).
 */
@Component
public class InMemoryVault implements Vault {

    private record Entry(WorkspaceId workspace, String secret) {}

    private final Map<SecretId, Entry> secrets = new ConcurrentHashMap<>();

    @Override
    public SecretId store(WorkspaceId workspace, Actor by, String purpose, String secret) {
        SecretId id = new SecretId(UUID.randomUUID());
        secrets.put(id, new Entry(workspace, secret));
        return id;
    }

    @Override
    public void replace(WorkspaceId workspace, Actor by, SecretId id, String secret) {
        entry(workspace, id);
        secrets.put(id, new Entry(workspace, secret));
    }

    @Override
    public void remove(WorkspaceId workspace, Actor by, SecretId id) {
        entry(workspace, id);
        secrets.remove(id);
    }

    @Override
    public <T> T use(WorkspaceId workspace, SecretId id, String purpose, Function<String, T> call) {
        return call.apply(entry(workspace, id).secret());
    }

    /** The secrets a workspace has, for tests that check nothing was stored. */
    public List<SecretId> of(WorkspaceId workspace) {
        return secrets.entrySet().stream()
                .filter(e -> e.getValue().workspace().equals(workspace))
                .map(Map.Entry::getKey)
                .toList();
    }

    private Entry entry(WorkspaceId workspace, SecretId id) {
        Entry entry = secrets.get(id);
        if (entry == null || !entry.workspace().equals(workspace)) {
            throw new NotFound("secret");
        }
        return entry;
    }
}
