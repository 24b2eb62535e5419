package dev.mandate.channel.email;

import dev.mandate.channel.HtmlText;
import dev.mandate.channel.InboundItem;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a message of the mailbox into an {@link InboundItem} of kind {@code EMAIL}: threading from Message-ID,
 * In-Reply-To and References; the text part (or the HTML part as text); attachments listed by name and type only;
 * the headers as the raw payload.
 *
 * <p>A message without a Message-ID (some scanners and old systems send such) gets a stable one derived from a hash
 * of its headers, so that fetching it again is still recognised as the same message. A message without a readable
 * sender cannot become an item (the inbox needs to know who wrote) and is refused with {@link Unreadable}.
 */
final class MailMessages {

    static final int MAX_TEXT = 20_000;
    static final int MAX_HTML = 200_000;
    static final int MAX_RAW = 64 * 1024;
    static final int MAX_ATTACHMENTS = 20;

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]{1,500}>");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MailMessages() {}

    /** Why a message cannot become an item; says nothing of its content. */
    static final class Unreadable extends Exception {
        Unreadable(String reason) {
            super(reason);
        }
    }

    static InboundItem item(Message message, String brandAddress, Instant received) throws Unreadable {
        try {
            InternetAddress from = sender(message);
            String address = from.getAddress().trim().toLowerCase(Locale.ROOT);
            String messageId = messageId(message);
            String inReplyTo = first(ids(header(message, "In-Reply-To")));
            if (messageId.equals(inReplyTo)) {
                inReplyTo = null;
            }
            List<String> references = ids(header(message, "References"));
            String threadRoot = !references.isEmpty() ? references.get(0) : inReplyTo != null ? inReplyTo : messageId;
            Content content = new Content();
            content.read(message, 0);
            String subject = message.getSubject();
            String text = content.text();
            if (text.isBlank()) {
                text = subject != null && !subject.isBlank() ? subject : "(no text)";
            }
            Instant createdAt = message.getSentDate() != null
                    ? message.getSentDate().toInstant()
                    : message.getReceivedDate() != null
                            ? message.getReceivedDate().toInstant()
                            : received;
            String name = from.getPersonal();
            return new InboundItem(
                    null,
                    "email",
                    messageId,
                    inReplyTo,
                    threadRoot,
                    InboundItem.Kind.EMAIL,
                    new InboundItem.Author(
                            address,
                            name == null || name.isBlank() ? null : clip(name.strip(), 200),
                            address.equals(brandAddress) ? Boolean.TRUE : null),
                    clip(text, MAX_TEXT),
                    content.html != null && content.html.length() <= MAX_HTML ? clip(content.html, MAX_HTML) : null,
                    subject == null || subject.isBlank() ? null : clip(subject.strip(), 1000),
                    null,
                    null,
                    List.of(),
                    content.attachments.stream().limit(MAX_ATTACHMENTS).toList(),
                    createdAt,
                    raw(message, content.attachments));
        } catch (MessagingException | IOException | RuntimeException e) {
            throw new Unreadable("unreadable structure (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static InternetAddress sender(Message message) throws MessagingException, Unreadable {
        Address[] from;
        try {
            from = message.getFrom();
        } catch (MessagingException e) {
            throw new Unreadable("unreadable From header");
        }
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress address)) {
            throw new Unreadable("no From address");
        }
        String value = address.getAddress();
        if (value == null || value.isBlank() || value.indexOf('@') < 1 || value.length() > 254) {
            throw new Unreadable("no usable From address");
        }
        return address;
    }

    /** The message's own id, or one derived from its headers when it has none. */
    static String messageId(Message message) throws MessagingException {
        String id = first(ids(header(message, "Message-ID")));
        if (id != null) {
            return id;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Header header : Collections.list(message.getAllHeaders())) {
                sha.update(header.getName().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) ':');
                sha.update(String.valueOf(header.getValue()).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return "<" + HexFormat.of().formatHex(sha.digest(), 0, 20) + ".no-message-id@mandate.invalid>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(Message message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null || values.length == 0 ? null : String.join(" ", values);
    }

    /** The message ids in a header, in order, each once. */
    static List<String> ids(String header) {
        List<String> ids = new ArrayList<>();
        if (header == null) {
            return ids;
        }
        Matcher matcher = MESSAGE_ID.matcher(header);
        while (matcher.find()) {
            if (!ids.contains(matcher.group())) {
                ids.add(matcher.group());
            }
        }
        return ids;
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? null : values.get(0);
    }

    /**
     * At most {@code max} characters, without the replacement characters a wrongly declared charset leaves (ingest
     * refuses text with them, and a customer's mail must not be lost over its encoding).
     */
    private static String clip(String value, int max) {
        String text = value.replace('\uFFFD', '?').replace('\u0000', ' ');
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** The headers (values decoded), the attachments' names and types: never a body. */
    private static String raw(Message message, List<InboundItem.Attachment> attachments) throws MessagingException {
        List<Map<String, String>> headers = new ArrayList<>();
        int size = 0;
        for (Header header : Collections.list(message.getAllHeaders())) {
            String value = decode(header.getValue());
            size += header.getName().length() + value.length();
            if (size > MAX_RAW) {
                break;
            }
            headers.add(Map.of("name", header.getName(), "value", value));
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("headers", headers);
        raw.put(
                "attachments",
                attachments.stream()
                        .map(a -> Map.of("name", a.name(), "mediaType", a.mediaType()))
                        .toList());
        return JSON.writeValueAsString(raw);
    }

    private static String decode(String value) {
        if (value == null) {
            return "";
        }
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(value));
        } catch (IOException | RuntimeException e) {
            return value;
        }
    }

    /** The readable parts of a message, walked depth first. */
    private static final class Content {

        private final StringBuilder plain = new StringBuilder();
        private String html;
        private final List<InboundItem.Attachment> attachments = new ArrayList<>();

        void read(Part part, int depth) throws MessagingException, IOException {
            if (depth > 10) {
                return;
            }
            String type = baseType(part);
            String fileName = fileName(part);
            boolean attached = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || fileName != null;
            if (type.startsWith("multipart/") && !attached) {
                Object content = part.getContent();
                if (content instanceof Multipart multipart) {
                    boolean alternative = type.equals("multipart/alternative");
                    for (int i = 0; i < multipart.getCount(); i++) {
                        BodyPart child = multipart.getBodyPart(i);
                        // Of alternatives, keep one text and one HTML version.
                        if (alternative
                                && ((baseType(child).equals("text/plain") && !plain.isEmpty())
                                        || (baseType(child).equals("text/html") && html != null))) {
                            continue;
                        }
                        read(child, depth + 1);
                    }
                }
            } else if (!attached && type.equals("text/plain")) {
                if (!plain.isEmpty()) {
                    plain.append("\n\n");
                }
                plain.append(text(part));
            } else if (!attached && type.equals("text/html") && html == null) {
                html = text(part);
            } else {
                attachments.add(new InboundItem.Attachment(
                        null,
                        type,
                        fileName != null ? fileName : type.equals("message/rfc822") ? "message.eml" : "part"));
            }
        }

        String text() {
            String text = plain.toString().strip();
            return !text.isEmpty() || html == null ? text : HtmlText.plain(html);
        }

        private static String text(Part part) throws MessagingException, IOException {
            Object content = part.getContent();
            if (content instanceof String s) {
                return s;
            }
            if (content instanceof InputStream in) {
                try (in) {
                    return new String(in.readNBytes(MAX_HTML + 1), StandardCharsets.UTF_8);
                }
            }
            return "";
        }

        private static String baseType(Part part) throws MessagingException {
            try {
                return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
            } catch (MessagingException | RuntimeException e) {
                return "application/octet-stream";
            }
        }

        private static String fileName(Part part) {
            try {
                String name = part.getFileName();
                return name == null || name.isBlank() ? null : clip(decode(name).strip(), 200);
            } catch (MessagingException | RuntimeException e) {
                return "part";
            }
        }
    }
}
