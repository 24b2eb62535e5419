package dev.mandate.inbox;

import dev.mandate.channel.ChannelAccount;
import dev.mandate.channel.ChannelAccounts;
import dev.mandate.shared.Actor;
import dev.mandate.shared.WorkspaceId;
import java.io.PrintStream;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills a workspace with a large synthetic inbox for measuring the list and search: conversations on four
 * networks over the past year, German and English, in every state, some tagged and assigned, each with one to
 * {@code 2 × average − 1} messages, replies under the opening message. Written set-based, one transaction per
 * chunk of conversations, so that millions of rows take minutes.
 */
@Component
class InboxGenerator {

    /** Conversations per transaction. */
    static final int CHUNK = 50_000;

    /** A word planted in about one conversation in 10,000, for measuring a rare search. */
    static final String RARE_WORD = "Zwetschgendatschi";

    private static final String[] GERMAN = {
        "Habt ihr am Sonntag geöffnet?",
        "Meine Bestellung ist leider noch nicht angekommen.",
        "Das Sauerteigbrot war wieder großartig, danke!",
        "Gibt es den Kuchen auch glutenfrei?",
        "Kann ich eine Torte für Samstag vorbestellen?",
        "Die Brötchen waren heute Morgen leider hart.",
        "Liefert ihr auch nach Kreuzberg?",
        "Wie lange ist das Brot haltbar?",
        "Ich warte seit einer Woche auf eine Antwort.",
        "Super Service, vielen Dank für die schnelle Lieferung.",
        "Sind in dem Dinkelbrot Nüsse enthalten?",
        "Warum ist der Preis für Brezeln gestiegen?"
    };

    private static final String[] ENGLISH = {
        "Are you open on Sunday mornings?",
        "My order still has not arrived.",
        "The sourdough was great again, thank you!",
        "Do you have a gluten free cake?",
        "Can I pre-order a birthday cake for Saturday?",
        "The rolls were stale this morning, sadly.",
        "Do you deliver to Kreuzberg?",
        "How long does the bread keep?",
        "I have been waiting a week for an answer.",
        "Great service, thanks for the quick delivery.",
        "Does the spelt loaf contain nuts?",
        "Why did the price of pretzels go up?"
    };

    private static final String[] TAGS = {"complaint", "delivery", "order", "allergens", "praise", "catering"};

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ChannelAccounts channels;
    private final MessageRecorder recorder;
    private final SearchIndex search;

