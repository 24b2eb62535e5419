package dev.mandate.classify;

import dev.mandate.classify.Intent.Label;
import dev.mandate.shared.InvalidInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Intent-labelled texts: BANKING77's CSV with its 77 banking intents mapped onto ours by {@link #BANKING77} (the
 * ones that fit none are dropped), the seed threads' hand labels, or {@code text<TAB>label} lines of our labels.
 */
final class IntentCorpus {

    /** One labelled text and where it stands in its file. */
    record Example(String text, Label label, String where) {}

    /** The examples read and how many rows were left out because their intent maps onto none of ours. */
    record Read(List<Example> examples, int dropped) {}

    /**
     * BANKING77's intents as ours, reviewed one by one on their training texts. COMPLAINT: the customer reports
     * that something went wrong with the bank's service (declined, failed, wrong amount, a charge they do not
     * recognise, money not arrived). QUESTION: how something works, what it costs, whether it is possible. LEAD:
     * the customer asks for a further product (another card, a virtual or disposable card, a physical card, a card
     * brand): the closest a bank's queries come to a purchase. A social inbox's leads ask for prices and quotes, which
     * these texts seldom do; the purchase cues ("price", "Angebot", "buy") carry that part.
     */
    static final Map<String, Label> BANKING77 = Map.ofEntries(
            Map.entry("Refund_not_showing_up", Label.COMPLAINT),
            Map.entry("balance_not_updated_after_bank_transfer", Label.COMPLAINT),
            Map.entry("balance_not_updated_after_cheque_or_cash_deposit", Label.COMPLAINT),
            Map.entry("beneficiary_not_allowed", Label.COMPLAINT),
            Map.entry("card_not_working", Label.COMPLAINT),
            Map.entry("card_payment_fee_charged", Label.COMPLAINT),
            Map.entry("card_payment_not_recognised", Label.COMPLAINT),
            Map.entry("card_payment_wrong_exchange_rate", Label.COMPLAINT),
            Map.entry("card_swallowed", Label.COMPLAINT),
            Map.entry("cash_withdrawal_not_recognised", Label.COMPLAINT),
            Map.entry("contactless_not_working", Label.COMPLAINT),
            Map.entry("declined_card_payment", Label.COMPLAINT),
            Map.entry("declined_cash_withdrawal", Label.COMPLAINT),
            Map.entry("declined_transfer", Label.COMPLAINT),
            Map.entry("direct_debit_payment_not_recognised", Label.COMPLAINT),
            Map.entry("extra_charge_on_statement", Label.COMPLAINT),
            Map.entry("failed_transfer", Label.COMPLAINT),
            Map.entry("reverted_card_payment?", Label.COMPLAINT),
            Map.entry("top_up_failed", Label.COMPLAINT),
            Map.entry("top_up_reverted", Label.COMPLAINT),
            Map.entry("transaction_charged_twice", Label.COMPLAINT),
            Map.entry("transfer_not_received_by_recipient", Label.COMPLAINT),
            Map.entry("unable_to_verify_identity", Label.COMPLAINT),
            Map.entry("virtual_card_not_working", Label.COMPLAINT),
            Map.entry("wrong_amount_of_cash_received", Label.COMPLAINT),
            Map.entry("wrong_exchange_rate_for_cash_withdrawal", Label.COMPLAINT),
            Map.entry("activate_my_card", Label.QUESTION),
            Map.entry("age_limit", Label.QUESTION),
            Map.entry("apple_pay_or_google_pay", Label.QUESTION),
            Map.entry("atm_support", Label.QUESTION),
            Map.entry("automatic_top_up", Label.QUESTION),
            Map.entry("card_acceptance", Label.QUESTION),
            Map.entry("card_delivery_estimate", Label.QUESTION),
            Map.entry("card_linking", Label.QUESTION),
            Map.entry("cash_withdrawal_charge", Label.QUESTION),
            Map.entry("change_pin", Label.QUESTION),
            Map.entry("country_support", Label.QUESTION),
            Map.entry("disposable_card_limits", Label.QUESTION),
            Map.entry("edit_personal_details", Label.QUESTION),
            Map.entry("exchange_charge", Label.QUESTION),
            Map.entry("exchange_rate", Label.QUESTION),
            Map.entry("exchange_via_app", Label.QUESTION),
            Map.entry("fiat_currency_support", Label.QUESTION),
            Map.entry("receiving_money", Label.QUESTION),
            Map.entry("supported_cards_and_currencies", Label.QUESTION),
            Map.entry("top_up_by_bank_transfer_charge", Label.QUESTION),
            Map.entry("top_up_by_card_charge", Label.QUESTION),
            Map.entry("top_up_by_cash_or_cheque", Label.QUESTION),
            Map.entry("top_up_limits", Label.QUESTION),
            Map.entry("transfer_into_account", Label.QUESTION),
            Map.entry("transfer_timing", Label.QUESTION),
            Map.entry("verify_my_identity", Label.QUESTION),
            Map.entry("verify_source_of_funds", Label.QUESTION),
            Map.entry("verify_top_up", Label.QUESTION),
            Map.entry("why_verify_identity", Label.QUESTION),
            Map.entry("get_disposable_virtual_card", Label.LEAD),
            Map.entry("getting_spare_card", Label.LEAD),
            Map.entry("getting_virtual_card", Label.LEAD),
            Map.entry("order_physical_card", Label.LEAD),
            Map.entry("visa_or_mastercard", Label.LEAD));

