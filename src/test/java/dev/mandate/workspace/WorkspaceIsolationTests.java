package dev.mandate.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import dev.mandate.account.AccountDirectory;
import dev.mandate.inbox.Casework;
import dev.mandate.inbox.ConversationId;
import dev.mandate.inbox.Inbox;
import dev.mandate.inbox.NewConversation;
import dev.mandate.inbox.NewMessage;
import dev.mandate.inbox.Priority;
import dev.mandate.inbox.TaskId;
import dev.mandate.ingest.IngestTokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Proves that nothing of one workspace is visible from another: for every endpoint that exists (found by
 * asking Spring MVC, so a new endpoint is covered without touching this test), a member of workspace A gets
 * 404 for workspace B's ids, on the API and on the pages alike.
 */
@SpringBootTest
@AutoConfigureMockMvc
class WorkspaceIsolationTests {

    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

    @Autowired
    MockMvc mvc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    Inbox inbox;

    @Autowired
    IngestTokens ingestTokens;

    /** A's ingest token: the ingest endpoint takes no sign-in, only a workspace's token. */
    String ingestTokenOfA;

    @Autowired
    Casework casework;

    final Map<WorkspaceFixtures.Team, TaskId> tasks = new java.util.HashMap<>();

    @Autowired
    dev.mandate.contact.Contacts contacts;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    final Map<WorkspaceFixtures.Team, ConversationId> conversations = new java.util.HashMap<>();

    final Map<WorkspaceFixtures.Team, java.util.UUID> replies = new java.util.HashMap<>();

    final Map<WorkspaceFixtures.Team, dev.mandate.contact.ContactId> contactIds = new java.util.HashMap<>();

    @Autowired
    dev.mandate.channel.ChannelAccounts channels;

    @Autowired
    dev.mandate.channel.Incidents incidents;

    final Map<WorkspaceFixtures.Team, dev.mandate.channel.ChannelAccountId> channelAccounts = new java.util.HashMap<>();

    final Map<WorkspaceFixtures.Team, dev.mandate.channel.IncidentId> incidentIds = new java.util.HashMap<>();

    @Autowired
    dev.mandate.routing.RoutingRules routing;

    WorkspaceFixtures.Team a;
    WorkspaceFixtures.Team b;

    @BeforeEach
    void twoWorkspaces() {
        WorkspaceFixtures fixtures = new WorkspaceFixtures(workspaces, accounts);
        a = fixtures.brandWithAgency();
        b = fixtures.brandWithAgency();
        ingestTokenOfA = ingestTokens.rotate(
                new Membership(a.workspace(), a.owner().account().id(), "Owner", Role.OWNER));
        for (WorkspaceFixtures.Team team : List.of(a, b)) {
            conversations.put(
                    team,
                    inbox.start(
                            team.id(),
                            new NewConversation(
                                    "email",
                                    null,
                                    null,
                                    Priority.NORMAL,
                                    "en",
                                    List.of(NewMessage.inbound(
                                            "Carla Customer", "carla@example.com", "Hello?", "en", Instant.now())))));
            contactIds.put(
                    team,
                    transactions.execute(tx -> contacts.identify(
                                    team.id(),
                                    List.of(new dev.mandate.contact.AuthorIdentity(
                                            "email", "carla@example.com", "Carla Customer")))
                            .values()
                            .iterator()
                            .next()));
        }
        for (WorkspaceFixtures.Team team : List.of(a, b)) {
            replies.put(team, failedReply(team));
        }
        for (WorkspaceFixtures.Team team : List.of(a, b)) {
            handoffSamples.put(team, routingSamples(team));
        }
        for (WorkspaceFixtures.Team team : List.of(a, b)) {
            Membership owner =
                    new Membership(team.workspace(), team.owner().account().id(), "Owner", Role.OWNER);
            tasks.put(
                    team,
                    casework.followUp(owner, conversations.get(team), "Call back", Instant.now(), null)
                            .id());
            dev.mandate.channel.ChannelAccount channel = channels.connect(owner, "blog", "Blog", List.of("brand"));
            channelAccounts.put(team, channel.id());
            incidentIds.put(
                    team,
                    incidents
                            .add(owner, channel.id(), Instant.now().minusSeconds(3600), null, "The blog was down")
                            .id());
        }
    }

