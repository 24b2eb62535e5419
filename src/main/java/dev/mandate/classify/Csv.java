package dev.mandate.classify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads comma-separated records as RFC 4180 writes them: quoted fields may hold commas, quotes and line breaks. */
final class Csv {

    /** One record's fields and the line it starts on. */
    record Row(List<String> fields, int line) {}

    private Csv() {}

    static List<Row> rows(Path file, String content) {
        List<Row> rows = new ArrayList<>();
        int pos = 0;
        int line = 1;
        while (pos < content.length()) {
            int recordLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean atFieldStart = true;
            while (pos < content.length()) {
                char c = content.charAt(pos++);
                if (quoted) {
                    if (c == '"') {
                        if (pos < content.length() && content.charAt(pos) == '"') {
                            field.append('"');
                            pos++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        line += c == '\n' ? 1 : 0;
                        field.append(c);
                    }
                } else if (c == '"' && atFieldStart) {
                    quoted = true;
                    atFieldStart = false;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    atFieldStart = true;
                } else if (c == '\n') {
                    line++;
                    break;
                } else if (c != '\r') {
                    field.append(c);
                    atFieldStart = false;
                }
            }
            if (quoted) {
                throw new SpamCorpus.InvalidLine(file, recordLine, "a quoted field is never closed");
            }
            fields.add(field.toString());
            if (fields.size() == 1 && fields.get(0).isBlank()) {
                continue;
            }
            rows.add(new Row(List.copyOf(fields), recordLine));
        }
        return rows;
    }
}