    /**
     * BANKING77's intents whose texts mix ours so evenly that any one label would teach the model wrong: "card
     * arrival" and the "pending" ones are half "how long does it take?", half "it still has not come"; lost cards,
     * phones, PINs and passcodes are calls for help, neither question about the product nor complaint about it;
     * "request refund", "cancel transfer", "terminate account", "transfer fee charged" and "topping up by card" hold
     * questions and complaints alike; "get physical card" is about PINs, not about getting a card.
     */
    static final Set<String> BANKING77_DROPPED = Set.of(
            "card_arrival",
            "pending_card_payment",
            "pending_cash_withdrawal",
            "pending_top_up",
            "pending_transfer",
            "lost_or_stolen_card",
            "lost_or_stolen_phone",
            "compromised_card",
            "pin_blocked",
            "passcode_forgotten",
            "request_refund",
            "cancel_transfer",
            "terminate_account",
            "transfer_fee_charged",
            "topping_up_by_card",
            "card_about_to_expire",
            "get_physical_card");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private IntentCorpus() {}

    /** Reads a labelled file: BANKING77 CSV ({@code .csv}), seed threads ({@code .json}), or TSV. */
    static Read read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String content = content(file);
        if (name.endsWith(".json")) {
            return new Read(seedThreads(file, content), 0);
        }
        if (name.endsWith(".csv")) {
            return banking77(file, content);
        }
        return new Read(tsv(file, content), 0);
    }

    private static String content(Path file) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            return content.startsWith("\ufeff") ? content.substring(1) : content;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static Read banking77(Path file, String content) {
        List<Example> examples = new ArrayList<>();
        int dropped = 0;
        List<Csv.Row> rows = Csv.rows(file, content);
        if (rows.isEmpty() || !rows.get(0).fields().equals(List.of("text", "category"))) {
            throw new SpamCorpus.InvalidLine(file, 1, "the header must be text,category");
        }
        for (Csv.Row row : rows.subList(1, rows.size())) {
            if (row.fields().size() != 2) {
                throw new SpamCorpus.InvalidLine(
                        file,
                        row.line(),
                        "expected 2 fields, found " + row.fields().size());
            }
            String category = row.fields().get(1).trim();
            Label label = BANKING77.get(category);
            if (label == null) {
                if (!BANKING77_DROPPED.contains(category)) {
                    throw new SpamCorpus.InvalidLine(
                            file, row.line(), "category \"" + shorten(category) + "\" is not one of BANKING77's");
                }
                dropped++;
                continue;
            }
            examples.add(new Example(row.fields().get(0), label, file.getFileName() + ":" + row.line()));
        }
        return new Read(examples, dropped);
    }

    private static List<Example> tsv(Path file, String content) {
        List<Example> examples = new ArrayList<>();
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.lastIndexOf('\t');
            if (tab < 0) {
                throw new SpamCorpus.InvalidLine(file, i + 1, "expected text<TAB>label");
            }
            examples.add(new Example(
                    line.substring(0, tab),
                    label(file, i + 1, line.substring(tab + 1)),
                    file.getFileName() + ":" + (i + 1)));
        }
        return examples;
    }

    private static Label label(Path file, int line, String value) {
        try {
            return Label.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SpamCorpus.InvalidLine(
                    file,
                    line,
                    "label \"" + shorten(value.trim()) + "\" is none of question, complaint, lead, praise, discussion,"
                            + " other");
        }
    }

    /**
     * The comments of the seed threads with their hand-labelled intent. Those labelled {@code spam} are left out:
     * spam is the spam model's verdict, not an intent.
     */
    private static List<Example> seedThreads(Path file, String content) {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (JacksonException e) {
            throw new InvalidInput("data", file.getFileName() + " is not JSON: " + e.getOriginalMessage());
        }
        List<Example> examples = new ArrayList<>();
        JsonNode threads = root.path("threads");
        for (JsonNode thread : threads) {
            for (JsonNode comment : thread.path("comments")) {
                String where = thread.path("id").asString() + "/"
                        + comment.path("external_id").asString();
                JsonNode expected = comment.path("expected").path("intent");
                if (expected.isMissingNode() || expected.isNull()) {
                    continue;
                }
                String value = expected.asString();
                if (value.equals("spam")) {
                    continue;
                }
                Label label;
                try {
                    label = Label.valueOf(value.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInput(
                            "data",
                            file.getFileName() + " " + where + ": intent \"" + shorten(value) + "\" is unknown");
                }
                examples.add(new Example(comment.path("text").asString(), label, where));
            }
        }
        return examples;
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
