package dev.mandate.contact;

import dev.mandate.account.CurrentAccount;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.Problem;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.WorkspaceAccess;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The contact pages (list, contact, customer import) and the same under {@code /api}. */
class ContactWeb {

    static final int PAGE = 50;

    private ContactWeb() {}

    /** {@code true}, {@code false}, or absent (all contacts). */
    static Boolean customers(String value) {
        if (value == null || value.isBlank() || value.equals("all")) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "customers" -> true;
            case "false", "no", "others" -> false;
            default -> throw new InvalidInput("customer", "Filter by customer with true or false.");
        };
    }

    /** Reads at most {@code max + 1} bytes: enough to tell that a list is too large without holding all of it. */
    static byte[] read(InputStream in, long max) throws IOException {
        try (in) {
            return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        }
    }

    @Controller
    static class Pages {

        private final WorkspaceAccess access;
        private final ContactBook contacts;
        private final CustomerImport imports;
        private final ContactProperties properties;

        Pages(WorkspaceAccess access, ContactBook contacts, CustomerImport imports, ContactProperties properties) {
            this.access = access;
            this.contacts = contacts;
            this.imports = imports;
            this.properties = properties;
        }

        @GetMapping("/workspaces/{workspaceId}/contacts")
        String list(
                @PathVariable String workspaceId,
                @RequestParam(required = false) String q,
                @RequestParam(required = false) String customer,
                @RequestParam(required = false) String after,
                CurrentAccount caller,
                Model model) {
            Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
            page(model, membership);
            model.addAttribute("q", q);
            model.addAttribute("customer", customer == null ? "" : customer);
            try {
                ContactQueries.ContactPage page = contacts.list(membership, q, customers(customer), after, PAGE);
                model.addAttribute("page", page);
                model.addAttribute(
                        "next",
                        page.next() == null
                                ? null
                                : ServletUriComponentsBuilder.fromCurrentRequest()
                                        .replaceQueryParam("after", page.next())
                                        .build()
                                        .toUriString());
            } catch (InvalidInput invalid) {
                model.addAttribute("page", new ContactQueries.ContactPage(List.of(), null));
                model.addAttribute("error", invalid.getMessage());
            }
            model.addAttribute("paged", after != null && !after.isBlank());
            return "contact/contacts";
        }

        @GetMapping("/workspaces/{workspaceId}/contacts/import")
        String importForm(@PathVariable String workspaceId, CurrentAccount caller, Model model) {
            Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
            page(model, membership);
            model.addAttribute("maxSize", properties.importMaxSize().toKilobytes() + " KB");
            return "contact/import";
        }

        @PostMapping("/workspaces/{workspaceId}/contacts/import")
        String importList(
                @PathVariable String workspaceId,
                @RequestParam(required = false) MultipartFile file,
                CurrentAccount caller,
                Model model)
                throws IOException {
            Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
            page(model, membership);
            model.addAttribute("maxSize", properties.importMaxSize().toKilobytes() + " KB");
            try {
                byte[] csv = file == null
                        ? new byte[0]
                        : read(file.getInputStream(), properties.importMaxSize().toBytes());
                model.addAttribute("result", imports.run(membership, csv));
            } catch (CustomerListRejected rejected) {
                model.addAttribute("error", rejected.getMessage());
                model.addAttribute("badLines", rejected.lines());
            } catch (Problem problem) {
                if (problem.getStatusCode().value() == 404) {
                    throw problem;
                }
                model.addAttribute("error", problem.getMessage());
            }
            return "contact/import";
        }

        @GetMapping("/workspaces/{workspaceId}/contacts/{contactId}")
        String contact(
                @PathVariable String workspaceId,
                @PathVariable String contactId,
                @RequestParam(required = false) String find,
                CurrentAccount caller,
                Model model) {
            Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
            ContactId id = ContactId.parse(contactId);
            ContactId current = contacts.resolve(membership, id);
            if (!current.equals(id)) {
                return "redirect:/workspaces/" + membership.workspaceId() + "/contacts/" + current;
            }
            page(model, membership);
            model.addAttribute("view", contacts.view(membership, id));
            model.addAttribute("time", timeIn(membership));
            if (find != null && !find.isBlank()) {
                model.addAttribute("find", find);
                model.addAttribute(
                        "candidates",
                        contacts.list(membership, find, null, null, 20).items().stream()
                                .filter(c -> !c.id().equals(id))
                                .toList());
            }
            return "contact/contact";
        }

        @PostMapping("/workspaces/{workspaceId}/contacts/{contactId}")
        String change(
                @PathVariable String workspaceId,
                @PathVariable String contactId,
                @RequestParam(required = false) String displayName,
                @RequestParam(required = false) String notes,
                @RequestParam(required = false) Long version,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            return act(
                    workspaceId,
                    contactId,
                    caller,
                    redirect,
                    "The contact was saved.",
                    (m, id) -> contacts.change(m, id, displayName, notes, version));
        }

        @PostMapping("/workspaces/{workspaceId}/contacts/{contactId}/customer")
        String customer(
                @PathVariable String workspaceId,
                @PathVariable String contactId,
                @RequestParam(defaultValue = "false") boolean customer,
                @RequestParam(required = false) String customerNumber,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            return act(
                    workspaceId,
                    contactId,
                    caller,
                    redirect,
                    "Customer status saved.",
                    (m, id) -> contacts.setCustomer(m, id, customer, customerNumber));
        }

        @PostMapping("/workspaces/{workspaceId}/contacts/{contactId}/tags")
        String tag(
                @PathVariable String workspaceId,
                @PathVariable String contactId,
                @RequestParam(required = false) String tag,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            return act(workspaceId, contactId, caller, redirect, "Tagged.", (m, id) -> contacts.tag(m, id, tag));
        }

        @PostMapping("/workspaces/{workspaceId}/contacts/{contactId}/tags/removal")
        String untag(
                @PathVariable String workspaceId,
                @PathVariable String contactId,
                @RequestParam(required = false) String tag,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            return act(workspaceId, contactId, caller, redirect, "Tag removed.", (m, id) -> contacts.untag(m, id, tag));
        }

        @PostMapping("/workspaces/{workspaceId}/contacts/{contactId}/identities")
        String addIdentity(
                @PathVariable String workspaceId,
                @PathVariable String contactId,
                @RequestParam(required = false) String network,
                @RequestParam(required = false) String handle,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            return act(
                    workspaceId,
                    contactId,
                    caller,
                    redirect,
                    "The identity was added.",
                    (m, id) -> contacts.addIdentity(m, id, network, handle, null));
        }

        @PostMapping("/workspaces/{workspaceId}/contacts/{contactId}/identities/removal")
        String removeIdentity(
                @PathVariable String workspaceId,
                @PathVariable String contactId,
                @RequestParam(required = false) String network,
                @RequestParam(required = false) String handle,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            return act(
                    workspaceId,
                    contactId,
                    caller,
                    redirect,
                    "The identity was removed.",
                    (m, id) -> contacts.removeIdentity(m, id, network, handle));
        }

        @PostMapping("/workspaces/{workspaceId}/contacts/{contactId}/merge")
        String merge(
                @PathVariable String workspaceId,
                @PathVariable String contactId,
                @RequestParam(required = false) String from,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            return act(
                    workspaceId,
                    contactId,
                    caller,
                    redirect,
                    "The contacts were merged.",
                    (m, id) -> contacts.merge(m, from == null || from.isBlank() ? null : ContactId.parse(from), id));
        }

        /** Does a change and goes back to the contact, with a notice or with what went wrong. */
        private String act(
                String workspaceId,
                String contactId,
                CurrentAccount caller,
                RedirectAttributes redirect,
                String notice,
                java.util.function.BiConsumer<Membership, ContactId> change) {
            Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
            ContactId id = ContactId.parse(contactId);
            try {
                change.accept(membership, id);
                redirect.addFlashAttribute("notice", notice);
            } catch (Problem problem) {
                if (problem.getStatusCode().value() == 404) {
                    throw problem;
                }
                redirect.addFlashAttribute("error", problem.getMessage());
                if (problem instanceof IdentityTaken taken) {
                    redirect.addFlashAttribute("mergeable", taken.owner().toString());
                } else if (problem instanceof CustomerNumberTaken taken) {
                    redirect.addFlashAttribute("mergeable", taken.owner().toString());
                }
            }
            return "redirect:/workspaces/" + membership.workspaceId() + "/contacts/" + id;
        }

        private static void page(Model model, Membership membership) {
            model.addAttribute("workspace", membership.workspace());
            model.addAttribute("membership", membership);
            model.addAttribute("mayImport", ContactBook.maySetCustomer(membership) && membership.mayChange());
        }

        private static DateTimeFormatter timeIn(Membership membership) {
            return DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH)
                    .withZone(ZoneId.of(membership.workspace().timeZone()));
        }
    }

    @RestController
    static class Api {

        private final WorkspaceAccess access;
        private final ContactBook contacts;
        private final CustomerImport imports;
        private final ContactProperties properties;

        Api(WorkspaceAccess access, ContactBook contacts, CustomerImport imports, ContactProperties properties) {
            this.access = access;
            this.contacts = contacts;
            this.imports = imports;
            this.properties = properties;
        }

        /** New name and notes; an absent field stays as it is. */
        record ContactChange(String displayName, String notes, Long version) {}

        /** Whether the contact is a customer, and their number in the brand's records. */
        record CustomerStatus(Boolean customer, String customerNumber) {}

        /** A handle on a network, or an e-mail address with network {@code email}. */
        record NewIdentity(String network, String handle, String displayName) {}

        /** The contact to merge into the one in the path. */
        record Merge(String from) {}

        @GetMapping("/api/workspaces/{workspaceId}/contacts")
        ContactQueries.ContactPage list(
                @PathVariable String workspaceId,
                @RequestParam(required = false) String q,
                @RequestParam(required = false) String customer,
                @RequestParam(required = false) String after,
                @RequestParam(defaultValue = "" + PAGE) int limit,
                CurrentAccount caller) {
            Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
            return contacts.list(membership, q, customers(customer), after, limit);
        }

        /** The contact; a merged contact's id answers with a permanent redirect to the contact it became. */
        @GetMapping("/api/workspaces/{workspaceId}/contacts/{contactId}")
        ResponseEntity<ContactBook.ContactView> get(
                @PathVariable String workspaceId, @PathVariable String contactId, CurrentAccount caller) {
            Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
            ContactId id = ContactId.parse(contactId);
            ContactId current = contacts.resolve(membership, id);
            if (!current.equals(id)) {
                return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY)
                        .location(URI.create("/api/workspaces/" + membership.workspaceId() + "/contacts/" + current))
                        .build();
            }
            return ResponseEntity.ok(contacts.view(membership, id));
        }

        @GetMapping("/api/workspaces/{workspaceId}/contacts/{contactId}/history")
        List<HistoryItem> history(
                @PathVariable String workspaceId,
                @PathVariable String contactId,
                @RequestParam(defaultValue = "50") int limit,
                CurrentAccount caller) {
            Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
            return contacts.history(membership, ContactId.parse(contactId), limit);
        }

        @PatchMapping("/api/workspaces/{workspaceId}/contacts/{contactId}")
        ContactBook.ContactView change(
                @PathVariable String workspaceId,
                @PathVariable String contactId,
                @RequestBody(required = false) ContactChange body,
                CurrentAccount caller) {
            Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
            ContactId id = ContactId.parse(contactId);
            ContactChange change = body == null ? new ContactChange(null, null, null) : body;
            contacts.change(membership, id, change.displayName(), change.notes(), change.version());
            return contacts.view(membership, id);
        }

        @PutMapping("/api/workspaces/{workspaceId}/contacts/{contactId}/customer")
        ContactBook.ContactView customer(
                @PathVariable String workspaceId,
                @PathVariable String contactId,
                @RequestBody(required = false) CustomerStatus body,
                CurrentAccount caller) {
            Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
            ContactId id = ContactId.parse(contactId);
            CustomerStatus status = body == null ? new CustomerStatus(null, null) : body;
            contacts.setCustomer(membership, id, status.customer(), status.customerNumber());
            return contacts.view(membership, id);
        }

        @PostMapping("/api/workspaces/{workspaceId}/contacts/{contactId}/tags")
        ContactBook.ContactView tag(
                @PathVariable String workspaceId,
                @PathVariable String contactId,
                @RequestBody(required = false) ContactTag body,
                CurrentAccount caller) {
            Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
            ContactId id = ContactId.parse(contactId);
            contacts.tag(membership, id, body == null ? null : body.tag());
            return contacts.view(membership, id);
        }

        @PostMapping("/api/workspaces/{workspaceId}/contacts/{contactId}/tags/removal")
        ContactBook.ContactView untag(
                @PathVariable String workspaceId,
                @PathVariable String contactId,
                @RequestBody(required = false) ContactTag body,
                CurrentAccount caller) {
            Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
            ContactId id = ContactId.parse(contactId);
            contacts.untag(membership, id, body == null ? null : body.tag());
            return contacts.view(membership, id);
        }

        /** A tag to add to a contact or remove from it. */
        record ContactTag(String tag) {}

        @PostMapping("/api/workspaces/{workspaceId}/contacts/{contactId}/identities")
        ResponseEntity<ContactBook.ContactView> addIdentity(
                @PathVariable String workspaceId,
                @PathVariable String contactId,
                @RequestBody(required = false) NewIdentity body,
                CurrentAccount caller) {
            Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
            ContactId id = ContactId.parse(contactId);
            NewIdentity identity = body == null ? new NewIdentity(null, null, null) : body;
            contacts.addIdentity(membership, id, identity.network(), identity.handle(), identity.displayName());
            return ResponseEntity.status(HttpStatus.CREATED).body(contacts.view(membership, id));
        }

        @DeleteMapping("/api/workspaces/{workspaceId}/contacts/{contactId}/identities")
        ResponseEntity<Void> removeIdentity(
                @PathVariable String workspaceId,
                @PathVariable String contactId,
                @RequestParam(required = false) String network,
                @RequestParam(required = false) String handle,
                CurrentAccount caller) {
            Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
            contacts.removeIdentity(membership, ContactId.parse(contactId), network, handle);
            return ResponseEntity.noContent().build();
        }

        @PostMapping("/api/workspaces/{workspaceId}/contacts/{contactId}/merge")
        ContactBook.ContactView merge(
                @PathVariable String workspaceId,
                @PathVariable String contactId,
                @RequestBody(required = false) Merge body,
                CurrentAccount caller) {
            Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
            ContactId into = ContactId.parse(contactId);
            String from = body == null ? null : body.from();
            contacts.merge(membership, from == null || from.isBlank() ? null : ContactId.parse(from), into);
            return contacts.view(membership, into);
        }

        /** A customer list as {@code multipart/form-data} (part {@code file}) or as a {@code text/csv} body. */
        @PostMapping("/api/workspaces/{workspaceId}/contacts/import")
        CustomerImport.Result importList(
                @PathVariable String workspaceId,
                @RequestParam(required = false) MultipartFile file,
                HttpServletRequest request,
                CurrentAccount caller)
                throws IOException {
            Membership membership = access.require(WorkspaceAccess.parse(workspaceId), caller);
            ContactBook.requireBrand(membership);
            long max = properties.importMaxSize().toBytes();
            byte[] csv;
            if (file != null) {
                csv = read(file.getInputStream(), max);
            } else {
                String type = request.getContentType() == null
                        ? ""
                        : request.getContentType().toLowerCase(Locale.ROOT);
                if (!type.startsWith("text/csv") && !type.startsWith("text/plain")) {
                    throw new InvalidInput(
                            "file", "Send the list as text/csv, or as multipart/form-data with a part named file.");
                }
                csv = read(request.getInputStream(), max);
            }
            return imports.run(membership, csv);
        }
    }
}
