package dev.mandate.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.WorkspaceId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Moderators' decisions: kept per workspace, learnt by that workspace's own model only, in the audit trail. */
@SpringBootTest
class FeedbackTests {

    @Autowired
    Feedback feedback;

    @Autowired
    Classifier classifier;

    @Autowired
    SpamClassifier spam;

    @Autowired
    IntentClassifier intents;

    @Autowired
    JdbcClient jdbc;

    final WorkspaceId brandA = WorkspaceId.random();
    final WorkspaceId brandB = WorkspaceId.random();

    @Test
    void spamDecisionsMoveTheirWorkspacesScoresOfSimilarTextsAndNoOtherWorkspaces() {
        String unseen = "Fresh croissants at the Main Street bakery every morning, come and taste them";
        Classification sharedBefore = classifier.classify(brandA, unseen, null);
        assertThat(sharedBefore.spam().spam()).isFalse();

        feedback.spam(brandA, "Fresh bread at the Main Street bakery, come and taste it today", true, "Maria");
        feedback.spam(brandA, "The Main Street bakery has croissants every morning, taste them", true, "Maria");
        feedback.spam(brandA, "Come to the Main Street bakery for fresh croissants and bread", true, "Maria");

        Classification inA = classifier.classify(brandA, unseen, null);
        Classification inB = classifier.classify(brandB, unseen, null);

        assertThat(inA.spam().spam()).isTrue();
        assertThat(inA.spam().score()).isGreaterThan(sharedBefore.spam().score());
        assertThat(inA.spam().reasons()).startsWith("workspace:decisions");
        assertThat(inB.spam()).isEqualTo(spam.classify(unseen, null));
        assertThat(inB.spam()).isEqualTo(sharedBefore.spam());
    }

    @Test
    void notSpamDecisionsLowerTheScoreWhereTheSharedModelWasWrong() {
        String advert = "Subscribe to my channel and check out my new video http://bit.ly/abc";
        double before = classifier.classify(brandA, advert, null).spam().score();

        feedback.spam(
                brandA, "Subscribe to my channel, my new video is about our shop http://bit.ly/xyz", false, "Maria");
        feedback.spam(brandA, "Check out my new video on the channel http://bit.ly/abc", false, "Maria");

        assertThat(classifier.classify(brandA, advert, null).spam().score()).isLessThan(before);
        assertThat(classifier.classify(brandB, advert, null).spam().score()).isEqualTo(before);
    }

    @Test
    void intentCorrectionsChangeTheirWorkspacesIntentOfSimilarTexts() {
        String unseen = "The croissants at your bakery are the reason I get up every morning";
        Intent.Label shared = intents.classify(unseen, "en").label();
        assertThat(shared).isNotEqualTo(Intent.Label.PRAISE);

        feedback.intent(brandA, "Your croissants are the reason I get up in the morning", Intent.Label.PRAISE, "Jo");
        feedback.intent(brandA, "The bakery croissants are the reason I come every morning", Intent.Label.PRAISE, "Jo");

        Intent inA = classifier.classify(brandA, unseen, null).intent();
        assertThat(inA.label()).isEqualTo(Intent.Label.PRAISE);
        assertThat(inA.reasons()).containsExactly("workspace:decisions");
        assertThat(classifier.classify(brandB, unseen, null).intent().label()).isEqualTo(shared);
    }

    @Test
    void recordsEveryDecisionInTheWorkspacesAuditTrail() {
        feedback.spam(brandA, "Cheap sunglasses at http://example.com", true, "Maria");
        feedback.intent(brandA, "Do you ship to Austria?", Intent.Label.QUESTION, "Jo");

        assertThat(jdbc.sql("""
                                select string_agg(actor_name || ' ' || details, '; ' order by seq) from audit.entry
                                where workspace_id = :w and action = 'classify.decision-recorded'""").param("w", brandA.value()).query(String.class).single())
                .contains("Maria")
                .contains("spam")
                .contains("Jo")
                .contains("QUESTION");
        assertThat(jdbc.sql("select count(*) from classify.decision where workspace_id = :w")
                        .param("w", brandA.value())
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from classify.decision where workspace_id = :w")
                        .param("w", brandB.value())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void refusesADecisionWithoutTextAndKeepsTheStartOfAHugeOne() {
        assertThatThrownBy(() -> feedback.spam(brandA, " ", true, "Maria")).isInstanceOf(InvalidInput.class);

        feedback.spam(brandA, "buy cheap watches ".repeat(200_000), true, "Maria");

        assertThat(jdbc.sql("select length(text) from classify.decision where workspace_id = :w")
                        .param("w", brandA.value())
                        .query(Integer.class)
                        .single())
                .isEqualTo(Feedback.MAX_TEXT);
        assertThat(classifier.classify(brandA, "buy cheap watches", null).spam().score())
                .isGreaterThan(classifier
                        .classify(brandB, "buy cheap watches", null)
                        .spam()
                        .score());
    }
}
