-- The brand's replies on their way out (the publish module's outbox). A reply is written here in the same
-- transaction as the person's action; a worker claims it under a lease, marks it SENDING before it calls the
-- network (so a worker that dies mid-send leaves a reply whose outcome is known to be unknown), and records the
-- network's id the moment it has it.
create schema publish;

create table publish.outbox (
    id                 uuid primary key,
    workspace_id       uuid        not null,
    conversation_id    uuid        not null,
    channel_account_id uuid        not null,
    network            text        not null,
    kind               text        not null,
    parent_external_id text,
    thread_root        text,
    recipient          text,
    subject            text,
    reference_ids      text[]      not null default '{}',
    body               text        not null check (length(body) between 1 and 10000),
    author_id          uuid,
    author_party       text        not null,
    author_name        text        not null,
    author_handle      text,
    state              text        not null check (state in ('QUEUED', 'SENDING', 'DELIVERED', 'UNKNOWN', 'FAILED')),
    attempts           integer     not null default 0,
    next_attempt_at    timestamptz not null,
    leased_by          text,
    leased_until       timestamptz,
    external_id        text,
    url                text,
    delivered_at       timestamptz,
    problem            text,
    created_at         timestamptz not null,
    check (state <> 'SENDING' or (leased_by is not null and leased_until is not null)),
    check (state <> 'DELIVERED' or external_id is not null)
);

create index outbox_due_idx on publish.outbox (next_attempt_at) where state in ('QUEUED', 'UNKNOWN');
create index outbox_sending_idx on publish.outbox (leased_until) where state = 'SENDING';
create index outbox_conversation_idx on publish.outbox (workspace_id, conversation_id, created_at);
