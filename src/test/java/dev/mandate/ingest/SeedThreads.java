package dev.mandate.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The two real blog threads of {@code ../shared/fixtures/seed-threads.json}, as ingest items in JSON. */
final class SeedThreads {

    static final Path FILE = Path.of("..", "shared", "fixtures", "seed-threads.json");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SeedThreads() {}

    /** One thread: its channel (blogger, wordpress), and its post and comments as ingest items. */
    record Thread(
            String id,
            String channel,
            String postId,
            String postTitle,
            List<Map<String, Object>> items,
            JsonNode source) {}

    static List<Thread> read() throws IOException {
        JsonNode root = JSON.readTree(Files.readString(FILE));
        List<Thread> threads = new ArrayList<>();
        for (JsonNode thread : root.get("threads")) {
            JsonNode post = thread.get("post");
            List<Map<String, Object>> items = new ArrayList<>();
            Map<String, Object> postItem = new LinkedHashMap<>();
            postItem.put("kind", "post");
            postItem.put("externalId", post.get("external_id").stringValue());
            postItem.put("title", post.get("title").stringValue());
            postItem.put("text", post.get("text").stringValue());
            postItem.put("author", Map.of("handle", post.get("author").stringValue(), "brand", true));
            postItem.put("createdAt", post.get("published_at").stringValue());
            items.add(postItem);
            for (JsonNode comment : thread.get("comments")) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("kind", comment.has("kind") ? comment.get("kind").stringValue() : "comment");
                item.put("externalId", comment.get("external_id").stringValue());
                JsonNode parent = comment.get("parent");
                item.put("parentExternalId", parent == null || parent.isNull() ? null : parent.stringValue());
                item.put("threadRoot", post.get("external_id").stringValue());
                Map<String, Object> author = new LinkedHashMap<>();
                author.put("handle", comment.get("author").stringValue());
                author.put("name", comment.get("author").stringValue());
                if (comment.has("author_is_brand")) {
                    author.put("brand", comment.get("author_is_brand").booleanValue());
                }
                item.put("author", author);
                item.put("text", comment.get("text").stringValue());
                item.put("createdAt", comment.get("published_at").stringValue());
                items.add(item);
            }
            threads.add(new Thread(
                    thread.get("id").stringValue(),
                    thread.get("channel").stringValue(),
                    post.get("external_id").stringValue(),
                    post.get("title").stringValue(),
                    items,
                    thread));
        }
        return threads;
    }

    static String json(Object value) {
        return JSON.writeValueAsString(value);
    }
}
