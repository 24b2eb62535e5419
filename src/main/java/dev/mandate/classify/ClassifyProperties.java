package dev.mandate.classify;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the classifiers ({@code mandate.classify.*}).
 *
 * @param spamThreshold the spam score at and above which a message is spam
 * @param offTopicWeight how many log-odds towards spam a comment gains when it shares no words with the post it
 *     sits under (and loses when it clearly shares the post's topic)
 * @param brandRefresh how soon a workspace's own model takes up decisions recorded on another node (on the node that
 *     records a decision, at once)
 */
@Validated
@ConfigurationProperties("mandate.classify")
record ClassifyProperties(
        @DefaultValue("0.5") @DecimalMin("0.0") @DecimalMax("1.0")
        double spamThreshold,

        @DefaultValue("1.5") @DecimalMin("0.0") @DecimalMax("10.0")
        double offTopicWeight,

        @DefaultValue("30s") Duration brandRefresh) {}
