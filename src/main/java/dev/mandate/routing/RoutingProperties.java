package dev.mandate.routing;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of routing.
 *
 * @param regexSteps the characters a rule's regular expression may read on one message before the rule is stopped and
 *     disabled ({@code MANDATE_ROUTING_REGEX_STEPS})
 * @param trialMessages the most messages "test this rule set" runs over
 * @param maxRuleSetChars the longest rule set accepted, in characters of JSON
 */
@Validated
@ConfigurationProperties("mandate.routing")
record RoutingProperties(
        @DefaultValue("1000000") @Min(1000) long regexSteps,
        @DefaultValue("500") @Min(1) @Max(5000) int trialMessages,
        @DefaultValue("200000") @Min(1000) int maxRuleSetChars) {}
