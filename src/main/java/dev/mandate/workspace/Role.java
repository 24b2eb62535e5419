package dev.mandate.workspace;

import dev.mandate.shared.Party;

/** What a member may do in a workspace; each role belongs to one party. */
public enum Role {
    OWNER(Party.BRAND, "Owner"),
    STAFF(Party.BRAND, "Staff"),
    LEAD(Party.AGENCY, "Agency lead"),
    AGENT(Party.AGENCY, "Agent"),
    AUDITOR(Party.ADVISOR, "Advisor");

    private final Party party;
    private final String label;

    Role(Party party, String label) {
        this.party = party;
        this.label = label;
    }

    public Party party() {
        return party;
    }

    public String label() {
        return label;
    }
}
