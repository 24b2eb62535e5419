package dev.mandate.classify;

import dev.mandate.shared.WorkspaceId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Each workspace's own model: a small weight delta over the shared models' hashed features, learnt only from that
 * workspace's decisions ({@link Feedback}), that moves its spam score and its intents. The delta is learnt to
 * correct the shared model where the workspace's moderators disagreed with it, so a workspace without decisions
 * classifies exactly as the shared model does, and nothing of one workspace's decisions reaches another's model.
 * Deltas are kept in memory and read again from the decisions when new ones were recorded (at once on this node, after
 * {@link ClassifyProperties#brandRefresh()} on others).
 */
@Service
public class BrandModels {

    static final String SPAM = "spam";
    static final String INTENT = "intent";

    /** The newest decisions a workspace's model learns from; older ones have been outweighed by then. */
    static final int MAX_DECISIONS = 2_000;

    static final int EPOCHS = 30;
    static final double RATE = 0.5;
    static final double LAMBDA = 1e-3;

    /** How many log-odds the shared intent model's label starts ahead by, at full confidence. */
    static final double INTENT_PRIOR = 2.0;

    private final JdbcClient jdbc;
    private final SpamClassifier spam;
    private final IntentClassifier intents;
    private final double threshold;
    private final Duration refresh;
    private final Clock clock;
    private final Map<WorkspaceId, Brand> brands = new ConcurrentHashMap<>();

    @Autowired
    BrandModels(
            JdbcClient jdbc,
            SpamClassifier spam,
            IntentClassifier intents,
            ClassifyProperties properties,
            Clock clock) {
        this(jdbc, spam, intents, properties.spamThreshold(), properties.brandRefresh(), clock);
    }

    BrandModels(
            JdbcClient jdbc,
            SpamClassifier spam,
            IntentClassifier intents,
            double threshold,
            Duration refresh,
            Clock clock) {
        this.jdbc = jdbc;
        this.spam = spam;
        this.intents = intents;
        this.threshold = threshold;
        this.refresh = refresh;
        this.clock = clock;
    }

    /** A workspace's learnt deltas, and when they were last checked against its decisions. */
    private record Brand(long lastDecision, Instant checked, Map<Integer, Float> spam, Map<Integer, float[]> intent) {

        static final Brand NONE = new Brand(0, Instant.MIN, Map.of(), Map.of());

        boolean learnt() {
            return !spam.isEmpty() || !intent.isEmpty();
        }
    }

    /** How many log-odds the workspace's own model adds to the shared spam score of {@code text}. */
    public double spamMargin(WorkspaceId workspace, String text) {
        Brand brand = brand(workspace);
        if (brand.spam().isEmpty()) {
            return 0;
        }
        return margin(brand.spam(), spamFeatures(text == null ? "" : text));
    }

    /** The shared model's spam verdict moved by the workspace's own model. */
    public Spam spam(WorkspaceId workspace, String text, Spam shared) {
        double delta = spamMargin(workspace, text);
        if (delta == 0) {
            return shared;
        }
        double score = 1 / (1 + Math.exp(-(logit(shared.score()) + delta)));
        boolean isSpam = score >= threshold;
        List<String> reasons = new ArrayList<>();
        if (Math.abs(delta) >= 0.5 && (delta > 0) == isSpam) {
            reasons.add("workspace:decisions");
        }
        reasons.addAll(shared.reasons());
        return new Spam(
                score,
                isSpam ? Spam.Verdict.SPAM : Spam.Verdict.NOT_SPAM,
                reasons.subList(0, Math.min(reasons.size(), SpamClassifier.REASONS)));
    }

    /** The shared model's intent, corrected by the workspace's own model where it learnt otherwise. */
    public Intent intent(WorkspaceId workspace, String text, Intent shared) {
        Brand brand = brand(workspace);
        if (brand.intent().isEmpty()) {
            return shared;
        }
        double[] scores = intentScores(
                brand.intent(), MessageFeatures.vector(MessageFeatures.of(text == null ? "" : text)), shared);
        LinearModel.softmax(scores);
        int best = 0;
        for (int c = 1; c < scores.length; c++) {
            best = scores[c] > scores[best] ? c : best;
        }
        Intent.Label label = Intent.Label.values()[best];
        if (label == shared.label()) {
            return shared;
        }
        return new Intent(label, scores[best], List.of("workspace:decisions"));
    }

    /** Called when a decision was recorded: the workspace's model is read again before its next use. */
    void changed(WorkspaceId workspace) {
        brands.computeIfPresent(
                workspace, (w, brand) -> new Brand(brand.lastDecision(), Instant.MIN, brand.spam(), brand.intent()));
    }

    private Brand brand(WorkspaceId workspace) {
        Brand known = brands.getOrDefault(workspace, Brand.NONE);
        Instant now = clock.instant();
        if (known.checked().plus(refresh).isAfter(now)) {
            return known;
        }
        return brands.compute(workspace, (w, brand) -> {
            Brand current = brand == null ? Brand.NONE : brand;
            if (current.checked().plus(refresh).isAfter(now)) {
                return current;
            }
            long newest = jdbc.sql("select coalesce(max(id), 0) from classify.decision where workspace_id = :w")
                    .param("w", workspace.value())
                    .query(Long.class)
                    .single();
            if (newest == 0) {
                return new Brand(0, now, Map.of(), Map.of());
            }
            if (newest == current.lastDecision()) {
                return new Brand(current.lastDecision(), now, current.spam(), current.intent());
            }
            return learn(workspace, newest, now);
        });
    }

    private record Decision(String kind, String value, String text) {}

    private Brand learn(WorkspaceId workspace, long newest, Instant now) {
        List<Decision> decisions = jdbc.sql("""
                        select kind, value, text from classify.decision
                        where workspace_id = :w and id <= :newest order by id desc limit :limit""")
                .param("w", workspace.value())
                .param("newest", newest)
                .param("limit", MAX_DECISIONS)
                .query((rs, n) -> new Decision(rs.getString("kind"), rs.getString("value"), rs.getString("text")))
                .list();
        List<Decision> oldestFirst = new ArrayList<>(decisions);
        Collections.reverse(oldestFirst);
        return new Brand(
                newest,
                now,
                learnSpam(
                        oldestFirst.stream().filter(d -> d.kind().equals(SPAM)).toList()),
                learnIntent(oldestFirst.stream()
                        .filter(d -> d.kind().equals(INTENT))
                        .toList()));
    }

    /** The workspace's spam decisions, learnt over the shared model's text score of each (no context, no history). */
    private Map<Integer, Float> learnSpam(List<Decision> decisions) {
        List<SpamCorrection> corrections = new ArrayList<>(decisions.size());
        for (Decision decision : decisions) {
            corrections.add(new SpamCorrection(
                    spamFeatures(decision.text()),
                    logit(spam.classify(decision.text(), null).score()),
                    decision.value().equals("spam")));
        }
        return learnSpam(corrections, RATE, LAMBDA);
    }

    /** The features of {@code text} the workspace's spam model reads: the shared model's. */
    static TextFeatures.Vector spamFeatures(String text) {
        return TextFeatures.normalised(TextFeatures.of(text));
    }

    /**
     * One spam decision as the workspace's model learns it: the text's features, the shared model's log-odds for it
     * (a fixed offset) and the moderator's label.
     */
    record SpamCorrection(TextFeatures.Vector features, double sharedMargin, boolean spam) {}

    /**
     * Logistic regression on the workspace's spam decisions (oldest first), where the shared model's log-odds are a
     * fixed offset: the delta only learns what the shared model got wrong for this workspace. Needs no database, so
     * the evaluation replays a workspace's moderation with the very step the product runs.
     */
    static Map<Integer, Float> learnSpam(List<SpamCorrection> decisions, double rate, double lambda) {
        if (decisions.isEmpty()) {
            return Map.of();
        }
        Map<Integer, Float> delta = new HashMap<>();
        Random random = new Random(decisions.size());
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            for (int step = 0; step < decisions.size(); step++) {
                SpamCorrection decision = decisions.get(random.nextInt(decisions.size()));
                TextFeatures.Vector x = decision.features();
                double p = 1 / (1 + Math.exp(-(decision.sharedMargin() + margin(delta, x))));
                double gradient = (decision.spam() ? 1 : 0) - p;
                for (int k = 0; k < x.indices().length; k++) {
                    int slot = x.indices()[k];
                    float w = delta.getOrDefault(slot, 0f);
                    delta.put(slot, (float) (w * (1 - rate * lambda) + rate * gradient * x.values()[k]));
                }
            }
        }
        return Map.copyOf(delta);
    }

    /** Softmax regression on the workspace's intent decisions, the shared model's label a fixed head start. */
    private Map<Integer, float[]> learnIntent(List<Decision> decisions) {
        if (decisions.isEmpty()) {
            return Map.of();
        }
        int labels = Intent.Label.values().length;
        List<TextFeatures.Vector> vectors = new ArrayList<>();
        List<Intent> shared = new ArrayList<>();
        int[] targets = new int[decisions.size()];
        for (int i = 0; i < decisions.size(); i++) {
            Decision decision = decisions.get(i);
            vectors.add(MessageFeatures.vector(MessageFeatures.of(decision.text())));
            shared.add(intents.classify(decision.text(), null));
            targets[i] = Intent.Label.valueOf(decision.value()).ordinal();
        }
        Map<Integer, float[]> delta = new HashMap<>();
        Random random = new Random(decisions.size());
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            for (int step = 0; step < decisions.size(); step++) {
                int i = random.nextInt(decisions.size());
                TextFeatures.Vector x = vectors.get(i);
                double[] p = intentScores(delta, x, shared.get(i));
                LinearModel.softmax(p);
                for (int k = 0; k < x.indices().length; k++) {
                    float[] w = delta.computeIfAbsent(x.indices()[k], slot -> new float[labels]);
                    for (int c = 0; c < labels; c++) {
                        double gradient = (c == targets[i] ? 1 : 0) - p[c];
                        w[c] = (float) (w[c] * (1 - RATE * LAMBDA) + RATE * gradient * x.values()[k]);
                    }
                }
            }
        }
        return Map.copyOf(delta);
    }

    private static double[] intentScores(Map<Integer, float[]> delta, TextFeatures.Vector x, Intent shared) {
        double[] scores = new double[Intent.Label.values().length];
        scores[shared.label().ordinal()] = INTENT_PRIOR * shared.confidence();
        for (int k = 0; k < x.indices().length; k++) {
            float[] w = delta.get(x.indices()[k]);
            if (w != null) {
                for (int c = 0; c < scores.length; c++) {
                    scores[c] += w[c] * x.values()[k];
                }
            }
        }
        return scores;
    }

    /** What a learnt spam delta adds to the shared model's log-odds for a text's features. */
    static double margin(Map<Integer, Float> delta, TextFeatures.Vector x) {
        double sum = 0;
        for (int k = 0; k < x.indices().length; k++) {
            Float w = delta.get(x.indices()[k]);
            sum += w == null ? 0 : w * x.values()[k];
        }
        return sum;
    }

    static double logit(double p) {
        double clamped = Math.min(1 - 1e-6, Math.max(1e-6, p));
        return Math.log(clamped / (1 - clamped));
    }
}
