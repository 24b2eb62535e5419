package dev.mandate.workspace;

import java.util.UUID;
import org.springframework.data.repository.ListCrudRepository;

/** The mandate of each workspace that has one, keyed by the workspace id. */
interface Mandates extends ListCrudRepository<Mandate, UUID> {}
