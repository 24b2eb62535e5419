package dev.mandate.account;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two doors: the web pages (form sign-in with a session, CSRF-protected) and the REST API under {@code /api}
 * (HTTP Basic, no session, so no cookie a page could ride on). Both go through the same lock-out.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

    static final String LOGIN_MESSAGE = "mandate.login.message";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Bean
    AuthenticationManager authenticationManager(
            AccountUserDetails userDetails, PasswordEncoder passwords, AuthenticationEventPublisher events) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(userDetails);
        provider.setPasswordEncoder(passwords);
        ProviderManager manager = new ProviderManager(provider);
        manager.setAuthenticationEventPublisher(events);
        return manager;
    }

    /** Ingest: sources authenticate with the workspace's ingest token, which the endpoint checks itself. */
    @Bean
    @Order(0)
    SecurityFilterChain ingestChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/api/workspaces/*/ingest")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, AuthenticationManager authentication) throws Exception {
        return http.securityMatcher("/api/**")
                .authenticationManager(authentication)
                // The API's description is no secret: anyone may read it, and try it with their own credentials.
                .authorizeHttpRequests(requests -> requests.requestMatchers("/api/docs", "/api/docs/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> problem(
                        response,
                        401,
                        "unauthenticated",
                        "Unauthenticated",
                        e instanceof LockedException ? e.getMessage() : "Sign in with HTTP Basic credentials.")))
                .exceptionHandling(handling -> handling.accessDeniedHandler((request, response, e) ->
                        problem(response, 403, "forbidden", "Not allowed", "You may not do this.")))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webChain(
            HttpSecurity http,
            AuthenticationManager authentication,
            LoginAttempts attempts,
            ObjectProvider<ClientRegistrationRepository> oidcProviders,
            Accounts accounts)
            throws Exception {
        http.authenticationManager(authentication)
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/login",
                                "/invitations/**",
                                "/css/**",
                                "/js/**",
                                "/webjars/**",
                                "/favicon.ico",
                                "/error",
                                "/actuator/health/**",
                                "/actuator/info",
                                "/actuator/prometheus")
                        .permitAll()
                        .requestMatchers("/admin/**")
                        .hasRole("ADMIN")
                        .anyRequest()
                        .authenticated())
                .formLogin(form -> form.loginPage("/login")
                        .usernameParameter("email")
                        .defaultSuccessUrl("/", false)
                        .failureHandler(failure(attempts)))
                .logout(logout -> logout.logoutSuccessUrl("/login?signedOut").deleteCookies("MANDATE_SESSION"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                + "frame-ancestors 'none'; form-action 'self'")));
        if (oidcProviders.getIfAvailable() != null) {
            http.oauth2Login(oidc -> oidc.loginPage("/login")
                    .userInfoEndpoint(userInfo -> userInfo.oidcUserService(new OidcAccounts(accounts))));
        }
        return http.build();
    }

    private static AuthenticationFailureHandler failure(LoginAttempts attempts) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);
        return (request, response, exception) -> {
            String email = request.getParameter("email");
            String message = attempts.lockedUntil(email == null ? "" : email)
                    .map(until -> "Too many failed sign-ins: this account is locked until " + time.format(until)
                            + ". Try again then, or ask your administrator.")
                    .orElse("Wrong e-mail address or password.");
            request.getSession().setAttribute(LOGIN_MESSAGE, message);
            response.sendRedirect(request.getContextPath() + "/login?error");
        };
    }

    private static void problem(HttpServletResponse response, int status, String type, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter()
                .write("{\"type\":\"https://mandate.dev/problems/" + type + "\",\"title\":\"" + title + "\",\"status\":"
                        + status + ",\"detail\":\"" + detail.replace("\"", "'") + "\"}");
    }
}
