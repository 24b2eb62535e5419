package dev.mandate.routing;

import dev.mandate.shared.Conflict;
import dev.mandate.shared.Forbidden;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.Problem;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A change a form asks for, told on the page the form redirects to. */
final class FormChanges {

    private FormChanges() {}

    /**
     * Makes the change and flashes {@code notice}; when the change is refused (invalid, conflicting or forbidden)
     * flashes the refusal's message as the error instead.
     *
     * @return whether the change was made
     */
    static boolean attempt(RedirectAttributes redirect, String notice, Runnable change) {
        try {
            change.run();
            redirect.addFlashAttribute("notice", notice);
            return true;
        } catch (InvalidInput | Conflict | Forbidden problem) {
            redirect.addFlashAttribute("error", ((Problem) problem).getMessage());
            return false;
        }
    }
}
