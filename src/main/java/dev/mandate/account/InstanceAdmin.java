package dev.mandate.account;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates the instance administrator on the first start. The password comes from {@code MANDATE_ADMIN_PASSWORD};
 * without it one is generated and printed once to the console (never to the log).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class InstanceAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(InstanceAdmin.class);

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final AccountProperties properties;
    private final Clock clock;
    private final boolean commandMode;

    InstanceAdmin(
            Accounts accounts,
            PasswordEncoder passwords,
            AccountProperties properties,
            Clock clock,
            @Value("${mandate.command-mode:false}") boolean commandMode) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.properties = properties;
        this.clock = clock;
        this.commandMode = commandMode;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (commandMode || accounts.anyInstanceAdmin()) {
            return;
        }
        String configured = properties.adminPassword();
        boolean generated = configured == null || configured.isBlank();
        String password = generated ? AccountDirectory.newToken() : configured;
        if (!generated) {
            AccountDirectory.requirePassword(password);
        }
        accounts.save(Account.withPassword(
                properties.adminEmail(), "Administrator", passwords.encode(password), true, clock.instant()));
        log.info("Created the instance administrator {}", properties.adminEmail());
        if (generated) {
            System.out.printf(
                    "%n  Instance administrator: %s%n  Password (shown only this once): %s%n%n",
                    properties.adminEmail(), password);
        }
    }
}
