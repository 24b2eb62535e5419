package dev.mandate.routing;

import dev.mandate.account.CurrentAccount;
import dev.mandate.inbox.ConversationId;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.NotFound;
import dev.mandate.shared.Party;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.WorkspaceAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;

/** The routing pages (rules, editor, history, trial, a conversation's firings) and the same over the API. */
class RoutingWeb {

    private RoutingWeb() {}

    static String schema() {
        try (InputStream in = RoutingWeb.class.getClassLoader().getResourceAsStream(RuleSetReader.SCHEMA)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Controller
    static class Pages {

        private final WorkspaceAccess access;
        private final RoutingRules rules;

        Pages(WorkspaceAccess access, RoutingRules rules) {
            this.access = access;
            this.rules = rules;
        }

        @GetMapping("/workspaces/{workspaceId}/routing")
        String overview(@PathVariable String workspaceId, CurrentAccount caller, Model model) {
            Membership member = access.require(WorkspaceAccess.parse(workspaceId), caller);
            Optional<RuleSetVersion> inForce = rules.inForce(member, null);
            List<RuleSetVersion> versions = rules.versions(member);
            model.addAttribute("workspace", member.workspace());
            model.addAttribute("membership", member);
            model.addAttribute("inForce", inForce.orElse(null));
            model.addAttribute(
                    "rules", inForce.map(v -> rules.rules(member, v.version())).orElse(List.of()));
            model.addAttribute(
                    "drafts",
                    versions.stream()
                            .filter(v -> !v.approved()
                                    && inForce.map(f -> v.version() > f.version())
                                            .orElse(true))
                            .toList());
            model.addAttribute("time", time(member));
            return "routing/rules";
        }

        @GetMapping("/workspaces/{workspaceId}/routing/edit")
        String edit(@PathVariable String workspaceId, CurrentAccount caller, Model model) {
            Membership member = access.require(WorkspaceAccess.parse(workspaceId), caller);
            member.requireMayChange();
            String text = rules.versions(member).stream()
                    .findFirst()
                    .map(RuleSetVersion::body)
                    .orElse(RoutingRules.EXAMPLE);
            return editor(member, text, List.of(), model);
        }

        private String editor(Membership member, String text, List<InvalidRuleSet.Error> errors, Model model) {
            model.addAttribute("workspace", member.workspace());
            model.addAttribute("membership", member);
            model.addAttribute("text", text);
            model.addAttribute("errors", errors);
            model.addAttribute("example", RoutingRules.EXAMPLE);
            return "routing/edit";
        }

        @PostMapping("/workspaces/{workspaceId}/routing")
        String save(
                @PathVariable String workspaceId,
                @RequestParam(defaultValue = "") String ruleSet,
                CurrentAccount caller,
                Model model,
                RedirectAttributes redirect) {
            Membership member = access.require(WorkspaceAccess.parse(workspaceId), caller);
            try {
                RuleSetVersion saved = rules.save(member, ruleSet);
                redirect.addFlashAttribute(
                        "notice",
                        saved.approved()
                                ? "Version " + saved.version() + " saved and in force."
                                : "Version " + saved.version() + " saved as a draft: a brand owner approves it.");
                return "redirect:/workspaces/" + member.workspaceId() + "/routing";
            } catch (InvalidRuleSet invalid) {
                model.addAttribute("error", invalid.getMessage());
                return editor(member, ruleSet, invalid.errors(), model);
            }
        }

        @PostMapping("/workspaces/{workspaceId}/routing/versions/{version}/approval")
        String approve(
                @PathVariable String workspaceId,
                @PathVariable int version,
                CurrentAccount caller,
                RedirectAttributes redirect) {
            Membership member = access.require(WorkspaceAccess.parse(workspaceId), caller);
            FormChanges.attempt(
                    redirect,
                    "Version " + version + " approved: it is in force now.",
                    () -> rules.approve(member, version));
            return "redirect:/workspaces/" + member.workspaceId() + "/routing";
        }

        @GetMapping("/workspaces/{workspaceId}/routing/versions")
        String history(
                @PathVariable String workspaceId,
                @RequestParam(required = false) String at,
                CurrentAccount caller,
                Model model) {
            Membership member = access.require(WorkspaceAccess.parse(workspaceId), caller);
            model.addAttribute("workspace", member.workspace());
            model.addAttribute("membership", member);
            model.addAttribute("versions", rules.versions(member));
            model.addAttribute("time", time(member));
            model.addAttribute("at", at == null ? "" : at);
            if (at != null && !at.isBlank()) {
                Instant moment = moment(at, ZoneId.of(member.workspace().timeZone()));
                model.addAttribute("atMoment", moment);
                model.addAttribute("inForceAt", rules.inForce(member, moment).orElse(null));
            }
            return "routing/versions";
        }

        @GetMapping("/workspaces/{workspaceId}/routing/versions/{version}")
        String version(
                @PathVariable String workspaceId, @PathVariable int version, CurrentAccount caller, Model model) {
            Membership member = access.require(WorkspaceAccess.parse(workspaceId), caller);
            model.addAttribute("workspace", member.workspace());
            model.addAttribute("membership", member);
            model.addAttribute("version", rules.version(member, version));
            model.addAttribute("rules", rules.rules(member, version));
            model.addAttribute("time", time(member));
            return "routing/version";
        }

        @GetMapping("/workspaces/{workspaceId}/routing/trial")
        String trialForm(@PathVariable String workspaceId, CurrentAccount caller, Model model) {
            Membership member = access.require(WorkspaceAccess.parse(workspaceId), caller);
            String text = rules.versions(member).stream()
                    .findFirst()
                    .map(RuleSetVersion::body)
                    .orElse(RoutingRules.EXAMPLE);
            return trialPage(member, text, 50, null, List.of(), model);
        }

        @PostMapping("/workspaces/{workspaceId}/routing/trial")
        String trial(
                @PathVariable String workspaceId,
                @RequestParam(defaultValue = "") String ruleSet,
                @RequestParam(defaultValue = "50") int last,
                CurrentAccount caller,
                Model model) {
            Membership member = access.require(WorkspaceAccess.parse(workspaceId), caller);
            try {
                return trialPage(member, ruleSet, last, rules.trial(member, ruleSet, last), List.of(), model);
            } catch (InvalidRuleSet invalid) {
                model.addAttribute("error", invalid.getMessage());
                return trialPage(member, ruleSet, last, null, invalid.errors(), model);
            } catch (InvalidInput invalid) {
                model.addAttribute("error", invalid.getMessage());
                return trialPage(member, ruleSet, last, null, List.of(), model);
            }
        }

        private String trialPage(
                Membership member,
                String text,
                int last,
                RoutingRules.Trial trial,
                List<InvalidRuleSet.Error> errors,
                Model model) {
            model.addAttribute("workspace", member.workspace());
            model.addAttribute("membership", member);
            model.addAttribute("text", text);
            model.addAttribute("last", last);
            model.addAttribute("trial", trial);
            model.addAttribute("errors", errors);
            model.addAttribute("time", time(member));
            return "routing/trial";
        }

        /** What the rules did to a conversation: a fragment the conversation page loads. */
        @GetMapping("/workspaces/{workspaceId}/conversations/{conversationId}/routing")
        String firings(
                @PathVariable String workspaceId,
                @PathVariable String conversationId,
                CurrentAccount caller,
                Model model) {
            Membership member = access.require(WorkspaceAccess.parse(workspaceId), caller);
            model.addAttribute("workspace", member.workspace());
            model.addAttribute("firings", rules.firings(member, ConversationId.parse(conversationId)));
            model.addAttribute("time", time(member));
            return "routing/firings :: firings";
        }

        private static DateTimeFormatter time(Membership member) {
            return DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH)
                    .withZone(ZoneId.of(member.workspace().timeZone()));
        }
    }

    /** "2026-11-23T14:00" in the workspace's zone, or with an offset. */
    static Instant moment(String at, ZoneId zone) {
        try {
            return OffsetDateTime.parse(at).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(at).atZone(zone).toInstant();
            } catch (DateTimeParseException again) {
                throw new InvalidInput("at", "Give the moment as 2026-11-23T14:00 (or with an offset).");
            }
        }
    }