    InboxGenerator(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            ChannelAccounts channels,
            MessageRecorder recorder,
            SearchIndex search) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.channels = channels;
        this.recorder = recorder;
        this.search = search;
    }

    /** Adds {@code conversations} conversations with about {@code messages} messages in all to the workspace. */
    Generated generate(WorkspaceId workspace, int conversations, long messages, PrintStream progress) {
        if (conversations < 1 || messages < conversations) {
            throw new IllegalArgumentException("Give at least one conversation and at least one message for each.");
        }
        int average = (int) Math.max(1, Math.round((double) messages / conversations));
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<ChannelAccount> accounts = List.of(
                channels.connect(workspace, Actor.SYSTEM, "wordpress", "Generated blog " + run, List.of("brand")),
                channels.connect(workspace, Actor.SYSTEM, "mastodon", "Generated Mastodon " + run, List.of("brand")),
                channels.connect(workspace, Actor.SYSTEM, "facebook", "Generated Facebook " + run, List.of("brand")),
                channels.connect(workspace, Actor.SYSTEM, "email", "Generated mailbox " + run, List.of("brand")));
        UUID[] accountIds = accounts.stream().map(a -> a.id().value()).toArray(UUID[]::new);
        long start = System.nanoTime();
        long written = 0;
        for (int from = 0; from < conversations; from += CHUNK) {
            int to = Math.min(conversations, from + CHUNK);
            int first = from;
            Long count = transactions.execute(tx -> chunk(workspace, run, accountIds, first, to, average));
            written += count == null ? 0 : count;
            search.catchUp();
            progress.printf(
                    "%,d of %,d conversations, %,d messages, %.0f s%n",
                    to, conversations, written, (System.nanoTime() - start) / 1e9);
        }
        jdbc.sql("analyze inbox.conversation").update();
        jdbc.sql("analyze inbox.message").update();
        jdbc.sql("analyze inbox.conversation_search").update();
        return new Generated(conversations, written, (System.nanoTime() - start) / 1e9);
    }

    /** What was generated, and how long it took. */
    record Generated(int conversations, long messages, double seconds) {}

    private long chunk(WorkspaceId workspace, String run, UUID[] accounts, int from, int to, int average) {
        jdbc.sql("set local work_mem = '256MB'").update();
        jdbc.sql("""
                        create temporary table generated (no int primary key, id uuid, account uuid, network text,
                                                          language text, started timestamptz, messages int)
                            on commit drop
                        """).update();
        jdbc.sql("""
                        insert into generated
                        select n, gen_random_uuid(), (:accounts::uuid[])[1 + n % 4],
                               (array['wordpress', 'mastodon', 'facebook', 'email'])[1 + n % 4],
                               case when n % 3 = 0 then 'en' else 'de' end,
                               now() - random() * interval '365 days',
                               1 + (n::bigint * 7919) % (2 * :average - 1)
                          from generate_series(:from, :to - 1) as n
                        """)
                .param("accounts", accounts)
                .param("average", average)
                .param("from", from)
                .param("to", to)
                .update();
        jdbc.sql("""
                        insert into inbox.conversation (id, workspace_id, channel_account_id, thread_key, network, kind,
                                                        context_title, state, priority, language, started_at,
                                                        last_message_at, version, tags, assigned_party)
                        select g.id, :workspace, g.account, :run || '-' || g.no, g.network,
                               case g.network when 'email' then 'EMAIL' else 'COMMENT' end,
                               case when g.network <> 'email' then 'Post ' || (g.no / 40) end,
                               'OPEN',
                               (array['LOW', 'NORMAL', 'NORMAL', 'NORMAL', 'NORMAL', 'HIGH', 'URGENT'])[1 + g.no % 7],
                               g.language, g.started, g.started, 0,
                               case when g.no % 50 = 0 then array[(:tags::text[])[1 + (g.no / 50) % 6]]
                                    else '{}'::text[] end,
                               case g.no % 5 when 0 then 'BRAND' when 1 then 'AGENCY' end
                          from generated g
                        """)
                .param("workspace", workspace.value())
                .param("run", run)
                .param("tags", TAGS)
                .update();
        long messages = jdbc.sql("""
                        insert into inbox.message (id, workspace_id, conversation_id, parent_id, channel_account_id,
                                                   external_id, kind, direction, author_name, author_handle, body,
                                                   language, created_at, received_at)
                        select md5(g.id::text || '-' || k)::uuid, :workspace, g.id,
                               case when k > 1 then md5(g.id::text || '-1')::uuid end,
                               g.account, :run || '-' || g.no || '-' || k, 'COMMENT',
                               case when k > 1 and (g.no + k) % 3 = 0 then 'OUTBOUND' else 'INBOUND' end,
                               case when k > 1 and (g.no + k) % 3 = 0 then 'The Brand' else 'Customer ' || (g.no % 20000) end,
                               case when k > 1 and (g.no + k) % 3 = 0 then 'brand' else 'customer' || (g.no % 20000) end,
                               case when g.language = 'de'
                                    then (:german::text[])[1 + (g.no * 31 + k) % 12] || ' '
                                         || (:german::text[])[1 + (g.no * 17 + k * 5) % 12]
                                    else (:english::text[])[1 + (g.no * 31 + k) % 12] || ' '
                                         || (:english::text[])[1 + (g.no * 17 + k * 5) % 12] end
                               || case when (g.no * 13 + k) % 10007 = 0 then ' ' || :rare else '' end,
                               g.language,
                               g.started + (k - 1) * interval '37 minutes',
                               g.started + (k - 1) * interval '37 minutes'
                          from generated g
                          cross join lateral generate_series(1, g.messages) as k
                        """)
                .param("workspace", workspace.value())
                .param("run", run)
                .param("german", GERMAN)
                .param("english", ENGLISH)
                .param("rare", RARE_WORD)
                .update();
        List<UUID> ids = jdbc.sql("select id from generated").query(UUID.class).list();
        recorder.summarise(ids);
        // Some conversations are closed or escalated, as in a real inbox.
        jdbc.sql("""
                        update inbox.conversation c
                           set state = case when g.no % 4 = 0 then 'CLOSED' else 'ESCALATED' end,
                               waiting_since = case when g.no % 4 = 0 then null else c.waiting_since end
                          from generated g
                         where c.id = g.id and (g.no % 4 = 0 or g.no % 97 = 0)
                        """).update();
        return messages;
    }
}
