package dev.mandate.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads labelled spam data in the formats of {@code ../shared/datasets}: the YouTube Spam Collection's CSV
 * (a header naming CONTENT and CLASS, 1 for spam) and the SMS Spam Collection's TSV ({@code ham|spam<TAB>text}).
 */
final class SpamCorpus {

    private static final Pattern LINK_TAG = Pattern.compile("(?i)<a\\s[^>]*href=\"([^\"]*)\"[^>]*>");
    private static final Pattern TAG = Pattern.compile("<[^>]{1,200}>");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The videos the YouTube Spam Collection's comments sit under, by file name: their titles and addresses, as a
     * connector gives the post a comment answers. Public facts about the data set (its files are named after the
     * videos), not read from its labels.
     */
    static final Map<String, String> POSTS = Map.of(
            "youtube01-psy.csv", "PSY - GANGNAM STYLE (강남스타일) M/V https://www.youtube.com/watch?v=9bZkp7q19f0",
            "youtube02-katyperry.csv", "Katy Perry - Roar (Official) https://www.youtube.com/watch?v=CevxZvSJLk8",
            "youtube03-lmfao.csv",
                    "LMFAO - Party Rock Anthem ft. Lauren Bennett, GoonRock https://www.youtube.com/watch?v=KQ6zr6kCPj8");

    private SpamCorpus() {}

    /** A line of a data file that cannot be read as a labelled example. */
    static final class InvalidLine extends RuntimeException {

        private static final long serialVersionUID = 1L;

        InvalidLine(Path file, int line, String problem) {
            this(file, "line " + line, problem);
        }

        /** At a place that is not a line: {@code comment 3} of a JSON file, or nowhere in particular. */
        InvalidLine(Path file, String place, String problem) {
            super(file.getFileName() + (place.isEmpty() ? "" : " " + place) + ": " + problem);
        }
    }

