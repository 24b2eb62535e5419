package dev.mandate.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Holds the figures measured on unseen data (docs/classification.md) so that a change cannot lower them unseen. */
class SpamEvaluationTests {

    @Test
    void beatsNaiveBayesOnEveryUnseenVideoAndKeepsTheMeasuredFigures() {
        List<SpamEvaluation.Result> results =
                SpamEvaluation.rotations(Path.of("..", "shared", "datasets"), SpamModel.DEFAULT_THRESHOLD);

        assertThat(results)
                .extracting(SpamEvaluation.Result::name)
                .containsExactly(
                        "Youtube01-Psy.csv",
                        "Youtube02-KatyPerry.csv",
                        "Youtube03-LMFAO.csv",
                        "SMSSpamCollection (every 5th message)");
        for (SpamEvaluation.Result video : results.subList(0, 3)) {
            assertThat(video.model().f1())
                    .as(video.name())
                    .isGreaterThan(video.baseline().f1());
        }
        assertThat(results.get(0).model().f1()).isGreaterThanOrEqualTo(0.91);
        assertThat(results.get(0).model().falsePositiveRate()).isLessThanOrEqualTo(0.04);
        assertThat(results.get(1).model().f1()).isGreaterThanOrEqualTo(0.93);
        assertThat(results.get(1).model().falsePositiveRate()).isLessThanOrEqualTo(0.023);
        assertThat(results.get(2).model().f1()).isGreaterThanOrEqualTo(0.90);
        assertThat(results.get(2).model().falsePositiveRate()).isLessThanOrEqualTo(0.015);
        assertThat(results.get(3).model().f1()).isGreaterThanOrEqualTo(0.92);
        assertThat(results.get(3).model().falsePositiveRate()).isLessThanOrEqualTo(0.011);
    }

    @Test
    void readsTheFiguresOffTheConfusionMatrix() {
        Confusion confusion = new Confusion(8, 2, 88, 2);

        assertThat(confusion.precision()).isEqualTo(0.8);
        assertThat(confusion.recall()).isEqualTo(0.8);
        assertThat(confusion.f1()).isEqualTo(0.8, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(confusion.accuracy()).isEqualTo(0.96);
        assertThat(confusion.falsePositiveRate()).isEqualTo(2.0 / 90);
        assertThat(new Confusion(0, 0, 0, 0).f1()).isZero();
    }
}
