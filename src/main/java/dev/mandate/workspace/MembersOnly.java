package dev.mandate.workspace;

import dev.mandate.account.SignedIn;
import dev.mandate.shared.NotFound;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses every request to a path with a {@code {workspaceId}} from anyone who is not a member of that
 * workspace, before the handler reads the body or any parameter. Handlers check membership again themselves;
 * this makes forgetting it, or validating a body first, unable to tell an outsider that a workspace exists.
 */
@Configuration(proxyBeanMethods = false)
class MembersOnly implements WebMvcConfigurer, HandlerInterceptor {

    private final SignedIn signedIn;
    private final WorkspaceAccess access;

    MembersOnly(SignedIn signedIn, WorkspaceAccess access) {
        this.signedIn = signedIn;
        this.access = access;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // Ingest authenticates its sources by the workspace's token, not by a person's membership.
        registry.addInterceptor(this)
                .addPathPatterns("/workspaces/**", "/api/workspaces/**")
                .excludePathPatterns("/api/workspaces/*/ingest");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        @SuppressWarnings("unchecked")
        Map<String, String> variables =
                (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (variables != null && variables.containsKey("workspaceId")) {
            access.require(
                    WorkspaceAccess.parse(variables.get("workspaceId")),
                    signedIn.current().orElseThrow(() -> new NotFound("workspace")));
        }
        return true;
    }
}
