/**
 * Contacts: the people behind author identities, across networks and e-mail, whether they are a customer of the
 * brand (and under which number), notes, merging duplicates and importing the brand's customer list. Ingest asks
 * {@link dev.mandate.contact.Contacts} for the contact of each author; pages that show an author ask it for a
 * {@link dev.mandate.contact.ContactSummary}. A contact's history comes from whichever module implements
 * {@link dev.mandate.contact.ContactHistory} (the inbox), and a merge is announced as
 * {@link dev.mandate.contact.ContactsMerged} for the rows that refer to the merged contact.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "account", "workspace"})
package dev.mandate.contact;
