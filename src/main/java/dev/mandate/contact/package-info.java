/**
 * Contacts: the people behind author identities, across networks and e-mail, with whether they are a
 * customer of the brand. Ingest asks {@link dev.mandate.contact.Contacts} for the contact of each author.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "account", "workspace"})
package dev.mandate.contact;
