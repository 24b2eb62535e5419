package dev.mandate.routing;

import dev.mandate.inbox.Casework;
import dev.mandate.inbox.ConversationId;
import dev.mandate.inbox.Inbox;
import dev.mandate.inbox.MessageReceived;
import dev.mandate.shared.AccountId;
import dev.mandate.shared.Conflict;
import dev.mandate.shared.Forbidden;
import dev.mandate.shared.InvalidInput;
import dev.mandate.shared.NotFound;
import dev.mandate.shared.Party;
import dev.mandate.shared.WorkspaceId;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.WorkspaceAccess;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * A workspace's routing rules as people work with them: saving a new version (a draft until a brand owner approves
 * it; an owner's own save is approved at once), approving, the version in force at any time, the history, the rules
 * in words, trying a draft over the latest messages, and what the rules did to a conversation.
 */
@Service
public class RoutingRules {

    /**
     * A rule set to start from, the issue's own: purchase leads and complaints from customers go to the brand within 4
     * business hours, praise and routine questions stay with the agency, spam is hidden.
     */
    public static final String EXAMPLE = """
            {
              "coverage": {"timeZone": "Europe/Berlin",
                           "hours": {"mon": "09:00-17:00", "tue": "09:00-17:00", "wed": "09:00-17:00",
                                     "thu": "09:00-17:00", "fri": "09:00-17:00"}},
              "rules": [
                {"id": "spam", "name": "Spam", "stop": true,
                 "conditions": {"any": [{"field": "spam", "op": "is", "value": true},
                                        {"field": "spamScore", "op": "gte", "value": 0.9}]},
                 "actions": [{"type": "hide-spam"}]},
                {"id": "purchase-leads", "name": "Purchase leads", "stop": true,
                 "conditions": {"all": [{"field": "intent", "op": "is", "value": "lead"}]},
                 "actions": [{"type": "escalate", "question": "A purchase lead: please answer the customer.",
                              "withinBusinessHours": 4},
                             {"type": "tag", "tags": ["lead"]}]},
                {"id": "customer-complaints", "name": "Complaints from customers", "stop": true,
                 "conditions": {"all": [{"field": "intent", "op": "is", "value": "complaint"},
                                        {"field": "customer", "op": "is", "value": true}]},
                 "actions": [{"type": "escalate", "question": "A customer complains: how do we make it right?",
                              "withinBusinessHours": 4},
                             {"type": "priority", "value": "high"}]},
                {"id": "agency-routine", "name": "Praise and routine questions", "stop": true,
                 "conditions": {"any": [{"field": "intent", "op": "in", "value": ["praise", "question"]},
                                        {"field": "text", "op": "contains", "value": ["öffnungszeiten", "opening hours"]}]},
                 "actions": [{"type": "assign", "party": "agency"},
                             {"type": "suggest-briefing", "tags": ["opening-hours"]}]}
              ]
            }
            """;

    private final RuleSets ruleSets;
    private final RuleSetReader reader;
    private final Router router;
    private final Inbox inbox;
    private final Casework casework;
    private final WorkspaceAccess access;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final RoutingProperties properties;

