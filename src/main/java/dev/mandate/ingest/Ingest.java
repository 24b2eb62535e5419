package dev.mandate.ingest;

import dev.mandate.channel.ChannelAccount;
import dev.mandate.channel.ChannelAccountId;
import dev.mandate.channel.ChannelAccounts;
import dev.mandate.channel.InboundItem;
import dev.mandate.classify.SpamClassifier;
import dev.mandate.contact.AuthorIdentity;
import dev.mandate.contact.ContactId;
import dev.mandate.contact.Contacts;
import dev.mandate.inbox.ConversationKind;
import dev.mandate.inbox.Direction;
import dev.mandate.inbox.ExternalItem;
import dev.mandate.inbox.Inbox;
import dev.mandate.inbox.IncomingContext;
import dev.mandate.inbox.IncomingMessage;
import dev.mandate.inbox.Recorded;
import dev.mandate.shared.WorkspaceId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The pipeline every source feeds: validates each item, keeps the valid ones of a batch and reports the others by
 * index, and stores the valid ones in one transaction, so that a crash leaves all of them or none.
 */
@Service
public class Ingest {

    /** The most items one delivery may hold. */
    public static final int MAX_BATCH = 1000;

    private final ChannelAccounts accounts;
    private final Contacts contacts;
    private final Inbox inbox;
    private final BatchClassifier classifier;

    Ingest(ChannelAccounts accounts, Contacts contacts, Inbox inbox, BatchClassifier classifier) {
        this.accounts = accounts;
        this.contacts = contacts;
        this.inbox = inbox;
        this.classifier = classifier;
    }

    /** Stores what is valid of {@code items}, and says for each item what became of it. */
    @Transactional
    public IngestReport accept(WorkspaceId workspace, List<InboundItem> items) {
        return accept(workspace, items, List.of());
    }

    /**
     * Like {@link #accept(WorkspaceId, List)}, with items that failed to parse before they became items (their
     * rejection is reported in order with the rest).
     */
    @Transactional
    public IngestReport accept(WorkspaceId workspace, List<InboundItem> items, List<Rejection> unparsed) {
        List<Rejection> rejected = new ArrayList<>(unparsed);
        Map<String, Optional<ChannelAccount>> known = new HashMap<>();
        List<Valid> valid = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            InboundItem item = items.get(i);
            if (item == null) {
                continue; // its parse failure is among the rejections already
            }
            int index = i;
            Optional<Rejection> problem = ItemRules.check(index, item);
            if (problem.isEmpty()) {
                Optional<ChannelAccount> account = known.computeIfAbsent(item.account(), id -> find(workspace, id));
                if (account.isEmpty()) {
                    problem = Optional.of(new Rejection(
                            index,
                            "account",
                            "No channel account with this id in this workspace (or it was removed)."));
                } else if (item.network() != null
                        && !item.network()
                                .toLowerCase(Locale.ROOT)
                                .equals(account.get().network())) {
                    problem = Optional.of(new Rejection(
                            index,
                            "network",
                            "The account is on " + account.get().network() + ", not " + item.network() + "."));
                } else {
                    valid.add(new Valid(index, item, account.get()));
                }
            }
            problem.ifPresent(rejected::add);
        }

        Map<AuthorIdentity.Key, ContactId> people = contacts.identify(
                workspace,
                valid.stream()
                        .filter(v -> v.item().kind() != InboundItem.Kind.POST && !v.outbound())
                        .map(Valid::identity)
                        .toList());

        List<IncomingContext> posts = new ArrayList<>();
        List<IncomingMessage> messages = new ArrayList<>();
        List<Valid> asMessages = new ArrayList<>();
        Map<ExternalItem, String> texts = new HashMap<>();
        for (Valid v : valid) {
            if (v.item().kind() == InboundItem.Kind.POST) {
                posts.add(v.context());
            } else {
                messages.add(
                        v.message(v.outbound() ? null : people.get(v.identity().key())));
                asMessages.add(v);
            }
            String text = v.item().kind() == InboundItem.Kind.POST
                    ? SpamClassifier.Context.post(
                                    v.item().title(), v.item().url(), v.item().text())
                            .text()
                    : v.item().text();
            if (text != null) {
                texts.put(new ExternalItem(v.account().id(), v.item().externalId()), text);
            }
        }
        // Classified before anything is written, so that spam is recorded as such (and held back) from the start.
        List<Recorded> recorded = inbox.record(workspace, posts, classifier.classify(workspace, messages, texts));

        Map<Integer, IngestReport.Line> lines = new HashMap<>();
        int stored = 0;
        int duplicates = 0;
        for (int i = 0; i < asMessages.size(); i++) {
            Recorded result = recorded.get(i);
            int index = asMessages.get(i).index();
            if (result.duplicate()) {
                duplicates++;
                lines.put(index, new IngestReport.Line(index, "duplicate", null, null));
            } else {
                stored++;
                lines.put(
                        index,
                        new IngestReport.Line(
                                index,
                                "stored",
                                result.message().toString(),
                                result.conversation() == null
                                        ? null
                                        : result.conversation().toString()));
            }
        }
        valid.stream()
                .filter(v -> v.item().kind() == InboundItem.Kind.POST)
                .forEach(v -> lines.put(v.index(), new IngestReport.Line(v.index(), "context", null, null)));
        rejected.forEach(r -> lines.put(r.index(), new IngestReport.Line(r.index(), "rejected", null, null)));
        List<IngestReport.Line> ordered = lines.values().stream()
                .sorted(java.util.Comparator.comparingInt(IngestReport.Line::index))
                .collect(Collectors.toList());
        rejected.sort(java.util.Comparator.comparingInt(Rejection::index));
        return new IngestReport(stored, duplicates, ordered, List.copyOf(rejected));
    }

    private Optional<ChannelAccount> find(WorkspaceId workspace, String id) {
        try {
            return accounts.findReceiving(workspace, new ChannelAccountId(UUID.fromString(id)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A valid item with its account. */
    private record Valid(int index, InboundItem item, ChannelAccount account) {

        boolean outbound() {
            InboundItem.Author author = item.author();
            return Boolean.TRUE.equals(author.brand()) || account.isBrand(author.handle());
        }

        AuthorIdentity identity() {
            return new AuthorIdentity(
                    account.network(), item.author().handle(), item.author().name());
        }

        IncomingContext context() {
            String text = item.text() == null ? "" : item.text();
            return new IncomingContext(
                    account.id(),
                    item.externalId(),
                    item.title(),
                    item.url(),
                    text.length() > 500 ? text.substring(0, 500) + "…" : text,
                    item.author() == null ? null : item.author().name(),
                    item.createdAt(),
                    item.text());
        }

        IncomingMessage message(ContactId contact) {
            boolean threaded = item.kind() == InboundItem.Kind.DIRECT_MESSAGE || item.kind() == InboundItem.Kind.EMAIL;
            InboundItem.Author author = item.author();
            return new IncomingMessage(
                    account.id(),
                    account.network(),
                    item.externalId(),
                    item.parentExternalId(),
                    threaded ? null : item.threadRoot(),
                    threaded ? item.threadRoot() : null,
                    ConversationKind.valueOf(item.kind().name()),
                    outbound() ? Direction.OUTBOUND : Direction.INBOUND,
                    author.name() == null || author.name().isBlank()
                            ? author.handle()
                            : author.name().trim(),
                    author.handle().trim(),
                    contact,
                    item.text(),
                    item.html(),
                    item.language(),
                    ItemRules.json(item.links()),
                    ItemRules.json(item.attachments()),
                    item.raw(),
                    item.createdAt(),
                    item.title());
        }
    }
}
