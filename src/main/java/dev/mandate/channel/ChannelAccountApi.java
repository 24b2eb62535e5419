package dev.mandate.channel;

import dev.mandate.account.CurrentAccount;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.WorkspaceAccess;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A workspace's channel accounts over REST: connecting through a connector (the secret goes in once and is never
 * returned), health, test, sync now, pause, resume, a new credential, removal; and the platform incidents.
 */
@RestController
class ChannelAccountApi {

    private final WorkspaceAccess access;
    private final ChannelAccounts accounts;
    private final ChannelConnections connections;
    private final ChannelSync sync;
    private final Connectors connectors;
    private final Incidents incidents;

    ChannelAccountApi(
            WorkspaceAccess access,
            ChannelAccounts accounts,
            ChannelConnections connections,
            ChannelSync sync,
            Connectors connectors,
            Incidents incidents) {
        this.access = access;
        this.accounts = accounts;
        this.connections = connections;
        this.sync = sync;
        this.connectors = connectors;
        this.incidents = incidents;
    }

    @GetMapping("/api/workspaces/{workspaceId}/channel-accounts")
    List<AccountHealth> list(@PathVariable String workspaceId, CurrentAccount caller) {
        return accounts.health(member(workspaceId, caller).workspaceId());
    }

    @GetMapping("/api/workspaces/{workspaceId}/channel-accounts/{channelAccountId}")
    AccountHealth one(@PathVariable String workspaceId, @PathVariable String channelAccountId, CurrentAccount caller) {
        return accounts.health(member(workspaceId, caller).workspaceId(), ChannelAccountId.parse(channelAccountId));
    }

    /**
     * Connects an account. With a connector for the network, {@code settings} (and {@code secret}) are checked by it
     * at the network before anything is stored; without settings or secret and without a connector, the account is
     * only recorded, for sources that post to the ingest endpoint.
     */
    @PostMapping("/api/workspaces/{workspaceId}/channel-accounts")
    @ResponseStatus(HttpStatus.CREATED)
    AccountHealth connect(
            @PathVariable String workspaceId, @Valid @RequestBody NewAccount body, CurrentAccount caller) {
        Membership membership = member(workspaceId, caller);
        boolean throughConnector = body.settings() != null
                || body.secret() != null
                || connectors.find(body.network()).isPresent();
        ChannelAccount account;
        if (throughConnector) {
            Connector connector = connectors.get(body.network());
            Map<String, String> values = new HashMap<>(body.settings() == null ? Map.of() : body.settings());
            connector.fields().stream()
                    .filter(SettingField::secret)
                    .findFirst()
                    .ifPresent(field -> values.put(field.name(), body.secret()));
            account = connections.connect(membership, body.network(), body.name(), values);
        } else {
            account = accounts.connect(membership, body.network(), body.name(), body.brandHandles());
        }
        return accounts.health(membership.workspaceId(), account.id());
    }

    @PostMapping("/api/workspaces/{workspaceId}/channel-accounts/{channelAccountId}/test")
    Connector.Verified test(
            @PathVariable String workspaceId, @PathVariable String channelAccountId, CurrentAccount caller) {
        return connections.test(member(workspaceId, caller), ChannelAccountId.parse(channelAccountId));
    }

    @PostMapping("/api/workspaces/{workspaceId}/channel-accounts/{channelAccountId}/sync")
    SyncResult syncNow(@PathVariable String workspaceId, @PathVariable String channelAccountId, CurrentAccount caller) {
        return sync.syncNow(member(workspaceId, caller), ChannelAccountId.parse(channelAccountId));
    }

    @PostMapping("/api/workspaces/{workspaceId}/channel-accounts/{channelAccountId}/pause")
    AccountHealth pause(
            @PathVariable String workspaceId, @PathVariable String channelAccountId, CurrentAccount caller) {
        Membership membership = member(workspaceId, caller);
        connections.pause(membership, ChannelAccountId.parse(channelAccountId));
        return accounts.health(membership.workspaceId(), ChannelAccountId.parse(channelAccountId));
    }

