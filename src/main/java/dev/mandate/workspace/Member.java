package dev.mandate.workspace;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.relational.core.mapping.Table;

/** One person's membership, held inside its {@link Workspace}. */
@Table(schema = "workspace", name = "member")
record Member(UUID accountId, Role role, Instant joinedAt) {}
