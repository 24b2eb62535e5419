package dev.mandate.inbox;

import dev.mandate.shared.WorkspaceId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes a batch of incoming messages into their conversations, set-based: a handful of statements per batch,
 * whatever its size.
 *
 * <ol>
 *   <li>Posts are stored (or updated) as contexts.
 *   <li>Messages are inserted without a conversation; the unique (account, external id) constraint drops repeats.
 *   <li>Each new message finds its conversation: a reply takes its parent's (from the batch or the database), a
 *       top-level item starts one under its thread key, and a reply whose parent has not arrived waits.
 *   <li>Waiting replies whose parent has now arrived are adopted, level by level.
 *   <li>The touched conversations get their last message time, waiting-since time and state from their messages.
 * </ol>
 */
@Component
class MessageRecorder {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final AutoModeration moderation;

    MessageRecorder(JdbcClient jdbc, ApplicationEventPublisher events, AutoModeration moderation) {
        this.jdbc = jdbc;
        this.events = events;
        this.moderation = moderation;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    List<Recorded> record(WorkspaceId workspace, List<IncomingContext> contexts, List<IncomingMessage> messages) {
        lockAccounts(contexts, messages);
        storeContexts(workspace, contexts);

        // New messages get their ids now, so that replies in the same batch can point at them before either is
        // written, and each is written once, already in its conversation.
        Set<Key> stored = alreadyStored(messages);
        Map<Key, IncomingMessage> fresh = new LinkedHashMap<>();
        Map<Key, UUID> ids = new HashMap<>();
        for (IncomingMessage message : messages) {
            Key key = Key.of(message);
            if (!stored.contains(key) && fresh.putIfAbsent(key, message) == null) {
                ids.put(key, UUID.randomUUID());
            }
        }
        Map<Key, Placed> parentsInDatabase = parentsInDatabase(fresh.values(), fresh.keySet());
        Set<ContextKey> posts = postsNamedAsParent(fresh.values());
        Map<Key, Placed> placed = new HashMap<>();
        List<NewConversation> starts = new ArrayList<>();
        for (IncomingMessage message : fresh.values()) {
            place(message, fresh, ids, parentsInDatabase, posts, placed, starts, new HashSet<>());
        }
        Map<UUID, AutoModeration.Verdict> verdicts = moderation.judge(workspace, messagesById(fresh, ids));
        Map<ThreadKey, UUID> conversations = startConversations(workspace, starts);
        linkContexts(contexts);
        // Now that the new conversations have ids, every placement can name its conversation.
        Map<UUID, Placement> placements = new LinkedHashMap<>();
        placed.forEach((key, where) -> {
            UUID conversation = where.conversation() != null ? where.conversation() : conversations.get(where.thread());
            if (conversation != null) {
                placements.put(ids.get(key), new Placement(conversation, where.parent()));
            }
        });
        insertMessages(workspace, fresh, ids, placements, verdicts);
        Map<UUID, Adopted> adopted = adoptOrphans(placements, placed, ids);
        Map<UUID, Placement> adoptions = new LinkedHashMap<>();
        adopted.forEach((id, orphan) -> adoptions.put(id, orphan.placement()));
        writePlacements(adoptions);
        placements.putAll(adoptions);
        List<UUID> touched = placements.values().stream()
                .map(Placement::conversation)
                .distinct()
                .toList();
        summarise(touched);
        Map<UUID, UUID> conversationOf = new HashMap<>();
        placements.forEach((id, placement) -> conversationOf.put(id, placement.conversation()));
        moderation.apply(workspace, verdicts, conversationOf, messagesById(fresh, ids));

        List<Recorded> results = new ArrayList<>(messages.size());
        Set<Key> reported = new HashSet<>();
        for (IncomingMessage message : messages) {
            Key key = Key.of(message);
            UUID id = ids.get(key);
            if (id == null || !reported.add(key)) {
                results.add(Recorded.duplicateOf());
                continue;
            }
            Placement placement = placements.get(id);
            results.add(new Recorded(
                    new MessageId(id), placement == null ? null : new ConversationId(placement.conversation()), false));
        }
        publish(workspace, placements, messagesById(fresh, ids), adopted);
        return results;
    }

    /**
     * Serialises recording per channel account (in a stable order, so two batches cannot deadlock): deduplication,
     * threading and starting conversations then see everything an earlier batch of the account wrote.
     */
    private void lockAccounts(List<IncomingContext> contexts, List<IncomingMessage> messages) {
        Stream.concat(
                        contexts.stream().map(c -> c.account().value()),
                        messages.stream().map(m -> m.account().value()))
                .distinct()
                .sorted()
                .forEach(account -> jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:account, 7))")
                        .param("account", account.toString())
                        .query((rs, row) -> 1)
                        .list());
    }

    /** The messages of this batch that were stored before. */
    private Set<Key> alreadyStored(List<IncomingMessage> messages) {
        Set<Key> stored = new HashSet<>();
        if (messages.isEmpty()) {
            return stored;
        }
        jdbc.sql("""
                        select m.channel_account_id, m.external_id
                          from unnest(:accounts::uuid[], :externalIds::text[]) as k (account, external_id)
                          join inbox.message m on m.channel_account_id = k.account and m.external_id = k.external_id
                        """)
                .param(
                        "accounts",
                        messages.stream().map(m -> m.account().value()).toArray(UUID[]::new))
                .param(
                        "externalIds",
                        messages.stream().map(IncomingMessage::externalId).toArray(String[]::new))
                .query(rs -> {
                    stored.add(new Key(rs.getObject("channel_account_id", UUID.class), rs.getString("external_id")));
                });
        return stored;
    }

    /** Where a new message goes: a known conversation, or the thread a new conversation starts for. */
    private record Placed(UUID conversation, ThreadKey thread, UUID parent) {}

    private record Placement(UUID conversation, UUID parent) {}

    private record Key(UUID account, String externalId) {
        static Key of(IncomingMessage message) {
            return new Key(message.account().value(), message.externalId());
        }
    }

    private record ContextKey(UUID account, String externalId) {}

    /** A reply stored earlier without its parent, placed now. */
    private record Adopted(
            Placement placement,
            UUID account,
            Direction direction,
            Instant createdAt,
            dev.mandate.classify.Classification classification) {}

    private record ThreadKey(UUID account, String key) {}

    private record NewConversation(ThreadKey thread, IncomingMessage first) {}

    private Placed place(
            IncomingMessage message,
            Map<Key, IncomingMessage> fresh,
            Map<Key, UUID> inserted,
            Map<Key, Placed> inDatabase,
            Set<ContextKey> posts,
            Map<Key, Placed> placed,
            List<NewConversation> starts,
            Set<Key> visiting) {
        Key key = Key.of(message);
        if (placed.containsKey(key)) {
            return placed.get(key);
        }
        if (!visiting.add(key)) {
            return null; // a reply cycle in the input: leave it waiting rather than loop
        }
        UUID account = message.account().value();
        String parent = message.parentExternalId();
        Placed where;
        if (parent == null
                || parent.equals(message.contextExternalId())
                || posts.contains(new ContextKey(account, parent))) {
            // A top-level item: its own thread, or the direct-message thread it names.
            where = topLevel(message, starts);
        } else {
            Key parentKey = new Key(account, parent);
            Placed parentPlace = fresh.containsKey(parentKey)
                    ? place(fresh.get(parentKey), fresh, inserted, inDatabase, posts, placed, starts, visiting)
                    : inDatabase.get(parentKey);
            if (parentPlace == null || (parentPlace.conversation() == null && parentPlace.thread() == null)) {
                if (message.threadKey() == null) {
                    return null; // the parent has not arrived, or waits itself: so does this reply
                }
                // An e-mail or direct message names its thread: it joins it even when the message it answers never
                // arrives here (the brand's reply was sent elsewhere, the customer answers an old newsletter).
                where = topLevel(message, starts);
                placed.put(key, where);
                return where;
            }
            // A parent of this batch is known by its new id; one stored before carries its id as parent().
            UUID parentId = fresh.containsKey(parentKey) ? inserted.get(parentKey) : parentPlace.parent();
            where = new Placed(parentPlace.conversation(), parentPlace.thread(), parentId);
        }
        placed.put(key, where);
        return where;
    }

    /** Where a message goes that starts or joins the thread it names (its own id for a top-level comment). */
    private static Placed topLevel(IncomingMessage message, List<NewConversation> starts) {
        ThreadKey thread = new ThreadKey(
                message.account().value(), message.threadKey() != null ? message.threadKey() : message.externalId());
        if (starts.stream().noneMatch(s -> s.thread().equals(thread))) {
            starts.add(new NewConversation(thread, message));
        }
        return new Placed(null, thread, null);
    }

    private void storeContexts(WorkspaceId workspace, List<IncomingContext> contexts) {
        if (contexts.isEmpty()) {
            return;
        }
        Map<ContextKey, IncomingContext> unique = new LinkedHashMap<>();
        contexts.forEach(c -> unique.put(new ContextKey(c.account().value(), c.externalId()), c));
        List<IncomingContext> list = List.copyOf(unique.values());
        jdbc.sql("""
                        insert into inbox.context (id, workspace_id, channel_account_id, external_id, title, url, excerpt,
                                                   author_name, published_at, body)
                        select gen_random_uuid(), :workspace, account, external_id, title, url, excerpt, author, published,
                               body
                          from unnest(:accounts::uuid[], :externalIds::text[], :titles::text[], :urls::text[],
                                      :excerpts::text[], :authors::text[], :published::timestamptz[], :bodies::text[])
                               as c (account, external_id, title, url, excerpt, author, published, body)
                        on conflict (channel_account_id, external_id) do update
                           set title = excluded.title, url = excluded.url, excerpt = excluded.excerpt,
                               author_name = excluded.author_name, published_at = excluded.published_at,
                               body = coalesce(excluded.body, inbox.context.body)
                        """)
                .param("workspace", workspace.value())
                .param("accounts", list.stream().map(c -> c.account().value()).toArray(UUID[]::new))
                .param(
                        "externalIds",
                        list.stream().map(IncomingContext::externalId).toArray(String[]::new))
                .param("titles", list.stream().map(IncomingContext::title).toArray(String[]::new))
                .param("urls", list.stream().map(IncomingContext::url).toArray(String[]::new))
                .param("excerpts", list.stream().map(IncomingContext::excerpt).toArray(String[]::new))
                .param("authors", list.stream().map(IncomingContext::authorName).toArray(String[]::new))
                .param(
                        "published",
                        list.stream().map(c -> timestamp(c.publishedAt())).toArray(Timestamp[]::new))
                .param("bodies", list.stream().map(IncomingContext::body).toArray(String[]::new))
                .update();
    }

    /** Gives the conversations that waited for these posts their post (new conversations get it as they start). */
    private void linkContexts(List<IncomingContext> contexts) {
        if (contexts.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update inbox.conversation c
                           set context_id = x.id, context_title = x.title, context_url = x.url
                          from unnest(:accounts::uuid[], :externalIds::text[]) as p (account, external_id)
                          join inbox.context x on x.channel_account_id = p.account and x.external_id = p.external_id
                         where c.context_id is null
                           and c.context_external_id is not null
                           and c.channel_account_id = p.account
                           and c.context_external_id = p.external_id
                        """)
                .param(
                        "accounts",
                        contexts.stream().map(c -> c.account().value()).toArray(UUID[]::new))
                .param(
                        "externalIds",
                        contexts.stream().map(IncomingContext::externalId).toArray(String[]::new))
                .update();
    }

    /** The stored posts among the parents these messages name (a source may name the post as parent). */
    private Set<ContextKey> postsNamedAsParent(Collection<IncomingMessage> messages) {
        Set<ContextKey> posts = new HashSet<>();
        List<IncomingMessage> withParent = messages.stream()
                .filter(m ->
                        m.parentExternalId() != null && !m.parentExternalId().equals(m.contextExternalId()))
                .toList();
        if (withParent.isEmpty()) {
            return posts;
        }
        jdbc.sql("""
                        select c.channel_account_id, c.external_id
                          from inbox.context c
                          join unnest(:accounts::uuid[], :externalIds::text[]) as p (account, external_id)
                            on c.channel_account_id = p.account and c.external_id = p.external_id
                        """)
                .param(
                        "accounts",
                        withParent.stream().map(m -> m.account().value()).toArray(UUID[]::new))
                .param(
                        "externalIds",
                        withParent.stream()
                                .map(IncomingMessage::parentExternalId)
                                .toArray(String[]::new))
                .query(rs -> {
                    posts.add(new ContextKey(
                            rs.getObject("channel_account_id", UUID.class), rs.getString("external_id")));
                });
        return posts;
    }

    /**
     * Writes the new messages, each in its conversation under its parent where it has one, and without one while
     * it waits for its parent. The accounts are locked, so none of them can have been stored meanwhile.
     */
    private void insertMessages(
            WorkspaceId workspace,
            Map<Key, IncomingMessage> fresh,
            Map<Key, UUID> ids,
            Map<UUID, Placement> placements,
            Map<UUID, AutoModeration.Verdict> verdicts) {
        if (fresh.isEmpty()) {
            return;
        }
        List<IncomingMessage> messages = List.copyOf(fresh.values());
        UUID[] messageIds = messages.stream().map(m -> ids.get(Key.of(m))).toArray(UUID[]::new);
        UUID[] conversations = Arrays.stream(messageIds)
                .map(id -> placements.containsKey(id) ? placements.get(id).conversation() : null)
                .toArray(UUID[]::new);
        UUID[] parents = Arrays.stream(messageIds)
                .map(id -> placements.containsKey(id) ? placements.get(id).parent() : null)
                .toArray(UUID[]::new);
        jdbc.sql("""
                        insert into inbox.message (id, workspace_id, conversation_id, parent_id,
                                                   channel_account_id, external_id, parent_external_id,
                                                   thread_key, kind, direction, author_name, author_handle, contact_id,
                                                   body, html, language, links, attachments, raw, created_at, received_at,
                                                   spam_score, spam_verdict, intent, sentiment, abusive,
                                                   detected_language, classification, text_hash, quarantined_at)
                        select id, :workspace, conversation, parent_id, account, external_id, parent, thread, kind, direction, author, handle,
                               contact, body, html, language, links::jsonb, attachments::jsonb, raw::jsonb, created, now(),
                               spam_score, spam_verdict, intent, sentiment, abusive, detected_language,
                               classification::jsonb, text_hash, case when quarantined then now() end
                          from unnest(:ids::uuid[], :conversations::uuid[], :parentIds::uuid[], :accounts::uuid[], :externalIds::text[], :parents::text[],
                                      :threads::text[], :kinds::text[], :directions::text[], :authors::text[],
                                      :handles::text[], :contacts::uuid[], :bodies::text[], :htmls::text[],
                                      :languages::text[], :links::text[], :attachments::text[], :raws::text[],
                                      :created::timestamptz[], :spamScores::real[], :spamVerdicts::text[], :intents::text[],
                                      :sentiments::text[], :abusive::boolean[], :detected::text[], :classifications::text[],
                                      :hashes::bigint[], :quarantined::boolean[])
                               as m (id, conversation, parent_id, account, external_id, parent, thread, kind, direction, author, handle, contact,
                                     body, html, language, links, attachments, raw, created, spam_score, spam_verdict, intent,
                                     sentiment, abusive, detected_language, classification, text_hash, quarantined)
                        """)
                .param("workspace", workspace.value())
                .param("ids", messageIds)
                .param("conversations", conversations)
                .param("parentIds", parents)
                .param(
                        "accounts",
                        messages.stream().map(m -> m.account().value()).toArray(UUID[]::new))
                .param(
                        "externalIds",
                        messages.stream().map(IncomingMessage::externalId).toArray(String[]::new))
                .param(
                        "parents",
                        messages.stream().map(IncomingMessage::parentExternalId).toArray(String[]::new))
                .param(
                        "threads",
                        messages.stream().map(IncomingMessage::threadKey).toArray(String[]::new))
                .param("kinds", messages.stream().map(m -> m.kind().name()).toArray(String[]::new))
                .param(
                        "directions",
                        messages.stream().map(m -> m.direction().name()).toArray(String[]::new))
                .param(
                        "authors",
                        messages.stream().map(IncomingMessage::authorName).toArray(String[]::new))
                .param(
                        "handles",
                        messages.stream().map(IncomingMessage::authorHandle).toArray(String[]::new))
                .param(
                        "contacts",
                        messages.stream()
                                .map(m ->
                                        m.contact() == null ? null : m.contact().value())
                                .toArray(UUID[]::new))
                .param("bodies", messages.stream().map(IncomingMessage::body).toArray(String[]::new))
                .param("htmls", messages.stream().map(IncomingMessage::html).toArray(String[]::new))
                .param(
                        "languages",
                        messages.stream().map(IncomingMessage::language).toArray(String[]::new))
                .param("links", messages.stream().map(IncomingMessage::links).toArray(String[]::new))
                .param(
                        "attachments",
                        messages.stream().map(IncomingMessage::attachments).toArray(String[]::new))
                .param("raws", messages.stream().map(IncomingMessage::raw).toArray(String[]::new))
                .param(
                        "created",
                        messages.stream().map(m -> timestamp(m.createdAt())).toArray(Timestamp[]::new))
                .param(
                        "spamScores",
                        classified(messages, c -> (float) c.spam().score()).toArray(Float[]::new))
                .param(
                        "spamVerdicts",
                        classified(messages, c -> c.spam().verdict().name()).toArray(String[]::new))
                .param(
                        "intents",
                        classified(messages, c -> c.intent().label().name()).toArray(String[]::new))
                .param(
                        "sentiments",
                        classified(messages, c -> c.sentiment().polarity().name())
                                .toArray(String[]::new))
                .param("abusive", classified(messages, c -> c.abuse().flagged()).toArray(Boolean[]::new))
                .param(
                        "detected",
                        messages.stream().map(MessageRecorder::detectedLanguage).toArray(String[]::new))
                .param(
                        "classifications",
                        messages.stream()
                                .map(m -> ClassificationJson.write(m.classification()))
                                .toArray(String[]::new))
                .param(
                        "hashes",
                        messages.stream().map(IncomingMessage::textHash).toArray(Long[]::new))
                .param(
                        "quarantined",
                        Arrays.stream(messageIds)
                                .map(id -> verdicts.containsKey(id)
                                        && verdicts.get(id).quarantine())
                                .toArray(Boolean[]::new))
                .update();
    }

    private static <T> Stream<T> classified(
            List<IncomingMessage> messages, java.util.function.Function<dev.mandate.classify.Classification, T> value) {
        return messages.stream().map(m -> m.classification() == null ? null : value.apply(m.classification()));
    }

    /** The detector's language, for a message whose source named none and whose text says enough to tell. */
    static String detectedLanguage(IncomingMessage message) {
        if (message.language() != null || message.classification() == null) {
            return null;
        }
        String language = message.classification().language();
        return "unknown".equals(language) ? null : language;
    }

    /** The parents of these messages that were stored before and sit in a conversation already. */
    private Map<Key, Placed> parentsInDatabase(Collection<IncomingMessage> messages, Set<Key> fresh) {
        Map<Key, Placed> parents = new HashMap<>();
        List<IncomingMessage> replies = messages.stream()
                .filter(m -> m.parentExternalId() != null
                        && !fresh.contains(new Key(m.account().value(), m.parentExternalId())))
                .toList();
        if (replies.isEmpty()) {
            return parents;
        }
        jdbc.sql("""
                        select m.id, m.channel_account_id, m.external_id, m.conversation_id
                          from inbox.message m
                          join unnest(:accounts::uuid[], :externalIds::text[]) as p (account, external_id)
                            on m.channel_account_id = p.account and m.external_id = p.external_id
                        """)
                .param(
                        "accounts",
                        replies.stream().map(m -> m.account().value()).toArray(UUID[]::new))
                .param(
                        "externalIds",
                        replies.stream().map(IncomingMessage::parentExternalId).toArray(String[]::new))
                .query(rs -> {
                    UUID conversation = rs.getObject("conversation_id", UUID.class);
                    // parent() carries the parent message's own id, which the reply will point to.
                    if (conversation != null) { // a parent that waits itself leaves its reply waiting too
                        parents.put(
                                new Key(rs.getObject("channel_account_id", UUID.class), rs.getString("external_id")),
                                new Placed(conversation, null, rs.getObject("id", UUID.class)));
                    }
                });
        return parents;
    }

    private Map<ThreadKey, UUID> startConversations(WorkspaceId workspace, List<NewConversation> starts) {
        Map<ThreadKey, UUID> ids = new HashMap<>();
        if (starts.isEmpty()) {
            return ids;
        }
        int n = starts.size();
        UUID[] newIds = new UUID[n];
        UUID[] accounts = new UUID[n];
        String[] keys = new String[n];
        String[] networks = new String[n];
        String[] kinds = new String[n];
        String[] languages = new String[n];
        String[] contexts = new String[n];
        String[] titles = new String[n];
        UUID[] contacts = new UUID[n];
        Timestamp[] started = new Timestamp[n];
        for (int i = 0; i < n; i++) {
            NewConversation start = starts.get(i);
            IncomingMessage first = start.first();
            newIds[i] = UUID.randomUUID();
            accounts[i] = start.thread().account();
            keys[i] = start.thread().key();
            networks[i] = first.network();
            kinds[i] = first.kind().name();
            languages[i] = first.language() != null ? first.language() : detectedLanguage(first);
            contexts[i] = first.contextExternalId() != null ? first.contextExternalId() : first.parentExternalId();
            titles[i] = first.title();
            contacts[i] = first.contact() == null ? null : first.contact().value();
            started[i] = timestamp(first.createdAt());
        }
        jdbc.sql("""
                        insert into inbox.conversation (id, workspace_id, channel_account_id, thread_key, network, kind,
                                                        language, context_external_id, context_id, context_title,
                                                        context_url, contact_id,
                                                        state, priority, started_at, last_message_at, version)
                        select c.id, :workspace, c.account, c.key, c.network, c.kind, c.language, c.context, x.id,
                               coalesce(x.title, left(c.title, 300)), x.url, c.contact, 'OPEN', 'NORMAL', c.started,
                               c.started, 0
                          from unnest(:ids::uuid[], :accounts::uuid[], :keys::text[], :networks::text[], :kinds::text[],
                                      :languages::text[], :contexts::text[], :titles::text[], :contacts::uuid[],
                                      :started::timestamptz[])
                               as c (id, account, key, network, kind, language, context, title, contact, started)
                          left join inbox.context x on x.channel_account_id = c.account and x.external_id = c.context
                        on conflict (channel_account_id, thread_key) do nothing
                        """)
                .param("workspace", workspace.value())
                .param("ids", newIds)
                .param("accounts", accounts)
                .param("keys", keys)
                .param("networks", networks)
                .param("kinds", kinds)
                .param("languages", languages)
                .param("contexts", contexts)
                .param("titles", titles)
                .param("contacts", contacts)
                .param("started", started)
                .update();
        // Read them back: a conversation another batch started for the same thread is the one to join.
        jdbc.sql("""
                        select c.id, c.channel_account_id, c.thread_key
                          from inbox.conversation c
                          join unnest(:accounts::uuid[], :keys::text[]) as t (account, key)
                            on c.channel_account_id = t.account and c.thread_key = t.key
                        """).param("accounts", accounts).param("keys", keys).query(rs -> {
            ids.put(
                    new ThreadKey(rs.getObject("channel_account_id", UUID.class), rs.getString("thread_key")),
                    rs.getObject("id", UUID.class));
        });
        return ids;
    }

    /** Replies stored earlier without their parent, whose parent is placed now: level by level. */
    private Map<UUID, Adopted> adoptOrphans(
            Map<UUID, Placement> placements, Map<Key, Placed> placed, Map<Key, UUID> inserted) {
        Map<UUID, Adopted> adopted = new HashMap<>();
        Map<Key, Placement> parents = new HashMap<>();
        placed.forEach((key, where) -> {
            UUID id = inserted.get(key);
            if (placements.containsKey(id)) {
                parents.put(key, new Placement(placements.get(id).conversation(), id));
            }
        });
        while (!parents.isEmpty()) {
            List<Key> keys = List.copyOf(parents.keySet());
            Map<Key, Placement> next = new HashMap<>();
            jdbc.sql("""
                            select m.id, m.channel_account_id, m.external_id, m.parent_external_id, m.direction,
                                   m.created_at, m.classification::text as classification
                              from inbox.message m
                              join unnest(:accounts::uuid[], :externalIds::text[]) as p (account, external_id)
                                on m.channel_account_id = p.account and m.parent_external_id = p.external_id
                             where m.conversation_id is null
                            """)
                    .param("accounts", keys.stream().map(Key::account).toArray(UUID[]::new))
                    .param("externalIds", keys.stream().map(Key::externalId).toArray(String[]::new))
                    .query(rs -> {
                        UUID id = rs.getObject("id", UUID.class);
                        UUID account = rs.getObject("channel_account_id", UUID.class);
                        if (placements.containsKey(id) || adopted.containsKey(id)) {
                            return;
                        }
                        Placement parent = parents.get(new Key(account, rs.getString("parent_external_id")));
                        Placement placement = new Placement(parent.conversation(), parent.parent());
                        adopted.put(
                                id,
                                new Adopted(
                                        placement,
                                        account,
                                        Direction.valueOf(rs.getString("direction")),
                                        rs.getObject("created_at", java.time.OffsetDateTime.class)
                                                .toInstant(),
                                        // what the classifiers said when it arrived, stored with it then
                                        ClassificationJson.read(rs.getString("classification"))));
                        next.put(
                                new Key(account, rs.getString("external_id")),
                                new Placement(placement.conversation(), id));
                    });
            parents.clear();
            parents.putAll(next);
        }
        return adopted;
    }

    private void writePlacements(Map<UUID, Placement> placements) {
        if (placements.isEmpty()) {
            return;
        }
        List<Map.Entry<UUID, Placement>> entries = List.copyOf(placements.entrySet());
        jdbc.sql("""
                        update inbox.message m set conversation_id = p.conversation, parent_id = p.parent
                          from unnest(:ids::uuid[], :conversations::uuid[], :parents::uuid[]) as p (id, conversation, parent)
                         where m.id = p.id
                        """)
                .param("ids", entries.stream().map(Map.Entry::getKey).toArray(UUID[]::new))
                .param(
                        "conversations",
                        entries.stream().map(e -> e.getValue().conversation()).toArray(UUID[]::new))
                .param(
                        "parents",
                        entries.stream().map(e -> e.getValue().parent()).toArray(UUID[]::new))
                .update();
    }

    /**
     * Derives each touched conversation's times and state from its messages: the last message time; since when
     * the customer has waited (their first message after the brand's last one); a customer writing again opens a
     * waiting or closed conversation, the brand answering makes an open one wait for the customer.
     */
    void summarise(List<UUID> conversations) {
        if (conversations.isEmpty()) {
            return;
        }
        // One update per conversation, and its search text queued for the search index: a conversation row
        // carries no words, so its new version costs no text index entries.
        jdbc.sql("""
                        with queued as (
                            insert into inbox.search_backlog (conversation_id)
                            select distinct unnest(:ids::uuid[])),
                        stats as (
                            select m.conversation_id,
                                   max(m.created_at) as last_at,
                                   min(m.created_at) as first_at,
                                   max(m.created_at) filter (where m.direction = 'OUTBOUND') as last_outbound,
                                   (array_agg(m.direction order by m.created_at desc, m.id desc))[1] as last_direction
                              from inbox.message m
                             where m.conversation_id = any(:ids::uuid[])
                             group by m.conversation_id),
                        waiting as (
                            select s.*,
                                   (select min(m.created_at) from inbox.message m
                                     where m.conversation_id = s.conversation_id and m.direction = 'INBOUND'
                                       and m.created_at > coalesce(s.last_outbound, '-infinity')) as waiting_since
                              from stats s)
                        update inbox.conversation c
                           set last_message_at = w.last_at,
                               started_at = least(c.started_at, w.first_at),
                               -- a monitoring hit (a feed entry) is nobody waiting for the brand's answer
                               waiting_since = case when c.kind = 'MONITORING' then null else w.waiting_since end,
                               state = case
                                   when w.last_direction = 'INBOUND' and c.state in ('WAITING', 'CLOSED') then 'OPEN'
                                   when w.last_direction = 'OUTBOUND' and c.state = 'OPEN' then 'WAITING'
                                   else c.state end,
                               version = c.version + 1
                          from waiting w
                         where c.id = w.conversation_id and c.id = any(:ids::uuid[])
                        """)
                .param("ids", conversations.stream().sorted().toArray(UUID[]::new))
                .update();
    }

    private static Map<UUID, IncomingMessage> messagesById(Map<Key, IncomingMessage> fresh, Map<Key, UUID> ids) {
        Map<UUID, IncomingMessage> byId = new HashMap<>();
        fresh.forEach((key, message) -> byId.put(ids.get(key), message));
        return byId;
    }

    /**
     * A message is news once it has a conversation: now for the placed ones of this batch and for replies that
     * waited for their parent; a reply that still waits is announced when it is adopted.
     */
    private void publish(
            WorkspaceId workspace,
            Map<UUID, Placement> placements,
            Map<UUID, IncomingMessage> messages,
            Map<UUID, Adopted> adopted) {
        Map<UUID, String> networks = new HashMap<>();
        messages.values().forEach(m -> networks.putIfAbsent(m.account().value(), m.network()));
        List<MessageReceived> received = new ArrayList<>(placements.size());
        placements.forEach((id, placement) -> {
            IncomingMessage message = messages.get(id);
            Adopted earlier = adopted.get(id);
            received.add(new MessageReceived(
                    workspace,
                    new ConversationId(placement.conversation()),
                    new MessageId(id),
                    message != null ? message.direction() : earlier.direction(),
                    message != null ? message.network() : networks.get(earlier.account()),
                    message != null ? message.createdAt() : earlier.createdAt(),
                    message != null ? message.classification() : earlier.classification()));
        });
        received.forEach(events::publishEvent);
        if (!received.isEmpty()) {
            events.publishEvent(new MessagesReceived(workspace, received));
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
