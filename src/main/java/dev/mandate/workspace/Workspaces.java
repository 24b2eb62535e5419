package dev.mandate.workspace;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

/** All workspaces of the instance. */
interface Workspaces extends ListCrudRepository<Workspace, UUID> {

    @Query("""
            select w.* from workspace.workspace w
             where exists (select 1 from workspace.member m where m.workspace_id = w.id and m.account_id = :accountId)
             order by w.name
            """)
    List<Workspace> findByMember(UUID accountId);

    @Query("select * from workspace.workspace order by name")
    List<Workspace> findAllByName();
}
