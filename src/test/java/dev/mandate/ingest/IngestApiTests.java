package dev.mandate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mandate.account.AccountDirectory;
import dev.mandate.channel.ChannelAccount;
import dev.mandate.channel.ChannelAccounts;
import dev.mandate.shared.Actor;
import dev.mandate.storage.TestDatabase;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.Role;
import dev.mandate.workspace.WorkspaceFixtures;
import dev.mandate.workspace.WorkspaceService;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The ingest endpoint's answers to good and bad deliveries, and what each leaves in the database. */
@SpringBootTest
@AutoConfigureMockMvc
class IngestApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    ChannelAccounts channels;

    @Autowired
    IngestTokens tokens;

    @Autowired
    IngestProperties properties;

    WorkspaceFixtures.Team team;
    ChannelAccount blog;
    String token;

    @BeforeEach
    void aWorkspaceWithABlog() {
        team = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();
        blog = channels.connect(team.id(), Actor.SYSTEM, "wordpress", "Blog", List.of("baeckerei"));
        token = tokens.rotate(
                new Membership(team.workspace(), team.owner().account().id(), "Owner", Role.OWNER));
    }

    @Test
    void refusesADeliveryWithoutTokenAndAnswersAWrongTokenAsAnUnknownWorkspace() throws Exception {
        mvc.perform(post("/api/workspaces/{id}/ingest", team.id())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json(comment("c1"))))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/workspaces/{id}/ingest", team.id())
                        .header("Authorization", "Bearer not-the-token")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json(comment("c1"))))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/workspaces/{id}/ingest", UUID.randomUUID())
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json(comment("c1"))))
                .andExpect(status().isNotFound());
        assertThat(storedMessages()).isZero();
    }

    @Test
    void storesOneItemOnceAndAcknowledgesItsRepetition() throws Exception {
        mvc.perform(ingest(json(comment("c1"))))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.stored").value(1))
                .andExpect(jsonPath("$.items[0].status").value("stored"))
                .andExpect(jsonPath("$.items[0].conversationId").isNotEmpty());
        mvc.perform(ingest(json(comment("c1"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.stored").value(0))
                .andExpect(jsonPath("$.duplicates").value(1))
                .andExpect(jsonPath("$.items[0].status").value("duplicate"));
        assertThat(storedMessages()).isEqualTo(1);
    }

    @Test
    void rejectsASingleInvalidItemNamingTheFieldAndStoresNothing() throws Exception {
        Map<String, Object> item = comment("c1");
        item.remove("externalId");
        mvc.perform(ingest(json(item)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("externalId"));
        assertThat(storedMessages()).isZero();
        assertThat(contacts()).as("not even the author's contact").isZero();
    }

    @Test
    void storesTheValidItemsOfABatchAndReportsEachRejectedOneByIndex() throws Exception {
        Map<String, Object> unknownAccount = comment("c2");
        unknownAccount.put("account", UUID.randomUUID().toString());
        Map<String, Object> badTime = comment("c3");
        badTime.put("createdAt", "yesterday at noon");
        Map<String, Object> tooLong = comment("c4");
        tooLong.put("text", "x".repeat(ItemRules.MAX_TEXT + 1));
        Map<String, Object> noId = comment("c5");
        noId.remove("externalId");
        String batch = json(List.of(comment("c1"), unknownAccount, badTime, tooLong, noId));

        mvc.perform(ingest(batch))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.stored").value(1))
                .andExpect(jsonPath("$.items[0].status").value("stored"))
                .andExpect(jsonPath("$.rejected.length()").value(4))
                .andExpect(jsonPath("$.rejected[0].index").value(1))
                .andExpect(jsonPath("$.rejected[0].field").value("account"))
                .andExpect(jsonPath("$.rejected[1].index").value(2))
                .andExpect(jsonPath("$.rejected[1].field").value("createdAt"))
                .andExpect(jsonPath("$.rejected[2].index").value(3))
                .andExpect(jsonPath("$.rejected[2].field").value("text"))
                .andExpect(jsonPath("$.rejected[3].index").value(4))
                .andExpect(jsonPath("$.rejected[3].field").value("externalId"));
        assertThat(storedMessages()).isEqualTo(1);
        assertThat(contacts()).as("only the valid item's author").isEqualTo(1);
    }

    @Test
    void rejectsAnItemWithBrokenUtf8ButKeepsItsNeighbours() throws Exception {
        Map<String, Object> broken = comment("c2");
        broken.put("text", "BROKEN");
        String text = json(List.of(comment("c1"), broken));
        int at = text.indexOf("BROKEN");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        // "Gr" and then 0xC3 0x28: a lead byte without its continuation, as a broken client sends it.
        body.writeBytes(new byte[] {'G', 'r', (byte) 0xC3, 0x28});
        body.writeBytes(text.substring(at + "BROKEN".length()).getBytes(StandardCharsets.UTF_8));

        mvc.perform(post("/api/workspaces/{id}/ingest", team.id())
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body.toByteArray()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.stored").value(1))
                .andExpect(jsonPath("$.rejected[0].index").value(1))
                .andExpect(jsonPath("$.rejected[0].field").value("text"));
        assertThat(storedMessages()).isEqualTo(1);
    }

    @Test
    void refusesBodiesThatAreNotJsonOrTooLargeBeforeReadingThem() throws Exception {
        mvc.perform(ingest("this is not json"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("unreadable-body")));
        mvc.perform(post("/api/workspaces/{id}/ingest", team.id())
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.TEXT_PLAIN)
                        .content(json(comment("c1"))))
                .andExpect(status().isUnsupportedMediaType());
        byte[] huge = new byte[(int) properties.maxBodyBytes() + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        mvc.perform(post("/api/workspaces/{id}/ingest", team.id())
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(huge))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(storedMessages()).isZero();
    }

    @Test
    void marksTheBrandsOwnRepliesOutboundWithoutMakingThemAContact() throws Exception {
        Map<String, Object> reply = comment("c2");
        reply.put("parentExternalId", "c1");
        reply.put("author", Map.of("handle", "Baeckerei", "name", "Bäckerei Sonnenkorn"));
        mvc.perform(ingest(json(List.of(reply, comment("c1"))))).andExpect(status().isCreated());
        try (Connection connection = TestDatabase.get().connect();
                PreparedStatement query = connection.prepareStatement("""
                        select external_id, direction, contact_id is null as anonymous, conversation_id
                          from inbox.message where workspace_id = ? order by external_id
                        """)) {
            query.setObject(1, team.id().value());
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                assertThat(rs.getString("external_id")).isEqualTo("c1");
                assertThat(rs.getString("direction")).isEqualTo("INBOUND");
                Object conversation = rs.getObject("conversation_id");
                rs.next();
                assertThat(rs.getString("external_id")).isEqualTo("c2");
                assertThat(rs.getString("direction")).isEqualTo("OUTBOUND");
                assertThat(rs.getBoolean("anonymous")).isTrue();
                assertThat(rs.getObject("conversation_id")).isEqualTo(conversation);
            }
        }
        assertThat(contacts()).isEqualTo(1);
    }

    private MockHttpServletRequestBuilder ingest(String body) {
        return post("/api/workspaces/{id}/ingest", team.id())
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body);
    }

    private Map<String, Object> comment(String externalId) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("account", blog.id().toString());
        item.put("kind", "comment");
        item.put("externalId", externalId);
        item.put("threadRoot", "post-1");
        item.put("author", Map.of("handle", "carla", "name", "Carla"));
        item.put("text", "Is the shop open?");
        item.put("createdAt", "2026-11-20T10:00:00Z");
        return item;
    }

    private static String json(Object value) {
        return SeedThreads.json(value);
    }

    private long storedMessages() throws Exception {
        return count("select count(*) from inbox.message where workspace_id = ?");
    }

    private long contacts() throws Exception {
        return count("select count(*) from contact.contact where workspace_id = ?");
    }

    private long count(String sql) throws Exception {
        try (Connection connection = TestDatabase.get().connect();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, team.id().value());
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
