package dev.mandate.inbox;

import dev.mandate.shared.WorkspaceId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The workspaces' moderation settings per network, with the instance's defaults where a workspace chose none. */
@Component
class ModerationSettings {

    private final JdbcClient jdbc;
    private final InboxProperties properties;

    ModerationSettings(JdbcClient jdbc, InboxProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** The workspace's chosen settings by network; {@link #of} gives the default for any other network. */
    Map<String, ModerationSetting> chosen(WorkspaceId workspace) {
        Map<String, ModerationSetting> chosen = new HashMap<>();
        jdbc.sql("select network, mode, threshold from inbox.moderation_setting where workspace_id = :workspace")
                .param("workspace", workspace.value())
                .query(rs -> {
                    chosen.put(
                            rs.getString("network"),
                            new ModerationSetting(
                                    rs.getString("network"),
                                    ModerationMode.valueOf(rs.getString("mode")),
                                    rs.getDouble("threshold"),
                                    true));
                });
        return chosen;
    }

    ModerationSetting of(Map<String, ModerationSetting> chosen, String network) {
        ModerationSetting setting = chosen.get(network);
        return setting != null
                ? setting
                : new ModerationSetting(
                        network == null ? "unknown" : network,
                        properties.moderationMode(),
                        properties.moderationThreshold(),
                        false);
    }

    void save(WorkspaceId workspace, ModerationSetting setting, Instant now) {
        jdbc.sql("""
                        insert into inbox.moderation_setting (workspace_id, network, mode, threshold, changed_at)
                        values (:workspace, :network, :mode, :threshold, :now)
                        on conflict (workspace_id, network) do update
                           set mode = excluded.mode, threshold = excluded.threshold, changed_at = excluded.changed_at
                        """)
                .param("workspace", workspace.value())
                .param("network", setting.network())
                .param("mode", setting.mode().name())
                .param("threshold", setting.threshold())
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }
}
