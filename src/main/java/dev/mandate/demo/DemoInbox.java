package dev.mandate.demo;

import dev.mandate.channel.ChannelAccount;
import dev.mandate.channel.ChannelAccounts;
import dev.mandate.channel.InboundItem;
import dev.mandate.contact.ContactBook;
import dev.mandate.inbox.Casework;
import dev.mandate.inbox.ConversationId;
import dev.mandate.inbox.ConversationState;
import dev.mandate.inbox.Direction;
import dev.mandate.inbox.NewConversation;
import dev.mandate.inbox.NewMessage;
import dev.mandate.ingest.Ingest;
import dev.mandate.ingest.IngestReport;
import dev.mandate.shared.Actor;
import dev.mandate.shared.Party;
import dev.mandate.shared.WorkspaceId;
import dev.mandate.workspace.Membership;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Fills the demo workspace's inbox the way a real one fills: the bakery's channel accounts, and its customers'
 * comments, mentions and e-mails sent through the ingest pipeline (so they come with their posts and contacts);
 * then a morning's work on them: one assigned to the agency with a follow-up, one escalated to the brand, a
 * regular customer known by number.
 */
@Component
class DemoInbox {

    /** The bakery's own names on its channels: what they write is the brand's answer. */
    static final List<String> BRAND_HANDLES =
            List.of("baeckerei-sonnenkorn", "@sonnenkorn@social.example", "sonnenkorn", "info@sonnenkorn.example");

    private final ChannelAccounts channels;
    private final Ingest ingest;
    private final Casework casework;
    private final ContactBook contacts;
    private final Clock clock;

    DemoInbox(ChannelAccounts channels, Ingest ingest, Casework casework, ContactBook contacts, Clock clock) {
        this.channels = channels;
        this.ingest = ingest;
        this.casework = casework;
        this.contacts = contacts;
        this.clock = clock;
    }

    /** The conversations, in the order given; each started by its first message. */
    List<ConversationId> fill(WorkspaceId workspace, List<NewConversation> conversations) {
        Map<String, ChannelAccount> accounts = new LinkedHashMap<>();
        List<InboundItem> items = new ArrayList<>();
        List<Integer> firstItems = new ArrayList<>();
        for (int i = 0; i < conversations.size(); i++) {
            NewConversation conversation = conversations.get(i);
            ChannelAccount account = accounts.computeIfAbsent(
                    conversation.network(),
                    network -> channels.connect(workspace, Actor.SYSTEM, network, label(network), BRAND_HANDLES));
            boolean mail = conversation.network().equals("email");
            String root = conversation.contextTitle() != null ? "post-" + i : "thread-" + i;
            Instant first = conversation.messages().get(0).createdAt();
            if (conversation.contextTitle() != null) {
                items.add(new InboundItem(
                        account.id().toString(),
                        null,
                        root,
                        null,
                        null,
                        InboundItem.Kind.POST,
                        new InboundItem.Author(BRAND_HANDLES.get(0), DemoConversations.BRAND, true),
                        conversation.contextTitle(),
                        null,
                        conversation.contextTitle(),
                        conversation.contextUrl(),
                        conversation.language(),
                        List.of(),
                        List.of(),
                        first.minus(Duration.ofHours(3)),
                        null));
            }
            Map<Object, String> externalIds = new HashMap<>();
            firstItems.add(items.size());
            for (int m = 0; m < conversation.messages().size(); m++) {
                NewMessage message = conversation.messages().get(m);
                String externalId = "demo-" + i + "-" + m;
                externalIds.put(message.id(), externalId);
                boolean brand = message.direction() == Direction.OUTBOUND;
                items.add(new InboundItem(
                        account.id().toString(),
                        null,
                        externalId,
                        message.parentId() == null ? null : externalIds.get(message.parentId()),
                        root,
                        mail ? InboundItem.Kind.EMAIL : InboundItem.Kind.COMMENT,
                        new InboundItem.Author(
                                brand ? BRAND_HANDLES.get(0) : handle(message), message.authorName(), brand),
                        message.body(),
                        null,
                        null,
                        null,
                        message.language(),
                        List.of(),
                        List.of(),
                        message.createdAt(),
                        null));
            }
        }
        IngestReport report = ingest.accept(workspace, items);
        if (!report.rejected().isEmpty()) {
            throw new IllegalStateException("The demo's own messages were refused: " + report.rejected());
        }
        return firstItems.stream()
                .map(index -> ConversationId.parse(report.items().get(index).conversationId()))
                .toList();
    }

    /** A morning's work: the agency takes the allergen question, escalates the complaint, knows a regular. */
    void work(
            Membership owner,
            Membership lead,
            Membership agent,
            ConversationId allergens,
            ConversationId complaint,
            ConversationId catering) {
        long version = casework.work(lead, allergens).head().version();
        version = casework.assign(lead, allergens, version, Party.AGENCY, agent.accountId());
        casework.tag(lead, allergens, version, "allergens");
        LocalDate tomorrow = LocalDate.now(clock.withZone(ZoneId.of(DemoWorkspace.TIME_ZONE)))
                .plusDays(1);
        casework.followUp(
                lead,
                allergens,
                "Ask the bakery whether the walnut loaf shares trays with sesame",
                tomorrow.atTime(LocalTime.of(10, 0))
                        .atZone(ZoneId.of(DemoWorkspace.TIME_ZONE))
                        .toInstant(),
                agent.accountId());

        version = casework.work(agent, complaint).head().version();
        version = casework.changeState(
                agent,
                complaint,
                version,
                ConversationState.ESCALATED,
                "The customer asks for a refund; the mandate leaves refunds to the bakery.");
        casework.assign(agent, complaint, version, Party.BRAND, owner.accountId());
        casework.note(
                agent, complaint, "Order 1187, birthday cake, delivered 40 minutes late according to the driver.");
        var complainant = casework.work(owner, complaint).head().contact();
        if (complainant != null) {
            contacts.setCustomer(owner, complainant, true, "K-10452");
        }

        version = casework.work(owner, catering).head().version();
        version = casework.assign(owner, catering, version, Party.BRAND, owner.accountId());
        casework.tag(owner, catering, version, "catering");
    }

    private static String label(String network) {
        return switch (network) {
            case "facebook" -> "Facebook page";
            case "mastodon" -> "Mastodon";
            case "email" -> "info@sonnenkorn.example";
            case "blog" -> "Bakery blog";
            default -> network;
        };
    }

    /** The author's handle, or one made from their name where the network shows none. */
    private static String handle(NewMessage message) {
        if (message.authorHandle() != null && !message.authorHandle().isBlank()) {
            return message.authorHandle();
        }
        return Normalizer.normalize(message.authorName(), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", ".");
    }
}
