package dev.mandate.workspace;

import dev.mandate.account.CurrentAccount;
import dev.mandate.shared.AccountId;
import dev.mandate.shared.NotFound;
import dev.mandate.shared.WorkspaceId;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Answers whether a person may see a workspace, and in which role. A workspace the person is not a member
 * of does not exist for them: every check fails with {@link NotFound}, never with a hint that it exists.
 */
@Service
public class WorkspaceAccess {

    private final JdbcClient jdbc;

    WorkspaceAccess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The caller's membership of the workspace, or {@link NotFound}. */
    public Membership require(WorkspaceId workspace, CurrentAccount caller) {
        return jdbc.sql("""
                        select w.id, w.name, w.time_zone, m.role
                          from workspace.workspace w
                          join workspace.member m on m.workspace_id = w.id
                         where w.id = :workspace and m.account_id = :account
                        """)
                .param("workspace", workspace.value())
                .param("account", caller.id().value())
                .query((rs, row) -> new Membership(
                        new WorkspaceRef(
                                new WorkspaceId(rs.getObject("id", UUID.class)),
                                rs.getString("name"),
                                rs.getString("time_zone")),
                        caller.id(),
                        caller.displayName(),
                        Role.valueOf(rs.getString("role"))))
                .optional()
                .orElseThrow(() -> new NotFound("workspace"));
    }

    /** The workspace id in a path, or {@link NotFound} when it is not one. */
    public static WorkspaceId parse(String id) {
        try {
            return new WorkspaceId(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw new NotFound("workspace");
        }
    }

    /** The workspaces a person is a member of, with their role in each, by name. */
    public List<Membership> workspacesOf(AccountId account, String displayName) {
        return jdbc.sql("""
                        select w.id, w.name, w.time_zone, m.role
                          from workspace.workspace w
                          join workspace.member m on m.workspace_id = w.id
                         where m.account_id = :account
                         order by w.name
                        """)
                .param("account", account.value())
                .query((rs, row) -> new Membership(
                        new WorkspaceRef(
                                new WorkspaceId(rs.getObject("id", UUID.class)),
                                rs.getString("name"),
                                rs.getString("time_zone")),
                        account,
                        displayName,
                        Role.valueOf(rs.getString("role"))))
                .list();
    }

    /** Everyone in the workspace, with their role, by name: for choosing whom to assign work to. */
    public List<Membership> members(WorkspaceId workspace) {
        return jdbc.sql("""
                        select w.id, w.name, w.time_zone, m.role, m.account_id, a.display_name
                          from workspace.workspace w
                          join workspace.member m on m.workspace_id = w.id
                          join account.account a on a.id = m.account_id
                         where w.id = :workspace
                         order by a.display_name, m.account_id
                        """)
                .param("workspace", workspace.value())
                .query((rs, row) -> new Membership(
                        new WorkspaceRef(
                                new WorkspaceId(rs.getObject("id", UUID.class)),
                                rs.getString("name"),
                                rs.getString("time_zone")),
                        new AccountId(rs.getObject("account_id", UUID.class)),
                        rs.getString("display_name"),
                        Role.valueOf(rs.getString("role"))))
                .list();
    }
}
