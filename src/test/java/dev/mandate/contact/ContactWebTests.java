package dev.mandate.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mandate.account.AccountDirectory;
import dev.mandate.channel.ChannelAccounts;
import dev.mandate.ingest.Ingest;
import dev.mandate.workspace.WorkspaceAccess;
import dev.mandate.workspace.WorkspaceFixtures;
import dev.mandate.workspace.WorkspaceService;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The contact API and pages: who may do what, problem details, escaping, and old links of merged contacts. */
@SpringBootTest
@AutoConfigureMockMvc
class ContactWebTests {

    static final String SCRIPT = "<script>alert('gotcha')</script>";

    @Autowired
    MockMvc mvc;

    @Autowired
    ContactBook book;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    AccountDirectory directory;

    @Autowired
    WorkspaceAccess access;

    @Autowired
    ChannelAccounts accounts;

    @Autowired
    Ingest ingest;

    ContactFixtures fixtures;
    ContactFixtures.Desk desk;
    ContactId priya;

    @BeforeEach
    void desk() {
        fixtures = new ContactFixtures(workspaces, directory, access, accounts, ingest);
        desk = fixtures.desk();
        fixtures.writes(desk.mastodon(), "@priya@social.example", "Priya " + SCRIPT, "Sesame?", Instant.now());
        priya = book.list(desk.owner(), "@priya@", null, null, 1).items().get(0).id();
    }

