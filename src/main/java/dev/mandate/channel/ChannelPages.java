package dev.mandate.channel;

import dev.mandate.account.CurrentAccount;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.Problem;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.WorkspaceAccess;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The channels page: the workspace's accounts with their state and sync health, connecting one through its network's
 * connector (secret fields as password inputs, never shown again), test, sync now, pause, resume, a new credential,
 * removal; and the platform incidents. Agents and advisors see it; the brand and the agency lead act on it.
 */
@Controller
class ChannelPages {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final String FIELD = "field.";

    private final WorkspaceAccess access;
    private final ChannelAccounts accounts;
    private final ChannelConnections connections;
    private final ChannelSync sync;
    private final Connectors connectors;
    private final Incidents incidents;
    private final Clock clock;

    ChannelPages(
            WorkspaceAccess access,
            ChannelAccounts accounts,
            ChannelConnections connections,
            ChannelSync sync,
            Connectors connectors,
            Incidents incidents,
            Clock clock) {
        this.access = access;
        this.accounts = accounts;
        this.connections = connections;
        this.sync = sync;
        this.connectors = connectors;
        this.incidents = incidents;
        this.clock = clock;
    }

    @GetMapping("/workspaces/{workspaceId}/channels")
    String channels(
            @PathVariable String workspaceId,
            @RequestParam(required = false) String network,
            CurrentAccount caller,
            Model model) {
        Membership membership = member(workspaceId, caller);
        show(membership, network, Map.of(), model);
        return "channel/channels";
    }

    @PostMapping("/workspaces/{workspaceId}/channels")
    String connect(
            @PathVariable String workspaceId,
            @RequestParam(defaultValue = "") String network,
            @RequestParam(defaultValue = "") String name,
            @RequestParam Map<String, String> parameters,
            CurrentAccount caller,
            Model model,
            RedirectAttributes redirect) {
        Membership membership = member(workspaceId, caller);
        Map<String, String> values = new HashMap<>();
        parameters.forEach((key, value) -> {
            if (key.startsWith(FIELD)) {
                values.put(key.substring(FIELD.length()), value);
            }
        });
        try {
            ChannelAccount account = connections.connect(membership, network, name, values);
            redirect.addFlashAttribute("notice", account.name() + " is connected.");
            return redirect(membership);
        } catch (Problem problem) {
            // Entered values come back for correction, the secret ones never.
            Map<String, String> kept = new HashMap<>();
            connectors
                    .find(network)
                    .ifPresent(connector -> connector.fields().stream()
                            .filter(field -> !field.secret() && values.containsKey(field.name()))
                            .forEach(field -> kept.put(field.name(), values.get(field.name()))));
            show(membership, network, kept, model);
            model.addAttribute("name", name);
            model.addAttribute("error", problem.getMessage());
            return "channel/channels";
        }
    }

    @PostMapping("/workspaces/{workspaceId}/channels/{channelAccountId}/test")
    String test(
            @PathVariable String workspaceId,
            @PathVariable String channelAccountId,
            CurrentAccount caller,
            RedirectAttributes redirect) {
        return act(workspaceId, caller, redirect, membership -> {
            Connector.Verified verified = connections.test(membership, ChannelAccountId.parse(channelAccountId));
            return "The network accepted the account"
                    + (verified.displayName() == null || verified.displayName().isBlank()
                            ? "."
                            : " (" + verified.displayName() + ").");
        });
    }

    @PostMapping("/workspaces/{workspaceId}/channels/{channelAccountId}/sync")
    String syncNow(
            @PathVariable String workspaceId,
            @PathVariable String channelAccountId,
            CurrentAccount caller,
            RedirectAttributes redirect) {
        return act(workspaceId, caller, redirect, membership -> {
            SyncResult result = sync.syncNow(membership, ChannelAccountId.parse(channelAccountId));
            return switch (result.outcome()) {
                case SYNCED -> "Synced: " + result.stored() + " new item(s).";
                case DELAYED -> "The network asked Mandate to wait; the sync goes on later.";
                case FAILED -> throw new InvalidInput(null, "The sync failed: " + result.message());
                case NOT_RUN, LEASE_LOST ->
                    throw new InvalidInput(
                            null,
                            result.message() == null ? "Another sync of this account is running." : result.message());
            };
        });
    }

