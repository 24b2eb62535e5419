package dev.mandate.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;

import dev.mandate.account.AccountDirectory;
import dev.mandate.workspace.WorkspaceAccess;
import dev.mandate.workspace.WorkspaceService;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The event stream of a workspace: what its open pages hear, and what they never hear. */
@SpringBootTest
@AutoConfigureMockMvc
class LiveInboxTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Inbox inbox;

    @Autowired
    LiveInbox live;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    WorkspaceAccess access;

    @Test
    void tellsAnOpenPageOfNewConversationsInItsWorkspaceOnly() throws Exception {
        InboxFixtures fixtures = new InboxFixtures(accounts, workspaces, access);
        InboxFixtures.Owner a = fixtures.workspaceWithOwner();
        InboxFixtures.Owner b = fixtures.workspaceWithOwner();
        MockHttpServletResponse stream = subscribe(a);
        live.subscribe(b.workspaceId()); // someone has B open, too

        ConversationId inB = inbox.start(b.workspaceId(), InboxFixtures.question("In B", Instant.now()));
        ConversationId inA = inbox.start(a.workspaceId(), InboxFixtures.question("In A", Instant.now()));

        String events = awaitContaining(stream, inA.toString());
        assertThat(events).startsWith("event:ready").contains("event:changed").doesNotContain(inB.toString());
    }

    @Test
    void gathersABurstOfChangesIntoOneEvent() throws Exception {
        InboxFixtures.Owner owner = new InboxFixtures(accounts, workspaces, access).workspaceWithOwner();
        MockHttpServletResponse stream = subscribe(owner);
        var started = IntStream.range(0, 20)
                .mapToObj(i -> inbox.start(owner.workspaceId(), InboxFixtures.question("Q" + i, Instant.now())))
                .toList();

        String events = awaitContaining(stream, started.get(19).toString());
        Thread.sleep(LiveInbox.GATHER.toMillis() * 2);
        events = stream.getContentAsString();
        assertThat(events.split("event:changed", -1).length - 1)
                .as("changes within %s travel together", LiveInbox.GATHER)
                .isLessThanOrEqualTo(3);
        started.forEach(id -> assertThat(streamContains(stream, id)).isTrue());
    }

    @Test
    void refusesTheStreamOfAWorkspaceOneIsNotAMemberOf() throws Exception {
        InboxFixtures fixtures = new InboxFixtures(accounts, workspaces, access);
        InboxFixtures.Owner a = fixtures.workspaceWithOwner();
        InboxFixtures.Owner b = fixtures.workspaceWithOwner();
        int before = live.subscribers(b.workspaceId());
        mvc.perform(get("/workspaces/{id}/events", b.workspaceId()).session(signIn(a)))
                .andExpect(request().asyncNotStarted());
        assertThat(live.subscribers(b.workspaceId())).isEqualTo(before);
    }

    private static boolean streamContains(MockHttpServletResponse stream, ConversationId id) {
        try {
            return stream.getContentAsString().contains(id.toString());
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private MockHttpServletResponse subscribe(InboxFixtures.Owner owner) throws Exception {
        MvcResult result = mvc.perform(
                        get("/workspaces/{id}/events", owner.workspaceId()).session(signIn(owner)))
                .andExpect(request().asyncStarted())
                .andReturn();
        return result.getResponse();
    }

    private static String awaitContaining(MockHttpServletResponse stream, String text) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(10));
        while (!stream.getContentAsString().contains(text)) {
            assertThat(Instant.now())
                    .as("waiting for %s in %s", text, stream.getContentAsString())
                    .isBefore(until);
            Thread.sleep(20);
        }
        return stream.getContentAsString();
    }

    private MockHttpSession signIn(InboxFixtures.Owner owner) throws Exception {
        MvcResult result = mvc.perform(post("/login")
                        .param("email", owner.email())
                        .param("password", InboxFixtures.PASSWORD)
                        .with(csrf()))
                .andReturn();
        return (MockHttpSession) result.getRequest().getSession();
    }
}
