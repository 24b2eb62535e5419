package dev.mandate.ingest;

import dev.mandate.classify.Classification;
import dev.mandate.classify.Classifier;
import dev.mandate.classify.SpamClassifier;
import dev.mandate.contact.ContactId;
import dev.mandate.inbox.Direction;
import dev.mandate.inbox.ExternalItem;
import dev.mandate.inbox.Inbox;
import dev.mandate.inbox.IncomingMessage;
import dev.mandate.inbox.MessageHistory;
import dev.mandate.shared.WorkspaceId;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Classifies a batch's inbound messages before they are recorded: each against the text it answers (the post it
 * sits under, or its parent message; from the batch, or stored earlier) and with what the workspace has seen before
 * of its author and its text. The classifiers run on a small pool of threads when the batch is large enough to gain
 * from it (about 120 µs a message, most of it language detection); a classifier that fails on a message leaves that
 * message unclassified rather than failing the batch.
 */
@Component
class BatchClassifier {

    /** Below this many messages, handing work to other threads costs more than it saves. */
    static final int PARALLEL_FROM = 32;

    private static final Logger log = LoggerFactory.getLogger(BatchClassifier.class);

    private final Classifier classifier;
    private final Inbox inbox;
    private final int threads;
    private final ExecutorService pool;

    BatchClassifier(Classifier classifier, Inbox inbox, IngestProperties properties) {
        this.classifier = classifier;
        this.inbox = inbox;
        this.threads = properties.classifyThreads() == 0
                ? Runtime.getRuntime().availableProcessors()
                : properties.classifyThreads();
        AtomicInteger counter = new AtomicInteger();
        this.pool = threads <= 1
                ? null
                : Executors.newFixedThreadPool(threads - 1, runnable -> {
                    Thread thread = new Thread(runnable, "ingest-classify-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * The messages, the inbound ones classified; {@code batchTexts} holds the text of every post and message of the
     * batch by its external id.
     */
    List<IncomingMessage> classify(
            WorkspaceId workspace, List<IncomingMessage> messages, Map<ExternalItem, String> batchTexts) {
        List<Integer> inbound = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).direction() == Direction.INBOUND) {
                inbound.add(i);
            }
        }
        if (inbound.isEmpty()) {
            return messages;
        }
        int n = inbound.size();
        ExternalItem[] answers = new ExternalItem[n];
        Long[] hashes = new Long[n];
        Set<ExternalItem> missing = new HashSet<>();
        Set<ContactId> authors = new HashSet<>();
        Map<Long, Integer> inBatch = new HashMap<>();
        for (int k = 0; k < n; k++) {
            IncomingMessage message = messages.get(inbound.get(k));
            answers[k] = answers(message);
            if (answers[k] != null && !batchTexts.containsKey(answers[k])) {
                missing.add(answers[k]);
            }
            hashes[k] = RepeatedText.hash(message.body());
            if (hashes[k] != null) {
                inBatch.merge(hashes[k], 1, Integer::sum);
            }
            if (message.contact() != null) {
                authors.add(message.contact());
            }
        }
        Map<ExternalItem, String> stored = inbox.storedTexts(workspace, missing);
        MessageHistory history = inbox.history(
                workspace,
                authors,
                java.util.Arrays.stream(hashes).filter(Objects::nonNull).toList());

        Classification[] results = new Classification[n];
        Runnable[] chunks = chunks(n, k -> {
            IncomingMessage message = messages.get(inbound.get(k));
            String text = answers[k] == null ? null : batchTexts.getOrDefault(answers[k], stored.get(answers[k]));
            SpamClassifier.Context context =
                    answers[k] != null && !answers[k].externalId().equals(message.contextExternalId())
                            ? SpamClassifier.Context.message(text)
                            : SpamClassifier.Context.post(text);
            results[k] = classify(
                    workspace,
                    message,
                    context,
                    history.seen(message.contact(), hashes[k], hashes[k] == null ? 0 : inBatch.get(hashes[k]) - 1));
        });
        run(chunks);

        List<IncomingMessage> classified = new ArrayList<>(messages);
        for (int k = 0; k < n; k++) {
            int i = inbound.get(k);
            classified.set(i, messages.get(i).classified(results[k], hashes[k]));
        }
        return classified;
    }

    /** What the message answers: its parent message, or else the post it sits under. */
    static ExternalItem answers(IncomingMessage message) {
        String parent = message.parentExternalId();
        if (parent != null && !parent.equals(message.contextExternalId())) {
            return new ExternalItem(message.account(), parent);
        }
        if (message.contextExternalId() != null) {
            return new ExternalItem(message.account(), message.contextExternalId());
        }
        return parent == null ? null : new ExternalItem(message.account(), parent);
    }

    private Classification classify(
            WorkspaceId workspace, IncomingMessage message, SpamClassifier.Context context, SpamClassifier.Seen seen) {
        try {
            return classifier.classify(workspace, message.body(), context, seen, message.language());
        } catch (RuntimeException e) {
            // A classifier's bug must not cost the customer's message its place in the inbox.
            log.warn(
                    "Could not classify message {} ({}); recorded without a classification",
                    message.externalId(),
                    e.getClass().getSimpleName());
            return null;
        }
    }

    private Runnable[] chunks(int n, java.util.function.IntConsumer each) {
        int parts = pool == null || n < PARALLEL_FROM ? 1 : Math.min(threads, n);
        Runnable[] chunks = new Runnable[parts];
        for (int p = 0; p < parts; p++) {
            int from = (int) ((long) n * p / parts);
            int to = (int) ((long) n * (p + 1) / parts);
            chunks[p] = () -> {
                for (int k = from; k < to; k++) {
                    each.accept(k);
                }
            };
        }
        return chunks;
    }

    private void run(Runnable[] chunks) {
        List<CompletableFuture<Void>> others = new ArrayList<>();
        for (int p = 1; p < chunks.length; p++) {
            others.add(CompletableFuture.runAsync(chunks[p], pool));
        }
        chunks[0].run(); // the ingesting thread does its share instead of waiting idle
        others.forEach(CompletableFuture::join);
    }

    @PreDestroy
    void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
