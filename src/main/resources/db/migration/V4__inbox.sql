-- Conversations and their messages. A conversation is one top-level comment, mention or direct-message thread
-- with every reply to it; the post it sits under is its context (a title and a link), not a conversation itself.
-- Every row carries its workspace, and every read filters by it, so an id from another workspace finds nothing.
create schema inbox;

create table inbox.conversation (
    id               uuid primary key,
    workspace_id     uuid        not null,
    network          text        not null check (network ~ '^[a-z][a-z0-9_-]{0,31}$'),
    context_title    text,
    context_url      text        check (context_url ~* '^https?://'),
    state            text        not null check (state in ('OPEN', 'WAITING', 'ESCALATED', 'CLOSED')),
    priority         text        not null check (priority in ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
    language         text,
    started_at       timestamptz not null,
    last_message_at  timestamptz not null,
    version          bigint      not null,
    constraint conversation_workspace_key unique (workspace_id, id),
    constraint conversation_ends_after_it_starts check (last_message_at >= started_at)
);

-- The inbox list: a workspace's conversations newest first, paged by (last_message_at, id).
create index conversation_newest_idx on inbox.conversation (workspace_id, last_message_at desc, id desc);

create table inbox.message (
    id               uuid primary key,
    workspace_id     uuid        not null,
    conversation_id  uuid        not null,
    parent_id        uuid,
    external_id      text,
    author_name      text        not null,
    author_handle    text,
    direction        text        not null check (direction in ('INBOUND', 'OUTBOUND')),
    body             text        not null,
    language         text,
    created_at       timestamptz not null,
    constraint message_conversation_key unique (conversation_id, id),
    -- a message belongs to a conversation of its own workspace, and replies only within its conversation
    constraint message_conversation_fk foreign key (workspace_id, conversation_id)
        references inbox.conversation (workspace_id, id) on delete cascade,
    constraint message_parent_fk foreign key (conversation_id, parent_id)
        references inbox.message (conversation_id, id),
    constraint message_is_not_its_own_parent check (parent_id <> id)
);

-- A thread in order, and the first message and the count that the inbox list shows.
create index message_thread_idx on inbox.message (conversation_id, created_at, id);
