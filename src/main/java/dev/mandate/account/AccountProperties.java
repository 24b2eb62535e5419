package dev.mandate.account;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sign-in settings.
 *
 * @param adminEmail the instance administrator's sign-in name ({@code MANDATE_ADMIN_EMAIL})
 * @param adminPassword the administrator's first password ({@code MANDATE_ADMIN_PASSWORD}); generated and
 *     printed once when absent
 * @param maxFailedLogins failed sign-ins in a row after which an account is locked
 * @param lockout how long a locked account stays locked
 * @param invitationValidity how long an invitation link can be used
 */
@Validated
@ConfigurationProperties("mandate.account")
record AccountProperties(
        @DefaultValue("admin@mandate.local") String adminEmail,
        String adminPassword,
        @DefaultValue("5") @Min(1) int maxFailedLogins,
        @DefaultValue("15m") Duration lockout,
        @DefaultValue("7d") Duration invitationValidity) {

    @Override
    public String toString() {
        return "AccountProperties[adminEmail=" + adminEmail + ", maxFailedLogins=" + maxFailedLogins + "]";
    }
}
