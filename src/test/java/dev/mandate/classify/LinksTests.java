package dev.mandate.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LinksTests {

    @Test
    void leavesOutLinksToThePostTheCommentAnswersAndKeepsLinksElsewhere() {
        String video = "LMFAO - Party Rock Anthem https://www.youtube.com/watch?v=KQ6zr6kCPj8";

        assertThat(Links.withoutLinksTo("best part http://www.youtube.com/watch?v=KQ6zr6kCPj8&t=2m19s", video))
                .isEqualToIgnoringWhitespace("best part");
        assertThat(Links.withoutLinksTo("again: https://youtu.be/KQ6zr6kCPj8 and m.youtube.com/watch?v=zzz111", video))
                .contains("m.youtube.com/watch?v=zzz111")
                .doesNotContain("youtu.be");
        String article = "Outsourcing social media https://blog.example.org/2012/outsourcing/";
        assertThat(Links.withoutLinksTo("as you wrote at blog.example.org/2012/outsourcing.", article))
                .doesNotContain("blog.example.org");
        assertThat(Links.withoutLinksTo("see https://blog.example.org/shop/cheap-pills", article))
                .isEqualTo("see https://blog.example.org/shop/cheap-pills");
        assertThat(Links.withoutLinksTo("no context http://x.com", null)).isEqualTo("no context http://x.com");
    }

    @Test
    void comparesLinksByThePageTheyOpen() {
        String page = Links.key("https://shop.example.com/dp/B0X?id=7");

        assertThat(Links.key("HTTP://WWW.Shop.Example.com:443/dp/B0X/?id=7&utm_source=x#reviews"))
                .isEqualTo(page);
        assertThat(Links.key("shop.example.com/dp/B0X?id=7),")).isEqualTo(page);
        assertThat(Links.key("shop.example.com/dp/B0X?id=7&amp;fbclid=abc")).isEqualTo(page);
        assertThat(Links.key("https://shop.example.com/dp/B0X?id=8")).isNotEqualTo(page);
        assertThat(Links.key("https://shop.example.com/dp/B0X?tag=spammer-20")).isNotEqualTo(page);
        assertThat(Links.key("https://shop.example.com/DP/B0X?id=7"))
                .as("paths keep their case")
                .isNotEqualTo(page);
    }

    @Test
    void knowsTheWaysOfLinkingOneVideo() {
        String video = "video:KQ6zr6kCPj8";

        assertThat(Links.key("https://www.youtube.com/watch?v=KQ6zr6kCPj8")).isEqualTo(video);
        assertThat(Links.key("youtu.be/KQ6zr6kCPj8?si=xyz")).isEqualTo(video);
        assertThat(Links.key("https://m.youtube.com/watch?feature=share&amp;v=KQ6zr6kCPj8&t=2m19s"))
                .isEqualTo(video);
        assertThat(Links.key("https://youtube.com:443/shorts/KQ6zr6kCPj8")).isEqualTo(video);
        assertThat(Links.key("https://www.youtube.com/live/KQ6zr6kCPj8")).isEqualTo(video);
        assertThat(Links.key("https://www.youtube.com/watch?v=CevxZvSJLk8")).isNotEqualTo(video);
    }

    @Test
    void scansHostileTextsQuickly() {
        for (String hostile : new String[] {"a.".repeat(10_000), "a-".repeat(10_000), "a".repeat(20_000) + ".com"}) {
            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
                assertThat(Links.withoutLinks(hostile)).isNotNull();
                assertThat(Links.withoutLinksTo(hostile, hostile)).isNotNull();
                assertThat(TextFeatures.of(hostile, hostile)).isNotEmpty();
            });
        }
    }
}
