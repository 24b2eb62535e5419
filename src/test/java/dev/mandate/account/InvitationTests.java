package dev.mandate.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mandate.workspace.Role;
import dev.mandate.workspace.WorkspaceFixtures;
import dev.mandate.workspace.WorkspaceService;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/** A person invited to a workspace chooses their name and password through a one-time link. */
@SpringBootTest
@AutoConfigureMockMvc
class InvitationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    AccountDirectory accounts;

    WorkspaceFixtures.Team team;
    String email;
    String token;

    @BeforeEach
    void invitedNewcomer() {
        team = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();
        email = "newcomer-" + UUID.randomUUID() + "@example.com";
        AccountDirectory.Invitation invitation =
                workspaces.invite(team.id(), team.owner().account(), email, "", Role.AGENT);
        token = invitation.token();
    }

    @Test
    void givesANewPersonASetupLink() {
        assertThat(token).isNotBlank();
        assertThat(accounts.findByEmail(email))
                .hasValueSatisfying(a -> assertThat(a.activated()).isFalse());
    }

    @Test
    void givesSomeoneWithAnAccountNoSetupLink() {
        String existing = "existing-" + UUID.randomUUID() + "@example.com";
        accounts.create(existing, "Ezra Existing", "a-good-long-password");

        AccountDirectory.Invitation again =
                workspaces.invite(team.id(), team.owner().account(), existing, "", Role.AGENT);

        assertThat(again.token()).isNull();
        assertThat(again.setupPath()).isEmpty();
    }

    @Test
    void givesSomeoneWhoNeverSetAPasswordAFreshLinkThatReplacesTheOld() throws Exception {
        String old = token;
        WorkspaceFixtures.Team other = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();

        AccountDirectory.Invitation again =
                workspaces.invite(other.id(), other.owner().account(), email, "", Role.AGENT);

        assertThat(again.token()).isNotBlank().isNotEqualTo(old);
        mvc.perform(get("/invitations/" + again.token())).andExpect(status().isOk());
        mvc.perform(get("/invitations/" + old)).andExpect(status().isGone());
    }

    @Test
    void showsTheSetupPage() throws Exception {
        mvc.perform(get("/invitations/" + token))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(email)))
                .andExpect(content().string(containsString("name=\"_csrf\"")));
    }

    @Test
    void refusesAShortPasswordAndChangesNothing() throws Exception {
        mvc.perform(post("/invitations/" + token)
                        .param("displayName", "Nina Newcomer")
                        .param("password", "short")
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("A password needs at least 10 characters.")));

        assertThat(accounts.findByEmail(email)).hasValueSatisfying(a -> {
            assertThat(a.activated()).isFalse();
            assertThat(a.displayName()).isEqualTo(email);
        });
        mvc.perform(get("/invitations/" + token)).andExpect(status().isOk());
    }

    @Test
    void refusesABlankName() throws Exception {
        mvc.perform(post("/invitations/" + token)
                        .param("displayName", " ")
                        .param("password", "a-good-long-password")
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Please enter the name others will see.")));

        assertThat(accounts.findByEmail(email))
                .hasValueSatisfying(a -> assertThat(a.activated()).isFalse());
    }

    @Test
    void letsTheNewcomerSignInWithTheChosenPassword() throws Exception {
        mvc.perform(post("/invitations/" + token)
                        .param("displayName", "Nina Newcomer")
                        .param("password", "a-good-long-password")
                        .with(csrf()))
                .andExpect(redirectedUrl("/login?welcome"));

        assertThat(accounts.findByEmail(email)).hasValueSatisfying(a -> {
            assertThat(a.activated()).isTrue();
            assertThat(a.displayName()).isEqualTo("Nina Newcomer");
        });
        mvc.perform(post("/login")
                        .param("email", email)
                        .param("password", "a-good-long-password")
                        .with(csrf()))
                .andExpect(redirectedUrl("/"));
    }

    @Test
    void acceptsEachLinkOnlyOnce() throws Exception {
        mvc.perform(post("/invitations/" + token)
                        .param("displayName", "Nina Newcomer")
                        .param("password", "a-good-long-password")
                        .with(csrf()))
                .andExpect(redirectedUrl("/login?welcome"));

        mvc.perform(get("/invitations/" + token)).andExpect(status().isGone());
        mvc.perform(post("/invitations/" + token)
                        .param("displayName", "Mallory")
                        .param("password", "another-long-password")
                        .with(csrf()))
                .andExpect(status().isGone());
        mvc.perform(post("/login")
                        .param("email", email)
                        .param("password", "another-long-password")
                        .with(csrf()))
                .andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void answersAnUnknownLinkAsExpired() throws Exception {
        mvc.perform(get("/invitations/" + AccountDirectory.newToken())).andExpect(status().isGone());
    }
}