    /** Rule set versions count per workspace: only B has one, so A's version 1 is no resource of A's either. */
    @BeforeEach
    void aRuleSetOfB() {
        routing.save(
                new Membership(b.workspace(), b.owner().account().id(), "Owner", Role.OWNER),
                "{\"rules\": [{\"id\": \"a\", \"name\": \"A\", \"conditions\": {\"field\": \"customer\","
                        + " \"op\": \"is\", \"value\": true}, \"actions\": [{\"type\": \"hide-spam\"}]}]}");
    }

    @Test
    void answersNotFoundForEveryResourceOfAnotherWorkspace() throws Exception {
        Map<String, Function<WorkspaceFixtures.Team, String>> idsOf = idsByVariable();
        List<String> checked = new ArrayList<>();
        MockHttpSession page = signIn(a.owner().email());
        for (Map.Entry<RequestMappingInfo, ?> entry :
                mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.contains("{workspaceId}")) {
                    continue;
                }
                for (RequestMethod method : methodsOf(info)) {
                    // B's workspace with B's ids, then (where there is another id) A's workspace with B's ids.
                    List<String> paths = new ArrayList<>(List.of(expand(pattern, idsOf, b, b)));
                    if (VARIABLE.matcher(pattern.replace("{workspaceId}", "")).find()) {
                        paths.add(expand(pattern, idsOf, a, b));
                    }
                    for (String path : paths) {
                        MvcResult result =
                                mvc.perform(request(method, path, page)).andReturn();
                        assertThat(result.getResponse().getStatus())
                                .as("%s %s as a member of another workspace", method, path)
                                .isEqualTo(404);
                        if (path.startsWith("/api/")) {
                            assertThat(result.getResponse().getContentType())
                                    .as("%s %s", method, path)
                                    .startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                        }
                        checked.add(method + " " + pattern);
                    }
                }
            }
        }
        assertThat(checked)
                .as("the endpoints this test reached")
                .contains(
                        "GET /api/workspaces/{workspaceId}",
                        "PUT /api/workspaces/{workspaceId}/mandate",
                        "DELETE /api/workspaces/{workspaceId}/members/{accountId}",
                        "GET /api/workspaces/{workspaceId}/audit",
                        "GET /workspaces/{workspaceId}/mandate",
                        "POST /workspaces/{workspaceId}/members",
                        "GET /api/workspaces/{workspaceId}/conversations/{conversationId}",
                        "POST /api/workspaces/{workspaceId}/ingest",
                        "GET /workspaces/{workspaceId}/conversations/{conversationId}",
                        "PUT /api/workspaces/{workspaceId}/conversations/{conversationId}/state",
                        "PUT /api/workspaces/{workspaceId}/tasks/{taskId}",
                        "POST /workspaces/{workspaceId}/tasks/{taskId}/completion",
                        "GET /workspaces/{workspaceId}/events",
                        "GET /api/workspaces/{workspaceId}/contacts/{contactId}",
                        "PUT /api/workspaces/{workspaceId}/contacts/{contactId}/customer",
                        "POST /api/workspaces/{workspaceId}/contacts/{contactId}/merge",
                        "DELETE /api/workspaces/{workspaceId}/contacts/{contactId}/identities",
                        "POST /api/workspaces/{workspaceId}/contacts/import",
                        "GET /workspaces/{workspaceId}/contacts/{contactId}",
                        "POST /workspaces/{workspaceId}/contacts/{contactId}/merge",
                        "GET /api/workspaces/{workspaceId}/replies/{replyId}",
                        "POST /api/workspaces/{workspaceId}/conversations/{conversationId}/replies",
                        "GET /workspaces/{workspaceId}/conversations/{conversationId}/replies",
                        "POST /api/workspaces/{workspaceId}/channel-accounts/{channelAccountId}/sync",
                        "PUT /api/workspaces/{workspaceId}/channel-accounts/{channelAccountId}/credential",
                        "DELETE /api/workspaces/{workspaceId}/channel-accounts/{channelAccountId}",
                        "POST /api/workspaces/{workspaceId}/incidents/{incidentId}/end",
                        "POST /workspaces/{workspaceId}/channels/{channelAccountId}/remove",
                        "POST /workspaces/{workspaceId}/channels/incidents/{incidentId}/end",
                        "POST /api/workspaces/{workspaceId}/conversations/{conversationId}/handoffs",
                        "POST /api/workspaces/{workspaceId}/handoffs/{handoffId}/answer",
                        "POST /workspaces/{workspaceId}/handoffs/{handoffId}/take-over",
                        "PUT /api/workspaces/{workspaceId}/briefing/{entryId}",
                        "POST /workspaces/{workspaceId}/conversations/{conversationId}/insertions",
                        "DELETE /api/workspaces/{workspaceId}/canned-replies/{cannedId}",
                        "POST /workspaces/{workspaceId}/notifications/{notificationId}/retry");
    }

    @Test
    void answersTheSameForAnUnknownWorkspaceAsForAForeignOne() throws Exception {
        MockHttpServletRequestBuilder unknown = MockMvcRequestBuilders.get(
                        "/api/workspaces/" + java.util.UUID.randomUUID())
                .with(httpBasic(a.owner().email(), WorkspaceFixtures.PASSWORD));
        MockHttpServletRequestBuilder foreign = MockMvcRequestBuilders.get("/api/workspaces/" + b.id())
                .with(httpBasic(a.owner().email(), WorkspaceFixtures.PASSWORD));
        String unknownBody = mvc.perform(unknown).andReturn().getResponse().getContentAsString();
        String foreignBody = mvc.perform(foreign).andReturn().getResponse().getContentAsString();
        assertThat(foreignBody.replace(b.id().toString(), "ID"))
                .isEqualTo(unknownBody.replaceAll("[0-9a-f-]{36}", "ID"));
    }

    final Map<WorkspaceFixtures.Team, Map<String, java.util.UUID>> handoffSamples = new java.util.HashMap<>();

    /**
     * A hand-off, a briefing entry, a canned reply and a failed notification of the team's (written as the routing
     * module stores them).
     */
    private Map<String, java.util.UUID> routingSamples(WorkspaceFixtures.Team team) {
        Map<String, java.util.UUID> ids = Map.of(
                "handoffId", java.util.UUID.randomUUID(),
                "entryId", java.util.UUID.randomUUID(),
                "cannedId", java.util.UUID.randomUUID(),
                "notificationId", java.util.UUID.randomUUID());
        try (java.sql.Connection connection =
                        dev.mandate.storage.TestDatabase.get().connect();
                java.sql.Statement sql = connection.createStatement()) {
            String w = team.id().toString();
            sql.executeUpdate(
                    "insert into routing.handoff (id, workspace_id, conversation_id, question, deadline, state,"
                            + " requested_by, opened_at) values ('" + ids.get("handoffId") + "', '" + w + "', '"
                            + conversations.get(team)
                            + "', 'Yours?', now() + interval '1 day', 'OPEN', 'Agent', now())");
            sql.executeUpdate("insert into routing.briefing_entry (id, workspace_id, question, answer_en, owner_name,"
                    + " created_at, updated_at) values ('" + ids.get("entryId") + "', '" + w
                    + "', 'Hours?', '8 to 18', 'Owner', now(), now())");
            sql.executeUpdate("insert into routing.canned_reply (id, workspace_id, title, body, created_by, created_at,"
                    + " updated_at) values ('" + ids.get("cannedId") + "', '" + w
                    + "', 'Thanks', 'Thanks!', 'Owner', now(), now())");
            sql.executeUpdate("insert into routing.notification (id, workspace_id, via, target, event, state,"
                    + " next_attempt_at, created_at) values ('" + ids.get("notificationId") + "', '" + w
                    + "', 'EMAIL', 'a@b.example', 'handoff.opened', 'FAILED', now(), now())");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    /** A reply of the team's in the outbox (written as the outbox stores it; failed, so no worker takes it). */
    private java.util.UUID failedReply(WorkspaceFixtures.Team team) {
        java.util.UUID id = java.util.UUID.randomUUID();
        try (java.sql.Connection connection =
                        dev.mandate.storage.TestDatabase.get().connect();
                java.sql.PreparedStatement insert = connection.prepareStatement("""
                        insert into publish.outbox (id, workspace_id, conversation_id, channel_account_id, network,
                                                    kind, body, author_party, author_name, state, next_attempt_at,
                                                    created_at)
                        values (?, ?, ?, ?, 'email', 'EMAIL', 'Hello', 'BRAND', 'Brand', 'FAILED', now(), now())
                        """)) {
            insert.setObject(1, id);
            insert.setObject(2, team.id().value());
            insert.setObject(3, conversations.get(team).value());
            insert.setObject(4, java.util.UUID.randomUUID());
            insert.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    private MockHttpServletRequestBuilder request(RequestMethod method, String path, MockHttpSession page) {
        MockHttpServletRequestBuilder builder = MockMvcRequestBuilders.request(HttpMethod.valueOf(method.name()), path);
        if (path.startsWith("/api/")) {
            if (path.endsWith("/ingest")) {
                builder.header("Authorization", "Bearer " + ingestTokenOfA);
            } else {
                builder.with(httpBasic(a.owner().email(), WorkspaceFixtures.PASSWORD));
            }
            if (method == RequestMethod.POST || method == RequestMethod.PUT || method == RequestMethod.PATCH) {
                builder.contentType(MediaType.APPLICATION_JSON).content("{}");
            }
            return builder.accept(MediaType.APPLICATION_JSON);
        }
        return builder.session(page).with(csrf()).accept(MediaType.TEXT_HTML);
    }

    private MockHttpSession signIn(String email) throws Exception {
        MvcResult result = mvc.perform(MockMvcRequestBuilders.post("/login")
                        .param("email", email)
                        .param("password", WorkspaceFixtures.PASSWORD)
                        .with(csrf()))
                .andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/");
        return (MockHttpSession) result.getRequest().getSession();
    }

    private static List<RequestMethod> methodsOf(RequestMappingInfo info) {
        return info.getMethodsCondition().getMethods().isEmpty()
                ? List.of(RequestMethod.GET)
                : List.copyOf(info.getMethodsCondition().getMethods());
    }

    private static String expand(
            String pattern,
            Map<String, Function<WorkspaceFixtures.Team, String>> idsOf,
            WorkspaceFixtures.Team workspace,
            WorkspaceFixtures.Team resources) {
        Matcher matcher = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1);
            Function<WorkspaceFixtures.Team, String> id = idsOf.get(variable);
            assertThat(id)
                    .as("a sample id for {%s} in %s: add one to IsolationSamples", variable, pattern)
                    .isNotNull();
            matcher.appendReplacement(path, id.apply(variable.equals("workspaceId") ? workspace : resources));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    /**
     * For each path variable an endpoint can have, an id of that kind belonging to a given workspace. A new
     * kind of id gets its line here, and this test then covers every endpoint that uses it.
     */
    private Map<String, Function<WorkspaceFixtures.Team, String>> idsByVariable() {
        Map<String, Function<WorkspaceFixtures.Team, String>> ids = new LinkedHashMap<>();
        ids.put("workspaceId", team -> team.id().toString());
        ids.put("accountId", team -> team.agent().account().id().toString());
        ids.put("conversationId", team -> conversations.get(team).toString());
        ids.put(
                "messageId",
                team -> inbox.conversation(
                                new Membership(
                                        team.workspace(), team.owner().account().id(), "Owner", Role.OWNER),
                                conversations.get(team))
                        .messages()
                        .get(0)
                        .id()
                        .toString());
        ids.put("taskId", team -> tasks.get(team).toString());
        ids.put("contactId", team -> contactIds.get(team).toString());
        ids.put("replyId", team -> replies.get(team).toString());
        ids.put("channelAccountId", team -> channelAccounts.get(team).toString());
        ids.put("incidentId", team -> incidentIds.get(team).toString());
        ids.put("version", team -> "1");
        for (String kind : List.of("handoffId", "entryId", "cannedId", "notificationId")) {
            ids.put(kind, team -> handoffSamples.get(team).get(kind).toString());
        }
        return ids;
    }
}
