package dev.mandate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.MandateCommands;
import dev.mandate.account.AccountDirectory;
import dev.mandate.shared.WorkspaceId;
import dev.mandate.storage.TestDatabase;
import dev.mandate.workspace.WorkspaceFixtures;
import dev.mandate.workspace.WorkspaceService;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The audit trail records every change as a hash chain, refuses edits, and exposes any edit that gets past it. */
@SpringBootTest
class AuditTrailTests {

    @Autowired
    AuditTrail trail;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    AccountDirectory accounts;

    WorkspaceFixtures.Team team;

    @BeforeEach
    void workspaceWithHistory() {
        team = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();
    }

    @Test
    void recordsEveryChangeInOneLinkedChain() {
        List<AuditEntry> entries = oldestFirst(team.id());

        assertThat(entries)
                .extracting(AuditEntry::action)
                .containsExactly(
                        "workspace.created",
                        "member.invited",
                        "member.invited",
                        "member.invited",
                        "member.invited",
                        "mandate.changed");
        assertThat(entries.get(0).prevHash()).isEqualTo(AuditEntry.GENESIS);
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).prevHash()).isEqualTo(entries.get(i - 1).hash());
            assertThat(entries.get(i).seq()).isEqualTo(i + 1);
        }
        AuditEntry mandate = entries.get(5);
        assertThat(mandate.actorId()).isEqualTo(team.owner().account().id().value());
        assertThat(mandate.party()).isEqualTo("BRAND");
        assertThat(mandate.details()).contains("\"agencyName\":\"Agency GmbH\"");
        assertThat(trail.verify(team.id()).intact()).isTrue();
        assertThat(trail.verify(team.id()).entries()).isEqualTo(6);
    }

    @Test
    void refusesToChangeOrDeleteAnEntry() {
        assertThatThrownBy(() -> sql("update audit.entry set actor_name = 'Someone else' where workspace_id = '"
                        + team.id() + "' and seq = 1"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql("delete from audit.entry where workspace_id = '" + team.id() + "'"))
                .hasMessageContaining("append-only");
        assertThat(trail.verify(team.id()).intact()).isTrue();
    }

    @Test
    void detectsAnEntryChangedBehindItsBack() throws SQLException {
        tamper("update audit.entry set details = '{\"email\":\"intruder@example.com\",\"role\":\"OWNER\"}'"
                + " where workspace_id = '" + team.id() + "' and seq = 3");

        Verification verification = trail.verify(team.id());

        assertThat(verification.intact()).isFalse();
        assertThat(verification.brokenAt()).isEqualTo(3);
        assertThat(verification.problem()).contains("changed");
    }

    @Test
    void detectsAnEntryRewrittenWithAFreshHash() throws SQLException {
        // An intruder who recomputes the changed entry's own hash still breaks the link to the next one.
        AuditEntry original = oldestFirst(team.id()).get(1);
        AuditEntry forged = new AuditEntry(
                        original.workspaceId(),
                        original.seq(),
                        original.occurredAt(),
                        original.actorId(),
                        original.actorName(),
                        original.party(),
                        original.action(),
                        original.subjectType(),
                        original.subjectId(),
                        "{\"role\":\"OWNER\"}",
                        original.prevHash(),
                        null)
                .withHash();
        tamper("update audit.entry set details = '" + forged.details() + "', hash = '" + forged.hash()
                + "' where workspace_id = '" + team.id() + "' and seq = 2");

        Verification verification = trail.verify(team.id());

        assertThat(verification.brokenAt()).isEqualTo(3);
        assertThat(verification.problem()).contains("does not link");
    }

    @Test
    void detectsARemovedEntry() throws SQLException {
        tamper("delete from audit.entry where workspace_id = '" + team.id() + "' and seq = 2");

        assertThat(trail.verify(team.id()).brokenAt()).isEqualTo(2);
        assertThat(trail.verify(team.id()).problem()).contains("missing");
    }

    @Test
    void detectsRemovedNewestEntries() throws SQLException {
        tamper("delete from audit.entry where workspace_id = '" + team.id() + "' and seq >= 5");

        Verification verification = trail.verify(team.id());

        assertThat(verification.brokenAt()).isEqualTo(5);
        assertThat(verification.problem()).contains("removed");
    }

    @Test
    void commandLineNamesTheFirstBrokenLinkAndFails() throws SQLException {
        tamper("update audit.entry set actor_name = 'Someone else' where workspace_id = '" + team.id()
                + "' and seq = 4");

        MandateCommands.Outcome outcome = MandateCommands.run("audit", "verify");

        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.out())
                .contains("BROKEN  workspace " + team.id() + ": first broken link is entry 4")
                .containsPattern("\\d+ chain\\(s\\) checked, [1-9]\\d* broken");
    }

    @Test
    void commandLineRejectsAnUnknownCommand() {
        MandateCommands.Outcome outcome = MandateCommands.run("audit", "shred");

        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.err()).contains("Unknown command: audit shred").contains("audit verify");
    }

    private List<AuditEntry> oldestFirst(WorkspaceId workspace) {
        return trail.entries(workspace, null, 100).stream()
                .sorted(Comparator.comparingLong(AuditEntry::seq))
                .toList();
    }

    /** Changes rows the way an intruder with database access would: past the append-only trigger. */
    private static void tamper(String statement) throws SQLException {
        try (Connection connection = TestDatabase.get().connect();
                Statement sql = connection.createStatement()) {
            sql.execute("set session_replication_role = replica");
            sql.execute(statement);
        }
    }

    private static void sql(String statement) throws SQLException {
        try (Connection connection = TestDatabase.get().connect();
                Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }
}
