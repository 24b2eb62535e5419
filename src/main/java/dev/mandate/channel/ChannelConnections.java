package dev.mandate.channel;

import dev.mandate.shared.Conflict;
import dev.mandate.shared.Forbidden;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.Party;
import dev.mandate.shared.WorkspaceId;
import dev.mandate.vault.SecretId;
import dev.mandate.vault.Vault;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Connects accounts through their network's {@link Connector} and looks after them: the connector checks the settings
 * and the secret before anything is stored, the secret goes into the vault, and the account can then be tested,
 * paused, resumed, given a new credential, or removed (its history stays). The brand and the agency lead may.
 */
@Service
public class ChannelConnections {

    private static final Logger log = LoggerFactory.getLogger(ChannelConnections.class);
    private static final int MAX_SETTING = 2000;

    private final Connectors connectors;
    private final ChannelAccounts accounts;
    private final Vault vault;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final ChannelProperties properties;
    private final Clock clock;

    ChannelConnections(
            Connectors connectors,
            ChannelAccounts accounts,
            Vault vault,
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactions,
            ChannelProperties properties,
            Clock clock) {
        this.connectors = connectors;
        this.accounts = accounts;
        this.vault = vault;
        this.jdbc = jdbc;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Connects an account: {@code values} holds each of the connector's {@link Connector#fields() fields} by name,
     * the secret one included. The connector verifies them first; if it refuses, only the failed attempt is recorded
     * (in the audit trail, without the secret) and {@link CouldNotConnect} says why.
     */
    public ChannelAccount connect(Membership by, String network, String name, Map<String, String> values) {
        requireMayManage(by);
        Connector connector = connectors.get(ChannelAccounts.network(network));
        String accountName = ChannelAccounts.requireName(name);
        Map<String, String> settings = settings(connector, values);
        String secret = secret(connector, values, true);
        ChannelAccount draft = new ChannelAccount(
                new ChannelAccountId(UUID.randomUUID()),
                by.workspaceId(),
                connector.network(),
                accountName,
                List.of(),
                clock.instant());
        Connector.Verified verified = verify(by, connector, draft, settings, secret);
        ChannelAccount account = new ChannelAccount(
                draft.id(),
                draft.workspaceId(),
                draft.network(),
                draft.name(),
                ChannelAccounts.handles(verified.brandHandles()),
                draft.createdAt());
        Duration interval = connector.capabilities().contains(Capability.FETCH)
                ? properties.sync().interval()
                : null;
        // The vault and the account are stored together: a failure leaves neither.
        return transaction.execute(status -> {
            SecretId secretId = secret == null
                    ? null
                    : vault.store(by.workspaceId(), by.actor(), purpose(connector.network(), accountName), secret);
            return accounts.connectVerified(account, by.actor(), settings, secretId, interval);
        });
    }

    /**
     * Asks the network again whether the account's settings and credential work. A refused credential stops the sync
     * as a failed sync would; a working one lets a stopped sync go on.
     */
    public Connector.Verified test(Membership by, ChannelAccountId id) {
        requireMayManage(by);
        ChannelAccounts.Stored stored = active(by.workspaceId(), id);
        Connector connector = connectors.get(stored.account().network());
        try {
            Connector.Verified verified = call(stored, "test", connection -> connector.verify(connection));
            jdbc.sql("""
                            update channel.account
                               set credentials_failed_at = null, owner_notified_at = null,
                                   next_sync_at = case when credentials_failed_at is not null
                                                       then :now else next_sync_at end
                             where id = :id
                            """)
                    .param("id", id.value())
                    .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                    .update();
            return verified;
        } catch (ConnectorFailure failure) {
            if (failure.kind() == ConnectorFailure.Kind.CREDENTIALS) {
                transaction.executeWithoutResult(status -> SyncStates.credentialsFailed(
                        jdbc, events, stored.account(), clock.instant(), failure.getMessage()));
            }
            throw new CouldNotConnect(failure, fieldAtFault(connector, failure));
        }
    }

    /** Gives the account a new credential, once the network accepted it; a stopped sync goes on. */
    public void replaceCredential(Membership by, ChannelAccountId id, String secret) {
        requireMayManage(by);
        ChannelAccounts.Stored stored = active(by.workspaceId(), id);
        Connector connector = connectors.get(stored.account().network());
        SettingField field = connector.fields().stream()
                .filter(SettingField::secret)
                .findFirst()
                .orElseThrow(() -> new InvalidInput("secret", "This network's accounts have no credential."));
        if (secret == null || secret.isBlank()) {
            throw new InvalidInput(field.name(), field.label() + " is needed.");
        }
        verify(by, connector, stored.account(), stored.settings(), secret);
        transaction.executeWithoutResult(status -> {
            SecretId secretId = stored.secretId();
            if (secretId == null) {
                secretId = vault.store(
                        by.workspaceId(),
                        by.actor(),
                        purpose(stored.account().network(), stored.account().name()),
                        secret);
            } else {
                vault.replace(by.workspaceId(), by.actor(), secretId, secret);
            }
            jdbc.sql("""
                            update channel.account
                               set secret_id = :secret, credentials_failed_at = null, owner_notified_at = null,
                                   consecutive_failures = 0, last_error_kind = null, last_error_message = null,
                                   next_sync_at = case when sync_interval_seconds is null then null else :now end
                             where id = :id
                            """)
                    .param("secret", secretId.value())
                    .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                    .param("id", id.value())
                    .update();
            events.publishEvent(new ChannelEvents.AccountChanged(
                    by.workspaceId(),
                    by.actor(),
                    stored.account(),
                    ChannelEvents.AccountChanged.Change.CREDENTIAL_REPLACED));
        });
    }

    /** Stops syncing the account until it is resumed. */
    public void pause(Membership by, ChannelAccountId id) {
        changeState(by, id, AccountState.ACTIVE, AccountState.PAUSED, ChannelEvents.AccountChanged.Change.PAUSED);
    }

    /** Syncs a paused account again, starting now. */
    public void resume(Membership by, ChannelAccountId id) {
        changeState(by, id, AccountState.PAUSED, AccountState.ACTIVE, ChannelEvents.AccountChanged.Change.RESUMED);
    }

    /**
     * Removes the account: its sync stops and its credential leaves the vault; what arrived through it stays in the
     * inbox, and the account stays listed as removed.
     */
    public void remove(Membership by, ChannelAccountId id) {
        requireMayManage(by);
        ChannelAccounts.Stored stored = accounts.stored(by.workspaceId(), id);
        if (stored.state() == AccountState.REMOVED) {
            throw new Conflict("account-removed", "This account has already been removed.");
        }
        transaction.executeWithoutResult(status -> {
            jdbc.sql("""
                            update channel.account
                               set state = 'removed', removed_at = :now, secret_id = null, next_sync_at = null
                             where id = :id
                            """)
                    .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                    .param("id", id.value())
                    .update();
            if (stored.secretId() != null) {
                vault.remove(by.workspaceId(), by.actor(), stored.secretId());
            }
            events.publishEvent(new ChannelEvents.AccountChanged(
                    by.workspaceId(), by.actor(), stored.account(), ChannelEvents.AccountChanged.Change.REMOVED));
        });
    }

    /** Whether this member may connect and look after accounts: the brand and the agency lead. */
    public static boolean mayManage(Membership membership) {
        return membership.mayChange() && (membership.party() == Party.BRAND || membership.role() == Role.LEAD);
    }

    static void requireMayManage(Membership by) {
        by.requireMayChange();
        if (!mayManage(by)) {
            throw new Forbidden("Only the brand and the agency lead connect accounts.");
        }
    }

    private void changeState(
            Membership by,
            ChannelAccountId id,
            AccountState from,
            AccountState to,
            ChannelEvents.AccountChanged.Change change) {
        requireMayManage(by);
        ChannelAccounts.Stored stored = accounts.stored(by.workspaceId(), id);
        transaction.executeWithoutResult(status -> {
            int changed = jdbc.sql("""
                            update channel.account
                               set state = :to,
                                   next_sync_at = case when :to = 'active' and sync_interval_seconds is not null
                                                       then :now else next_sync_at end
                             where id = :id and state = :from
                            """)
                    .param("to", to.column())
                    .param("from", from.column())
                    .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                    .param("id", id.value())
                    .update();
            if (changed == 0) {
                throw new Conflict(
                        "account-state",
                        "The account is " + stored.state().column() + "; only " + from.column() + " accounts can be "
                                + to.column() + (to == AccountState.ACTIVE ? " again." : "."));
            }
            events.publishEvent(
                    new ChannelEvents.AccountChanged(by.workspaceId(), by.actor(), stored.account(), change));
        });
    }

    private ChannelAccounts.Stored active(WorkspaceId workspace, ChannelAccountId id) {
        ChannelAccounts.Stored stored = accounts.stored(workspace, id);
        if (stored.state() == AccountState.REMOVED) {
            throw new Conflict("account-removed", "This account has been removed.");
        }
        return stored;
    }

    private <T> T call(ChannelAccounts.Stored stored, String purpose, java.util.function.Function<Connection, T> call) {
        if (stored.secretId() == null) {
            return call.apply(new Connection(stored.account(), stored.settings(), null));
        }
        return vault.use(
                stored.account().workspaceId(),
                stored.secretId(),
                purpose,
                plain -> call.apply(new Connection(stored.account(), stored.settings(), Connection.Secret.of(plain))));
    }

    private Connector.Verified verify(
            Membership by, Connector connector, ChannelAccount account, Map<String, String> settings, String secret) {
        Connection connection = new Connection(
                account, settings, secret == null ? Connection.Secret.NONE : Connection.Secret.of(secret));
        try {
            Connector.Verified verified = connector.verify(connection);
            if (verified == null) {
                throw ConnectorFailure.configuration("The " + connector.network() + " connector gave no answer.");
            }
            return verified;
        } catch (ConnectorFailure failure) {
            refused(by, account, failure.kind().name(), failure.getMessage());
            throw new CouldNotConnect(failure, fieldAtFault(connector, failure));
        } catch (RuntimeException e) {
            // A fault of the adapter itself: its message could hold anything, so only its type is told.
            log.warn(
                    "The {} connector failed to verify an account ({})",
                    connector.network(),
                    e.getClass().getName());
            String reason = "The " + connector.network() + " connector failed unexpectedly.";
            refused(by, account, "ERROR", reason);
            throw new CouldNotConnect(ConnectorFailure.Kind.CONFIGURATION, null, reason);
        }
    }

    private void refused(Membership by, ChannelAccount account, String kind, String reason) {
        transaction.executeWithoutResult(status -> events.publishEvent(new ChannelEvents.ConnectFailed(
                by.workspaceId(), by.actor(), account.network(), account.name(), kind, reason == null ? "" : reason)));
    }

    private static String fieldAtFault(Connector connector, ConnectorFailure failure) {
        if (failure.field() != null) {
            return failure.field();
        }
        if (failure.kind() != ConnectorFailure.Kind.CREDENTIALS) {
            return null;
        }
        return connector.fields().stream()
                .filter(SettingField::secret)
                .map(SettingField::name)
                .findFirst()
                .orElse(null);
    }

    /** The values of the non-secret fields, checked against what the connector asks for. */
    static Map<String, String> settings(Connector connector, Map<String, String> values) {
        Map<String, String> given = values == null ? Map.of() : values;
        Map<String, String> settings = new LinkedHashMap<>();
        for (SettingField field : connector.fields()) {
            if (field.secret()) {
                continue;
            }
            String value = given.get(field.name());
            value = value == null ? "" : value.trim();
            if (value.isEmpty()) {
                if (field.required()) {
                    throw new InvalidInput(field.name(), field.label() + " is needed.");
                }
                continue;
            }
            if (value.length() > MAX_SETTING) {
                throw new InvalidInput(
                        field.name(), field.label() + " may have at most " + MAX_SETTING + " characters.");
            }
            settings.put(field.name(), value);
        }
        return settings;
    }

    /** The value of the secret field, if the connector has one. */
    static String secret(Connector connector, Map<String, String> values, boolean required) {
        Map<String, String> given = values == null ? Map.of() : values;
        for (SettingField field : connector.fields()) {
            if (field.secret()) {
                String value = given.get(field.name());
                if (value == null || value.isBlank()) {
                    if (required && field.required()) {
                        throw new InvalidInput(field.name(), field.label() + " is needed.");
                    }
                    return null;
                }
                if (value.length() > MAX_SETTING) {
                    throw new InvalidInput(
                            field.name(), field.label() + " may have at most " + MAX_SETTING + " characters.");
                }
                return value;
            }
        }
        return null;
    }

    private static String purpose(String network, String accountName) {
        return network + " credential of the account '" + accountName + "'";
    }
}