    @PostMapping("/workspaces/{workspaceId}/channels/{channelAccountId}/pause")
    String pause(
            @PathVariable String workspaceId,
            @PathVariable String channelAccountId,
            CurrentAccount caller,
            RedirectAttributes redirect) {
        return act(workspaceId, caller, redirect, membership -> {
            connections.pause(membership, ChannelAccountId.parse(channelAccountId));
            return "The account is paused.";
        });
    }

    @PostMapping("/workspaces/{workspaceId}/channels/{channelAccountId}/resume")
    String resume(
            @PathVariable String workspaceId,
            @PathVariable String channelAccountId,
            CurrentAccount caller,
            RedirectAttributes redirect) {
        return act(workspaceId, caller, redirect, membership -> {
            connections.resume(membership, ChannelAccountId.parse(channelAccountId));
            return "The account is synced again.";
        });
    }

    @PostMapping("/workspaces/{workspaceId}/channels/{channelAccountId}/credential")
    String replaceCredential(
            @PathVariable String workspaceId,
            @PathVariable String channelAccountId,
            @RequestParam(defaultValue = "") String secret,
            CurrentAccount caller,
            RedirectAttributes redirect) {
        return act(workspaceId, caller, redirect, membership -> {
            connections.replaceCredential(membership, ChannelAccountId.parse(channelAccountId), secret);
            return "The new credential works and is stored.";
        });
    }

    @PostMapping("/workspaces/{workspaceId}/channels/{channelAccountId}/remove")
    String remove(
            @PathVariable String workspaceId,
            @PathVariable String channelAccountId,
            @RequestParam(defaultValue = "") String confirm,
            CurrentAccount caller,
            RedirectAttributes redirect) {
        return act(workspaceId, caller, redirect, membership -> {
            accounts.get(membership.workspaceId(), ChannelAccountId.parse(channelAccountId));
            if (!"yes".equals(confirm)) {
                throw new InvalidInput("confirm", "Tick the box to confirm the removal.");
            }
            connections.remove(membership, ChannelAccountId.parse(channelAccountId));
            return "The account is removed; what arrived through it stays in the inbox.";
        });
    }

    @PostMapping("/workspaces/{workspaceId}/channels/incidents")
    String addIncident(
            @PathVariable String workspaceId,
            @RequestParam(defaultValue = "") String accountId,
            @RequestParam(defaultValue = "") String startedAt,
            @RequestParam(defaultValue = "") String endedAt,
            @RequestParam(defaultValue = "") String cause,
            CurrentAccount caller,
            RedirectAttributes redirect) {
        return act(workspaceId, caller, redirect, membership -> {
            ZoneId zone = zone(membership);
            incidents.add(
                    membership,
                    accountId.isBlank() ? null : ChannelAccountId.parse(accountId),
                    time("startedAt", startedAt, zone),
                    time("endedAt", endedAt, zone),
                    cause);
            return "The incident is recorded.";
        });
    }

    @PostMapping("/workspaces/{workspaceId}/channels/incidents/{incidentId}/end")
    String endIncident(
            @PathVariable String workspaceId,
            @PathVariable String incidentId,
            CurrentAccount caller,
            RedirectAttributes redirect) {
        return act(workspaceId, caller, redirect, membership -> {
            incidents.end(membership, IncidentId.parse(incidentId), null);
            return "The incident has ended.";
        });
    }

    private String act(
            String workspaceId,
            CurrentAccount caller,
            RedirectAttributes redirect,
            Function<Membership, String> action) {
        Membership membership = member(workspaceId, caller);
        try {
            redirect.addFlashAttribute("notice", action.apply(membership));
        } catch (dev.mandate.shared.NotFound notFound) {
            throw notFound;
        } catch (Problem problem) {
            redirect.addFlashAttribute("error", problem.getMessage());
        }
        return redirect(membership);
    }