    @Test
    void refusesTheCustomerFlagToTheAdvisorAndTheAgencyWithAProblem() throws Exception {
        for (WorkspaceFixtures.Person person : new WorkspaceFixtures.Person[] {
            desk.team().advisor(), desk.team().agent()
        }) {
            mvc.perform(put(
                                    "/api/workspaces/{w}/contacts/{c}/customer",
                                    desk.team().id(),
                                    priya)
                            .with(httpBasic(person.email(), WorkspaceFixtures.PASSWORD))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"customer\":true,\"customerNumber\":\"K-1\"}"))
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
        mvc.perform(put("/api/workspaces/{w}/contacts/{c}/customer", desk.team().id(), priya)
                        .with(httpBasic(desk.team().owner().email(), WorkspaceFixtures.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"customer\":true,\"customerNumber\":\"K-1\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.contact.customer").value(true))
                .andExpect(jsonPath("$.contact.customerNumber").value("K-1"));
        mvc.perform(get("/api/workspaces/{w}/contacts", desk.team().id())
                        .param("customer", "true")
                        .with(httpBasic(desk.team().advisor().email(), WorkspaceFixtures.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value(priya.toString()))
                .andExpect(jsonPath("$.items[0].identities[0].network").value("mastodon"));
    }

    @Test
    void answersATakenIdentityWithAConflictNamingTheOtherContact() throws Exception {
        fixtures.writes(desk.email(), "priya@mail.example", "P. Raman", "Hello", Instant.now());
        ContactId other = book.list(desk.owner(), "priya@mail", null, null, 1)
                .items()
                .get(0)
                .id();

        mvc.perform(post(
                                "/api/workspaces/{w}/contacts/{c}/identities",
                                desk.team().id(),
                                priya)
                        .with(httpBasic(desk.team().agent().email(), WorkspaceFixtures.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"network\":\"email\",\"handle\":\"Priya@Mail.example\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://mandate.dev/problems/identity-taken"))
                .andExpect(jsonPath("$.contactId").value(other.toString()));

        mvc.perform(post("/api/workspaces/{w}/contacts/{c}/merge", desk.team().id(), priya)
                        .with(httpBasic(desk.team().agent().email(), WorkspaceFixtures.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"from\":\"" + other + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.contact.identities.length()").value(2));

        mvc.perform(get("/api/workspaces/{w}/contacts/{c}", desk.team().id(), other)
                        .with(httpBasic(desk.team().agent().email(), WorkspaceFixtures.PASSWORD)))
                .andExpect(status().isMovedPermanently())
                .andExpect(header().string(
                                "Location", "/api/workspaces/" + desk.team().id() + "/contacts/" + priya));
        mvc.perform(get("/workspaces/{w}/contacts/{c}", desk.team().id(), other)
                        .session(signIn(desk.team().agent().email()))
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().is3xxRedirection())
                .andExpect(
                        header().string("Location", "/workspaces/" + desk.team().id() + "/contacts/" + priya));
    }

    @Test
    void importsACsvBodyAndReportsBadLinesAsAProblem() throws Exception {
        String good = "customer_number;name;email\nK-1;Jonas Beck;jonas@mail.example\n";
        mvc.perform(post("/api/workspaces/{w}/contacts/import", desk.team().id())
                        .with(httpBasic(desk.team().owner().email(), WorkspaceFixtures.PASSWORD))
                        .contentType("text/csv; charset=utf-8")
                        .content(good.getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(1));

        MockMultipartFile bad = new MockMultipartFile(
                "file",
                "customers.csv",
                "text/csv",
                "customer_number,email\nK-2,nope\nK-3,fine@mail.example\n,x@mail.example\n"
                        .getBytes(StandardCharsets.UTF_8));
        mvc.perform(multipart("/api/workspaces/{w}/contacts/import", desk.team().id())
                        .file(bad)
                        .with(httpBasic(desk.team().owner().email(), WorkspaceFixtures.PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://mandate.dev/problems/customer-list-rejected"))
                .andExpect(jsonPath("$.errors[0].line").value(2))
                .andExpect(jsonPath("$.errors[1].line").value(4));
        assertThat(book.list(desk.owner(), "fine@", null, null, 5).items()).isEmpty();

        mvc.perform(post("/api/workspaces/{w}/contacts/import", desk.team().id())
                        .with(httpBasic(desk.team().agent().email(), WorkspaceFixtures.PASSWORD))
                        .contentType("text/csv")
                        .content(good))
                .andExpect(status().isForbidden());
    }

    @Test
    void showsTheContactPageWithEscapedTextAndTheImportPageWithBadLines() throws Exception {
        MockHttpSession owner = signIn(desk.team().owner().email());
        String page = mvc.perform(
                        get("/workspaces/{w}/contacts/{c}", desk.team().id(), priya)
                                .session(owner)
                                .accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .doesNotContain(SCRIPT)
                .contains("Priya &lt;script&gt;")
                .contains("@priya@social.example")
                .contains("Sesame?")
                .contains("/customer");

        String list = mvc.perform(get("/workspaces/{w}/contacts", desk.team().id())
                        .param("q", "priya")
                        .session(signIn(desk.team().advisor().email()))
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(list).contains("/contacts/" + priya).doesNotContain(SCRIPT).doesNotContain("Import a customer list");

        MvcResult imported = mvc.perform(
                        multipart("/workspaces/{w}/contacts/import", desk.team().id())
                                .file(new MockMultipartFile(
                                        "file",
                                        "c.csv",
                                        "text/csv",
                                        "customer_number,name\n,Nobody\nK-1,Somebody\n".getBytes()))
                                .session(owner)
                                .with(csrf()))
                .andExpect(status().isOk())
                .andReturn();
        assertThat(imported.getResponse().getContentAsString())
                .contains("Nothing was imported")
                .contains("Line 2");
    }

    @Test
    void refusesAnAdvisorsChangeOnThePageWithAReadableMessage() throws Exception {
        MvcResult result = mvc.perform(
                        post("/workspaces/{w}/contacts/{c}", desk.team().id(), priya)
                                .param("displayName", "Someone else")
                                .session(signIn(desk.team().advisor().email()))
                                .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        assertThat(result.getFlashMap().get("error")).asString().contains("Advisors");
        assertThat(book.view(desk.owner(), priya).contact().displayName()).startsWith("Priya");
    }

    private MockHttpSession signIn(String email) throws Exception {
        MvcResult result = mvc.perform(post("/login")
                        .param("email", email)
                        .param("password", WorkspaceFixtures.PASSWORD)
                        .with(csrf()))
                .andReturn();
        return (MockHttpSession) result.getRequest().getSession();
    }
}
