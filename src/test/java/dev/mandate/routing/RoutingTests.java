package dev.mandate.routing;

import static dev.mandate.routing.RoutingFixtures.classified;
import static dev.mandate.routing.RoutingFixtures.comment;
import static dev.mandate.routing.RoutingFixtures.received;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mandate.account.AccountDirectory;
import dev.mandate.channel.ChannelAccount;
import dev.mandate.channel.ChannelAccounts;
import dev.mandate.channel.InboundItem;
import dev.mandate.classify.Classification;
import dev.mandate.classify.Intent;
import dev.mandate.contact.ContactBook;
import dev.mandate.inbox.Casework;
import dev.mandate.inbox.ConversationId;
import dev.mandate.inbox.ConversationState;
import dev.mandate.inbox.Inbox;
import dev.mandate.inbox.Priority;
import dev.mandate.inbox.Quarantine;
import dev.mandate.ingest.Ingest;
import dev.mandate.ingest.IngestReport;
import dev.mandate.shared.Actor;
import dev.mandate.shared.Forbidden;
import dev.mandate.shared.Party;
import dev.mandate.workspace.Membership;
import dev.mandate.workspace.Role;
import dev.mandate.workspace.WorkspaceFixtures;
import dev.mandate.workspace.WorkspaceService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Routing on real conversations: the issue's rule set over the seed threads and a generated stream, loops shown
 * impossible, a rule failing at run time, versions and approval, trials that change nothing, workspaces kept apart.
 */
@SpringBootTest
@RecordApplicationEvents
class RoutingTests {

    @Autowired
    RoutingRules rules;

    @Autowired
    Router router;

    @Autowired
    Casework casework;

    @Autowired
    Quarantine quarantine;

    @Autowired
    Inbox inbox;

    @Autowired
    Ingest ingest;

    @Autowired
    ChannelAccounts channels;

    @Autowired
    ContactBook contacts;

    @Autowired
    dev.mandate.contact.Contacts contactTags;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    ApplicationEvents events;

    @Autowired
    dev.mandate.audit.AuditTrail audit;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    WorkspaceFixtures.Team team;
    Membership owner;
    Membership lead;
    Membership agent;
    ChannelAccount blog;

    @BeforeEach
    void aBrandWithItsAgency() {
        team = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();
        owner = new Membership(team.workspace(), team.owner().account().id(), "Olga Owner", Role.OWNER);
        lead = new Membership(team.workspace(), team.lead().account().id(), "Lea Lead", Role.LEAD);
        agent = new Membership(team.workspace(), team.agent().account().id(), "Aga Agent", Role.AGENT);
        blog = channels.connect(team.id(), Actor.SYSTEM, "wordpress", "Blog", List.of("brand"));
    }

    @Test
    void routesTheSeedThreadsAsTheRuleSetSays() throws Exception {
        Map<String, Classification> said = new LinkedHashMap<>();
        Map<String, IngestReport.Line> stored = new LinkedHashMap<>();
        Map<String, Instant> at = new HashMap<>();
        for (SeedComment c : ingestSeedThreads()) {
            if (c.byBrand()) {
                continue;
            }
            String intent = c.expected().get("intent").stringValue();
            said.put(
                    c.key(),
                    classified(
                            intent.equals("spam")
                                    ? Intent.Label.OTHER
                                    : Intent.Label.valueOf(intent.toUpperCase(Locale.ROOT)),
                            c.expected().get("spam").booleanValue(),
                            c.expected().get("language").stringValue()));
            stored.put(c.key(), c.line());
            at.put(c.key(), c.at());
        }
        settled();
        rules.save(owner, RoutingFixtures.ISSUE_RULE_SET);

        stored.forEach((key, line) -> router.route(received(team.id(), line, "blog", at.get(key), said.get(key))));

        // The spam comment under the English post is hidden; the German praise stays with the agency; the discussion
        // (the question of who passes what to whom) is neither a lead nor a complaint, so no rule takes it.
        assertThat(quarantine.holds(team.id(), conversation(stored.get("blogger-outsourcing-and-social-media/c1"))))
                .isTrue();
        assertThat(head(stored.get("wordpress-social-media-management-outsourcen/c1"))
                        .assignedParty())
                .isEqualTo(Party.AGENCY);
        assertThat(head(stored.get("wordpress-social-media-management-outsourcen/c3")))
                .satisfies(h -> {
                    assertThat(h.assignedParty()).isNull();
                    assertThat(h.state()).isEqualTo(ConversationState.OPEN);
                });
        assertThat(rules.firings(owner, conversation(stored.get("wordpress-social-media-management-outsourcen/c1"))))
                .extracting(RoutingRules.Firing::line)
                .containsExactly("assigned to the agency; briefing suggested on #opening-hours by rule 'Praise and"
                        + " routine questions' v1: intent=praise");
    }

