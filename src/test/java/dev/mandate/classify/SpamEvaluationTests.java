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
        assertThat(results.get(0).model().f1()).isGreaterThanOrEqualTo(0.92);
        assertThat(results.get(0).model().falsePositiveRate()).isLessThanOrEqualTo(0.046);
        assertThat(results.get(1).model().f1()).isGreaterThanOrEqualTo(0.947);
        assertThat(results.get(1).model().falsePositiveRate()).isLessThanOrEqualTo(0.023);
        assertThat(results.get(2).model().f1()).isGreaterThanOrEqualTo(0.913);
        assertThat(results.get(2).model().falsePositiveRate()).isLessThanOrEqualTo(0.015);
        assertThat(results.get(3).model().f1()).isGreaterThanOrEqualTo(0.913);
        assertThat(results.get(3).model().falsePositiveRate()).isLessThanOrEqualTo(0.012);
    }

    @Test
    void hidesFewerWantedCommentsAtTheThresholdChosenOnTheTrainingVideos() {
        List<SpamEvaluation.Result> videos = SpamEvaluation.rotations(
                        Path.of("..", "shared", "datasets"), SpamModel.DEFAULT_THRESHOLD)
                .subList(0, 3);

        for (SpamEvaluation.Result video : videos) {
            assertThat(video.chosenThreshold()).as(video.name()).isBetween(0.5, 1.0);
            assertThat(video.atChosenThreshold().falsePositiveRate())
                    .as(video.name())
                    .isLessThanOrEqualTo(video.model().falsePositiveRate());
            assertThat(video.withSignalsAtChosenThreshold().falsePositiveRate())
                    .as(video.name())
                    .isLessThanOrEqualTo(video.atChosenThreshold().falsePositiveRate());
        }
        // the three wanted comments of LMFAO scored as spam score above any threshold the training videos give
        assertThat(videos.get(0).atChosenThreshold().falsePositiveRate()).isLessThanOrEqualTo(0.01);
        assertThat(videos.get(1).atChosenThreshold().falsePositiveRate()).isLessThanOrEqualTo(0.01);
        assertThat(videos.get(2).atChosenThreshold().falsePositiveRate()).isLessThanOrEqualTo(0.015);
        assertThat(videos.get(1).atChosenThreshold().f1()).isGreaterThanOrEqualTo(0.84);
        assertThat(videos.get(2).atChosenThreshold().f1()).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void replaysCommentsInTimeOrderWithTheHistoryOfEarlierOnes() {
        List<LabelledText> history = List.of(new LabelledText("subscribe to my channel", true, 2, "spammer", "2014"));
        List<LabelledText> test = List.of(
                new LabelledText("nice song", false, 3, "spammer", "2015-02"),
                new LabelledText("nice song", false, 4, "fan", "2015-01"),
                new LabelledText("nice song, isn't it", false, 5, "fan", "2015-03"));
        double[] margins = {-0.5, -0.5, 0.5};

        boolean[] predicted = SpamEvaluation.replay(history, test, margins, 0.5, true);

        // the spammer's advert in the training data weighs; the fan's comment of January counts for the fan in March
        assertThat(predicted).containsExactly(true, false, false);
        assertThat(SpamEvaluation.replay(List.of(), test, margins, 0.5, true)).containsExactly(false, false, false);
        double[] fanFirst = {-0.5, 0.5, 0.5};
        assertThat(SpamEvaluation.replay(List.of(), test, fanFirst, 0.5, true)).containsExactly(false, true, false);
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
