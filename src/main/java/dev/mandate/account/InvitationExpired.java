package dev.mandate.account;

import dev.mandate.shared.Problem;
import org.springframework.http.HttpStatus;

/** An invitation link that was used already or is too old. */
class InvitationExpired extends Problem {

    InvitationExpired() {
        super(
                HttpStatus.GONE,
                "invitation-expired",
                "Invitation expired",
                "This invitation link has expired or was used already; ask for a new one.");
    }
}
