package dev.mandate.classify;

import dev.mandate.shared.WorkspaceId;
import org.springframework.stereotype.Service;

/**
 * Moderators' decisions on messages (spam or not, the right intent), kept per workspace so that the workspace's own
 * models learn from them; one workspace's decisions never reach another's model.
 */
@Service
public class Feedback {

    // PLACEHOLDER until per-brand learning lands (issue 5): decisions are not kept yet.
    public void spam(WorkspaceId workspace, String text, boolean spam, String decidedBy) {}

    public void intent(WorkspaceId workspace, String text, Intent.Label label, String decidedBy) {}
}
