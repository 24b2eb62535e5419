package dev.mandate.shared;

/** The side a person works for in a workspace; the instance operator acts for none of them. */
public enum Party {
    BRAND,
    AGENCY,
    ADVISOR,
    OPERATOR,
    SYSTEM
}
