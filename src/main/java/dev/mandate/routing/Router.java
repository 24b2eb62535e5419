package dev.mandate.routing;

import dev.mandate.classify.Classification;
import dev.mandate.contact.Contacts;
import dev.mandate.inbox.Automation;
import dev.mandate.inbox.Casework;
import dev.mandate.inbox.ConversationId;
import dev.mandate.inbox.ConversationState;
import dev.mandate.inbox.ConversationThread;
import dev.mandate.inbox.Direction;
import dev.mandate.inbox.Inbox;
import dev.mandate.inbox.MessageId;
import dev.mandate.inbox.MessageReceived;
import dev.mandate.inbox.MessagesReceived;
import dev.mandate.inbox.Quarantine;
import dev.mandate.inbox.ThreadMessage;
import dev.mandate.shared.AccountId;
import dev.mandate.shared.Conflict;
import dev.mandate.shared.NotFound;
import dev.mandate.shared.Party;
import dev.mandate.shared.WorkspaceId;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.WorkspaceAccess;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Routes conversations: on every inbound message, and when a person changes a conversation's state, the rule set in
 * force runs over the facts and each matching rule's actions are carried out as that rule ("rule 'Purchase leads'
 * v3"), each rule in a transaction of its own. What rules do never runs rules again: state changes made by a rule
 * (or any automation) are not a trigger, and rules never write messages. A rule that fails is disabled with its reason
 * and the others go on; the message is in the inbox before routing starts, so a failure never loses it.
 */
@Service
class Router {

