package dev.mandate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The API describes itself with OpenAPI at /api/docs, and Swagger UI shows it. */
@SpringBootTest
@AutoConfigureMockMvc
class ApiDocsTests {

    @Autowired
    MockMvc mvc;

    @Test
    void describesTheApiWithOpenApi() throws Exception {
        String docs = mvc.perform(get("/api/docs"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(docs)
                .contains("\"openapi\"")
                .contains("/api/workspaces/{workspaceId}/ingest")
                .contains("/api/workspaces/{workspaceId}/conversations")
                .contains("/api/workspaces/{workspaceId}/conversations/{conversationId}/state")
                .contains("/api/workspaces/{workspaceId}/contacts")
                .contains("/api/workspaces/{workspaceId}/tasks")
                .doesNotContain("\"/workspaces/{workspaceId}\"");
    }

    @Test
    void servesSwaggerUi() throws Exception {
        MvcResult ui = mvc.perform(get("/api/docs/ui")).andReturn();
        assertThat(ui.getResponse().getStatus()).isIn(200, 302);
        String location = ui.getResponse().getRedirectedUrl();
        if (location != null) {
            mvc.perform(get(location)).andExpect(status().isOk());
        }
    }
}
