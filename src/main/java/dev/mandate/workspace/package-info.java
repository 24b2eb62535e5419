/**
 * Workspaces (one brand each), the people who work in them with their party and role, and the mandate: the
 * agency's engagement with its scope and exit terms. Every other module asks {@link
 * dev.mandate.workspace.WorkspaceAccess} whether the current person may see or change a workspace.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"account", "shared"})
package dev.mandate.workspace;
