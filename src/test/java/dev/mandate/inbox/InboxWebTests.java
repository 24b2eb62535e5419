package dev.mandate.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mandate.account.AccountDirectory;
import dev.mandate.workspace.WorkspaceAccess;
import dev.mandate.workspace.WorkspaceService;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@SpringBootTest
@AutoConfigureMockMvc
class InboxWebTests {

    static final String SCRIPT = "<script>alert('gotcha')</script>";

    @Autowired
    MockMvc mvc;

    @Autowired
    Inbox inbox;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    WorkspaceAccess access;

    InboxFixtures.Owner owner;
    ConversationId conversation;

    @BeforeEach
    void conversation() {
        owner = new InboxFixtures(accounts, workspaces, access).workspaceWithOwner();
        NewMessage question = NewMessage.inbound(
                "Priya Raman", "@priya@social.example", "Does it contain sesame? " + SCRIPT, "en", Instant.now());
        conversation = inbox.start(
                owner.workspaceId(),
                new NewConversation(
                        "mastodon",
                        "New in: spelt and walnut loaf",
                        "https://social.example/@bakery/1",
                        Priority.HIGH,
                        "en",
                        List.of(
                                question,
                                question.reply(
                                        Direction.OUTBOUND,
                                        "The Bakery",
                                        null,
                                        "No sesame, and baked on separate trays.",
                                        "en",
                                        Instant.now()))));
    }

    @Test
    void showsTheConversationsOnTheWorkspaceHomePage() throws Exception {
        String page = mvc.perform(get("/workspaces/{workspaceId}", owner.workspaceId())
                        .session(signIn())
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(page)
                .contains(owner.membership().workspace().name())
                .contains("New in: spelt and walnut loaf")
                .contains("Priya Raman")
                .contains("2 messages")
                .contains("/workspaces/" + owner.workspaceId() + "/conversations/" + conversation);
    }

    @Test
    void showsTheThreadUnderItsContextWithTheBrandsRepliesMarked() throws Exception {
        String page = mvc.perform(get(
                                "/workspaces/{workspaceId}/conversations/{conversationId}",
                                owner.workspaceId(),
                                conversation)
                        .session(signIn())
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(page)
                .contains("href=\"https://social.example/@bakery/1\"")
                .contains("No sesame, and baked on separate trays.")
                .containsPattern("class=\"message outbound depth-1\"")
                .containsPattern("class=\"message inbound depth-0\"");
        assertThat(page.indexOf("New in: spelt and walnut loaf")).isLessThan(page.indexOf("Does it contain sesame?"));
    }

    @Test
    void escapesMarkupInMessages() throws Exception {
        MockHttpSession session = signIn();
        for (String path : List.of(
                "/workspaces/" + owner.workspaceId(),
                "/workspaces/" + owner.workspaceId() + "/conversations/" + conversation)) {
            String page = mvc.perform(get(path).session(session).accept(MediaType.TEXT_HTML))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(page)
                    .as(path)
                    .doesNotContain(SCRIPT)
                    .contains("&lt;script&gt;alert(&#39;gotcha&#39;)&lt;/script&gt;");
        }
    }

    @Test
    void answersNotFoundForAConversationIdThatIsNoneOrForeign() throws Exception {
        InboxFixtures.Owner stranger = new InboxFixtures(accounts, workspaces, access).workspaceWithOwner();
        MockHttpSession session = signIn();

        mvc.perform(get("/workspaces/{workspaceId}/conversations/not-an-id", owner.workspaceId())
                        .session(session)
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isNotFound());
        mvc.perform(get(
                                "/api/workspaces/{workspaceId}/conversations/{conversationId}",
                                stranger.workspaceId(),
                                conversation)
                        .with(httpBasic(stranger.email(), InboxFixtures.PASSWORD)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void returnsTheConversationsAndTheThreadAsJson() throws Exception {
        mvc.perform(get("/api/workspaces/{workspaceId}/conversations", owner.workspaceId())
                        .with(httpBasic(owner.email(), InboxFixtures.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.conversations[0].id").value(conversation.toString()))
                .andExpect(jsonPath("$.conversations[0].messageCount").value(2))
                .andExpect(jsonPath("$.conversations[0].priority").value("HIGH"))
                .andExpect(jsonPath("$.next").doesNotExist());

        mvc.perform(get(
                                "/api/workspaces/{workspaceId}/conversations/{conversationId}",
                                owner.workspaceId(),
                                conversation)
                        .with(httpBasic(owner.email(), InboxFixtures.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(conversation.toString()))
                .andExpect(jsonPath("$.contextTitle").value("New in: spelt and walnut loaf"))
                .andExpect(jsonPath("$.messages[0].body").value("Does it contain sesame? " + SCRIPT))
                .andExpect(jsonPath("$.messages[0].depth").value(0))
                .andExpect(jsonPath("$.messages[1].direction").value("OUTBOUND"))
                .andExpect(jsonPath("$.messages[1].depth").value(1));
    }

    private MockHttpSession signIn() throws Exception {
        MvcResult result = mvc.perform(post("/login")
                        .param("email", owner.email())
                        .param("password", InboxFixtures.PASSWORD)
                        .with(csrf()))
                .andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/");
        return (MockHttpSession) result.getRequest().getSession();
    }
}
