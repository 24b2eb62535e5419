package dev.mandate.channel.feed;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import dev.mandate.channel.Capability;
import dev.mandate.channel.Connection;
import dev.mandate.channel.Connector;
import dev.mandate.channel.ConnectorFailure;
import dev.mandate.channel.Fetched;
import dev.mandate.channel.HtmlText;
import dev.mandate.channel.InboundItem;
import dev.mandate.channel.SettingField;
import dev.mandate.shared.OutboundAddresses;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * An RSS or Atom feed as a listening source: entries that mention one of the account's keywords (in the title or the
 * text) enter the inbox as monitoring items, not as customer messages.
 *
 * <p>The cursor is the newest publication (or update) time seen in the feed: after a restart, older entries are not
 * read again; entries without a date are always considered, and ingest drops what it has by the entry's id. Settings:
 * {@code url}, {@code keywords} (comma-separated; empty for every entry). Feeds need no credential.
 *
 * <p>The address may be http or https (many feeds are still served over http), but never a host inside the network
 * Mandate runs in, nor carry a user name or password ({@link OutboundAddresses}); it is checked when the account is
 * connected and before every read, and so is every redirect (up to {@value OutboundAddresses#MAX_REDIRECTS}).
 */
@Component
class FeedConnector implements Connector {

    static final String NETWORK = "feed";
    static final int MAX_BYTES = 10 * 1024 * 1024;
    static final int MAX_ENTRIES = 500;

    private static final Logger log = LoggerFactory.getLogger(FeedConnector.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern URL = Pattern.compile("^https?://\\S+$", Pattern.CASE_INSENSITIVE);
    private static final Pattern LANGUAGE = Pattern.compile("^([a-zA-Z]{2})([-_].*)?$");
    private static final Pattern CHARSET = Pattern.compile("(?i)charset=\"?([^\";\\s]+)");

    private final Clock clock;
    private final OutboundAddresses addresses;
    private final HttpClient http;
    private final Duration timeout;

    @Autowired
    FeedConnector(Clock clock, OutboundAddresses addresses) {
        this(clock, addresses, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    FeedConnector(Clock clock, OutboundAddresses addresses, Duration connectTimeout, Duration timeout) {
        this.clock = clock;
        this.addresses = addresses;
        this.timeout = timeout;
        // Redirects are followed by OutboundAddresses.send, which checks every address before it is called.
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String network() {
        return NETWORK;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.FETCH, Capability.MONITOR);
    }

    @Override
    public List<SettingField> fields() {
        return List.of(
                SettingField.required("url", "Feed address", "an RSS or Atom feed, e.g. https://example.com/feed"),
                SettingField.optional(
                        "keywords",
                        "Keywords",
                        "comma-separated, e.g. Mandate, Outsourcing; empty: every entry enters the inbox"));
    }

    @Override
    public Verified verify(Connection connection) {
        Keywords.parse(connection.setting("keywords", ""));
        SyndFeed feed = read(uri(connection), true);
        String title = feed.getTitle() == null || feed.getTitle().isBlank()
                ? uri(connection).getHost()
                : clip(feed.getTitle().strip(), 200);
        return new Verified(title, List.of());
    }

    @Override
    public Fetched fetch(Connection connection, String cursor) {
        Keywords keywords = Keywords.parse(connection.setting("keywords", ""));
        URI uri = uri(connection);
        SyndFeed feed = read(uri, false);
        Instant after = instant(cursor);
        Instant newest = after;
        List<InboundItem> items = new ArrayList<>();
        int skipped = 0;
        List<SyndEntry> entries = feed.getEntries();
        for (int i = 0; i < entries.size() && i < MAX_ENTRIES; i++) {
            SyndEntry entry = entries.get(i);
            try {
                Instant at = date(entry);
                if (at != null && after != null && !at.isAfter(after)) {
                    continue; // read before
                }
                if (at != null && (newest == null || at.isAfter(newest))) {
                    newest = at;
                }
                Optional<InboundItem> item = item(uri, feed, entry, keywords, at);
                if (item.isEmpty()) {
                    skipped++;
                    log.warn(
                            "Skipped entry {} of feed account {}: no id, link or title",
                            i,
                            connection.account().id());
                } else if (keywords.match(item.get().title(), item.get().text())) {
                    items.add(item.get());
                }
            } catch (RuntimeException e) {
                skipped++;
                log.warn(
                        "Skipped entry {} of feed account {}: {}",
                        i,
                        connection.account().id(),
                        e.getClass().getSimpleName());
            }
        }
        return new Fetched(items, newest == null ? cursor : newest.toString(), false, skipped);
    }

    private Optional<InboundItem> item(URI feedUri, SyndFeed feed, SyndEntry entry, Keywords keywords, Instant at) {
        String link = link(base(feedUri, feed), entry.getLink());
        String id = entry.getUri() != null && !entry.getUri().isBlank()
                ? entry.getUri().strip()
                : link;
        String title = entry.getTitle() == null ? null : clip(HtmlText.plain(entry.getTitle()), 1000);
        if (id == null || (title == null || title.isBlank()) && entry.getDescription() == null) {
            return Optional.empty();
        }
        SyndContent content =
                !entry.getContents().isEmpty() ? entry.getContents().get(0) : entry.getDescription();
        String body = content == null || content.getValue() == null ? "" : content.getValue();
        boolean html = content != null
                && (content.getType() == null
                        || content.getType().toLowerCase(Locale.ROOT).contains("html"));
        String text = html ? HtmlText.plain(body) : body.strip();
        if (text.isBlank()) {
            text = title == null || title.isBlank() ? link : title;
        }
        String author = entry.getAuthor() != null && !entry.getAuthor().isBlank()
                ? clip(entry.getAuthor().strip(), 200)
                : null;
        String feedName = feed.getTitle() != null && !feed.getTitle().isBlank()
                ? clip(feed.getTitle().strip(), 200)
                : feedUri.getHost();
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("feed", feedUri.toString());
        raw.put("feedTitle", feed.getTitle());
        raw.put("id", entry.getUri());
        raw.put("link", entry.getLink());
        raw.put("title", entry.getTitle());
        raw.put("author", entry.getAuthor());
        raw.put(
                "published",
                entry.getPublishedDate() == null
                        ? null
                        : entry.getPublishedDate().toInstant().toString());
        raw.put(
                "updated",
                entry.getUpdatedDate() == null
                        ? null
                        : entry.getUpdatedDate().toInstant().toString());
        raw.put(
                "categories",
                entry.getCategories().stream().map(c -> c.getName()).toList());
        return Optional.of(new InboundItem(
                null,
                NETWORK,
                id.length() <= 512 ? id : "sha256:" + sha256(id),
                null,
                null,
                InboundItem.Kind.MONITORING,
                new InboundItem.Author(
                        clip(author != null ? author : feedName, 254).toLowerCase(Locale.ROOT),
                        author != null ? author : feedName,
                        false),
                clip(text, 20_000),
                html && body.length() <= 200_000 && !body.isBlank() ? body : null,
                title == null || title.isBlank() ? null : title,
                link,
                language(feed),
                List.of(),
                List.of(),
                at != null ? at : clock.instant(),
                JSON.writeValueAsString(raw)));
    }

    private static Instant date(SyndEntry entry) {
        Date date = entry.getUpdatedDate() != null ? entry.getUpdatedDate() : entry.getPublishedDate();
        if (entry.getPublishedDate() != null && entry.getUpdatedDate() != null) {
            date = entry.getUpdatedDate().after(entry.getPublishedDate())
                    ? entry.getUpdatedDate()
                    : entry.getPublishedDate();
        }
        return date == null ? null : date.toInstant();
    }

    /** What relative links of the entries are relative to: the site the feed names, else the feed itself. */
    private static URI base(URI feedUri, SyndFeed feed) {
        String site = feed.getLink();
        if (site != null && URL.matcher(site.strip()).matches()) {
            try {
                return new URI(site.strip());
            } catch (URISyntaxException e) {
                // the feed's own address then
            }
        }
        return feedUri;
    }

    private static String link(URI feed, String link) {
        if (link == null || link.isBlank()) {
            return null;
        }
        try {
            String resolved = feed.resolve(link.strip()).toString();
            return URL.matcher(resolved).matches() && resolved.length() <= 2048 ? resolved : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String language(SyndFeed feed) {
        if (feed.getLanguage() == null) {
            return null;
        }
        Matcher matcher = LANGUAGE.matcher(feed.getLanguage().strip());
        return matcher.matches() ? matcher.group(1).toLowerCase(Locale.ROOT) : null;
    }

    private static Instant instant(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(cursor);
        } catch (DateTimeParseException e) {
            return null; // read everything again; ingest drops what it has
        }
    }

    private static URI uri(Connection connection) {
        String value = connection.setting("url").strip();
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null
                    || !(uri.getScheme().equalsIgnoreCase("http")
                            || uri.getScheme().equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                throw ConnectorFailure.configuration("The feed address must be an http or https URL.");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw ConnectorFailure.configuration("The feed address must be an http or https URL.");
        }
    }

    /** Fetches and parses the feed; {@code connecting}: an unknown host is a setting to fix, not an outage. */
    SyndFeed read(URI uri, boolean connecting) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5")
                .header("User-Agent", "Mandate feed reader")
                .GET()
                .build();
        HttpResponse<InputStream> response;
        try {
            response = addresses.send(http, request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (OutboundAddresses.Refused e) {
            throw ConnectorFailure.addressRefused("url", e.getMessage());
        } catch (HttpConnectTimeoutException e) {
            throw ConnectorFailure.unavailable("The feed at " + uri.getHost() + " did not answer in time.", null);
        } catch (HttpTimeoutException e) {
            throw ConnectorFailure.unavailable("The feed at " + uri.getHost() + " did not answer in time.", null);
        } catch (ConnectException e) {
            if (e.getCause() instanceof java.nio.channels.UnresolvedAddressException || connecting) {
                throw ConnectorFailure.configuration("Nothing answers at " + uri.getHost()
                        + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "; check the feed address.");
            }
            throw ConnectorFailure.unavailable("The feed at " + uri.getHost() + " cannot be reached.", null);
        } catch (UnknownHostException e) {
            throw connecting
                    ? ConnectorFailure.configuration("No site is known by the name '" + uri.getHost() + "'.")
                    : ConnectorFailure.unavailable("The feed at " + uri.getHost() + " cannot be reached.", null);
        } catch (IOException e) {
            throw ConnectorFailure.unavailable(
                    "The feed at " + uri.getHost() + " failed: " + e.getClass().getSimpleName() + ".", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectorFailure.unavailable("Reading the feed was interrupted.", null);
        }
        try (InputStream in = response.body()) {
            int status = response.statusCode();
            if (status == 429) {
                throw ConnectorFailure.rateLimited(
                        "The feed at " + uri.getHost() + " asks to be read less often.",
                        retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
            }
            if (status >= 500) {
                throw ConnectorFailure.unavailable(
                        "The feed at " + uri.getHost() + " answers with a server error (" + status + ").", null);
            }
            if (status == 404 || status == 410) {
                throw ConnectorFailure.configuration("There is no feed at " + uri + " (" + status + ").");
            }
            if (status == 401 || status == 403) {
                throw ConnectorFailure.configuration(
                        "The feed at " + uri.getHost() + " is not public (" + status + ").");
            }
            if (Set.of(301, 302, 303, 307, 308).contains(status)) {
                throw ConnectorFailure.configuration("The feed at " + uri.getHost() + " redirects more than "
                        + OutboundAddresses.MAX_REDIRECTS + " times; give the address it ends at.");
            }
            if (status < 200 || status >= 300) {
                throw ConnectorFailure.rejected("The feed at " + uri.getHost() + " answered " + status + ".");
            }
            byte[] body = in.readNBytes(MAX_BYTES + 1);
            if (body.length > MAX_BYTES) {
                throw ConnectorFailure.rejected("The feed at " + uri.getHost() + " is larger than 10 MB.");
            }
            return parse(
                    uri, body, response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw ConnectorFailure.unavailable(
                    "The feed at " + uri.getHost() + " broke off: "
                            + e.getClass().getSimpleName() + ".",
                    null);
        }
    }

    private static SyndFeed parse(URI uri, byte[] body, String contentType) {
        try {
            SyndFeedInput input = new SyndFeedInput();
            // XML says its own encoding; a charset in the Content-Type is the fallback for a declaration without one.
            Matcher charset = CHARSET.matcher(contentType);
            if (charset.find() && !startsWithXmlDeclaration(body)) {
                Charset declared;
                try {
                    declared = Charset.forName(charset.group(1));
                } catch (IllegalArgumentException e) {
                    declared = StandardCharsets.UTF_8;
                }
                return input.build(new InputStreamReader(new ByteArrayInputStream(body), declared));
            }
            return input.build(new com.rometools.rome.io.XmlReader(new ByteArrayInputStream(body)));
        } catch (FeedException | IOException | IllegalArgumentException e) {
            String type = contentType.isBlank() ? "" : " (it sent " + contentType.split(";")[0].strip() + ")";
            throw ConnectorFailure.configuration(
                    "The address " + uri + " does not serve an RSS or Atom feed" + type + ".");
        }
    }

    private static boolean startsWithXmlDeclaration(byte[] body) {
        String start = new String(body, 0, Math.min(body.length, 100), StandardCharsets.ISO_8859_1).stripLeading();
        return start.startsWith("<?xml") && start.contains("encoding");
    }

    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return Duration.ofMinutes(1);
        }
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            try {
                Duration wait = Duration.between(
                        Instant.now(),
                        ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                                .toInstant());
                return wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait;
            } catch (DateTimeParseException again) {
                return Duration.ofMinutes(1);
            }
        }
    }

    private static String clip(String value, int max) {
        String text = value.replace('\uFFFD', '?').replace('\u0000', ' ');
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
