-- What the classifiers said of each inbound message, stored with it by ingest (the brand's own messages have none),
-- and what moderation did with it. The classification's reasons are kept whole in a jsonb column; the columns beside
-- it are what lists, filters and the spam model's history signals read.
alter table inbox.message
    add column spam_score        real check (spam_score between 0 and 1),
    add column spam_verdict      text check (spam_verdict in ('SPAM', 'NOT_SPAM')),
    add column intent            text,
    add column sentiment         text,
    add column abusive           boolean,
    -- the detector's language where the source gave none (language keeps what the source said)
    add column detected_language text,
    add column classification    jsonb,
    -- a hash of the normalised text, for "the same text in other conversations" (repeated spam); null for short text
    add column text_hash         bigint,
    -- a moderator's word on the message, which beats the classifier's verdict in the author's history
    add column moderated         text check (moderated in ('SPAM', 'NOT_SPAM')),
    add column moderated_by      text,
    add column moderated_at      timestamptz,
    -- held back from the inbox (spam above the workspace's threshold, or marked by a moderator)
    add column quarantined_at    timestamptz;

-- The same text elsewhere in the workspace, looked up for every batch: one index probe per distinct hash.
create index message_text_hash_idx on inbox.message (workspace_id, text_hash) where text_hash is not null;
-- The quarantine page, newest first.
create index message_quarantined_idx on inbox.message (workspace_id, quarantined_at desc, id)
    where quarantined_at is not null;

-- The post's own text (up to 20,000 characters), for telling how far a comment's topic is from it.
alter table inbox.context
    add column body text;

-- A quarantined conversation is in no list, count, search result or live update until it is restored.
alter table inbox.conversation
    add column quarantined_at timestamptz;

-- Auto-moderation per workspace and network (no row: the instance's defaults).
create table inbox.moderation_setting (
    workspace_id uuid    not null,
    network      text    not null check (network ~ '^[a-z][a-z0-9_-]{0,31}$'),
    mode         text    not null check (mode in ('OFF', 'WARN', 'QUARANTINE', 'QUARANTINE_AND_HIDE')),
    threshold    real    not null check (threshold >= 0.5 and threshold < 1),
    changed_at   timestamptz not null,
    primary key (workspace_id, network)
);

-- Moderation at the network (mark as spam, approve again), queued in the transaction that decided it and carried
-- out by a worker outside any transaction, with retries, like the publish module's outbox.
create table inbox.moderation_action (
    id                 uuid primary key,
    workspace_id       uuid        not null,
    message_id         uuid        not null,
    conversation_id    uuid,
    channel_account_id uuid        not null,
    network            text        not null,
    external_id        text        not null,
    action             text        not null check (action in ('SPAM', 'APPROVE')),
    state              text        not null check (state in ('QUEUED', 'WORKING', 'DONE', 'FAILED')),
    attempts           integer     not null default 0,
    next_attempt_at    timestamptz not null,
    leased_until       timestamptz,
    problem            text,
    reasons            text,
    created_at         timestamptz not null,
    done_at            timestamptz
);

create index moderation_action_due_idx on inbox.moderation_action (next_attempt_at) where state in ('QUEUED', 'WORKING');
create index moderation_action_message_idx on inbox.moderation_action (workspace_id, message_id, created_at);
