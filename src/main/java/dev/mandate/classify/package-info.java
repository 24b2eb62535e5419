/**
 * Classify: the project's own text models (spam now; language, intent and sentiment to follow) that label every
 * incoming message with a score and the reasons for it, their training from {@code ../shared/datasets} and their
 * evaluation from the command line ({@code java -jar mandate.jar classify evaluate --task spam --data FILE}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared"})
package dev.mandate.classify;
