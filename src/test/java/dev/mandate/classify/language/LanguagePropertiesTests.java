package dev.mandate.classify.language;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class LanguagePropertiesTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(LanguageProperties.class)
    static class Settings {}

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @Test
    void bindsTheDefaultsGermanAndEnglish() {
        context.run(run -> assertThat(run.getBean(LanguageProperties.class)).isEqualTo(LanguageProperties.defaults()));
    }

    @Test
    void bindsLanguagesFromAListSetting() {
        context.withPropertyValues(
                        "mandate.classify.language.languages=de,en,fr", "mandate.classify.language.others=it")
                .run(run -> {
                    LanguageProperties properties = run.getBean(LanguageProperties.class);
                    assertThat(properties.languages()).containsExactly("de", "en", "fr");
                    assertThat(properties.others()).containsExactly("it");
                });
    }

    @Test
    void refusesASingleLanguageAndCodesThatAreNotIso6391() {
        context.withPropertyValues("mandate.classify.language.languages=de")
                .run(run -> assertThat(run.getStartupFailure()).hasStackTraceContaining("at least two languages"));
        context.withPropertyValues("mandate.classify.language.languages=de,English")
                .run(run -> assertThat(run.getStartupFailure()).hasStackTraceContaining("ISO 639-1"));
    }
}