    @RestController
    static class Api {

        private final WorkspaceAccess access;
        private final RoutingRules rules;
        private final RuleSetReader reader;

        Api(WorkspaceAccess access, RoutingRules rules, RuleSetReader reader) {
            this.access = access;
            this.rules = rules;
            this.reader = reader;
        }

        @GetMapping(value = "/api/routing/rule-set-schema", produces = "application/schema+json")
        String schema() {
            return RoutingWeb.schema();
        }

        /** The rule set in force now, or at {@code at}. */
        @GetMapping("/api/workspaces/{workspaceId}/routing/rule-set")
        VersionView inForce(
                @PathVariable String workspaceId, @RequestParam(required = false) String at, CurrentAccount caller) {
            Membership member = access.require(WorkspaceAccess.parse(workspaceId), caller);
            Instant moment =
                    at == null ? null : moment(at, ZoneId.of(member.workspace().timeZone()));
            return rules.inForce(member, moment).map(this::view).orElseThrow(() -> new NotFound("rule set"));
        }

        @GetMapping("/api/workspaces/{workspaceId}/routing/rule-sets")
        List<VersionView> versions(@PathVariable String workspaceId, CurrentAccount caller) {
            Membership member = access.require(WorkspaceAccess.parse(workspaceId), caller);
            return rules.versions(member).stream().map(this::view).toList();
        }

