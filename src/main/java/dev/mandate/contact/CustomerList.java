package dev.mandate.contact;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A customer list as the brand exports it from its own records: CSV in UTF-8 (with or without a byte order mark),
 * separated by commas or by semicolons (as German Excel writes it), with a header row naming the columns
 * {@code customer_number}, {@code name}, {@code email}, {@code handle} and {@code network}. Reading it checks every
 * row and names each bad one by its line number; it touches no database.
 */
final class CustomerList {

    static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    static final Pattern NETWORK = Pattern.compile("^[a-z][a-z0-9_-]{0,31}$");
    static final int MAX_NUMBER = 64;
    static final int MAX_NAME = 200;
    static final int MAX_HANDLE = 254;

    private static final Map<String, String> COLUMNS = Map.ofEntries(
            Map.entry("customer_number", "customer_number"),
            Map.entry("customer_no", "customer_number"),
            Map.entry("number", "customer_number"),
            Map.entry("kundennummer", "customer_number"),
            Map.entry("name", "name"),
            Map.entry("display_name", "name"),
            Map.entry("email", "email"),
            Map.entry("e_mail", "email"),
            Map.entry("handle", "handle"),
            Map.entry("network", "network"));

    /** One good row: the customer's number, and what identifies them (at least one of name, e-mail, handle). */
    record Row(int line, String customerNumber, String name, String email, String handle, String network) {

        /** The identities the row names: its e-mail address and its handle on a network. */
        List<AuthorIdentity.Key> identities() {
            List<AuthorIdentity.Key> keys = new ArrayList<>(2);
            if (email != null) {
                keys.add(new AuthorIdentity.Key("email", email));
            }
            if (handle != null) {
                keys.add(new AuthorIdentity.Key(network, handle));
            }
            return keys;
        }

        /** The name a new contact gets from this row. */
        String displayName() {
            return name != null ? name : email != null ? email : handle;
        }
    }

    /** A line that cannot be imported, and why. */
    record BadLine(int line, String message) {}

    /** The good rows, the bad lines, and the header's columns that were not understood (and so not read). */
    record Parsed(List<Row> rows, List<BadLine> bad, List<String> ignoredColumns) {}

    private CustomerList() {}

