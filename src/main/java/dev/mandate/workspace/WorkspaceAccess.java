package dev.mandate.workspace;

import dev.mandate.account.AccountDirectory;
import dev.mandate.account.CurrentAccount;
import dev.mandate.shared.AccountId;
import dev.mandate.shared.NotFound;
import dev.mandate.shared.WorkspaceId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final AccountDirectory directory;

    WorkspaceAccess(JdbcClient jdbc, AccountDirectory directory) {
        this.jdbc = jdbc;
        this.directory = directory;
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
        record Row(WorkspaceRef workspace, AccountId account, Role role) {}
        List<Row> rows = jdbc.sql("""
                        select w.id, w.name, w.time_zone, m.role, m.account_id
                          from workspace.workspace w
                          join workspace.member m on m.workspace_id = w.id
                         where w.id = :workspace
                        """)
                .param("workspace", workspace.value())
                .query((rs, row) -> new Row(
                        new WorkspaceRef(
                                new WorkspaceId(rs.getObject("id", UUID.class)),
                                rs.getString("name"),
                                rs.getString("time_zone")),
                        new AccountId(rs.getObject("account_id", UUID.class)),
                        Role.valueOf(rs.getString("role"))))
                .list();
        // Names come from the account module's directory, not from its table.
        Map<AccountId, String> names = new HashMap<>();
        directory.getAll(rows.stream().map(Row::account).toList()).forEach(a -> names.put(a.id(), a.displayName()));
        return rows.stream()
                .map(r -> new Membership(r.workspace(), r.account(), names.get(r.account()), r.role()))
                .sorted(Comparator.comparing(Membership::displayName, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(m -> m.accountId().value()))
                .toList();
    }
}