    static List<LabelledText> read(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        if (content.startsWith("\ufeff")) {
            content = content.substring(1);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int firstLineEnd = content.indexOf('\n');
        String firstLine = firstLineEnd < 0 ? content : content.substring(0, firstLineEnd);
        if (name.endsWith(".json")) {
            return seedThreads(file, content);
        }
        if (name.endsWith(".csv") || (!firstLine.contains("\t") && firstLine.contains(","))) {
            return csv(file, content);
        }
        return tsv(file, content);
    }

    /** Reads every data file of a task's data set under the shared datasets folder. */
    static List<LabelledText> readAll(List<Path> files) {
        List<LabelledText> all = new ArrayList<>();
        for (Path file : files) {
            all.addAll(read(file));
        }
        return all;
    }

    private static List<LabelledText> tsv(Path file, String content) {
        List<LabelledText> examples = new ArrayList<>();
        String[] lines = content.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new InvalidLine(file, i + 1, "expected a label (ham or spam), a tab and the text");
            }
            String label = line.substring(0, tab).trim();
            boolean spam;
            if (label.equals("spam")) {
                spam = true;
            } else if (label.equals("ham")) {
                spam = false;
            } else {
                throw new InvalidLine(file, i + 1, "label \"" + shorten(label) + "\" is neither ham nor spam");
            }
            examples.add(new LabelledText(clean(line.substring(tab + 1)), spam, i + 1));
        }
        return examples;
    }

    private static List<LabelledText> csv(Path file, String content) {
        List<LabelledText> examples = new ArrayList<>();
        String posted = POSTS.get(file.getFileName().toString().toLowerCase(Locale.ROOT));
        SpamClassifier.Context post = posted == null ? null : SpamClassifier.Context.post(posted);
        List<String> header = null;
        int contentColumn = -1;
        int classColumn = -1;
        int authorColumn = -1;
        int dateColumn = -1;
        for (Csv.Row row : Csv.rows(file, content)) {
            List<String> fields = row.fields();
            int recordLine = row.line();
            if (header == null) {
                header = fields.stream()
                        .map(f -> f.trim().toUpperCase(Locale.ROOT))
                        .toList();
                contentColumn = header.indexOf("CONTENT");
                classColumn = header.indexOf("CLASS");
                authorColumn = header.indexOf("AUTHOR");
                dateColumn = header.indexOf("DATE");
                if (contentColumn < 0 || classColumn < 0) {
                    throw new InvalidLine(file, recordLine, "the header must name the columns CONTENT and CLASS");
                }
                continue;
            }
            if (fields.size() != header.size()) {
                throw new InvalidLine(
                        file, recordLine, "expected " + header.size() + " fields, found " + fields.size());
            }
            String label = fields.get(classColumn).trim();
            boolean spam;
            if (label.equals("1")) {
                spam = true;
            } else if (label.equals("0")) {
                spam = false;
            } else {
                throw new InvalidLine(file, recordLine, "CLASS \"" + shorten(label) + "\" is neither 1 nor 0");
            }
            examples.add(new LabelledText(
                    clean(fields.get(contentColumn)),
                    spam,
                    recordLine,
                    optional(fields, authorColumn),
                    optional(fields, dateColumn),
                    post));
        }
        if (header == null) {
            throw new InvalidLine(file, 1, "the file is empty");
        }
        return examples;
    }

    /**
     * The comments of threads in the seed fixture's format ({@code threads[].post}, {@code threads[].comments[]} with
     * {@code expected.spam}), each with what it answers as the ingest flow gives it: its parent comment, or else the
     * post (title, address, text). The brand's own comments ({@code author_is_brand}) are left out, as ingest does not
     * classify them. {@code line} is the comment's place in the file, counted from 1.
     */
    private static List<LabelledText> seedThreads(Path file, String content) {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (JacksonException e) {
            throw new InvalidLine(file, "", "not JSON: " + e.getOriginalMessage());
        }
        List<LabelledText> examples = new ArrayList<>();
        int place = 0;
        for (JsonNode thread : root.path("threads")) {
            JsonNode post = thread.path("post");
            SpamClassifier.Context underThePost = SpamClassifier.Context.post(
                    post.path("title").asString(null),
                    post.path("url").asString(null),
                    post.path("text").asString(null));
            Map<String, String> texts = new HashMap<>();
            for (JsonNode comment : thread.path("comments")) {
                place++;
                String id = comment.path("external_id").asString("");
                String text = comment.path("text").asString("");
                texts.put(id, text);
                // the brand's own comments are not classified by ingest: not here either
                if (comment.path("author_is_brand").asBoolean(false)) {
                    continue;
                }
                JsonNode spam = comment.path("expected").path("spam");
                if (!spam.isBoolean()) {
                    throw new InvalidLine(
                            file, "comment " + place, "expected.spam of \"" + shorten(id) + "\" is not true or false");
                }
                String parent = comment.path("parent").asString(null);
                examples.add(new LabelledText(
                        text,
                        spam.booleanValue(),
                        place,
                        comment.path("author").asString(null),
                        comment.path("published_at").asString(null),
                        parent != null && texts.containsKey(parent)
                                ? SpamClassifier.Context.message(texts.get(parent))
                                : underThePost));
            }
        }
        if (examples.isEmpty()) {
            throw new InvalidLine(file, "", "no threads with comments by others than the brand");
        }
        return examples;
    }

    /** The text as a person would read it: entities decoded, tags dropped but link targets kept. */
    static String clean(String text) {
        String withLinks = LINK_TAG.matcher(text).replaceAll(" $1 ");
        return TAG.matcher(withLinks)
                .replaceAll(" ")
                .replace("\ufeff", "")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&")
                .strip();
    }

    private static String optional(List<String> fields, int column) {
        if (column < 0 || fields.get(column).isBlank()) {
            return null;
        }
        return fields.get(column).strip();
    }

    private static String shorten(String label) {
        return shorten(label, 40);
    }

    /** The text's first {@code most} characters and an ellipsis, where it is longer. */
    static String shorten(String text, int most) {
        return text.length() > most ? text.substring(0, most) + "…" : text;
    }
}
