package dev.mandate.routing;

import dev.mandate.account.AccountDirectory;
import dev.mandate.inbox.Inbox;
import dev.mandate.workspace.WorkspaceService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Briefing suggestions on a big briefing: one workspace with {@code mandate.bench.entries} entries (10,000 by default;
 * questions and answers in English and German, built from a bakery's vocabulary), and realistic customer messages in
 * both languages, each suggested many times after a warm-up, at the service the conversation page calls; and the
 * query's plan.
 *
 * <p>Not part of the test run (its name does not end in {@code Tests}); run it, holding the machine's bench lock, with
 *
 * <pre>mvn test -Dtest=BriefingBenchmark -Dmandate.bench.entries=10000</pre>
 *
 * The figures are in {@code docs/handoffs.md}.
 */
@SpringBootTest
class BriefingBenchmark {

    private static final int WARM_UP = 50;
    private static final int RUNS = 500;

    static final List<String> MESSAGES = List.of(
            "Wo finde ich die Rechnungen zu meinen Bestellungen?",
            "Can I get an invoice for my order?",
            "Habt ihr am Sonntag geöffnet?",
            "Do you deliver birthday cakes to offices?",
            "Ist euer Dinkelbrot vegan?",
            "Is the sourdough bread gluten free?",
            "Ich möchte 200 Brötchen für unsere Firmenfeier bestellen, geht das bis Freitag?",
            "My croissants were stale this morning, I want a refund.",
            "Kann ich mit Karte zahlen?",
            "Where can I park near the shop?",
            "Gibt es Allergene in den Nussecken?",
            "How long do your rye loaves keep fresh?");

    @Autowired
    Briefing briefing;

    @Autowired
    Inbox inbox;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void measure() {
        int entries = Integer.getInteger("mandate.bench.entries", 10_000);
        HandoffFixtures f = new HandoffFixtures(workspaces, accounts, inbox);
        long started = System.nanoTime();
        jdbc.sql("""
                        insert into routing.briefing_entry (id, workspace_id, question, answer_en, answer_de, tags, tag_text,
                                                            owner_name, valid_until, created_at, updated_at)
                        select gen_random_uuid(), :workspace,
                               (array['Can I order', 'Do you deliver', 'How much are', 'Are there allergens in',
                                      'Kann ich bestellen:', 'Liefert ihr', 'Was kosten', 'Sind Allergene in'])[1 + i % 8]
                               || ' ' || (array['spelt bread', 'Dinkelbrot', 'rye loaves', 'Roggenbrot', 'croissants',
                                                'Brötchen', 'birthday cakes', 'Geburtstagstorten', 'sourdough',
                                                'Sauerteigbrot', 'nut corners', 'Nussecken', 'pretzels', 'Brezeln',
                                                'apple pie', 'Apfelkuchen', 'baguette', 'Vollkornbrot', 'muffins',
                                                'Streuselkuchen'])[1 + (i / 8) % 20]
                               || ' ' || (array['for the office', 'für die Firma', 'on Sunday', 'am Wochenende',
                                                'with invoice', 'mit Rechnung', 'gluten free', 'glutenfrei', 'vegan',
                                                'in bulk', 'in großen Mengen', 'for a wedding', 'zur Hochzeit',
                                                'by card', 'mit Karte', 'with delivery', 'mit Lieferung', 'today',
                                                'morgen früh', 'next week'])[1 + (i / 160) % 20]
                               || ' (' || i || ')',
                               case when i % 3 <> 0 then 'Yes. Entry ' || i || ': our bakers answer every order, '
                                   || (array['invoices are sent by e-mail', 'delivery costs 5 euros',
                                             'we open from 8 to 12 on Sundays', 'ingredients are listed in the shop',
                                             'orders need three days notice'])[1 + i % 5] end,
                               case when i % 3 <> 1 then 'Ja. Eintrag ' || i || ': '
                                   || (array['Rechnungen senden wir per E-Mail', 'die Lieferung kostet 5 Euro',
                                             'sonntags haben wir von 8 bis 12 geöffnet',
                                             'die Zutaten hängen im Laden aus',
                                             'Bestellungen brauchen drei Tage Vorlauf'])[1 + i % 5] end,
                               array[(array['orders', 'delivery', 'hours', 'allergens', 'payment'])[1 + i % 5]],
                               (array['orders', 'delivery', 'hours', 'allergens', 'payment'])[1 + i % 5],
                               'Bench', case when i % 10 = 0 then current_date - 1 end, now(), now()
                          from generate_series(1, :entries) i
                        """)
                .param("workspace", f.team.id().value())
                .param("entries", entries)
                .update();
        jdbc.sql("analyze routing.briefing_entry").update();
        System.out.printf("Generated %,d entries in %.1f s%n", entries, (System.nanoTime() - started) / 1e9);

        for (int i = 0; i < WARM_UP; i++) {
            String message = MESSAGES.get(i % MESSAGES.size());
            briefing.suggest(f.agent, message, language(message), 5);
        }
        long[] nanos = new long[RUNS];
        int found = 0;
        for (int i = 0; i < RUNS; i++) {
            String message = MESSAGES.get(i % MESSAGES.size());
            long t0 = System.nanoTime();
            found += briefing.suggest(f.agent, message, language(message), 5).size();
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        System.out.printf(
                "suggest (top 5) over %,d entries, %d runs: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms;"
                        + " %.1f suggestions per message%n",
                entries,
                RUNS,
                nanos[RUNS / 2] / 1e6,
                nanos[(int) (RUNS * 0.95)] / 1e6,
                nanos[(int) (RUNS * 0.99)] / 1e6,
                nanos[RUNS - 1] / 1e6,
                (double) found / RUNS);
        for (String message : List.of(MESSAGES.get(0), MESSAGES.get(1))) {
            System.out.println(message + " -> "
                    + briefing.suggest(f.agent, message, language(message), 3).stream()
                            .map(s -> s.entry().question() + " " + s.matched())
                            .toList());
        }
        // A common word matches a third of the briefing (the planner scans); a rare one uses the GIN index.
        for (String text : List.of(MESSAGES.get(0), "Hochzeit")) {
            List<String> plan = new ArrayList<>(jdbc.sql("""
                            explain (analyze, buffers)
                            select id from routing.briefing_entry e
                             where e.workspace_id = :workspace
                               and e.search_de @@ replace(plainto_tsquery('german', :text)::text, ' & ', ' | ')::tsquery
                            """)
                    .param("workspace", f.team.id().value())
                    .param("text", text)
                    .query(String.class)
                    .list());
            System.out.println("Plan for '" + text + "':");
            plan.forEach(System.out::println);
        }
    }

    private static String language(String message) {
        return message.matches(".*\\b(ich|ihr|euer|Gibt|Ist|Habt|Kann|Wo)\\b.*") ? "de" : "en";
    }
}
