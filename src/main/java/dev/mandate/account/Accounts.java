package dev.mandate.account;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

/** All accounts of the instance. */
interface Accounts extends ListCrudRepository<Account, UUID> {

    Optional<Account> findByEmail(String email);

    Optional<Account> findBySetupTokenHash(String setupTokenHash);

    @Query("select exists (select 1 from account.account where instance_admin)")
    boolean anyInstanceAdmin();

    /**
     * Counts a failed sign-in and locks the account once {@code max} have failed in a row. One statement, so
     * that a burst of parallel guesses is counted exactly.
     */
    @Modifying
    @Query("""
            update account.account
               set locked_until = case when failed_logins + 1 >= :max then :lockedUntil else locked_until end,
                   failed_logins = case when failed_logins + 1 >= :max then 0 else failed_logins + 1 end,
                   version = version + 1
             where email = :email
            """)
    void recordFailedLogin(String email, int max, Instant lockedUntil);

    @Modifying
    @Query("""
            update account.account set failed_logins = 0, locked_until = null, version = version + 1
             where id = :id and (failed_logins <> 0 or locked_until is not null)
            """)
    void recordSuccessfulLogin(UUID id);
}