    @PostMapping("/api/workspaces/{workspaceId}/channel-accounts/{channelAccountId}/resume")
    AccountHealth resume(
            @PathVariable String workspaceId, @PathVariable String channelAccountId, CurrentAccount caller) {
        Membership membership = member(workspaceId, caller);
        connections.resume(membership, ChannelAccountId.parse(channelAccountId));
        return accounts.health(membership.workspaceId(), ChannelAccountId.parse(channelAccountId));
    }

    @PutMapping("/api/workspaces/{workspaceId}/channel-accounts/{channelAccountId}/credential")
    AccountHealth replaceCredential(
            @PathVariable String workspaceId,
            @PathVariable String channelAccountId,
            @RequestBody NewCredential body,
            CurrentAccount caller) {
        Membership membership = member(workspaceId, caller);
        connections.replaceCredential(membership, ChannelAccountId.parse(channelAccountId), body.secret());
        return accounts.health(membership.workspaceId(), ChannelAccountId.parse(channelAccountId));
    }

    @DeleteMapping("/api/workspaces/{workspaceId}/channel-accounts/{channelAccountId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String workspaceId, @PathVariable String channelAccountId, CurrentAccount caller) {
        connections.remove(member(workspaceId, caller), ChannelAccountId.parse(channelAccountId));
    }

    /** The networks Mandate connects, and what connecting each asks for. */
    @GetMapping("/api/workspaces/{workspaceId}/channel-connectors")
    List<ConnectorView> connectors(@PathVariable String workspaceId, CurrentAccount caller) {
        member(workspaceId, caller);
        return connectors.all().stream()
                .map(c -> new ConnectorView(
                        c.network(),
                        c.capabilities().stream().map(Enum::name).sorted().toList(),
                        c.fields()))
                .toList();
    }

    @GetMapping("/api/workspaces/{workspaceId}/incidents")
    List<Incident> incidents(
            @PathVariable String workspaceId,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            CurrentAccount caller) {
        Membership membership = member(workspaceId, caller);
        if (from != null || to != null) {
            return incidents.during(
                    membership.workspaceId(),
                    from == null ? Instant.EPOCH : from,
                    to == null ? Instant.now().plusSeconds(1) : to);
        }
        return incidents.of(membership.workspaceId(), 200);
    }

    @PostMapping("/api/workspaces/{workspaceId}/incidents")
    @ResponseStatus(HttpStatus.CREATED)
    Incident addIncident(
            @PathVariable String workspaceId, @Valid @RequestBody NewIncident body, CurrentAccount caller) {
        return incidents.add(
                member(workspaceId, caller),
                body.accountId() == null ? null : ChannelAccountId.parse(body.accountId()),
                body.startedAt(),
                body.endedAt(),
                body.cause());
    }

    @PostMapping("/api/workspaces/{workspaceId}/incidents/{incidentId}/end")
    Incident endIncident(
            @PathVariable String workspaceId,
            @PathVariable String incidentId,
            @RequestBody(required = false) IncidentEnd body,
            CurrentAccount caller) {
        return incidents.end(
                member(workspaceId, caller), IncidentId.parse(incidentId), body == null ? null : body.endedAt());
    }

    private Membership member(String workspaceId, CurrentAccount caller) {
        return access.require(WorkspaceAccess.parse(workspaceId), caller);
    }

    /**
     * An account to add: its network, a name, and either the settings its connector asks for (with the secret) or,
     * for a network without a connector, the brand's handles on it.
     */
    record NewAccount(
            @NotBlank @Size(max = 32) String network,
            @NotBlank @Size(max = 120) String name,
            List<@NotBlank @Size(max = 254) String> brandHandles,
            Map<String, @Size(max = 2000) String> settings,
            @Size(max = 2000) String secret) {

        @Override
        public String toString() {
            return "NewAccount[network=" + network + ", name=" + name + "]";
        }
    }

    /** A new credential for an account. */
    record NewCredential(String secret) {

        @Override
        public String toString() {
            return "NewCredential[****]";
        }
    }

    /** A connector as the API describes it. */
    record ConnectorView(String network, List<String> capabilities, List<SettingField> fields) {}

    /** An incident entered by hand. */
    record NewIncident(
            String accountId,
            Instant startedAt,
            Instant endedAt,
            @Size(max = 1000) String cause) {}

    /** When an incident ended; now if absent. */
    record IncidentEnd(Instant endedAt) {}
}
