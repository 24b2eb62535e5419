package dev.mandate.inbox;

import dev.mandate.shared.Repeating;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The conversations' search text (German and English stemming over all their messages), made anew for the
 * conversations that {@link MessageRecorder} queued in {@code inbox.search_backlog}, shortly after their messages
 * commit (a very long thread keeps the newest 200,000 characters searchable). Each round takes the oldest part of the queue and rebuilds those conversations' text in one statement. A
 * queue row whose writer has not committed is not visible to the round and waits for the next, so no message is
 * missed and no writer ever waits for the index.
 */
@Component
class SearchIndex implements SmartLifecycle {

    /** What {@link #indexBatch()} returns when another indexer is at work. */
    static final int BUSY = -1;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final InboxProperties properties;
    private final Repeating repeating;

    SearchIndex(JdbcClient jdbc, TransactionTemplate transactions, InboxProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.repeating = new Repeating("search-index", properties.searchIndexDelay(), this::round);
    }

    /** Indexes up to one batch of the queue; how many conversations it indexed, or {@link #BUSY}. */
    int indexBatch() {
        Integer done = transactions.execute(status -> {
            // One indexer at a time, also across nodes: two could otherwise write one conversation's text from
            // snapshots of different ages, the older last.
            if (!jdbc.sql("select pg_try_advisory_xact_lock(hashtextextended('inbox.search_index', 7))")
                    .query(Boolean.class)
                    .single()) {
                return BUSY;
            }
            return jdbc.sql("""
                            with taken as (
                                delete from inbox.search_backlog b
                                 where b.id in (select id from inbox.search_backlog order by id limit :batch)
                                returning b.conversation_id),
                            texts as (
                                select m.conversation_id,
                                       left(string_agg(m.body, ' ' order by m.created_at desc, m.id desc), 200000) as text
                                  from inbox.message m
                                 where m.conversation_id in (select conversation_id from taken)
                                 group by m.conversation_id)
                            insert into inbox.conversation_search (conversation_id, search)
                            select conversation_id, to_tsvector('german', text) || to_tsvector('english', text)
                              from texts
                            on conflict (conversation_id) do update set search = excluded.search
                            """).param("batch", properties.searchIndexBatch()).update();
        });
        return done == null ? 0 : done;
    }

    /** Indexes until the queue is empty (what was queued before the call); how many conversations. */
    int catchUp() {
        int total = 0;
        while (true) {
            int done = indexBatch();
            if (done == 0) {
                return total;
            }
            if (done == BUSY) {
                // Another indexer (another node, or the scheduled round) is at work; it will be done shortly.
                pause();
            } else {
                total += done;
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the search index", e);
        }
    }

    /** How many conversations wait to be indexed. */
    long backlog() {
        return jdbc.sql("select count(*) from inbox.search_backlog")
                .query(Long.class)
                .single();
    }

    /** Until the queue is empty; a busy index (another node's) is left to its work. A failure leaves the queue. */
    private void round() {
        while (indexBatch() > 0) {
            // the next batch
        }
    }

    @Override
    public void start() {
        repeating.start();
    }

    @Override
    public void stop() {
        repeating.stop();
    }

    @Override
    public boolean isRunning() {
        return repeating.running();
    }
}
