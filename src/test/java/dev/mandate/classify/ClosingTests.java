package dev.mandate.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClosingTests {

    @Test
    void takesAQuestionThatOpensWithAQuestionWordOrAVerbAsAskingTheReader() {
        assertThat(Closing.asksTheReader("How would you handle a shop with five staff?"))
                .isTrue();
        assertThat(Closing.asksTheReader("So what would you do instead?")).isTrue();
        assertThat(Closing.asksTheReader("Could you share the template?")).isTrue();
        assertThat(Closing.asksTheReader("Anyone tried this with a team of three?"))
                .isTrue();
        assertThat(Closing.asksTheReader("Und was sagt ihr dazu?")).isTrue();
        assertThat(Closing.asksTheReader("Würdest Du das einer Agentur überlassen?"))
                .isTrue();
        assertThat(Closing.asksTheReader("Kennt ihr ein gutes Beispiel?")).isTrue();
        assertThat(Closing.asksTheReader("Meine Frage: Siehst du das genauso?")).isTrue();
        assertThat(Closing.asksTheReader("I like the idea, but how would it work for a shop of five?"))
                .isTrue();
        assertThat(Closing.asksTheReader("Ich verstehe das Argument, aber wie soll das eine Bäckerei leisten?"))
                .isTrue();
    }

    @Test
    void takesAQuestionMarkAfterDeclarativeWordOrderAsRhetorical() {
        assertThat(Closing.asksTheReader("You agree, right?")).isFalse();
        assertThat(Closing.asksTheReader("That is the whole point, isn't it?")).isFalse();
        assertThat(Closing.asksTheReader("Oder?")).isFalse();
        assertThat(Closing.asksTheReader("Das ist die Lösung, nicht wahr?")).isFalse();
        assertThat(Closing.asksTheReader("Bedingung: Man hat einen Plan, einen wie diesen?"))
                .isFalse();
        assertThat(Closing.asksTheReader("Wenn du meinst?")).isFalse();
        assertThat(Closing.asksTheReader("Das stimmt doch, oder etwa nicht?")).isFalse();
    }

    @Test
    void readsTheClosingWithoutSignOffOrEmoji() {
        assertThat(Closing.of("It works for us.\nWhat do you use?\n\nBest regards,\nSam Porter\n🙂")
                        .asks())
                .isTrue();
        assertThat(Closing.of("Was meint ihr?\n\nLiebe Grüße Anna").asks()).isTrue();
        assertThat(Closing.of("What do you use? I asked around. Nobody knew. It works for us.")
                        .asks())
                .isFalse();
        String closing = "The closing paragraph, long enough not to be taken for a postscript of the one before.";
        assertThat(Closing.of("First paragraph.\n\n" + closing + "\n\nKind regards, Sam")
                        .paragraph())
                .isEqualTo(closing);
    }

    @Test
    void passesOverAPostscriptForTheParagraphBeforeIt() {
        String closing = "A really great read, thanks a lot for writing it all down.";

        assertThat(Closing.of("Some argument.\n\n" + closing + "\n\nShared it with my team 🙂")
                        .paragraph())
                .isEqualTo(closing);
        assertThat(Closing.of("Some argument.\n\n" + closing + "\n\nThanks again!")
                        .paragraph())
                .isEqualTo("Thanks again!");
        assertThat(Closing.of("One paragraph. It argues. Then it closes. Like this.")
                        .paragraph())
                .isEqualTo("Then it closes. Like this.");
    }

    @Test
    void keepsAClosingSentenceThatOpensLikeAGreeting() {
        for (String last : new String[] {"Thanks, great post", "Danke für den Artikel"}) {
            assertThat(Closing.of("Some argument that goes on for a while.\n\n" + last)
                            .paragraph())
                    .as(last)
                    .isEqualTo(last);
        }
        assertThat(Closing.of("Some argument that goes on for a while.\n\nCheers, Tom")
                        .paragraph())
                .isEqualTo("Some argument that goes on for a while.");
    }
}