    @Test
    void givesTheBrandTheSeedConversationsItsHandLabelsSayNeedIt() throws Exception {
        // The issue's rule set and one rule more: an argument with the brand's position wants the brand's own voice.
        JsonMapper json = JsonMapper.builder().build();
        ObjectNode ruleSet = (ObjectNode) json.readTree(RoutingFixtures.ISSUE_RULE_SET);
        ((ArrayNode) ruleSet.get("rules")).add(json.readTree("""
                {"id": "discussions", "name": "Discussions of our position", "stop": true,
                 "conditions": {"all": [{"field": "intent", "op": "is", "value": "discussion"}]},
                 "actions": [{"type": "escalate", "question": "Someone argues with our position.",
                              "withinBusinessHours": 8}]}
                """));
        String withDiscussions = json.writeValueAsString(ruleSet);
        rules.save(owner, withDiscussions);

        // classified by the real classifiers on the way in, routed on arrival
        List<SeedComment> comments = ingestSeedThreads();
        settled();

        assertThat(comments).hasSize(7);
        for (SeedComment c : comments) {
            Casework.Work.Head head = head(c.line());
            boolean withTheBrand = head.state() == ConversationState.ESCALATED && head.assignedParty() == Party.BRAND;
            assertThat(withTheBrand)
                    .as("%s (%s, %s)", c.key(), head.state(), head.assignedParty())
                    .isEqualTo(c.expected().get("needs_brand").booleanValue());
        }
    }

    /** A seed comment as ingested: its key (thread/comment), what ingest reported, its hand labels. */
    private record SeedComment(String key, IngestReport.Line line, JsonNode expected, boolean byBrand, Instant at) {}

    /** Ingests the seed threads comment by comment, as a connector delivers them. */
    private List<SeedComment> ingestSeedThreads() throws Exception {
        JsonNode seed = JsonMapper.builder()
                .build()
                .readTree(Files.readString(Path.of("..", "shared", "fixtures", "seed-threads.json")));
        List<SeedComment> comments = new ArrayList<>();
        for (JsonNode thread : seed.get("threads")) {
            ChannelAccount account = channels.connect(
                    team.id(),
                    Actor.SYSTEM,
                    thread.get("channel").stringValue(),
                    thread.get("id").stringValue(),
                    List.of());
            JsonNode article = thread.get("post");
            String post = article.get("external_id").stringValue();
            // as a connector delivers them: the post first, so that comments are read against it
            ingest.accept(
                    team.id(),
                    List.of(new InboundItem(
                            account.id().toString(),
                            null,
                            post,
                            null,
                            null,
                            InboundItem.Kind.POST,
                            new InboundItem.Author(
                                    article.get("author").stringValue(),
                                    article.get("author").stringValue(),
                                    true),
                            article.get("text").stringValue(),
                            null,
                            article.path("title").asString(null),
                            null,
                            null,
                            null,
                            null,
                            Instant.parse(article.get("published_at").stringValue()),
                            null)));
            for (JsonNode c : thread.get("comments")) {
                boolean brand =
                        c.has("author_is_brand") && c.get("author_is_brand").booleanValue();
                JsonNode parent = c.get("parent");
                Instant when = Instant.parse(c.get("published_at").stringValue());
                IngestReport report = ingest.accept(
                        team.id(),
                        List.of(new InboundItem(
                                account.id().toString(),
                                null,
                                c.get("external_id").stringValue(),
                                parent == null || parent.isNull() ? null : parent.stringValue(),
                                post,
                                c.has("kind") && c.get("kind").stringValue().equals("pingback")
                                        ? InboundItem.Kind.PINGBACK
                                        : InboundItem.Kind.COMMENT,
                                new InboundItem.Author(
                                        c.get("author").stringValue(),
                                        c.get("author").stringValue(),
                                        brand),
                                c.get("text").stringValue(),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                when,
                                null)));
                comments.add(new SeedComment(
                        thread.get("id").stringValue() + "/"
                                + c.get("external_id").stringValue(),
                        report.items().get(0),
                        c.get("expected"),
                        brand,
                        when));
            }
        }
        return comments;
    }

