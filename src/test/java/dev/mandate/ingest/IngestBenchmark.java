package dev.mandate.ingest;

import dev.mandate.channel.ChannelAccount;
import dev.mandate.channel.ChannelAccounts;
import dev.mandate.shared.Actor;
import dev.mandate.shared.WorkspaceId;
import dev.mandate.storage.TestDatabase;
import dev.mandate.workspace.WorkspaceService;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Ingest throughput: synthetic items through the real pipeline (JSON parsing, validation, contact matching,
 * threading, storing, events) against the same rows written with plain JDBC batches, in the same run on the same
 * database, alternating, three rounds each.
 *
 * <p>Not part of the test run (its name does not end in {@code Tests}); run it with
 *
 * <pre>mvn test -Dtest=IngestBenchmark -Dmandate.bench.items=100000</pre>
 *
 * ({@code -Dmandate.bench.analyze=false} leaves out the {@code ANALYZE} after the warm-up.)
 *
 * The figures and how to read them are in {@code docs/performance.md}.
 */
@SpringBootTest
class IngestBenchmark {

    private static final int BATCH = 500;
    private static final int ROUNDS = 3;
    /**
     * Whether the items name their language, as Twitter or Mastodon do ({@code -Dmandate.bench.source-language=false}:
     * as WordPress, which names none, so that every message's language is detected).
     */
    private static final boolean SOURCE_LANGUAGE =
            Boolean.parseBoolean(System.getProperty("mandate.bench.source-language", "true"));

    private static final String[] WORDS =
            ("thanks order delivery bread cake opening hours question price gluten free vegan sourdough "
                            + "Bestellung Lieferung Brot Kuchen Öffnungszeiten Frage Preis glutenfrei Sauerteig "
                            + "wann morgen heute great love the shop again still waiting refund Rechnung")
                    .split(" ");

    @Autowired
    Ingest ingest;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    ChannelAccounts channels;

    @Test
    void measure() throws Exception {
        int total = Integer.getInteger("mandate.bench.items", 100_000);
        // Warm-up: both paths, small. Every run gets a workspace of its own, so that no run finds the contacts
        // of another.
        runPipeline(newWorkspace(), synthetic(5_000, 1));
        runPlain(newWorkspace(), synthetic(5_000, 2));
        if (Boolean.parseBoolean(System.getProperty("mandate.bench.analyze", "true"))) {
            // What autovacuum does on a running instance within a minute. Without it, the first rounds measure
            // foreign-key checks whose cached plans were made while the tables were nearly empty (sequential
            // scans); docs/performance.md shows that figure too.
            try (Connection connection = TestDatabase.get().connect()) {
                connection
                        .createStatement()
                        .execute("analyze inbox.message, inbox.conversation, inbox.context, contact.contact,"
                                + " contact.identity");
            }
        }

        double[] pipelineRates = new double[ROUNDS];
        double[] plainRates = new double[ROUNDS];
        double[] indexedRates = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            Synthetic items = synthetic(total, 100 + round);
            plainRates[round] = total / runPlain(newWorkspace(), items);
            double seconds = runPipeline(newWorkspace(), items);
            pipelineRates[round] = total / seconds;
            // The search index works beside the pipeline (it ran during it); how long until it has caught up.
            double lag = searchIndexCatchUp();
            indexedRates[round] = total / (seconds + lag);
            System.out.printf(
                    Locale.ROOT,
                    "round %d: pipeline %,.0f items/s, plain JDBC %,.0f items/s, ratio %.2f;"
                            + " search index caught up %.1f s after the last batch (%,.0f items/s searchable)%n",
                    round + 1,
                    pipelineRates[round],
                    plainRates[round],
                    pipelineRates[round] / plainRates[round],
                    lag,
                    indexedRates[round]);
        }

