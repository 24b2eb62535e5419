package dev.mandate.routing;

import dev.mandate.account.AccountDirectory;
import dev.mandate.account.AccountSummary;
import dev.mandate.shared.Forbidden;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.Party;
import dev.mandate.shared.WorkspaceId;
import dev.mandate.vault.SecretId;
import dev.mandate.vault.Vault;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.WorkspaceAccess;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where the brand is told of a new hand-off: e-mail addresses (the brand's members when none are set) and an optional
 * webhook for its CRM, whose signing secret the brand enters once and the vault keeps.
 */
@Component
class NotificationSettings {

    static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,253}\\.[^@\\s]{2,}$");

    private final JdbcClient jdbc;
    private final Vault vault;
    private final WebhookAddresses addresses;
    private final WorkspaceAccess access;
    private final AccountDirectory directory;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    NotificationSettings(
            JdbcClient jdbc,
            Vault vault,
            WebhookAddresses addresses,
            WorkspaceAccess access,
            AccountDirectory directory,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.addresses = addresses;
        this.access = access;
        this.directory = directory;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The settings as a page shows them: never the secret, only whether one is set.
     *
     * @param emails the addresses set; empty means the brand's members
     */
    record View(List<String> emails, String webhookUrl, boolean hasSecret) {}

    View view(WorkspaceId workspace) {
        return jdbc.sql("select notify_emails, webhook_url, webhook_secret_id from routing.handoff_settings"
                        + " where workspace_id = :workspace")
                .param("workspace", workspace.value())
                .query((rs, row) -> new View(
                        Arrays.asList((String[]) rs.getArray("notify_emails").getArray()),
                        rs.getString("webhook_url"),
                        rs.getObject("webhook_secret_id") != null))
                .optional()
                .orElse(new View(List.of(), null, false));
    }

    /** Where a new hand-off's e-mails go: the addresses set, or else every brand member's. */
    List<String> recipients(WorkspaceId workspace) {
        List<String> set = view(workspace).emails();
        if (!set.isEmpty()) {
            return set;
        }
        List<Membership> brand = access.members(workspace).stream()
                .filter(m -> m.party() == Party.BRAND)
                .toList();
        return directory.getAll(brand.stream().map(Membership::accountId).toList()).stream()
                .map(AccountSummary::email)
                .toList();
    }

    Optional<SecretId> webhookSecret(WorkspaceId workspace) {
        return jdbc.sql("select webhook_secret_id from routing.handoff_settings where workspace_id = :workspace")
                .param("workspace", workspace.value())
                .query((rs, row) -> Optional.ofNullable(rs.getObject("webhook_secret_id", UUID.class)))
                .optional()
                .flatMap(id -> id)
                .map(SecretId::new);
    }

    /**
     * Changes the settings (brand members only). A blank {@code secret} keeps the one set; a webhook needs one, and its
     * URL must be one Mandate is allowed to call.
     */
    @Transactional
    void change(Membership by, List<String> emails, String webhookUrl, String secret) {
        by.requireMayChange();
        if (by.party() != Party.BRAND) {
            throw new Forbidden("Only the brand decides where it is told of hand-offs.");
        }
        List<String> clean = emails == null
                ? List.of()
                : emails.stream()
                        .map(String::strip)
                        .filter(e -> !e.isEmpty())
                        .distinct()
                        .toList();
        if (clean.size() > 20) {
            throw new InvalidInput("emails", "At most 20 addresses.");
        }
        for (String email : clean) {
            if (!EMAIL.matcher(email).matches()) {
                throw new InvalidInput("emails", "'" + email + "' is not an e-mail address.");
            }
        }
        String url = webhookUrl == null || webhookUrl.isBlank() ? null : webhookUrl.strip();
        if (url != null) {
            addresses.check(url).ifPresent(problem -> {
                throw new InvalidInput("webhookUrl", problem);
            });
        }
        Optional<SecretId> existing = webhookSecret(by.workspaceId());
        SecretId secretId = existing.orElse(null);
        if (secret != null && !secret.isBlank()) {
            if (secret.strip().length() < 16) {
                throw new InvalidInput("secret", "A signing secret has at least 16 characters.");
            }
            if (secretId == null) {
                secretId = vault.store(by.workspaceId(), by.actor(), "hand-off webhook signing secret", secret.strip());
            } else {
                vault.replace(by.workspaceId(), by.actor(), secretId, secret.strip());
            }
        }
        if (url != null && secretId == null) {
            throw new InvalidInput("secret", "A webhook needs a signing secret, so that your CRM can check it is us.");
        }
        jdbc.sql("""
                        insert into routing.handoff_settings (workspace_id, notify_emails, webhook_url, webhook_secret_id,
                                                              updated_at)
                        values (:workspace, :emails, :url, :secret, :at)
                        on conflict (workspace_id) do update
                           set notify_emails = excluded.notify_emails, webhook_url = excluded.webhook_url,
                               webhook_secret_id = excluded.webhook_secret_id, updated_at = excluded.updated_at
                        """)
                .param("workspace", by.workspaceId().value())
                .param("emails", clean.toArray(String[]::new))
                .param("url", url)
                .param("secret", secretId == null ? null : secretId.value())
                .param("at", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("emails", String.join(", ", clean));
        details.put("webhookUrl", url == null ? "" : url);
        details.put("secretChanged", Boolean.toString(secret != null && !secret.isBlank()));
        events.publishEvent(new HandoffEvents.BriefingChanged(
                by.workspaceId(),
                by.actor(),
                "handoff-settings.changed",
                "handoff-settings",
                by.workspaceId().toString(),
                details));
    }
}
