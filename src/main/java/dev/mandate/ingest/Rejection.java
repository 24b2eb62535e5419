package dev.mandate.ingest;

/** Why one item of a delivery was not stored: the field at fault and what is wrong with it. */
public record Rejection(int index, String field, String message) {}