    private void show(Membership membership, String network, Map<String, String> values, Model model) {
        Instant now = clock.instant();
        ZoneId zone = zone(membership);
        List<AccountHealth> health = accounts.health(membership.workspaceId());
        model.addAttribute("workspace", membership.workspace());
        model.addAttribute("membership", membership);
        model.addAttribute("mayManage", ChannelConnections.mayManage(membership));
        model.addAttribute(
                "rows", health.stream().map(h -> Row.of(h, now, zone)).toList());
        model.addAttribute(
                "credentialProblems",
                health.stream()
                        .filter(h -> h.state() != AccountState.REMOVED && h.credentialsFailed())
                        .toList());
        model.addAttribute(
                "networks", connectors.all().stream().map(Connector::network).toList());
        Connector chosen = network == null || network.isBlank()
                ? null
                : connectors.find(network).orElse(null);
        model.addAttribute("connector", chosen);
        model.addAttribute("network", chosen == null ? "" : chosen.network());
        model.addAttribute("values", new LinkedHashMap<>(values));
        model.addAttribute(
                "incidents",
                incidents.of(membership.workspaceId(), 50).stream()
                        .map(i -> IncidentRow.of(i, zone))
                        .toList());
        model.addAttribute(
                "incidentAccounts",
                health.stream()
                        .filter(h -> h.state() != AccountState.REMOVED)
                        .map(AccountHealth::account)
                        .toList());
        model.addAttribute("zone", zone.getId());
    }

    private Membership member(String workspaceId, CurrentAccount caller) {
        return access.require(WorkspaceAccess.parse(workspaceId), caller);
    }

    private static String redirect(Membership membership) {
        return "redirect:/workspaces/" + membership.workspaceId() + "/channels";
    }

    private static ZoneId zone(Membership membership) {
        try {
            return ZoneId.of(membership.workspace().timeZone());
        } catch (DateTimeException | NullPointerException e) {
            return ZoneId.of("UTC");
        }
    }

    private static Instant time(String field, String value, ZoneId zone) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.trim()).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw new InvalidInput(field, "Give a date and time like 2026-11-23T14:30.");
        }
    }

    static String shown(Instant instant, ZoneId zone) {
        return instant == null ? "" : SHOWN.format(instant.atZone(zone));
    }

    static String lag(Duration lag) {
        if (lag == null) {
            return "never synced";
        }
        if (lag.toMinutes() < 1) {
            return "under a minute";
        }
        if (lag.toHours() < 1) {
            return lag.toMinutes() + " min";
        }
        if (lag.toDays() < 1) {
            return lag.toHours() + " h " + lag.toMinutesPart() + " min";
        }
        return lag.toDays() + " d " + lag.toHoursPart() + " h";
    }

    /** An account as the page lists it. */
    record Row(AccountHealth health, String lastSuccess, String lag, String nextSync, String state) {

        static Row of(AccountHealth health, Instant now, ZoneId zone) {
            String state = switch (health.state()) {
                case ACTIVE -> health.credentialsFailed() ? "credential refused" : "active";
                case PAUSED -> "paused";
                case REMOVED -> "removed";
            };
            return new Row(
                    health,
                    shown(health.lastSuccessAt(), zone),
                    health.synced() ? ChannelPages.lag(health.lag(now)) : "",
                    health.state() == AccountState.ACTIVE ? shown(health.nextSyncAt(), zone) : "",
                    state);
        }

        public ChannelAccount account() {
            return health.account();
        }
    }

    /** An incident as the page lists it. */
    record IncidentRow(Incident incident, String started, String ended) {

        static IncidentRow of(Incident incident, ZoneId zone) {
            return new IncidentRow(incident, shown(incident.startedAt(), zone), shown(incident.endedAt(), zone));
        }
    }
}
