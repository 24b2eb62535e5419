/**
 * The demo workspace: on the first start of an instance that has no workspace yet, a small bakery with its
 * agency, an advisor, an agreed mandate and a handful of real-looking conversations, so that a new operator
 * sees the desk at work before connecting a channel. Switched off with {@code MANDATE_DEMO=false}.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "account", "workspace", "inbox", "ingest", "channel", "contact", "routing"})
package dev.mandate.demo;
