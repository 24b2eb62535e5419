package dev.mandate.routing;

import dev.mandate.channel.ChannelAccount;
import dev.mandate.channel.InboundItem;
import dev.mandate.classify.Abuse;
import dev.mandate.classify.Classification;
import dev.mandate.classify.Intent;
import dev.mandate.classify.Sentiment;
import dev.mandate.classify.Spam;
import dev.mandate.inbox.ConversationId;
import dev.mandate.inbox.Direction;
import dev.mandate.inbox.MessageId;
import dev.mandate.inbox.MessageReceived;
import dev.mandate.ingest.Ingest;
import dev.mandate.ingest.IngestReport;
import dev.mandate.shared.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Messages for routing tests: ingested as a network would deliver them, then classified as the pipeline would. */
final class RoutingFixtures {

    /** The rule set of the issue: leads and customers' complaints to the brand, praise and questions to the agency. */
    static final String ISSUE_RULE_SET = RoutingRules.EXAMPLE;

    private RoutingFixtures() {}

    static Classification classified(Intent.Label intent, boolean spam, String language) {
        return new Classification(
                new Spam(spam ? 0.97 : 0.03, spam ? Spam.Verdict.SPAM : Spam.Verdict.NOT_SPAM, List.of()),
                language,
                0.9,
                new Intent(intent, 0.8, List.of()),
                new Sentiment(
                        intent == Intent.Label.COMPLAINT ? Sentiment.Polarity.NEGATIVE : Sentiment.Polarity.NEUTRAL,
                        0,
                        List.of()),
                new Abuse(false, 0, List.of()));
    }

    /** A top-level comment by {@code handle}, stored through the ingest pipeline; the line of its report. */
    static IngestReport.Line comment(
            Ingest ingest, WorkspaceId workspace, ChannelAccount account, String handle, String text, Instant at) {
        IngestReport report = ingest.accept(
                workspace,
                List.of(new InboundItem(
                        account.id().toString(),
                        null,
                        "c-" + UUID.randomUUID(),
                        null,
                        "post-1",
                        InboundItem.Kind.COMMENT,
                        new InboundItem.Author(handle, handle, false),
                        text,
                        null,
                        null,
                        null,
                        "en",
                        null,
                        null,
                        at,
                        null)));
        return report.items().get(0);
    }

    /** The event the pipeline publishes for a stored inbound message, with what its classifiers said. */
    static MessageReceived received(
            WorkspaceId workspace, IngestReport.Line line, String network, Instant at, Classification classification) {
        return new MessageReceived(
                workspace,
                ConversationId.parse(line.conversationId()),
                new MessageId(UUID.fromString(line.messageId())),
                Direction.INBOUND,
                network,
                at,
                classification);
    }
}