    @Test
    void routesAGeneratedStreamAsWritten() {
        Random random = new Random(6);
        Intent.Label[] intents = Intent.Label.values();
        record Sent(IngestReport.Line line, Intent.Label intent, boolean spam, boolean customer, Instant at) {}
        List<Sent> stream = new ArrayList<>();
        Instant start = Instant.now().minusSeconds(3600);
        for (int i = 0; i < 120; i++) {
            Intent.Label intent = intents[random.nextInt(intents.length)];
            boolean spam = random.nextInt(10) == 0;
            boolean customer = random.nextInt(3) == 0;
            Instant when = start.plusSeconds(i * 10L);
            IngestReport.Line line = comment(ingest, team.id(), blog, "author-" + i, "Message " + i, when);
            if (customer) {
                var contact = casework.head(team.id(), conversation(line))
                        .orElseThrow()
                        .contact();
                contacts.setCustomer(owner, contact, true, "K-" + i);
            }
            stream.add(new Sent(line, intent, spam, customer, when));
        }
        settled();
        rules.save(owner, RoutingFixtures.ISSUE_RULE_SET);

        for (Sent sent : stream) {
            router.route(received(
                    team.id(), sent.line(), "wordpress", sent.at(), classified(sent.intent(), sent.spam(), "de")));
        }

        int escalated = 0;
        for (Sent sent : stream) {
            Casework.Work.Head head = head(sent.line());
            String what = sent.intent() + (sent.spam() ? " spam" : "") + (sent.customer() ? " customer" : "");
            if (sent.spam()) {
                assertThat(quarantine.holds(team.id(), conversation(sent.line())))
                        .as(what)
                        .isTrue();
            } else if (sent.intent() == Intent.Label.LEAD
                    || (sent.intent() == Intent.Label.COMPLAINT && sent.customer())) {
                escalated++;
                assertThat(head.state()).as(what).isEqualTo(ConversationState.ESCALATED);
                assertThat(head.assignedParty()).as(what).isEqualTo(Party.BRAND);
                assertThat(head.priority())
                        .as(what)
                        .isEqualTo(sent.intent() == Intent.Label.COMPLAINT ? Priority.HIGH : Priority.NORMAL);
            } else if (sent.intent() == Intent.Label.PRAISE || sent.intent() == Intent.Label.QUESTION) {
                assertThat(head.assignedParty()).as(what).isEqualTo(Party.AGENCY);
                assertThat(head.state()).as(what).isEqualTo(ConversationState.OPEN);
            } else {
                assertThat(head.assignedParty()).as(what).isNull();
                assertThat(head.state()).as(what).isEqualTo(ConversationState.OPEN);
                assertThat(rules.firings(owner, conversation(sent.line())))
                        .as(what)
                        .isEmpty();
            }
        }
        assertThat(escalated).isGreaterThan(10);
        List<dev.mandate.routing.HandoffRequested> handoffs = events.stream(dev.mandate.routing.HandoffRequested.class)
                .filter(h -> h.workspaceId().equals(team.id()))
                .toList();
        assertThat(handoffs).hasSize(escalated).allSatisfy(h -> {
            assertThat(h.ruleVersion()).isEqualTo(1);
            assertThat(h.requestedBy()).isIn("rule 'Purchase leads' v1", "rule 'Complaints from customers' v1");
            assertThat(h.deadline()).isAfter(Instant.now());
        });
        Sent lead = stream.stream()
                .filter(s -> s.intent() == Intent.Label.LEAD && !s.spam())
                .findFirst()
                .orElseThrow();
        assertThat(rules.firings(owner, conversation(lead.line())))
                .singleElement()
                .satisfies(f -> assertThat(f.line())
                        .matches("routed to the brand, answer due .+; tagged #lead by rule 'Purchase leads' v1:"
                                + " intent=lead"));
        assertThat(activity(lead.line())).anySatisfy(a -> {
            assertThat(a.actorName()).isEqualTo("rule 'Purchase leads' v1");
            assertThat(a.actorParty()).isEqualTo(Party.SYSTEM);
        });
    }