    static Parsed parse(byte[] bytes, int maxRows) {
        String text = decode(bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Record> records = records(text, separatorOf(text));
        if (records.isEmpty() || records.get(0).blank()) {
            throw new CustomerListRejected(List.of(new BadLine(
                    1, "the first line must name the columns, e.g. customer_number,name,email,handle,network")));
        }
        Record header = records.get(0);
        Map<String, Integer> columns = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < header.fields().size(); i++) {
            String raw = header.fields().get(i).trim();
            String name =
                    COLUMNS.get(raw.toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
            if (name == null || columns.containsKey(name)) {
                if (!raw.isEmpty()) {
                    ignored.add(raw);
                }
            } else {
                columns.put(name, i);
            }
        }
        if (!columns.containsKey("customer_number")) {
            throw new CustomerListRejected(List.of(new BadLine(
                    header.line(), "the header has no customer_number column (found: " + header.fields() + ")")));
        }
        if (!columns.containsKey("name") && !columns.containsKey("email") && !columns.containsKey("handle")) {
            throw new CustomerListRejected(List.of(new BadLine(
                    header.line(), "the header needs a name, email or handle column besides customer_number")));
        }
        if (records.size() - 1 > maxRows) {
            throw new CustomerListRejected(List.of(new BadLine(
                    records.get(maxRows + 1).line(), "the list is longer than " + maxRows + " rows; split it")));
        }

        List<Row> rows = new ArrayList<>();
        List<BadLine> bad = new ArrayList<>();
        Map<String, Integer> numbers = new HashMap<>();
        Map<AuthorIdentity.Key, Integer> identities = new HashMap<>();
        for (Record record : records.subList(1, records.size())) {
            if (record.blank()) {
                continue;
            }
            if (record.unterminated()) {
                bad.add(new BadLine(record.line(), "a quoted field is not closed"));
                continue;
            }
            if (record.fields().size() > header.fields().size()) {
                bad.add(new BadLine(
                        record.line(),
                        "has " + record.fields().size() + " fields, the header "
                                + header.fields().size()));
                continue;
            }
            String problem = null;
            String number = field(record, columns, "customer_number");
            String name = field(record, columns, "name");
            String email = lower(field(record, columns, "email"));
            String handle = lower(field(record, columns, "handle"));
            String network = lower(field(record, columns, "network"));
            if (number == null) {
                problem = "has no customer number";
            } else if (number.length() > MAX_NUMBER) {
                problem = "the customer number is longer than " + MAX_NUMBER + " characters";
            } else if (name != null && name.length() > MAX_NAME) {
                problem = "the name is longer than " + MAX_NAME + " characters";
            } else if (email != null
                    && (email.length() > MAX_HANDLE || !EMAIL.matcher(email).matches())) {
                problem = "'" + email + "' is not an e-mail address";
            } else if (handle != null && network == null) {
                problem = "names the handle '" + handle + "' but no network";
            } else if (handle != null && !NETWORK.matcher(network).matches()) {
                problem = "'" + network + "' is not a network name (lower case, e.g. mastodon)";
            } else if (handle != null && handle.length() > MAX_HANDLE) {
                problem = "the handle is longer than " + MAX_HANDLE + " characters";
            } else if (name == null && email == null && handle == null) {
                problem = "has neither a name, an e-mail address nor a handle";
            } else if (numbers.containsKey(number)) {
                problem = "customer number " + number + " is also on line " + numbers.get(number);
            }
            Row row = new Row(record.line(), number, name, email, handle, handle == null ? null : network);
            if (problem == null) {
                for (AuthorIdentity.Key key : row.identities()) {
                    Integer other = identities.get(key);
                    if (other != null) {
                        problem = key.handle() + " is also on line " + other;
                        break;
                    }
                }
            }
            if (problem != null) {
                bad.add(new BadLine(record.line(), problem));
                continue;
            }
            numbers.put(number, record.line());
            row.identities().forEach(key -> identities.put(key, record.line()));
            rows.add(row);
        }
        return new Parsed(List.copyOf(rows), List.copyOf(bad), List.copyOf(ignored));
    }

    private static String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new CustomerListRejected(List.of(
                    new BadLine(line, "is not UTF-8 text; save the list as \"CSV UTF-8\" and upload it again")));
        }
        out.flip();
        return out.toString();
    }

    /** A semicolon where the header has more semicolons than commas (German Excel), else a comma. */
    private static char separatorOf(String text) {
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        long semicolons = first.chars().filter(c -> c == ';').count();
        long commas = first.chars().filter(c -> c == ',').count();
        return semicolons > commas ? ';' : ',';
    }

    private static String field(Record record, Map<String, Integer> columns, String name) {
        Integer index = columns.get(name);
        if (index == null || index >= record.fields().size()) {
            return null;
        }
        String value = record.fields().get(index).strip();
        return value.isEmpty() ? null : value;
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    /** One record of the file, starting on {@code line}; a quoted field may span lines. */
    private record Record(int line, List<String> fields, boolean unterminated) {

        boolean blank() {
            return fields.stream().allMatch(String::isBlank);
        }
    }

    /** RFC 4180 records: fields in double quotes may hold separators, line breaks and doubled quotes. */
    private static List<Record> records(String text, char separator) {
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int start = 1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
            } else if (c == separator) {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                records.add(new Record(start, List.copyOf(fields), false));
                fields.clear();
                line++;
                start = line;
            } else {
                field.append(c);
            }
            i++;
        }
        if (quoted || field.length() > 0 || !fields.isEmpty()) {
            fields.add(field.toString());
            records.add(new Record(start, List.copyOf(fields), quoted));
        }
        return records;
    }
}
