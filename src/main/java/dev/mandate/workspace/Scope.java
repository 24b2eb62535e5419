package dev.mandate.workspace;

/** A kind of work a mandate can give the agency. */
public enum Scope {
    MONITORING("Monitoring"),
    COMMUNITY_REPLIES("Community replies"),
    CONTENT_DRAFTING("Content drafting"),
    CAMPAIGNS("Campaigns"),
    TECHNICAL("Technical"),
    REPORTING("Reporting");

    private final String label;

    Scope(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
