package dev.mandate.account;

import dev.mandate.shared.InvalidInput;
import jakarta.servlet.http.HttpSession;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page and the page where an invited person chooses their password. */
@Controller
class AccountPages {

    private final AccountDirectory directory;
    private final ObjectProvider<ClientRegistrationRepository> oidcProviders;

    AccountPages(AccountDirectory directory, ObjectProvider<ClientRegistrationRepository> oidcProviders) {
        this.directory = directory;
        this.oidcProviders = oidcProviders;
    }

    @GetMapping("/login")
    String login(HttpSession session, Model model) {
        Object message = session.getAttribute(SecurityConfiguration.LOGIN_MESSAGE);
        session.removeAttribute(SecurityConfiguration.LOGIN_MESSAGE);
        model.addAttribute("message", message);
        if (oidcProviders.getIfAvailable() instanceof InMemoryClientRegistrationRepository registrations) {
            java.util.List<ClientRegistration> providers = new java.util.ArrayList<>();
            registrations.forEach(providers::add);
            model.addAttribute("providers", providers);
        }
        return "account/login";
    }

    @GetMapping("/invitations/{token}")
    String invitation(@PathVariable String token, Model model) {
        Account account = directory.pendingInvitation(token).orElseThrow(InvitationExpired::new);
        model.addAttribute("email", account.email());
        model.addAttribute("displayName", account.displayName().equals(account.email()) ? "" : account.displayName());
        model.addAttribute("token", token);
        return "account/invitation";
    }

    @PostMapping("/invitations/{token}")
    String accept(
            @PathVariable String token,
            @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String password,
            Model model) {
        try {
            directory.acceptInvitation(token, displayName, password);
            return "redirect:/login?welcome";
        } catch (InvalidInput invalid) {
            Account account = directory.pendingInvitation(token).orElseThrow(InvitationExpired::new);
            model.addAttribute("email", account.email());
            model.addAttribute("displayName", displayName);
            model.addAttribute("token", token);
            model.addAttribute("error", invalid.getMessage());
            return "account/invitation";
        }
    }
}