    @Test
    void whatRulesDoNeverTriggersRulesAgain() {
        // Each rule undoes the one before: if a rule's change ran rules again, this would ping-pong forever.
        rules.save(owner, """
                {"rules": [
                  {"id": "escalate-open", "name": "Escalate open", "on": ["message", "state-change"],
                   "conditions": {"field": "state", "op": "is", "value": "open"},
                   "actions": [{"type": "escalate", "question": "Yours", "withinBusinessHours": 1}]},
                  {"id": "close-escalated", "name": "Close escalated", "on": ["message", "state-change"],
                   "conditions": {"field": "state", "op": "is", "value": "escalated"},
                   "actions": [{"type": "hide-spam"}]},
                  {"id": "reopen-closed", "name": "Escalate closed", "on": ["message", "state-change"],
                   "conditions": {"field": "state", "op": "is", "value": "closed"},
                   "actions": [{"type": "escalate", "question": "Again", "withinBusinessHours": 1}]}
                ]}
                """);
        Instant now = Instant.now();
        IngestReport.Line line = comment(ingest, team.id(), blog, "pat", "Hello", now); // routed on arrival

        // Routing runs after the message's transaction; its own changes publish events too: give them time.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !rules.firings(owner, conversation(line)).isEmpty());
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> rules.firings(owner, conversation(line)).size() == 1);
        assertThat(rules.firings(owner, conversation(line)))
                .extracting(RoutingRules.Firing::ruleId)
                .containsExactly("escalate-open");
        assertThat(head(line).state()).isEqualTo(ConversationState.ESCALATED);

