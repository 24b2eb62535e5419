package dev.mandate.inbox;

import dev.mandate.shared.WorkspaceId;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Tells the open pages of a workspace what changed in it, over server-sent events, once the change is committed.
 *
 * <p>Changes are gathered per workspace for a moment and sent as one event naming the conversations, so a batch
 * of five hundred ingested messages costs each open page one event and one reload of its list, not five hundred.
 * Each page only ever hears about its own workspace: subscriptions are kept per workspace, and the controller
 * subscribes members only. A comment every 25 seconds keeps proxies from closing quiet streams and finds the ones
 * whose page has gone.
 */
@Component
class LiveInbox {

    /** How long changes are gathered before they are sent. */
    static final Duration GATHER = Duration.ofMillis(250);

    /** The most conversation ids one event names; more than that and the page just reloads its list. */
    static final int MAX_IDS = 100;

    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final Duration HEARTBEAT = Duration.ofSeconds(25);
    private static final Logger log = LoggerFactory.getLogger(LiveInbox.class);

    private final Map<WorkspaceId, Set<SseEmitter>> subscribers = new ConcurrentHashMap<>();
    // (an empty set stays in subscribers: removing it could race with a page subscribing at that moment)
    private final Map<WorkspaceId, Set<ConversationId>> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "live-inbox");
        thread.setDaemon(true);
        return thread;
    });

    private final JdbcClient jdbc;

    LiveInbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
        scheduler.scheduleAtFixedRate(
                this::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A stream of the workspace's changes; the caller has checked that the subscriber is a member. */
    SseEmitter subscribe(WorkspaceId workspace) {
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        Set<SseEmitter> set = subscribers.computeIfAbsent(workspace, id -> new CopyOnWriteArraySet<>());
        set.add(emitter);
        Runnable remove = () -> set.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(error -> remove.run());
        try {
            // Sent at once, so the page knows it is connected (and the response is committed).
            emitter.send(SseEmitter.event().name("ready").data("{}", MediaType.APPLICATION_JSON));
        } catch (IOException e) {
            set.remove(emitter);
        }
        return emitter;
    }

    // Plain listeners that wait for the commit themselves: a transactional event listener would have Spring
    // Modulith keep a publication row for every message, for a notice that is worthless after a restart.
    @EventListener
    void on(MessageReceived event) {
        afterCommit(() -> changed(event.workspaceId(), event.conversationId()));
    }

    @EventListener
    void on(ConversationChanged event) {
        afterCommit(() -> changed(event.workspaceId(), event.conversationId()));
    }

    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    int subscribers(WorkspaceId workspace) {
        return subscribers.getOrDefault(workspace, Set.of()).size();
    }

    private void changed(WorkspaceId workspace, ConversationId conversation) {
        if (subscribers.getOrDefault(workspace, Set.of()).isEmpty()) {
            return;
        }
        // Gathered inside compute, so that a change arriving while the flush takes the set is in the next one.
        pending.compute(workspace, (id, gathered) -> {
            if (gathered == null) {
                gathered = new LinkedHashSet<>();
                scheduler.schedule(() -> flush(workspace), GATHER.toMillis(), TimeUnit.MILLISECONDS);
            }
            gathered.add(conversation);
            return gathered;
        });
    }

    private void flush(WorkspaceId workspace) {
        Set<ConversationId> gathered = pending.remove(workspace);
        if (gathered == null || gathered.isEmpty()) {
            return;
        }
        Set<ConversationId> changed = visible(workspace, gathered);
        if (changed.isEmpty()) {
            return; // only quarantined conversations changed: nobody is told of spam
        }
        List<String> ids =
                changed.stream().limit(MAX_IDS).map(ConversationId::toString).toList();
        String data = "{\"conversations\":["
                + String.join(",", ids.stream().map(id -> "\"" + id + "\"").toList()) + "],\"more\":"
                + (changed.size() > MAX_IDS) + "}";
        send(workspace, SseEmitter.event().name("changed").data(data, MediaType.APPLICATION_JSON));
    }

    /** The conversations that are not quarantined: one look-up per gathered event, not per message. */
    private Set<ConversationId> visible(WorkspaceId workspace, Set<ConversationId> conversations) {
        Set<ConversationId> visible = new LinkedHashSet<>();
        try {
            jdbc.sql("""
                            select id from inbox.conversation
                             where workspace_id = :workspace and id = any(:ids::uuid[]) and quarantined_at is null
                            """)
                    .param("workspace", workspace.value())
                    .param(
                            "ids",
                            conversations.stream().map(ConversationId::value).toArray(java.util.UUID[]::new))
                    .query(rs -> {
                        visible.add(new ConversationId(rs.getObject("id", java.util.UUID.class)));
                    });
        } catch (RuntimeException e) {
            log.debug("could not tell quarantined conversations apart; telling of none", e);
        }
        return visible;
    }

    private void heartbeat() {
        subscribers
                .keySet()
                .forEach(workspace -> send(workspace, SseEmitter.event().comment("still here")));
    }

    private void send(WorkspaceId workspace, SseEmitter.SseEventBuilder event) {
        Set<SseEmitter> set = subscribers.getOrDefault(workspace, Set.of());
        Set<SseEmitter> gone = new LinkedHashSet<>();
        for (SseEmitter emitter : set) {
            try {
                emitter.send(event);
            } catch (IOException | IllegalStateException e) {
                gone.add(emitter); // the page has gone; its stream is finished
            }
        }
        if (!gone.isEmpty()) {
            set.removeAll(gone);
            gone.forEach(emitter -> {
                try {
                    emitter.complete();
                } catch (RuntimeException e) {
                    log.debug("closing a stream that had gone already", e);
                }
            });
        }
    }

    @PreDestroy
    void close() {
        scheduler.shutdownNow();
        subscribers.values().forEach(set -> set.forEach(SseEmitter::complete));
        subscribers.clear();
    }
}
