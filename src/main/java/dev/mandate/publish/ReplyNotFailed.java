package dev.mandate.publish;

import dev.mandate.shared.Conflict;

/**
 * Only a failed reply can be sent again or discarded; this one is not failed (any more): it is on its way, delivered,
 * discarded, or someone else sent it again a moment ago. The problem's {@code state} says which.
 */
public class ReplyNotFailed extends Conflict {

    public ReplyNotFailed(ReplyState state) {
        super(
                "reply-not-failed",
                "This reply is " + state.words()
                        + ", not failed: only a failed reply can be sent again or discarded. Reload to see it as it is.");
        getBody().setProperty("state", state.name());
    }
}