        // A person's change of state is a trigger; the rule's change that follows is not.
        casework.changeState(lead, conversation(line), head(line).version(), ConversationState.OPEN, null);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> rules.firings(owner, conversation(line)).size() >= 2);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> rules.firings(owner, conversation(line)).size() == 2);
        assertThat(rules.firings(owner, conversation(line)))
                .extracting(RoutingRules.Firing::ruleId, RoutingRules.Firing::trigger)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("escalate-open", "message"),
                        org.assertj.core.groups.Tuple.tuple("escalate-open", "state-change"));
        assertThat(head(line).state()).isEqualTo(ConversationState.ESCALATED);
        assertThat(activity(line))
                .filteredOn(a -> a.action().equals("conversation.state-changed"))
                .extracting(Casework.Activity::actorName)
                .containsExactly("rule 'Escalate open' v1", "Lea Lead", "rule 'Escalate open' v1");
    }

    @Test
    void routesByTheContactsTags() {
        IngestReport.Line first = comment(ingest, team.id(), blog, "grosshandel-meier", "Hallo", Instant.now());
        var contact = head(first).contact();
        contacts.tag(agent, contact, "Wholesale");
        settled();
        rules.save(owner, """
                {"rules": [{"id": "wholesale", "name": "Wholesale customers",
                            "conditions": {"field": "contactTag", "op": "has", "value": "wholesale"},
                            "actions": [{"type": "priority", "value": "urgent"}]}]}
                """);

        IngestReport.Line second =
                comment(ingest, team.id(), blog, "grosshandel-meier", "200 Brötchen für Montag?", Instant.now());
        IngestReport.Line stranger = comment(ingest, team.id(), blog, "someone", "200 Brötchen?", Instant.now());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !rules.firings(owner, conversation(second)).isEmpty());
        settled();

        assertThat(head(second).priority()).isEqualTo(Priority.URGENT);
        assertThat(rules.firings(owner, conversation(second)))
                .extracting(RoutingRules.Firing::why)
                .containsExactly("contact #wholesale");
        assertThat(head(stranger).priority()).isEqualTo(Priority.NORMAL);
        assertThat(contactTags.tags(team.id(), contact)).containsExactly("wholesale");
    }

    @Test
    void disablesARuleThatFailsAtRunTimeAndTheMessageStillLands() {
        rules.save(owner, """
                {"rules": [
                  {"id": "slow", "name": "Slow pattern",
                   "conditions": {"field": "text", "op": "matches", "value": "a*a*a*a*a*b"},
                   "actions": [{"type": "tag", "tags": ["slow"]}]},
                  {"id": "everyone", "name": "Everyone to the agency",
                   "conditions": {"field": "customer", "op": "is", "value": false},
                   "actions": [{"type": "assign", "party": "agency"}]}
                ]}
                """);

        IngestReport.Line line = comment(ingest, team.id(), blog, "sam", "a".repeat(80), Instant.now());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !rules.firings(owner, conversation(line)).isEmpty());

        assertThat(inbox.conversation(owner, conversation(line)).messages())
                .extracting(m -> m.body())
                .containsExactly("a".repeat(80));
        assertThat(head(line).tags()).doesNotContain("slow");
        assertThat(head(line).assignedParty()).isEqualTo(Party.AGENCY);
        List<RoutingRules.RuleView> views = rules.rules(owner, 1);
        assertThat(views.get(0).disabledReason()).contains("needed more steps than allowed");
        assertThat(views.get(1).disabledReason()).isNull();

        // Disabled, it is skipped from then on, and the next message is routed by the others.
        IngestReport.Line next = comment(ingest, team.id(), blog, "sue", "b", Instant.now());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !rules.firings(owner, conversation(next)).isEmpty());
        assertThat(rules.firings(owner, conversation(next)))
                .extracting(RoutingRules.Firing::ruleId)
                .containsExactly("everyone");
    }

    @Test
    void disablesARuleWhoseActionFails() {
        rules.save(owner, """
                {"rules": [
                  {"id": "to-aga", "name": "To Aga",
                   "conditions": {"field": "customer", "op": "is", "value": false},
                   "actions": [{"type": "tag", "tags": ["for-aga"]}, {"type": "assign", "person": "%s"}]}
                ]}
                """.formatted(agent.accountId().value()));
        workspaces.remove(team.id(), team.owner().account(), agent.accountId());

        IngestReport.Line line = comment(ingest, team.id(), blog, "kim", "Hi", Instant.now());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> rules.rules(owner, 1).get(0).disabledReason() != null);

        // Nothing of the failed rule stays (its tag neither); the conversation is in the inbox, unrouted.
        assertThat(head(line).tags()).doesNotContain("for-aga");
        assertThat(head(line).assignee()).isNull();
        assertThat(rules.rules(owner, 1).get(0).disabledReason()).startsWith("Its actions failed: ");
    }

    @Test
    void anAgencyRuleSetIsADraftUntilTheBrandApprovesIt() throws Exception {
        Instant before = Instant.now();
        RuleSetVersion draft = rules.save(lead, RoutingFixtures.ISSUE_RULE_SET);
        assertThat(draft.approved()).isFalse();
        assertThat(rules.inForce(owner, null)).isEmpty();
        assertThatThrownBy(() -> rules.approve(lead, draft.version())).isInstanceOf(Forbidden.class);

        Thread.sleep(5);
        RuleSetVersion approved = rules.approve(owner, draft.version());
        Instant afterFirst = Instant.now();
        Thread.sleep(5);
        RuleSetVersion second = rules.save(
                owner,
                RoutingFixtures.ISSUE_RULE_SET.replace("\"withinBusinessHours\": 4", "\"withinBusinessHours\": 2"));

        assertThat(approved.approvedByName()).isEqualTo("Olga Owner");
        assertThat(second.approved()).isTrue();
        assertThat(second.changes())
                .isEqualTo("changed rule 'purchase-leads' (actions); changed rule 'customer-complaints' (actions)");
        assertThat(rules.inForce(owner, before)).isEmpty();
        assertThat(rules.inForce(owner, afterFirst))
                .map(RuleSetVersion::version)
                .contains(1);
        assertThat(rules.inForce(owner, null)).map(RuleSetVersion::version).contains(2);
        assertThat(audit.entries(team.id(), null, 50))
                .extracting(
                        dev.mandate.audit.AuditEntry::action,
                        dev.mandate.audit.AuditEntry::actorName,
                        dev.mandate.audit.AuditEntry::subjectId)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("routing.rule-set-saved", "Lea Lead", "1"),
                        org.assertj.core.groups.Tuple.tuple("routing.rule-set-approved", "Olga Owner", "1"),
                        org.assertj.core.groups.Tuple.tuple("routing.rule-set-saved", "Olga Owner", "2"));
        assertThat(rules.versions(owner))
                .extracting(RuleSetVersion::version, RuleSetVersion::savedByName, RuleSetVersion::savedByParty)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, "Olga Owner", Party.BRAND),
                        org.assertj.core.groups.Tuple.tuple(1, "Lea Lead", Party.AGENCY));
    }

    @Test
    void aTrialShowsWhatADraftWouldChangeAndChangesNothing() {
        IngestReport.Line question =
                comment(ingest, team.id(), blog, "ann", "Wie sind die Öffnungszeiten?", Instant.now());
        IngestReport.Line other = comment(ingest, team.id(), blog, "bob", "Schönes Wetter", Instant.now());
        long version = head(question).version();

        RoutingRules.Trial trial = rules.trial(agent, RoutingFixtures.ISSUE_RULE_SET, 10);

        assertThat(trial.inForce()).isZero();
        assertThat(trial.messages()).isEqualTo(2);
        assertThat(trial.changed()).isEqualTo(1);
        assertThat(trial.rows().stream().filter(r -> r.conversationId().equals(conversation(question))))
                .singleElement()
                .satisfies(r -> assertThat(r.draft()).singleElement().satisfies(o -> {
                    assertThat(o.rule()).isEqualTo("Praise and routine questions");
                    assertThat(o.why()).isEqualTo("text contains \"öffnungszeiten\"");
                }));
        assertThat(head(question).version()).isEqualTo(version);
        assertThat(head(question).assignedParty()).isNull();
        assertThat(rules.firings(owner, conversation(question))).isEmpty();
        assertThat(rules.firings(owner, conversation(other))).isEmpty();
        assertThat(rules.versions(owner)).isEmpty();
    }

    @Test
    void aWorkspacesRulesRouteOnlyItsOwnConversations() {
        WorkspaceFixtures.Team other = new WorkspaceFixtures(workspaces, accounts).brandWithAgency();
        Membership otherOwner =
                new Membership(other.workspace(), other.owner().account().id(), "Olga Owner", Role.OWNER);
        ChannelAccount otherBlog = channels.connect(other.id(), Actor.SYSTEM, "wordpress", "Blog", List.of());
        rules.save(owner, """
                {"rules": [{"id": "all", "name": "All", "conditions": {"field": "customer", "op": "is", "value": false},
                            "actions": [{"type": "tag", "tags": ["mine"]}]}]}
                """);

        IngestReport.Line theirs = comment(ingest, other.id(), otherBlog, "zed", "Hi", Instant.now());
        IngestReport.Line mine = comment(ingest, team.id(), blog, "zed", "Hi", Instant.now());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !rules.firings(owner, conversation(mine)).isEmpty());

        assertThat(head(mine).tags()).contains("mine");
        assertThat(casework.head(other.id(), conversation(theirs)).orElseThrow().tags())
                .doesNotContain("mine");
        assertThat(rules.versions(otherOwner)).isEmpty();
        assertThatThrownBy(() -> rules.firings(otherOwner, conversation(mine)))
                .isInstanceOf(dev.mandate.shared.NotFound.class);
        assertThat(rules.trial(otherOwner, RoutingFixtures.ISSUE_RULE_SET, 50).rows())
                .extracting(RoutingRules.TrialRow::conversationId)
                .containsExactly(conversation(theirs));
    }

    /**
     * Waits until every event of this workspace was handled: messages that arrived before the rule set are then
     * known to have passed routing while nothing was in force, so the test routes them itself with what the
     * classifiers (of another branch) would have said.
     */
    private void settled() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("select count(*) from event_publication where serialized_event like :workspace")
                                .param("workspace", "%" + team.id().value() + "%")
                                .query(Long.class)
                                .single()
                        == 0);
    }

    private Casework.Work.Head head(IngestReport.Line line) {
        return casework.head(team.id(), conversation(line)).orElseThrow();
    }

    private List<Casework.Activity> activity(IngestReport.Line line) {
        return casework.work(owner, conversation(line)).activity();
    }

    private static ConversationId conversation(IngestReport.Line line) {
        return ConversationId.parse(line.conversationId());
    }
}
