package dev.mandate.channel.wordpress;

import dev.mandate.channel.Capability;
import dev.mandate.channel.Connection;
import dev.mandate.channel.Connector;
import dev.mandate.channel.ConnectorFailure;
import dev.mandate.channel.Delivery;
import dev.mandate.channel.Fetched;
import dev.mandate.channel.HtmlText;
import dev.mandate.channel.InboundItem;
import dev.mandate.channel.Moderation;
import dev.mandate.channel.Reply;
import dev.mandate.channel.SettingField;
import dev.mandate.shared.OutboundAddresses;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The WordPress connector: reads a site's comments (approved, held and spam-marked) and the posts they sit under
 * through the REST API ({@code /wp-json/wp/v2}), answers as the brand under a comment, and approves, holds, marks as
 * spam or trashes comments. It signs in with a user name and an application password (WordPress 5.6 or newer; the
 * user must be allowed to moderate comments, i.e. an editor or administrator).
 *
 * <p><b>Threading.</b> Each comment becomes an item with the comment id as {@code externalId}, its parent comment
 * as {@code parentExternalId} ({@code null} for a top-level comment, which starts a conversation) and the post as
 * {@code threadRoot}; the post itself comes as a {@code POST} item once per page, as the conversation's context.
 * WordPress numbers posts and comments separately, so post 5 and comment 5 can both exist; as the inbox takes a
 * parent that is a known post for a top-level comment, posts are {@code post-5} ({@code externalId} of the post,
 * {@code threadRoot} of its comments) and comments plain {@code 5}. The comments endpoint lists only ordinary
 * comments unless asked for {@code type=all}, which brings pingbacks and trackbacks too.
 * Authors are known by their e-mail address (their name where a comment has none, as pingbacks); comments written
 * by the connected user are the brand's, and a visitor who gives the brand's address is known by name instead, so
 * that they never pass for the brand.
 *
 * <p><b>The cursor.</b> WordPress keeps no modification time for comments, so {@code modified_after} does not exist
 * on the comments endpoint, and {@code after} filters by the comment's own date, which an administrator or an
 * import may set to the past: such a comment would never be read. Approving or holding a comment later changes
 * nothing that a date filter sees either. The connector therefore reads in id order ({@code orderby=id&order=asc}),
 * which only grows, and reads held comments from the start, together with approved ones ({@code status=all}), then
 * spam-marked ones ({@code status=spam}): a comment approved later has been read already. The cursor keeps, for each
 * of the two lists, the highest id delivered and how many comments were read, and the next page starts a few
 * comments ({@value #OVERLAP}) before that count ({@code offset}), so that a comment that committed late with a
 * lower id is still seen; the repeats are duplicates that ingest acknowledges and ignores. If comments were deleted
 * meanwhile, the first comment read has a higher id than the cursor's; the connector then steps back until it
 * overlaps again, so a deletion never makes it skip a comment. What the cursor cannot see are edits to a comment
 * already read (WordPress records no time for them) and comments that were in the trash before they were first read.
 *
 * <p><b>Replies</b> are created as the connected user with {@code POST /wp-json/wp/v2/comments} (post, parent,
 * content). The content ends with an HTML comment {@code <!-- mandate-reply:KEY -->} carrying {@link Reply#key()}:
 * WordPress keeps HTML comments (also through its kses filter for users without {@code unfiltered_html}), visitors do
 * not see it, and {@link #findReply} finds it again after a timeout by looking at the connected user's comments under
 * the same parent ({@code parent}, {@code author}, {@code search=KEY}); where a filter removed the marker, it matches
 * the text. WordPress refuses a second identical comment as a duplicate (409); the connector then returns the first.
 */
@Component
class WordPressConnector implements Connector {

    static final String NETWORK = "wordpress";
    static final int PAGE = 100;
    static final int OVERLAP = 10;
    static final String POST_PREFIX = "post-";

    private static final Logger log = LoggerFactory.getLogger(WordPressConnector.class);
    private static final Pattern SAFE_KEY = Pattern.compile("^[A-Za-z0-9._:]+(-[A-Za-z0-9._:]+)*$");

    private final HttpClient http;
    private final OutboundAddresses addresses;
    private final Duration timeout;
    private final int pageSize;
    private final int overlap;
    private final Map<String, Brand> brands = new ConcurrentHashMap<>();

    /** The connected user: their id marks the brand's comments; their address is the brand's handle. */
    private record Brand(long id, String email) {}

    @Autowired
    WordPressConnector(OutboundAddresses addresses) {
        this(addresses, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    WordPressConnector(OutboundAddresses addresses, Duration connectTimeout, Duration timeout) {
        this(addresses, connectTimeout, timeout, PAGE);
    }

    /** With pages of {@code pageSize} comments (WordPress allows up to 100). */
    WordPressConnector(OutboundAddresses addresses, Duration connectTimeout, Duration timeout, int pageSize) {
        if (pageSize < 2 || pageSize > 100) {
            throw new IllegalArgumentException("WordPress pages have 2 to 100 comments.");
        }
        this.pageSize = pageSize;
        this.addresses = addresses;
        // Each page must get further than the one before it.
        this.overlap = Math.min(OVERLAP, (pageSize - 1) / 2);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.timeout = timeout;
    }

    @Override
    public String network() {
        return NETWORK;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.FETCH, Capability.REPLY, Capability.MODERATE, Capability.DELETE);
    }

    @Override
    public List<SettingField> fields() {
        return List.of(
                SettingField.required("url", "Site address", "The blog's home address, e.g. https://blog.example.com"),
                SettingField.required(
                        "user", "User name", "A WordPress user who may moderate comments (editor or administrator)"),
                SettingField.secret(
                        "password",
                        "Application password",
                        "Created under Users → Profile → Application Passwords; not the user's login password"));
    }

    @Override
    public Verified verify(Connection connection) {
        Site anonymous = Site.at(http, addresses, timeout, connection.setting("url"), null, null);
        String where = anonymous.base() + "/wp-json/";
        Site.Answer index;
        try {
            index = anonymous.get("", Map.of());
        } catch (ConnectorFailure e) {
            if (Site.unreachable(e)) {
                // At connect time that is a wrong address, not an outage.
                throw ConnectorFailure.configuration(e.getMessage() + " Check the site's address.");
            }
            throw e;
        }
        if (index.status() == 429 || index.status() >= 500 || index.status() >= 300 && index.status() < 400) {
            throw anonymous.failure(index, "the REST API index");
        }
        if (!index.ok() || !hasWpV2(index)) {
            throw ConnectorFailure.configuration("No WordPress REST API at " + where
                    + ": check the address, and that the site's permalinks are not set to 'Plain'.");
        }
        Site site = site(connection);
        Site.Answer me = site.get("wp/v2/users/me", Map.of("context", "edit"));
        if (!me.ok()) {
            throw site.failure(me, "the user '" + connection.setting("user") + "'");
        }
        JsonNode user = me.json("the user");
        long id = user.path("id").asLong(0);
        if (id <= 0) {
            throw ConnectorFailure.unavailable("WordPress answered the user without an id.", null);
        }
        JsonNode capabilities = user.path("capabilities");
        if (capabilities.isObject() && !capabilities.path("moderate_comments").asBoolean(false)) {
            throw ConnectorFailure.credentials("The WordPress user '" + connection.setting("user")
                    + "' may not moderate comments; connect an editor or administrator.");
        }
        String name = user.path("name").asString("");
        String email = user.path("email").asString("").trim().toLowerCase(Locale.ROOT);
        brands.put(userKey(connection), new Brand(id, email));
        return new Verified(
                name.isBlank() ? connection.setting("user") : name, email.isBlank() ? List.of() : List.of(email));
    }

    private static boolean hasWpV2(Site.Answer index) {
        try {
            for (JsonNode namespace : Site.JSON.readTree(index.body()).path("namespaces")) {
                if ("wp/v2".equals(namespace.asString(""))) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public Fetched fetch(Connection connection, String cursorText) {
        CommentCursor cursor;
        try {
            cursor = CommentCursor.parse(cursorText);
        } catch (IllegalArgumentException e) {
            log.warn(
                    "WordPress account {}: unreadable cursor, reading from the start",
                    connection.account().id());
            cursor = CommentCursor.START;
        }
        Site site = site(connection);
        Brand brand = brand(connection, site);
        CommentCursor.Position at = cursor.position();
        int start = Math.max(0, at.read() - overlap);
        Site.Answer answer;
        JsonNode page;
        while (true) {
            answer = site.get(
                    "wp/v2/comments",
                    Site.query(
                            "context",
                            "edit",
                            "status",
                            cursor.next().status,
                            "type",
                            "all",
                            "orderby",
                            "id",
                            "order",
                            "asc",
                            "per_page",
                            pageSize,
                            "offset",
                            start));
            if (answer.status() == 404) {
                throw ConnectorFailure.configuration("No WordPress REST API at " + site.base() + "/wp-json/ any more.");
            }
            if (!answer.ok()) {
                throw site.failure(answer, "the comments");
            }
            page = answer.json("the comments");
            if (!page.isArray()) {
                throw ConnectorFailure.unavailable(
                        "WordPress answered the comments with something that is not a list.", null);
            }
            long first = firstId(page);
            // Comments before the position were deleted (or moved to another list): step back until the page
            // overlaps what was read before, so none is skipped.
            if (start > 0 && (page.isEmpty() || first > at.lastId())) {
                start = Math.max(0, start - pageSize);
                continue;
            }
            break;
        }

        List<InboundItem> comments = new ArrayList<>();
        Set<Long> posts = new LinkedHashSet<>();
        int skipped = 0;
        long lastId = at.lastId();
        for (int i = 0; i < page.size(); i++) {
            JsonNode json = page.get(i);
            try {
                InboundItem item = comment(json, brand);
                long post = json.path("post").asLong();
                comments.add(item);
                posts.add(post);
                lastId = Math.max(lastId, Long.parseLong(item.externalId()));
            } catch (Malformed e) {
                skipped++;
                log.warn(
                        "WordPress account {}: skipped comment {} of a page ({}): {}",
                        connection.account().id(),
                        json.path("id").isNumber() ? json.path("id").asString() : "without an id",
                        cursor.next().status,
                        e.getMessage());
            }
        }
        List<InboundItem> items = new ArrayList<>(posts(site, posts, connection));
        items.addAll(comments);

        int read = start + page.size();
        int total = answer.intHeader("X-WP-Total", -1);
        int totalPages = answer.intHeader("X-WP-TotalPages", -1);
        boolean moreHere = !page.isEmpty()
                && (total >= 0
                        ? read < total
                        : totalPages >= 0 ? start / pageSize + 1 < totalPages : page.size() == pageSize);
        CommentCursor.Position reached = new CommentCursor.Position(lastId, read);
        CommentCursor next;
        boolean more;
        if (moreHere) {
            next = cursor.advance(reached, cursor.next());
            more = true;
        } else if (cursor.next() == CommentCursor.Stream.ALL) {
            next = cursor.advance(reached, CommentCursor.Stream.SPAM);
            more = true;
        } else {
            next = cursor.advance(reached, CommentCursor.Stream.ALL);
            more = false;
        }
        return new Fetched(items, next.toString(), more, skipped);
    }

    private static long firstId(JsonNode page) {
        for (JsonNode comment : page) {
            if (comment.path("id").canConvertToLong() && comment.path("id").isNumber()) {
                return comment.path("id").asLong();
            }
        }
        return Long.MAX_VALUE;
    }

    /** A comment the connector cannot read. */
    private static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private static InboundItem comment(JsonNode json, Brand brand) throws Malformed {
        if (json == null || !json.isObject()) {
            throw new Malformed("not an object");
        }
        long id = positive(json, "id");
        long post = positive(json, "post");
        long parent =
                json.path("parent").isMissingNode() ? 0 : json.path("parent").asLong(-1);
        if (parent < 0 || parent == id) {
            throw new Malformed("bad parent");
        }
        Instant created = date(json.path("date_gmt"));
        String html = json.path("content").path("rendered").asString(null);
        if (html == null) {
            throw new Malformed("no content");
        }
        String text = HtmlText.plain(html);
        if (text.isEmpty()) {
            throw new Malformed("empty content");
        }
        String type = json.path("type").asString("comment");
        InboundItem.Kind kind = type.equals("pingback") || type.equals("trackback")
                ? InboundItem.Kind.PINGBACK
                : InboundItem.Kind.COMMENT;
        String name = json.path("author_name").asString("").trim();
        String email = json.path("author_email").asString("").trim().toLowerCase(Locale.ROOT);
        String url = json.path("author_url").asString("").trim();
        long author = json.path("author").asLong(0);
        boolean byBrand = author != 0 && author == brand.id();
        if (!byBrand && !email.isEmpty() && email.equals(brand.email())) {
            email = ""; // a visitor giving the brand's address is not the brand: known by name instead
        }
        String handle = !email.isEmpty() ? email : !name.isEmpty() ? name : !url.isEmpty() ? url : "anonymous";
        String link = json.path("link").asString(null);
        return new InboundItem(
                null,
                NETWORK,
                Long.toString(id),
                parent == 0 ? null : Long.toString(parent),
                POST_PREFIX + post,
                kind,
                new InboundItem.Author(handle, name.isEmpty() ? null : name, byBrand ? Boolean.TRUE : null),
                text,
                html,
                null,
                link != null && link.matches("^https?://\\S+$") ? link : null,
                null,
                HtmlText.links(html),
                List.of(),
                created,
                Site.JSON.writeValueAsString(json));
    }

    private static long positive(JsonNode json, String field) throws Malformed {
        JsonNode value = json.path(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() <= 0) {
            throw new Malformed("no " + field);
        }
        return value.asLong();
    }

    private static Instant date(JsonNode value) throws Malformed {
        String text = value.asString("");
        try {
            // WordPress writes date_gmt without an offset.
            return text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")
                    ? java.time.OffsetDateTime.parse(text).toInstant()
                    : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new Malformed("no date_gmt");
        }
    }

    /** The posts (or pages) these comments sit under, as context items. */
    private List<InboundItem> posts(Site site, Set<Long> ids, Connection connection) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, InboundItem> found = new LinkedHashMap<>();
        for (String type : List.of("posts", "pages")) {
            List<Long> missing =
                    ids.stream().filter(id -> !found.containsKey(id)).toList();
            if (missing.isEmpty()) {
                break;
            }
            Site.Answer answer = site.get(
                    "wp/v2/" + type,
                    Site.query(
                            "include",
                            missing.stream().map(String::valueOf).collect(Collectors.joining(",")),
                            "per_page",
                            PAGE));
            if (!answer.ok()) {
                if (answer.status() == 400 || answer.status() == 404) {
                    continue; // the site has no such type, or refuses the filter: the comments still arrive
                }
                throw site.failure(answer, "the " + type);
            }
            for (JsonNode post : answer.json("the " + type)) {
                try {
                    InboundItem item = post(post);
                    found.put(Long.parseLong(item.externalId().substring(POST_PREFIX.length())), item);
                } catch (Malformed e) {
                    log.warn(
                            "WordPress account {}: skipped a post ({})",
                            connection.account().id(),
                            e.getMessage());
                }
            }
        }
        return List.copyOf(found.values());
    }

    private static InboundItem post(JsonNode json) throws Malformed {
        long id = positive(json, "id");
        String title = HtmlText.plain(json.path("title").path("rendered").asString(""));
        String excerpt = HtmlText.plain(json.path("excerpt").path("rendered").asString(""));
        String link = json.path("link").asString(null);
        return new InboundItem(
                null,
                NETWORK,
                POST_PREFIX + id,
                null,
                null,
                InboundItem.Kind.POST,
                null,
                excerpt,
                null,
                title.length() > 1000 ? title.substring(0, 1000) : title,
                link != null && link.matches("^https?://\\S+$") ? link : null,
                null,
                List.of(),
                List.of(),
                date(json.path("date_gmt")),
                null);
    }

    @Override
    public Delivery reply(Connection connection, Reply reply) {
        Site site = site(connection);
        long parent = reply.parentExternalId() == null ? 0 : id(reply.parentExternalId(), "parentExternalId");
        long post = reply.threadRoot() != null ? postId(reply.threadRoot()) : postOf(site, parent);
        ObjectNode body = Site.JSON.createObjectNode();
        body.put("post", post);
        body.put("parent", parent);
        body.put("content", HtmlText.escape(reply.text().strip()) + "\n\n<!-- " + marker(reply) + " -->");
        Site.Answer answer = site.post("wp/v2/comments", body, Site.Effect.CREATE);
        if (answer.status() == 409 && answer.errorCode().equals("comment_duplicate")) {
            // Sent before (the outcome was unknown, or a retry): the first one is the delivery.
            return findReply(connection, reply)
                    .orElseThrow(() -> ConnectorFailure.rejected(
                            "WordPress refused the reply as a duplicate of another comment under comment " + parent
                                    + "."));
        }
        if (answer.status() == 404
                || answer.status() == 400 && answer.errorCode().contains("invalid")) {
            throw ConnectorFailure.rejected("WordPress refused the reply: the comment " + parent + " or the post "
                    + post + " is gone (HTTP " + answer.status() + " " + answer.errorCode() + ").");
        }
        if (!answer.ok()) {
            throw site.failure(answer, "the reply");
        }
        return delivery(answer.json("the reply"));
    }

    @Override
    public Optional<Delivery> findReply(Connection connection, Reply reply) {
        Site site = site(connection);
        long author = brand(connection, site).id();
        long parent = reply.parentExternalId() == null ? 0 : id(reply.parentExternalId(), "parentExternalId");
        String marker = marker(reply);
        String text = normalise(reply.text());
        for (int pageNumber = 1; pageNumber <= 10; pageNumber++) {
            Site.Answer answer = site.get(
                    "wp/v2/comments",
                    Site.query(
                            "context",
                            "edit",
                            "status",
                            "all",
                            "parent",
                            parent,
                            "author",
                            author,
                            "post",
                            reply.threadRoot() == null ? null : postId(reply.threadRoot()),
                            "orderby",
                            "id",
                            "order",
                            "desc",
                            "per_page",
                            PAGE,
                            "page",
                            pageNumber));
            if (answer.status() == 400 && answer.errorCode().equals("rest_post_invalid_page_number")) {
                return Optional.empty();
            }
            if (!answer.ok()) {
                throw site.failure(answer, "the brand's replies");
            }
            JsonNode page = answer.json("the brand's replies");
            for (JsonNode comment : page) {
                String raw = comment.path("content").path("raw").asString("");
                String rendered = comment.path("content").path("rendered").asString("");
                if (raw.contains(marker) || rendered.contains(marker)) {
                    return Optional.of(delivery(comment));
                }
            }
            for (JsonNode comment : page) {
                if (normalise(HtmlText.plain(
                                comment.path("content").path("rendered").asString("")))
                        .equals(text)) {
                    return Optional.of(delivery(comment));
                }
            }
            if (page.size() < PAGE) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String normalise(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static String marker(Reply reply) {
        String key = reply.key();
        if (!SAFE_KEY.matcher(key).matches() || key.length() > 100) {
            try {
                key = HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return "mandate-reply:" + key;
    }

    private static Delivery delivery(JsonNode comment) {
        long id = comment.path("id").asLong(0);
        if (id <= 0) {
            throw ConnectorFailure.unavailable("WordPress answered the reply without an id.", null);
        }
        Instant at;
        try {
            at = date(comment.path("date_gmt"));
        } catch (Malformed e) {
            at = Instant.now();
        }
        return new Delivery(Long.toString(id), comment.path("link").asString(null), at);
    }

    private long postOf(Site site, long comment) {
        if (comment == 0) {
            throw ConnectorFailure.rejected("A reply on WordPress needs the comment or the post it answers.");
        }
        Site.Answer answer = site.get("wp/v2/comments/" + comment, Map.of("context", "edit"));
        if (!answer.ok()) {
            throw site.failure(answer, "the comment " + comment);
        }
        return answer.json("the comment").path("post").asLong();
    }

    @Override
    public void moderate(Connection connection, String externalId, Moderation action) {
        Site site = site(connection);
        long id = id(externalId, "externalId");
        String route = "wp/v2/comments/" + id;
        Site.Answer answer;
        if (action == Moderation.TRASH) {
            answer = site.delete(route);
            if (answer.status() == 410) {
                return; // in the trash already
            }
        } else {
            ObjectNode body = Site.JSON.createObjectNode();
            body.put(
                    "status",
                    switch (action) {
                        case APPROVE -> "approve";
                        case HOLD -> "hold";
                        case SPAM -> "spam";
                        case TRASH -> throw new IllegalStateException();
                    });
            answer = site.post(route, body, Site.Effect.IDEMPOTENT_WRITE);
            if (answer.status() == 500
                    && answer.errorCode().equals("rest_comment_failed_edit")
                    && has(site, id, action)) {
                return; // WordPress refuses to set the status a comment has already
            }
        }
        if (answer.status() == 404) {
            throw ConnectorFailure.rejected("The comment " + id + " is no longer on WordPress.");
        }
        if (!answer.ok()) {
            throw site.failure(answer, "moderating the comment " + id);
        }
    }

    private static boolean has(Site site, long id, Moderation action) {
        Site.Answer answer = site.get("wp/v2/comments/" + id, Map.of("context", "edit"));
        String status = answer.ok() ? answer.json("the comment").path("status").asString("") : "";
        return switch (action) {
            case APPROVE -> status.equals("approved");
            case HOLD -> status.equals("hold") || status.equals("unapproved");
            case SPAM -> status.equals("spam");
            case TRASH -> status.equals("trash");
        };
    }

    /** A post's id from its item's {@code externalId} ({@code post-12}; a bare {@code 12} is taken too). */
    private static long postId(String threadRoot) {
        String value = threadRoot.startsWith(POST_PREFIX) ? threadRoot.substring(POST_PREFIX.length()) : threadRoot;
        return id(value, "threadRoot");
    }

    private static long id(String value, String field) {
        try {
            long id = Long.parseLong(value.trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // fall through
        }
        throw ConnectorFailure.rejected("A WordPress " + field + " is a positive number, not '" + value + "'.");
    }

    private Site site(Connection connection) {
        return Site.at(
                http,
                addresses,
                timeout,
                connection.setting("url"),
                connection.setting("user"),
                connection.secret().reveal());
    }

    private static String userKey(Connection connection) {
        return Site.address(connection.setting("url")) + "\n" + connection.setting("user");
    }

    /** The connected user, asked once per site and user. */
    private Brand brand(Connection connection, Site site) {
        Brand known = brands.get(userKey(connection));
        if (known != null) {
            return known;
        }
        Site.Answer me = site.get("wp/v2/users/me", Map.of("context", "edit"));
        if (!me.ok()) {
            throw site.failure(me, "the user '" + connection.setting("user") + "'");
        }
        JsonNode user = me.json("the user");
        long id = user.path("id").asLong(0);
        if (id <= 0) {
            throw ConnectorFailure.unavailable("WordPress answered the user without an id.", null);
        }
        Brand brand = new Brand(id, user.path("email").asString("").trim().toLowerCase(Locale.ROOT));
        brands.put(userKey(connection), brand);
        return brand;
    }
}
