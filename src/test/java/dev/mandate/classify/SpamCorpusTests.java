package dev.mandate.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpamCorpusTests {

    static final Path DATASETS = Path.of("..", "shared", "datasets");

    @TempDir
    Path folder;

    @Test
    void readsEveryCommentOfAYoutubeVideo() {
        List<LabelledText> psy = SpamCorpus.read(DATASETS.resolve("youtube-spam-collection/Youtube01-Psy.csv"));

        assertThat(psy).hasSize(350);
        assertThat(psy.stream().filter(LabelledText::spam)).hasSize(175);
        assertThat(psy.get(0).text()).isEqualTo("Huh, anyway check out this you[tube] channel: kobyoshi02");
        assertThat(psy.get(0).line()).isEqualTo(2);
    }

    @Test
    void readsTheSmsCollection() {
        List<LabelledText> sms = SpamCorpus.read(SpamEvaluation.smsFile(DATASETS));

        assertThat(sms).hasSize(5574);
        assertThat(sms.stream().filter(LabelledText::spam)).hasSize(747);
    }

    @Test
    void readsQuotedFieldsOverSeveralLinesAndCountsLines() throws IOException {
        Path file = folder.resolve("comments.csv");
        Files.writeString(
                file,
                "COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS\n"
                        + "a,x,2014,\"first line\nsecond \"\"quoted\"\" line\",0\n"
                        + "b,y,2014,\"<a href=\"\"http://spam.example.com\"\">click</a> &amp; win\",1\n");

        List<LabelledText> comments = SpamCorpus.read(file);

        assertThat(comments)
                .extracting(LabelledText::text)
                .containsExactly("first line\nsecond \"quoted\" line", "http://spam.example.com click  & win");
        assertThat(comments).extracting(LabelledText::line).containsExactly(2, 4);
        assertThat(comments).extracting(LabelledText::spam).containsExactly(false, true);
    }

    @Test
    void rejectsAnInvalidLabelNamingTheLine() throws IOException {
        Path file = folder.resolve("sms.tsv");
        Files.writeString(file, "ham\tsee you later\nspam\tWIN NOW\nmaybe\twho knows\n");

        assertThatThrownBy(() -> SpamCorpus.read(file))
                .isInstanceOf(SpamCorpus.InvalidLine.class)
                .hasMessage("sms.tsv line 3: label \"maybe\" is neither ham nor spam");
    }

    @Test
    void rejectsACsvLineWithTheWrongNumberOfFields() throws IOException {
        Path file = folder.resolve("comments.csv");
        Files.writeString(file, "COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS\na,x,2014,fine,0\nb,y,2014,2\n");

        assertThatThrownBy(() -> SpamCorpus.read(file))
                .isInstanceOf(SpamCorpus.InvalidLine.class)
                .hasMessage("comments.csv line 3: expected 5 fields, found 4");
    }

    @Test
    void rejectsAQuoteThatIsNeverClosed() throws IOException {
        Path file = folder.resolve("comments.csv");
        Files.writeString(file, "COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS\na,x,2014,\"open,0\n");

        assertThatThrownBy(() -> SpamCorpus.read(file))
                .hasMessage("comments.csv line 2: a quoted field is never closed");
    }
}
