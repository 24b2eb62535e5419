package dev.mandate.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.util.HtmlUtils;

/** Repeated wrong passwords lock an account, on the sign-in page and on the API alike. */
@SpringBootTest
@AutoConfigureMockMvc
class LoginLockoutTests {

    private static final String PASSWORD = "the-right-password";
    private static final String WRONG = "a-wrong-password";

    @Autowired
    MockMvc mvc;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    AccountProperties properties;

    String email;

    @BeforeEach
    void freshAccount() {
        email = "lockout-" + UUID.randomUUID() + "@example.com";
        accounts.create(email, "Locky", PASSWORD);
    }

    @Test
    void rendersTheSignInPageWithACsrfToken() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"_csrf\"")));
    }

    @Test
    void refusesASignInWithoutCsrfToken() throws Exception {
        mvc.perform(post("/login").param("email", email).param("password", PASSWORD))
                .andExpect(status().isForbidden());
    }

    @Test
    void signsInWithTheRightPassword() throws Exception {
        assertThat(signIn(email, PASSWORD).getResponse().getRedirectedUrl()).isEqualTo("/");
    }

    @Test
    void locksTheAccountAfterTooManyWrongPasswords() throws Exception {
        for (int i = 1; i < properties.maxFailedLogins(); i++) {
            assertThat(messageAfter(signIn(email, WRONG))).isEqualTo("Wrong e-mail address or password.");
        }
        assertThat(messageAfter(signIn(email, WRONG))).contains("locked until");

        MvcResult right = signIn(email, PASSWORD);

        assertThat(right.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(messageAfter(right)).contains("locked until");
    }

    @Test
    void answersTheApiForALockedAccountWithAProblemNamingTheLock() throws Exception {
        mvc.perform(get("/api/workspaces").with(httpBasic(email, WRONG)))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail", not(containsString("lock"))));
        lock(email);

        mvc.perform(get("/api/workspaces").with(httpBasic(email, PASSWORD)))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.detail", containsString("locked")));
    }

    @Test
    void countsWrongPasswordsOnTheApiTowardsTheLock() throws Exception {
        for (int i = 0; i < properties.maxFailedLogins(); i++) {
            mvc.perform(get("/api/workspaces").with(httpBasic(email, WRONG))).andExpect(status().isUnauthorized());
        }

        assertThat(messageAfter(signIn(email, PASSWORD))).contains("locked until");
    }

    @Test
    void startsCountingAgainAfterASuccessfulSignIn() throws Exception {
        for (int i = 1; i < properties.maxFailedLogins(); i++) {
            signIn(email, WRONG);
        }
        assertThat(signIn(email, PASSWORD).getResponse().getRedirectedUrl()).isEqualTo("/");
        for (int i = 1; i < properties.maxFailedLogins(); i++) {
            assertThat(messageAfter(signIn(email, WRONG))).isEqualTo("Wrong e-mail address or password.");
        }

        assertThat(signIn(email, PASSWORD).getResponse().getRedirectedUrl()).isEqualTo("/");
    }

    @Test
    void givesTheSameMessageForAnUnknownAddressAsForAWrongPassword() throws Exception {
        MvcResult unknown = signIn("nobody-" + UUID.randomUUID() + "@example.com", PASSWORD);

        assertThat(unknown.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(messageAfter(unknown)).isEqualTo("Wrong e-mail address or password.");
    }

    private void lock(String address) throws Exception {
        for (int i = 0; i < properties.maxFailedLogins(); i++) {
            signIn(address, WRONG);
        }
    }

    private MvcResult signIn(String address, String password) throws Exception {
        return mvc.perform(post("/login")
                        .param("email", address)
                        .param("password", password)
                        .with(csrf()))
                .andReturn();
    }

    /** The message the sign-in page shows after a failed sign-in, as a browser following the redirect sees it. */
    private String messageAfter(MvcResult failed) throws Exception {
        assertThat(failed.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
        String page = mvc.perform(get("/login").param("error", "").session((MockHttpSession)
                        failed.getRequest().getSession()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        Matcher message =
                Pattern.compile("<p class=\"error\" role=\"alert\">([^<]*)</p>").matcher(page);
        assertThat(message.find()).as("an error message on the sign-in page").isTrue();
        return HtmlUtils.htmlUnescape(message.group(1));
    }
}
