package dev.mandate.classify;

import dev.mandate.shared.Actor;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.Party;
import dev.mandate.shared.WorkspaceId;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moderators' decisions on messages (spam or not, the right intent), kept per workspace so that the workspace's own
 * models learn from them ({@link BrandModels}); one workspace's decisions never reach another's model. Each decision
 * is recorded in the audit trail.
 */
@Service
public class Feedback {

    /** The longest text kept with a decision (the table's limit); the models read no further anyway. */
    static final int MAX_TEXT = 20_000;

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final BrandModels brands;
    private final Clock clock;

    Feedback(JdbcClient jdbc, ApplicationEventPublisher events, BrandModels brands, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.brands = brands;
        this.clock = clock;
    }

    /** Records that {@code text} is spam (or not), as decided by a person known only by name. */
    @Transactional
    public void spam(WorkspaceId workspace, String text, boolean spam, String decidedBy) {
        spam(workspace, text, spam, byName(decidedBy));
    }

    /** Records that {@code text} is spam (or not), as decided by {@code actor}. */
    @Transactional
    public void spam(WorkspaceId workspace, String text, boolean spam, Actor actor) {
        record(workspace, BrandModels.SPAM, spam ? "spam" : "not_spam", text, actor);
    }

    /** Records that {@code text} has the intent {@code label}, as decided by a person known only by name. */
    @Transactional
    public void intent(WorkspaceId workspace, String text, Intent.Label label, String decidedBy) {
        intent(workspace, text, label, byName(decidedBy));
    }

    /** Records that {@code text} has the intent {@code label}, as decided by {@code actor}. */
    @Transactional
    public void intent(WorkspaceId workspace, String text, Intent.Label label, Actor actor) {
        Objects.requireNonNull(label, "label");
        record(workspace, BrandModels.INTENT, label.name(), text, actor);
    }

    private void record(WorkspaceId workspace, String kind, String value, String text, Actor actor) {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(actor, "actor");
        if (text == null || text.isBlank()) {
            throw new InvalidInput("text", "a decision needs the message's text");
        }
        String kept =
                text.length() > TextFeatures.MAX_CHARACTERS ? text.substring(0, TextFeatures.MAX_CHARACTERS) : text;
        long id = jdbc.sql("""
                        insert into classify.decision (workspace_id, kind, value, text, decided_by, decided_at)
                        values (:workspace, :kind, :value, :text, :by, :at) returning id""")
                .param("workspace", workspace.value())
                .param("kind", kind)
                .param("value", value)
                .param("text", kept)
                .param("by", actor.name().length() > 200 ? actor.name().substring(0, 200) : actor.name())
                .param("at", clock.instant().atOffset(ZoneOffset.UTC))
                .query(Long.class)
                .single();
        events.publishEvent(new ClassifyEvents.DecisionRecorded(workspace, actor, id, kind, value));
        brands.changed(workspace);
    }

    private static Actor byName(String decidedBy) {
        if (decidedBy == null || decidedBy.isBlank()) {
            throw new InvalidInput("decidedBy", "a decision names who made it");
        }
        // a name without an account: recorded as the system acting on the named person's word
        return new Actor(null, decidedBy, Party.SYSTEM);
    }
}