    private static final Logger log = LoggerFactory.getLogger(Router.class);
    private static final int CONFLICT_ATTEMPTS = 3;
    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);

    private final Inbox inbox;
    private final Casework casework;
    private final Quarantine quarantine;
    private final Contacts contacts;
    private final WorkspaceAccess access;
    private final RuleSets ruleSets;
    private final RuleSetReader reader;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final RoutingProperties properties;
    private final TransactionTemplate ownTransaction;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, RuleSet> compiled = new ConcurrentHashMap<>();

    Router(
            Inbox inbox,
            Casework casework,
            Quarantine quarantine,
            Contacts contacts,
            WorkspaceAccess access,
            RuleSets ruleSets,
            RuleSetReader reader,
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            Clock clock,
            RoutingProperties properties,
            PlatformTransactionManager transactions) {
        this.inbox = inbox;
        this.casework = casework;
        this.quarantine = quarantine;
        this.contacts = contacts;
        this.access = access;
        this.ruleSets = ruleSets;
        this.reader = reader;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        this.properties = properties;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    // One publication per recorded batch, not per message: a row and a task per message halved ingest's speed. Not
    // an @ApplicationModuleListener: its transaction would hold a connection for the whole batch while each message
    // is routed in a transaction of its own, two connections per task, enough to starve the pool under load.
    @Async
    @TransactionalEventListener
    void on(MessagesReceived batch) {
        if (ruleSets.inForce(batch.workspaceId(), clock.instant()).isEmpty()) {
            return;
        }
        batch.messages().forEach(this::on);
    }

    void on(MessageReceived received) {
        if (received.direction() != Direction.INBOUND) {
            return;
        }
        try {
            // each message in a transaction of its own: one that fails rolls back its own routing only
            ownTransaction.executeWithoutResult(status -> route(received));
        } catch (RuntimeException e) {
            // The message is stored already; it stays in the inbox unrouted rather than lost or retried forever.
            log.warn("Routing message {} failed; it stays unrouted: {}", received.messageId(), e.toString());
        }
    }

    @ApplicationModuleListener
    void on(Casework.ConversationWorked worked) {
        // A rule's own changes act as the system: they never trigger rules again.
        if (!worked.action().equals("conversation.state-changed")
                || worked.actor().party() == Party.SYSTEM) {
            return;
        }
        try {
            routeStateChange(worked.workspaceId(), worked.conversationId());
        } catch (RuntimeException e) {
            log.warn("Routing the state change of {} failed: {}", worked.conversationId(), e.toString());
        }
    }

    /**
     * Routes one inbound message, once: a message seen before (a repeated event) is not routed again. A message that
     * arrives while no rule set is in force is left where it landed.
     */
    List<Fired> route(MessageReceived received) {
        if (ruleSets.inForce(received.workspaceId(), clock.instant()).isEmpty()
                || quarantine.holds(received.workspaceId(), received.conversationId())
                || !remember(received)) {
            return List.of();
        }
        return run(
                received.workspaceId(),
                received.conversationId(),
                Facts.Trigger.MESSAGE,
                received.messageId(),
                received.classification(),
                received.createdAt());
    }

    /** Routes a conversation whose state a person changed, on the facts of its latest inbound message. */
    List<Fired> routeStateChange(WorkspaceId workspace, ConversationId conversation) {
        return run(workspace, conversation, Facts.Trigger.STATE_CHANGE, null, null, clock.instant());
    }

    private List<Fired> run(
            WorkspaceId workspace,
            ConversationId conversation,
            Facts.Trigger trigger,
            MessageId messageId,
            Classification classification,
            Instant at) {
        Optional<RuleSetVersion> inForce = ruleSets.inForce(workspace, clock.instant());
        if (inForce.isEmpty()) {
            return List.of();
        }
        RuleSetVersion version = inForce.get();
        RuleSet rules = compiled(workspace, version);
        Optional<Facts> facts = facts(workspace, conversation, trigger, messageId, classification, at);
        if (facts.isEmpty()) {
            return List.of();
        }
        ZoneId zone = zone(workspace, rules);
        Condition.Context context = new Condition.Context(
                zone, rules.coverage() != null ? rules.coverage() : Coverage.always(zone), properties.regexSteps());
        Map<String, String> disabled = ruleSets.disabled(workspace, version.version());
        Evaluation.Outcome outcome = Evaluation.run(rules, disabled, facts.get(), context);
        outcome.failures().forEach(f -> disable(workspace, version.version(), f.rule(), f.reason()));
        List<Fired> fired = new ArrayList<>();
        for (Evaluation.Match match : outcome.matches()) {
            apply(workspace, conversation, messageId, trigger, version.version(), rules, context, match)
                    .ifPresent(fired::add);
        }
        return fired;
    }

    /**
     * One rule's actions in a transaction of their own. Someone changing the conversation at the same moment is no
     * fault of the rule: it tries again on the new version (a few times); any other failure disables the rule.
     */
    private Optional<Fired> apply(
            WorkspaceId workspace,
            ConversationId conversation,
            MessageId messageId,
            Facts.Trigger trigger,
            int version,
            RuleSet rules,
            Condition.Context context,
            Evaluation.Match match) {
        for (int attempt = 1; ; attempt++) {
            try {
                return Optional.ofNullable(ownTransaction.execute(
                        status -> act(workspace, conversation, messageId, trigger, version, rules, context, match)));
            } catch (Conflict e) {
                if (attempt == CONFLICT_ATTEMPTS) {
                    log.warn(
                            "Routing rule '{}' left {} alone: it kept changing ({})",
                            match.rule().name(),
                            conversation,
                            e.getMessage());
                    return Optional.empty();
                }
            } catch (RuntimeException e) {
                disable(workspace, version, match.rule(), "Its actions failed: " + Evaluation.reason(e));
                return Optional.empty();
            }
        }
    }

    RuleSet compiled(WorkspaceId workspace, RuleSetVersion version) {
        return compiled.computeIfAbsent(
                workspace.value() + "/" + version.version(), key -> reader.readStored(version.body()));
    }

    ZoneId zone(WorkspaceId workspace, RuleSet rules) {
        if (rules.coverage() != null) {
            return rules.coverage().zone();
        }
        return access.members(workspace).stream()
                .findFirst()
                .map(m -> ZoneId.of(m.workspace().timeZone()))
                .orElse(ZoneOffset.UTC);
    }

    /** Records that routing saw the message, with its classification; false if it had seen it before. */
    private boolean remember(MessageReceived received) {
        String classification =
                received.classification() == null ? null : json.writeValueAsString(received.classification());
        return jdbc.sql("""
                        insert into routing.seen (message_id, workspace_id, conversation_id, classification, seen_at)
                        values (:message, :workspace, :conversation, :classification::jsonb, :at)
                        on conflict do nothing
                        """)
                        .param("message", received.messageId().value())
                        .param("workspace", received.workspaceId().value())
                        .param("conversation", received.conversationId().value())
                        .param("classification", classification)
                        .param("at", clock.instant().atOffset(ZoneOffset.UTC))
                        .update()
                > 0;
    }

    /** What the classifiers said of a message routing saw, if it saw it with a classification. */
    Classification seen(WorkspaceId workspace, MessageId message) {
        return jdbc.sql("""
                        select classification::text from routing.seen
                         where workspace_id = :workspace and message_id = :message and classification is not null
                        """)
                .param("workspace", workspace.value())
                .param("message", message.value())
                .query(String.class)
                .optional()
                .map(text -> json.readValue(text, Classification.class))
                .orElse(null);
    }

    /**
     * The facts of the message (or, on a state change, of the conversation's latest inbound message); empty when the
     * conversation is gone or has no inbound message.
     */
    Optional<Facts> facts(
            WorkspaceId workspace,
            ConversationId conversation,
            Facts.Trigger trigger,
            MessageId messageId,
            Classification classification,
            Instant at) {
        ConversationThread thread;
        try {
            thread = inbox.conversation(workspace, conversation);
        } catch (NotFound e) {
            return Optional.empty();
        }
        Optional<ThreadMessage> message = messageId != null
                ? thread.messages().stream()
                        .filter(m -> m.id().equals(messageId))
                        .findFirst()
                : thread.messages().stream()
                        .filter(m -> !m.outbound())
                        .max(Comparator.comparing(ThreadMessage::createdAt));
        if (message.isEmpty()) {
            return Optional.empty();
        }
        ThreadMessage m = message.get();
        Classification said = classification != null ? classification : seen(workspace, m.id());
        var head = casework.head(workspace, conversation).orElse(null);
        if (head == null) {
            return Optional.empty();
        }
        boolean customer = false;
        List<String> contactTags = List.of();
        if (head.contact() != null) {
            try {
                customer = contacts.summary(workspace, head.contact()).customer();
                contactTags = contacts.tags(workspace, head.contact());
            } catch (NotFound e) {
                customer = false;
            }
        }
        boolean replyToBrand = m.parentId() != null
                && thread.messages().stream().anyMatch(p -> p.id().equals(m.parentId()) && p.outbound());
        String language = said != null && !said.language().equals("unknown")
                ? said.language()
                : m.language() != null ? m.language() : thread.language();
        return Optional.of(new Facts(
                trigger,
                thread.network(),
                thread.channelAccountId() == null
                        ? null
                        : thread.channelAccountId().toString(),
                language,
                said,
                m.body(),
                customer,
                contactTags,
                head.tags(),
                replyToBrand,
                at,
                head.state(),
                head.priority()));
    }

    /** Carries out one matching rule's actions as that rule, and records the firing; in the caller's transaction. */
    private Fired act(
            WorkspaceId workspace,
            ConversationId conversation,
            MessageId messageId,
            Facts.Trigger trigger,
            int version,
            RuleSet rules,
            Condition.Context context,
            Evaluation.Match match) {
        Rule rule = match.rule();
        String name = "rule '" + rule.name() + "' v" + version;
        Automation automation = new Automation(workspace, name);
        List<String> effects = new ArrayList<>();
        List<String> briefing = new ArrayList<>();
        Map<AccountId, String> names = names(workspace);
        for (Action action : rule.actions()) {
            if (action instanceof Action.AssignParty a) {
                casework.assign(automation, conversation, a.party(), null);
                effects.add(a.describe());
            } else if (action instanceof Action.AssignPerson a) {
                casework.assign(automation, conversation, null, a.person());
                effects.add("assigned to "
                        + names.getOrDefault(a.person(), a.person().toString()));
            } else if (action instanceof Action.AssignGroup a) {
                AccountId person = pick(workspace, rules, a);
                casework.assign(automation, conversation, null, person);
                effects.add("assigned to " + names.getOrDefault(person, person.toString()) + " ("
                        + (a.strategy() == Action.Strategy.ROUND_ROBIN ? "in turn" : "least busy") + " in "
                        + a.group() + ")");
            } else if (action instanceof Action.SetPriority a) {
                casework.changePriority(automation, conversation, a.priority());
                effects.add(a.describe());
            } else if (action instanceof Action.AddTags a) {
                a.tags().forEach(tag -> casework.tag(automation, conversation, tag));
                effects.add(a.describe());
            } else if (action instanceof Action.Escalate a) {
                Instant now = clock.instant();
                Coverage coverage = context.coverage();
                Instant deadline = coverage.after(now, Duration.ofSeconds(Math.round(a.withinBusinessHours() * 3600)));
                casework.assign(automation, conversation, Party.BRAND, null);
                casework.changeState(automation, conversation, ConversationState.ESCALATED, a.question());
                events.publishEvent(new HandoffRequested(
                        workspace, conversation, a.question(), deadline, name, rule.id(), version));
                effects.add("routed to the brand, answer due " + DUE.format(deadline.atZone(context.zone())));
            } else if (action instanceof Action.SuggestBriefing a) {
                briefing.addAll(a.tags());
                effects.add(a.describe());
            } else if (action instanceof Action.HideSpam a) {
                if (messageId != null) {
                    quarantine.markSpam(automation, messageId);
                } else {
                    casework.tag(automation, conversation, "spam");
                }
                effects.add(a.describe());
            } else if (action instanceof Action.Notify a) {
                Map<String, String> data = new LinkedHashMap<>();
                data.put("conversationId", conversation.toString());
                data.put("ruleId", rule.id());
                data.put("ruleName", rule.name());
                data.put("ruleSetVersion", String.valueOf(version));
                data.put("why", match.why());
                events.publishEvent(new NotificationRequested(
                        workspace,
                        a.via() == Action.Via.EMAIL
                                ? NotificationRequested.Via.EMAIL
                                : NotificationRequested.Via.WEBHOOK,
                        a.target(),
                        "routing.rule-fired",
                        a.subject() != null ? a.subject() : "Mandate: " + name + " matched a conversation",
                        "The " + name + " matched a conversation (" + match.why() + ").",
                        data));
                effects.add(a.describe());
            }
        }
        Instant at = clock.instant();
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into routing.firing (id, workspace_id, conversation_id, message_id, trigger, version,
                                                    rule_id, rule_name, reasons, effects, briefing_tags, fired_at)
                        values (:id, :workspace, :conversation, :message, :trigger, :version, :rule, :name, :reasons,
                                :effects, :briefing, :at)
                        """)
                .param("id", id)
                .param("workspace", workspace.value())
                .param("conversation", conversation.value())
                .param("message", messageId == null ? null : messageId.value())
                .param("trigger", trigger.json())
                .param("version", version)
                .param("rule", rule.id())
                .param("name", rule.name())
                .param("reasons", match.why())
                .param("effects", String.join("; ", effects))
                .param("briefing", briefing.toArray(String[]::new))
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
        return new Fired(rule.id(), rule.name(), version, match.why(), String.join("; ", effects), briefing, at);
    }

    private AccountId pick(WorkspaceId workspace, RuleSet rules, Action.AssignGroup action) {
        List<AccountId> people = switch (action.group()) {
            case "brand", "agency" ->
                access.members(workspace).stream()
                        .filter(m -> m.party().name().equalsIgnoreCase(action.group()))
                        .map(Membership::accountId)
                        .toList();
            default -> rules.groups().getOrDefault(action.group(), List.of());
        };
        if (people.isEmpty()) {
            throw new IllegalStateException("The group " + action.group() + " has nobody to assign to.");
        }
        if (action.strategy() == Action.Strategy.ROUND_ROBIN) {
            return people.get(ruleSets.nextTurn(workspace, action.group(), people.size()));
        }
        Map<AccountId, Integer> load = casework.openLoad(workspace, people);
        return people.stream().min(Comparator.comparing(load::get)).orElseThrow();
    }

    private Map<AccountId, String> names(WorkspaceId workspace) {
        Map<AccountId, String> names = new LinkedHashMap<>();
        access.members(workspace).forEach(m -> names.put(m.accountId(), m.displayName()));
        return names;
    }

    private void disable(WorkspaceId workspace, int version, Rule rule, String reason) {
        ownTransaction.executeWithoutResult(status -> {
            if (ruleSets.disable(workspace, version, rule.id(), reason, clock.instant())) {
                events.publishEvent(new RoutingEvents.RuleDisabled(workspace, version, rule.id(), reason));
                log.warn("Routing rule '{}' v{} of workspace {} disabled: {}", rule.name(), version, workspace, reason);
            }
        });
    }

    /** One rule that fired: what it did and why. */
    record Fired(
            String ruleId,
            String ruleName,
            int version,
            String why,
            String effects,
            List<String> briefingTags,
            Instant at) {}
}
