package dev.mandate.routing;

import dev.mandate.shared.WorkspaceId;
import java.util.Map;
import java.util.Objects;

/**
 * Someone outside Mandate is to be told of something (a routing rule's notify action, a hand-off opened): by
 * e-mail to an address, or by a signed webhook to a URL of the brand's CRM.
 *
 * @param target an e-mail address ({@link Via#EMAIL}) or an https URL ({@link Via#WEBHOOK})
 * @param event a stable dotted name, e.g. {@code handoff.opened}; the webhook's event type
 * @param subject the e-mail's subject, a line a person reads
 * @param text the e-mail's text
 * @param data the webhook's JSON payload fields; never a secret
 */
public record NotificationRequested(
        WorkspaceId workspaceId,
        Via via,
        String target,
        String event,
        String subject,
        String text,
        Map<String, String> data) {

    /** How the notification travels. */
    public enum Via {
        EMAIL,
        WEBHOOK
    }

    public NotificationRequested {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(event, "event");
        data = data == null ? Map.of() : Map.copyOf(data);
    }
}
