package dev.mandate.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpamModelTests {

    static final Path DATASETS = Path.of("..", "shared", "datasets");

    @Test
    void rebuildsTheBundledModelBitForBit() throws IOException {
        SpamModel rebuilt = SpamEvaluation.everything(DATASETS).train(SpamModel.DEFAULT_THRESHOLD);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        rebuilt.write(bytes);

        byte[] bundled;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(SpamModel.RESOURCE)) {
            assertThat(in).as("the bundled model " + SpamModel.RESOURCE).isNotNull();
            bundled = in.readAllBytes();
        }
        assertThat(bytes.toByteArray())
                .as("the stored model is the one `classify train --task spam` builds; rebuild and commit it")
                .isEqualTo(bundled);
        SpamModel stored = SpamModel.bundled();
        for (String text : List.of(
                "Check out my channel and subscribe!!! http://bit.ly/xyz", "Ich stimme mit Dir in Teilen überein.")) {
            assertThat(stored.score(text)).isEqualTo(rebuilt.score(text));
        }
    }

    @Test
    void readsBackWhatItWrites() throws IOException {
        SpamModel model = SpamModel.train(
                List.of(
                        new LabelledText("win a free prize now, call 0800123456", true, 1),
                        new LabelledText("see you at lunch tomorrow", false, 2)),
                0.5);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.write(bytes);

        SpamModel read = SpamModel.read(new ByteArrayInputStream(bytes.toByteArray()));

        assertThat(read.regression().weights()).isEqualTo(model.regression().weights());
        assertThat(read.regression().bias()).isEqualTo(model.regression().bias());
        assertThat(read.score("free prize")).isGreaterThan(read.score("lunch tomorrow"));
    }

    @Test
    void givesTheFeaturesThatWeighedMostAsReasonsWordsFirst() {
        SpamModel model = SpamModel.bundled();
        String advert = "Subscribe to my channel!!! Free money at http://www.moneymaker.example.com";

        List<String> reasons = model.reasons(advert, true, 5);

        assertThat(model.spam(advert)).isTrue();
        assertThat(reasons).hasSize(5).noneMatch(r -> r.startsWith("c:")).contains("signal:link", "w:channel");
    }
}
