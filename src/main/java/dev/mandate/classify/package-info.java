/**
 * Classify: the project's own text models (spam, language, intent, sentiment, abuse) that label every incoming
 * message with a score and the reasons for it, each workspace's own model learnt from its moderators' decisions, their
 * training from {@code ../shared/datasets} and their evaluation from the command line
 * ({@code java -jar mandate.jar classify evaluate --task spam --data FILE}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared"})
package dev.mandate.classify;
