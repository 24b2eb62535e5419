/**
 * The audit trail: an append-only, hash-chained record of every {@link dev.mandate.shared.AuditableEvent},
 * one chain per workspace, written in the same transaction as the change it records (so no change exists
 * without its entry), plus its verification from the web, the API and {@code java -jar mandate.jar audit verify}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "account", "workspace"})
package dev.mandate.audit;