        @GetMapping("/api/workspaces/{workspaceId}/routing/rule-sets/{version}")
        VersionView version(@PathVariable String workspaceId, @PathVariable int version, CurrentAccount caller) {
            Membership member = access.require(WorkspaceAccess.parse(workspaceId), caller);
            return view(rules.version(member, version));
        }

        @GetMapping("/api/workspaces/{workspaceId}/routing/rule-sets/{version}/rules")
        List<RoutingRules.RuleView> rulesInWords(
                @PathVariable String workspaceId, @PathVariable int version, CurrentAccount caller) {
            Membership member = access.require(WorkspaceAccess.parse(workspaceId), caller);
            return rules.rules(member, version);
        }

        /** Saves a rule set (the body is the rule set itself) as the next version. */
        @PostMapping(
                value = "/api/workspaces/{workspaceId}/routing/rule-sets",
                consumes = MediaType.APPLICATION_JSON_VALUE)
        ResponseEntity<VersionView> save(
                @PathVariable String workspaceId, @RequestBody String ruleSet, CurrentAccount caller) {
            Membership member = access.require(WorkspaceAccess.parse(workspaceId), caller);
            return ResponseEntity.status(HttpStatus.CREATED).body(view(rules.save(member, ruleSet)));
        }

        @PostMapping("/api/workspaces/{workspaceId}/routing/rule-sets/{version}/approval")
        VersionView approve(@PathVariable String workspaceId, @PathVariable int version, CurrentAccount caller) {
            Membership member = access.require(WorkspaceAccess.parse(workspaceId), caller);
            return view(rules.approve(member, version));
        }

        /** Runs a draft rule set (the body) over the latest {@code last} inbound messages; changes nothing. */
        @PostMapping(value = "/api/workspaces/{workspaceId}/routing/trial", consumes = MediaType.APPLICATION_JSON_VALUE)
        RoutingRules.Trial trial(
                @PathVariable String workspaceId,
                @RequestParam(defaultValue = "50") int last,
                @RequestBody String ruleSet,
                CurrentAccount caller) {
            Membership member = access.require(WorkspaceAccess.parse(workspaceId), caller);
            return rules.trial(member, ruleSet, last);
        }

        @GetMapping("/api/workspaces/{workspaceId}/conversations/{conversationId}/routing")
        List<RoutingRules.Firing> firings(
                @PathVariable String workspaceId, @PathVariable String conversationId, CurrentAccount caller) {
            Membership member = access.require(WorkspaceAccess.parse(workspaceId), caller);
            return rules.firings(member, ConversationId.parse(conversationId));
        }

        private VersionView view(RuleSetVersion v) {
            return new VersionView(
                    v.version(),
                    reader.tree(v.body()),
                    v.changes(),
                    v.savedAt(),
                    v.savedByName(),
                    v.savedByParty(),
                    v.approvedAt(),
                    v.approvedByName());
        }

        /**
         * A version of the rule set.
         *
         * @param approvedAt {@code null} while it is a draft
         */
        record VersionView(
                int version,
                JsonNode ruleSet,
                String changes,
                Instant savedAt,
                String savedBy,
                Party savedByParty,
                Instant approvedAt,
                String approvedBy) {}
    }
}