        double pipeline = median(pipelineRates);
        double plain = median(plainRates);
        System.out.printf(
                Locale.ROOT,
                "INGEST %,d items in batches of %d, median of %d rounds: pipeline %,.0f items/s, plain JDBC batches"
                        + " %,.0f items/s, ratio %.2f (goal: >= 0.5 and >= 5,000 items/s)%n",
                total,
                BATCH,
                ROUNDS,
                pipeline,
                plain,
                pipeline / plain);
        System.out.printf(
                Locale.ROOT,
                "SEARCHABLE median %,.0f items/s from the first batch until the search index had caught up%n",
                median(indexedRates));
    }

    /** Seconds until the search index's queue is empty. */
    private static double searchIndexCatchUp() throws Exception {
        long start = System.nanoTime();
        try (Connection connection = TestDatabase.get().connect();
                PreparedStatement backlog = connection.prepareStatement("select count(*) from inbox.search_backlog")) {
            while (true) {
                try (var rs = backlog.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return (System.nanoTime() - start) / 1e9;
                    }
                }
                Thread.sleep(20);
            }
        }
    }

    private WorkspaceId newWorkspace() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        return workspaces
                .create(Actor.SYSTEM, "Ingest benchmark " + tag, "Europe/Berlin", "bench-" + tag + "@example.com", "B")
                .workspace()
                .id();
    }

    /** Seconds to take every batch through the pipeline as the ingest endpoint does: parse, then accept. */
    private double runPipeline(WorkspaceId workspace, Synthetic synthetic) {
        ChannelAccount account =
                channels.connect(workspace, Actor.SYSTEM, "wordpress", "bench " + UUID.randomUUID(), List.of("brand"));
        List<byte[]> bodies = new ArrayList<>();
        for (List<Map<String, Object>> batch : synthetic.batches()) {
            List<Map<String, Object>> sent = new ArrayList<>();
            for (Map<String, Object> item : batch) {
                Map<String, Object> copy = new LinkedHashMap<>(item);
                copy.put("account", account.id().toString());
                sent.add(copy);
            }
            bodies.add(SeedThreads.json(sent).getBytes(StandardCharsets.UTF_8));
        }
        long start = System.nanoTime();
        int stored = 0;
        for (byte[] body : bodies) {
            IngestJson.Delivery delivery = IngestJson.read(body);
            IngestReport report = ingest.accept(workspace, delivery.items(), delivery.rejected());
            if (!report.rejected().isEmpty()) {
                throw new IllegalStateException("the benchmark's items must be valid: " + report.rejected());
            }
            stored += report.stored();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (stored != synthetic.messages()) {
            throw new IllegalStateException("stored " + stored + " of " + synthetic.messages() + " messages");
        }
        return seconds;
    }

    /**
     * Seconds to write the same rows (contexts, conversations, contacts and identities, messages) with plain JDBC
     * batches, one transaction per batch, by a writer that already knows every id and every thread in memory: the
     * floor the pipeline is measured against.
     */
    private double runPlain(WorkspaceId workspace, Synthetic synthetic) throws Exception {
        UUID account = UUID.randomUUID();
        Map<String, UUID> messageIds = new HashMap<>();
        Map<String, UUID> conversationOf = new HashMap<>();
        Map<String, UUID> contactOf = new HashMap<>();
        Set<String> posts = new HashSet<>();
        Timestamp now = Timestamp.from(Instant.now());
        long start = System.nanoTime();
        try (Connection connection = TestDatabase.get().connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement context = connection.prepareStatement("""
                            insert into inbox.context (id, workspace_id, channel_account_id, external_id, title,
                                                       excerpt, author_name, published_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?)""");
                    PreparedStatement contact = connection.prepareStatement("""
                            insert into contact.contact (id, workspace_id, display_name, created_at)
                            values (?, ?, ?, ?)""");
                    PreparedStatement identity = connection.prepareStatement("""
                            insert into contact.identity (workspace_id, network, handle, contact_id, display_name,
                                                          first_seen_at)
                            values (?, ?, ?, ?, ?, ?)""");
                    PreparedStatement conversation = connection.prepareStatement("""
                            insert into inbox.conversation (id, workspace_id, channel_account_id, thread_key, network,
                                                            kind, context_external_id, contact_id, state, priority,
                                                            started_at, last_message_at, version)
                            values (?, ?, ?, ?, 'wordpress', 'COMMENT', ?, ?, 'OPEN', 'NORMAL', ?, ?, 0)""");
                    PreparedStatement message = connection.prepareStatement("""
                            insert into inbox.message (id, workspace_id, conversation_id, parent_id,
                                                       channel_account_id, external_id, parent_external_id, kind,
                                                       direction, author_name, author_handle, contact_id, body,
                                                       created_at, received_at)
                            values (?, ?, ?, ?, ?, ?, ?, 'COMMENT', ?, ?, ?, ?, ?, ?, ?)""")) {
                for (List<Map<String, Object>> batch : synthetic.batches()) {
                    for (Map<String, Object> item : batch) {
                        String id = (String) item.get("externalId");
                        Timestamp at = Timestamp.from(Instant.parse((String) item.get("createdAt")));
                        @SuppressWarnings("unchecked")
                        Map<String, Object> author = (Map<String, Object>) item.get("author");
                        String handle = (String) author.get("handle");
                        if ("post".equals(item.get("kind"))) {
                            posts.add(id);
                            context.setObject(1, UUID.randomUUID());
                            context.setObject(2, workspace.value());
                            context.setObject(3, account);
                            context.setString(4, id);
                            context.setString(5, (String) item.get("title"));
                            context.setString(6, (String) item.get("text"));
                            context.setString(7, handle);
                            context.setTimestamp(8, at);
                            context.addBatch();
                            continue;
                        }
                        boolean outbound = Boolean.TRUE.equals(author.get("brand"));
                        UUID contactId = null;
                        if (!outbound) {
                            contactId = contactOf.get(handle);
                            if (contactId == null) {
                                contactId = UUID.randomUUID();
                                contactOf.put(handle, contactId);
                                contact.setObject(1, contactId);
                                contact.setObject(2, workspace.value());
                                contact.setString(3, handle);
                                contact.setTimestamp(4, at);
                                contact.addBatch();
                                identity.setObject(1, workspace.value());
                                identity.setString(2, "wordpress");
                                identity.setString(3, handle);
                                identity.setObject(4, contactId);
                                identity.setString(5, handle);
                                identity.setTimestamp(6, at);
                                identity.addBatch();
                            }
                        }
                        String parent = (String) item.get("parentExternalId");
                        UUID messageId = UUID.randomUUID();
                        messageIds.put(id, messageId);
                        UUID conversationId;
                        if (parent == null || posts.contains(parent)) {
                            conversationId = UUID.randomUUID();
                            conversation.setObject(1, conversationId);
                            conversation.setObject(2, workspace.value());
                            conversation.setObject(3, account);
                            conversation.setString(4, id);
                            conversation.setString(5, (String) item.get("threadRoot"));
                            conversation.setObject(6, contactId);
                            conversation.setTimestamp(7, at);
                            conversation.setTimestamp(8, at);
                            conversation.addBatch();
                        } else {
                            conversationId = conversationOf.get(parent);
                        }
                        conversationOf.put(id, conversationId);
                        message.setObject(1, messageId);
                        message.setObject(2, workspace.value());
                        message.setObject(3, conversationId);
                        message.setObject(4, parent == null || posts.contains(parent) ? null : messageIds.get(parent));
                        message.setObject(5, account);
                        message.setString(6, id);
                        message.setString(7, parent);
                        message.setString(8, outbound ? "OUTBOUND" : "INBOUND");
                        message.setString(9, (String) author.get("name"));
                        message.setString(10, handle);
                        message.setObject(11, contactId);
                        message.setString(12, (String) item.get("text"));
                        message.setTimestamp(13, at);
                        message.setTimestamp(14, now);
                        message.addBatch();
                    }
                    context.executeBatch();
                    contact.executeBatch();
                    identity.executeBatch();
                    conversation.executeBatch();
                    message.executeBatch();
                    connection.commit();
                }
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Items in batches: posts, top-level comments, replies to earlier items (a few levels deep), brand replies. */
    private record Synthetic(List<List<Map<String, Object>>> batches, int messages) {}

    private static Synthetic synthetic(int total, long seed) {
        Random random = new Random(seed);
        List<Map<String, Object>> items = new ArrayList<>(total);
        List<String> posts = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        Map<String, String> postOf = new HashMap<>();
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        int messages = 0;
        for (int i = 0; i < total; i++) {
            at = at.plusSeconds(1 + random.nextInt(30));
            Map<String, Object> item = new LinkedHashMap<>();
            String id = "i" + i;
            item.put("externalId", id);
            item.put("createdAt", at.toString());
            if (posts.isEmpty() || random.nextInt(200) == 0) {
                item.put("kind", "post");
                item.put("title", "Post " + i);
                item.put("text", text(random, 60));
                item.put("author", Map.of("handle", "brand", "name", "The Brand", "brand", true));
                posts.add(id);
                items.add(item);
                continue;
            }
            messages++;
            boolean reply = !comments.isEmpty() && random.nextInt(10) < 6;
            String parent;
            String post;
            if (reply) {
                // mostly recent items, as real threads go; sometimes an old one
                int back = random.nextInt(10) < 8 ? random.nextInt(Math.min(comments.size(), 2_000)) : 0;
                parent = back == 0 && random.nextBoolean()
                        ? comments.get(random.nextInt(comments.size()))
                        : comments.get(comments.size() - 1 - back);
                post = postOf.get(parent);
            } else {
                post = posts.get(posts.size() - 1 - random.nextInt(Math.min(posts.size(), 5)));
                parent = null;
            }
            boolean brand = reply && random.nextInt(4) == 0;
            String handle = brand ? "brand" : "author" + random.nextInt(Math.max(1, total / 20));
            item.put("kind", "comment");
            item.put("parentExternalId", parent);
            item.put("threadRoot", post);
            item.put(
                    "author",
                    brand
                            ? Map.of("handle", handle, "name", "The Brand", "brand", true)
                            : Map.of("handle", handle, "name", "Author " + handle.substring(6)));
            item.put("text", text(random, 8 + random.nextInt(40)));
            String language = random.nextBoolean() ? "de" : "en";
            if (SOURCE_LANGUAGE) {
                item.put("language", language);
            }
            items.add(item);
            comments.add(id);
            postOf.put(id, post);
        }
        List<List<Map<String, Object>>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += BATCH) {
            batches.add(items.subList(from, Math.min(items.size(), from + BATCH)));
        }
        return new Synthetic(batches, messages);
    }

    private static String text(Random random, int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
