-- The routing module's hand-offs (a conversation handed to the brand with a question and a deadline), the
-- notifications that tell people outside Mandate (an outbox: written in the transaction that asks for them, sent by
-- a worker outside any transaction), the briefing of approved answers with its full-text search, canned replies,
-- and what was inserted into replies (for the report). The schema may exist already (the rules' migration).
create schema if not exists routing;

create table routing.handoff (
    id               uuid primary key,
    workspace_id     uuid        not null,
    conversation_id  uuid        not null,
    question         text        not null check (length(question) between 1 and 2000),
    -- what the brand reads without opening the conversation: the beginning of its first message, at the time
    context          text,
    deadline         timestamptz not null,
    state            text        not null check (state in ('OPEN', 'ANSWERED', 'TAKEN_OVER', 'RETURNED')),
    requested_by     text        not null,
    requested_by_id  uuid,
    rule_id          text,
    rule_version     integer     not null default 0,
    opened_at        timestamptz not null,
    closed_at        timestamptz,
    closed_by        text,
    closed_by_id     uuid,
    answer           text        check (length(answer) <= 10000),
    briefing_entry_id uuid,
    check ((state = 'OPEN') = (closed_at is null))
);

-- One open hand-off per conversation: a request delivered twice (after a crash) opens it once.
create unique index handoff_open_idx on routing.handoff (conversation_id) where state = 'OPEN';
create index handoff_workspace_idx on routing.handoff (workspace_id, opened_at desc);
create index handoff_deadline_idx on routing.handoff (workspace_id, deadline) where state = 'OPEN';

-- Where the brand is told of a new hand-off. The webhook's signing secret lives in the vault; here only its id.
create table routing.handoff_settings (
    workspace_id      uuid primary key,
    notify_emails     text[]      not null default '{}',
    webhook_url       text,
    webhook_secret_id uuid,
    updated_at        timestamptz not null
);

create table routing.notification (
    id              uuid primary key,
    workspace_id    uuid        not null,
    via             text        not null check (via in ('EMAIL', 'WEBHOOK')),
    target          text        not null,
    event           text        not null,
    subject         text,
    body            text,
    data            jsonb       not null default '{}',
    state           text        not null check (state in ('QUEUED', 'SENDING', 'SENT', 'FAILED')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    leased_until    timestamptz,
    problem         text,
    created_at      timestamptz not null,
    sent_at         timestamptz
);

create index notification_due_idx on routing.notification (next_attempt_at) where state in ('QUEUED', 'SENDING');
create index notification_workspace_idx on routing.notification (workspace_id, created_at desc);

-- The briefing: approved answers. Each language has its own search vector with its own stemming (the question and
-- the tags weigh more than the answer), so "Rechnungen" finds "Rechnung" and "invoices" finds "invoice".
create table routing.briefing_entry (
    id                uuid primary key,
    workspace_id      uuid        not null,
    question          text        not null check (length(question) between 1 and 1000),
    answer_en         text        check (length(answer_en) <= 10000),
    answer_de         text        check (length(answer_de) <= 10000),
    tags              text[]      not null default '{}',
    tag_text          text        not null default '',
    owner_name        text        not null,
    owner_id          uuid,
    valid_until       date,
    source_handoff_id uuid,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    version           bigint      not null default 0,
    check (answer_en is not null or answer_de is not null),
    search_en tsvector generated always as (
        setweight(to_tsvector('english', question || ' ' || tag_text), 'A')
        || setweight(to_tsvector('english', coalesce(answer_en, '')), 'B')) stored,
    search_de tsvector generated always as (
        setweight(to_tsvector('german', question || ' ' || tag_text), 'A')
        || setweight(to_tsvector('german', coalesce(answer_de, '')), 'B')) stored
);

create index briefing_workspace_idx on routing.briefing_entry (workspace_id, updated_at desc);
create index briefing_search_en_idx on routing.briefing_entry using gin (search_en);
create index briefing_search_de_idx on routing.briefing_entry using gin (search_de);
create unique index briefing_from_handoff_idx on routing.briefing_entry (source_handoff_id)
    where source_handoff_id is not null;

create table routing.canned_reply (
    id           uuid primary key,
    workspace_id uuid        not null,
    title        text        not null check (length(title) between 1 and 200),
    body         text        not null check (length(body) between 1 and 10000),
    created_by   text        not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);

create index canned_workspace_idx on routing.canned_reply (workspace_id, title);

-- An answer put into a reply: a briefing entry or a canned reply, by whom, in which conversation.
create table routing.insertion (
    id              uuid primary key,
    workspace_id    uuid        not null,
    kind            text        not null check (kind in ('BRIEFING', 'CANNED')),
    item_id         uuid        not null,
    conversation_id uuid        not null,
    used_by_id      uuid,
    used_at         timestamptz not null
);

create index insertion_item_idx on routing.insertion (workspace_id, kind, item_id);
