/**
 * Routing: the escalation interface between agency and brand. Ordered, versioned routing rules that run on every
 * incoming message and decide who answers; hand-offs to the brand with a question, a deadline and a way back; the
 * briefing of approved answers that grows from the brand's answers; canned replies; and the report of the interface.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "account", "workspace", "channel", "contact", "inbox", "classify", "vault"})
package dev.mandate.routing;