    RoutingRules(
            RuleSets ruleSets,
            RuleSetReader reader,
            Router router,
            Inbox inbox,
            Casework casework,
            WorkspaceAccess access,
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            Clock clock,
            RoutingProperties properties) {
        this.ruleSets = ruleSets;
        this.reader = reader;
        this.router = router;
        this.inbox = inbox;
        this.casework = casework;
        this.access = access;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * Saves the rule set as its next version, if it is valid ({@link InvalidRuleSet} names every error's place). The
     * brand signs the rules off: a brand owner's save is in force at once; anyone else's is a draft until an owner
     * approves it.
     */
    @Transactional
    public RuleSetVersion save(Membership by, String text) {
        by.requireMayChange();
        if (text != null && text.length() > properties.maxRuleSetChars()) {
            throw new InvalidRuleSet(List.of(new InvalidRuleSet.Error(
                    "", "A rule set has at most " + properties.maxRuleSetChars() + " characters.")));
        }
        JsonNode node = reader.parse(text);
        reader.read(node, people(by.workspaceId()));
        String body = reader.write(node);
        Optional<RuleSetVersion> before = ruleSets.latest(by.workspaceId());
        String changes =
                before.map(b -> Changes.between(reader.tree(b.body()), node)).orElse("first version");
        boolean approved = by.isBrandOwner();
        RuleSetVersion saved = ruleSets.save(by.workspaceId(), by.actor(), body, changes, clock.instant(), approved);
        events.publishEvent(
                new RoutingEvents.RuleSetSaved(by.workspaceId(), by.actor(), saved.version(), changes, approved));
        return saved;
    }

    /** A brand owner approves a draft: from now on it is the rule set in force. */
    @Transactional
    public RuleSetVersion approve(Membership by, int version) {
        RuleSetVersion draft = ruleSets.get(by.workspaceId(), version).orElseThrow(() -> new NotFound("rule set"));
        if (!by.isBrandOwner()) {
            throw new Forbidden("Routing rules are part of the mandate: only the brand's owners approve them.");
        }
        if (!ruleSets.approve(by.workspaceId(), version, by.actor(), clock.instant())) {
            throw new Conflict("already-approved", "Version " + draft.version() + " was approved already.");
        }
        events.publishEvent(new RoutingEvents.RuleSetApproved(by.workspaceId(), by.actor(), version));
        return ruleSets.get(by.workspaceId(), version).orElseThrow();
    }

    /** The version in force at {@code at} (now when {@code null}), if any was approved by then. */
    @Transactional(readOnly = true)
    public Optional<RuleSetVersion> inForce(Membership member, Instant at) {
        return ruleSets.inForce(member.workspaceId(), at == null ? clock.instant() : at);
    }

    @Transactional(readOnly = true)
    public List<RuleSetVersion> versions(Membership member) {
        return ruleSets.all(member.workspaceId());
    }

    @Transactional(readOnly = true)
    public RuleSetVersion version(Membership member, int version) {
        return ruleSets.get(member.workspaceId(), version).orElseThrow(() -> new NotFound("rule set"));
    }

    /** The rules of a version in words, with the rules that failed at run time and why. */
    @Transactional(readOnly = true)
    public List<RuleView> rules(Membership member, int version) {
        RuleSetVersion stored = version(member, version);
        RuleSet rules = router.compiled(member.workspaceId(), stored);
        Map<String, String> disabled = ruleSets.disabled(member.workspaceId(), version);
        Map<AccountId, String> names = names(member.workspaceId());
        return rules.rules().stream()
                .map(r -> new RuleView(
                        r.id(),
                        r.name(),
                        r.enabled(),
                        r.on().stream().map(Facts.Trigger::json).sorted().toList(),
                        r.stop(),
                        r.conditions().describe(),
                        r.actions().stream().map(a -> describe(a, names)).toList(),
                        disabled.get(r.id())))
                .toList();
    }

    /**
     * Runs a draft rule set over the workspace's latest {@code last} inbound messages and says for each what the draft
     * would do and what the rules in force did decide: nothing is changed, no turn in a group advances.
     */
    @Transactional(readOnly = true)
    public Trial trial(Membership member, String draft, int last) {
        if (last < 1 || last > properties.trialMessages()) {
            throw new InvalidInput("last", "Try it on between 1 and " + properties.trialMessages() + " messages.");
        }
        WorkspaceId workspace = member.workspaceId();
        RuleSet candidate = reader.read(reader.parse(draft), people(workspace));
        Optional<RuleSetVersion> current = ruleSets.inForce(workspace, clock.instant());
        RuleSet inForce = current.map(v -> router.compiled(workspace, v)).orElse(RuleSet.empty());
        Map<String, String> disabled =
                current.map(v -> ruleSets.disabled(workspace, v.version())).orElse(Map.of());
        Map<AccountId, String> names = names(workspace);
        List<TrialRow> rows = new ArrayList<>();
        int changed = 0;
        for (MessageReceived message : inbox.latestInbound(workspace, last)) {
            Optional<Facts> facts = router.facts(
                    workspace,
                    message.conversationId(),
                    Facts.Trigger.MESSAGE,
                    message.messageId(),
                    null,
                    message.createdAt());
            if (facts.isEmpty()) {
                continue;
            }
            List<Outcome> would = outcome(workspace, candidate, Map.of(), facts.get(), names);
            List<Outcome> does = outcome(workspace, inForce, disabled, facts.get(), names);
            boolean differs = !would.equals(does);
            changed += differs ? 1 : 0;
            String text = facts.get().text();
            rows.add(new TrialRow(
                    message.messageId().value(),
                    message.conversationId(),
                    message.createdAt(),
                    text.length() > 140 ? text.substring(0, 140) + "…" : text,
                    facts.get().classification() != null,
                    would,
                    does,
                    differs));
        }
        return new Trial(current.map(RuleSetVersion::version).orElse(0), rows.size(), changed, rows);
    }

    private List<Outcome> outcome(
            WorkspaceId workspace,
            RuleSet rules,
            Map<String, String> disabled,
            Facts facts,
            Map<AccountId, String> names) {
        ZoneId zone = router.zone(workspace, rules);
        Condition.Context context = new Condition.Context(
                zone, rules.coverage() != null ? rules.coverage() : Coverage.always(zone), properties.regexSteps());
        Evaluation.Outcome outcome = Evaluation.run(rules, disabled, facts, context);
        List<Outcome> outcomes = new ArrayList<>();
        outcome.matches()
                .forEach(m -> outcomes.add(new Outcome(
                        m.rule().name(),
                        m.why(),
                        m.rule().actions().stream().map(a -> describe(a, names)).collect(Collectors.joining("; ")),
                        null)));
        outcome.failures().forEach(f -> outcomes.add(new Outcome(f.rule().name(), null, null, f.reason())));
        return outcomes;
    }

    /** What the rules did to a conversation, oldest first: "routed to the brand by rule 'Purchase leads' v3". */
    @Transactional(readOnly = true)
    public List<Firing> firings(Membership member, ConversationId conversation) {
        casework.require(member, conversation); // another workspace's conversation: NotFound, like a missing one
        return jdbc.sql("""
                        select rule_id, rule_name, version, trigger, reasons, effects, briefing_tags, fired_at
                          from routing.firing
                         where workspace_id = :workspace and conversation_id = :conversation
                         order by fired_at, id
                        """)
                .param("workspace", member.workspaceId().value())
                .param("conversation", conversation.value())
                .query((rs, row) -> new Firing(
                        rs.getString("rule_id"),
                        rs.getString("rule_name"),
                        rs.getInt("version"),
                        rs.getString("trigger"),
                        rs.getString("reasons"),
                        rs.getString("effects"),
                        List.of((String[]) rs.getArray("briefing_tags").getArray()),
                        rs.getObject("fired_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /**
     * The briefing tags that rules suggested for a conversation (the "suggest briefing answers" action), for the
     * reply composer's suggestions.
     */
    @Transactional(readOnly = true)
    public Set<String> briefingTags(WorkspaceId workspace, ConversationId conversation) {
        return new HashSet<>(jdbc.sql("""
                        select distinct unnest(briefing_tags) from routing.firing
                         where workspace_id = :workspace and conversation_id = :conversation
                        """)
                .param("workspace", workspace.value())
                .param("conversation", conversation.value())
                .query(String.class)
                .list());
    }

    private Set<AccountId> people(WorkspaceId workspace) {
        return access.members(workspace).stream()
                .filter(m -> m.party() == Party.BRAND || m.party() == Party.AGENCY)
                .map(Membership::accountId)
                .collect(Collectors.toSet());
    }

    private Map<AccountId, String> names(WorkspaceId workspace) {
        Map<AccountId, String> names = new LinkedHashMap<>();
        access.members(workspace).forEach(m -> names.put(m.accountId(), m.displayName()));
        return names;
    }

    private static String describe(Action action, Map<AccountId, String> names) {
        if (action instanceof Action.AssignPerson person) {
            return "assigned to " + names.getOrDefault(person.person(), "a former member");
        }
        return action.describe();
    }

    /**
     * A rule in words, for the rules page.
     *
     * @param disabledReason why it was disabled at run time, or {@code null} while it works
     */
    public record RuleView(
            String id,
            String name,
            boolean enabled,
            List<String> on,
            boolean stop,
            String conditions,
            List<String> actions,
            String disabledReason) {}

    /**
     * What a draft would do over the latest messages.
     *
     * @param inForce the version it is compared with; 0 when none is in force
     * @param changed how many messages it would route differently
     */
    public record Trial(int inForce, int messages, int changed, List<TrialRow> rows) {}

    /**
     * One message of a trial.
     *
     * @param classified whether routing knows what the classifiers said of it (intent, sentiment and spam tests need it)
     */
    public record TrialRow(
            UUID messageId,
            ConversationId conversationId,
            Instant at,
            String excerpt,
            boolean classified,
            List<Outcome> draft,
            List<Outcome> inForce,
            boolean changed) {}

    /**
     * One rule's outcome on a message.
     *
     * @param failure why the rule failed on it (it would be disabled), or {@code null}
     */
    public record Outcome(String rule, String why, String effects, String failure) {}

    /**
     * A rule that fired on a conversation.
     *
     * @param why the facts it matched on, e.g. {@code intent=lead, customer}
     * @param effects what it did, e.g. {@code routed to the brand, answer due Tue 24 Nov, 13:00}
     */
    public record Firing(
            String ruleId,
            String ruleName,
            int version,
            String trigger,
            String why,
            String effects,
            List<String> briefingTags,
            Instant at) {

        /** The line the conversation page shows. */
        public String line() {
            return effects + " by rule '" + ruleName + "' v" + version + ": " + why;
        }
    }
}
