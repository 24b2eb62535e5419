package dev.mandate.workspace;

import dev.mandate.shared.WorkspaceId;

/** A workspace as pages show it in their header. */
public record WorkspaceRef(WorkspaceId id, String name, String timeZone) {}
