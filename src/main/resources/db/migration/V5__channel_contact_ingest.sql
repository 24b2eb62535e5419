-- Connected channel accounts (a first, small part of the channel module: which accounts exist and who the
-- brand is on each), the contacts behind author identities, and what ingest needs in the inbox.
create schema channel;

create table channel.account (
    id           uuid primary key,
    workspace_id uuid        not null,
    network      text        not null check (network ~ '^[a-z][a-z0-9_-]{0,31}$'),
    name         text        not null check (length(name) between 1 and 120),
    -- the brand's own identities on this account (lower case): what they write is outbound
    brand_handles text[]     not null default '{}',
    created_at   timestamptz not null,
    constraint account_workspace_key unique (workspace_id, id)
);

create schema contact;

create table contact.contact (
    id               uuid primary key,
    workspace_id     uuid        not null,
    display_name     text        not null,
    customer         boolean     not null default false,
    customer_number  text,
    created_at       timestamptz not null,
    version          bigint      not null default 0,
    constraint contact_workspace_key unique (workspace_id, id)
);

-- One person's identity on one network ("email" for e-mail addresses); unique per workspace, so that two
-- messages by the same author, arriving at once, still find one contact.
create table contact.identity (
    workspace_id  uuid        not null,
    network       text        not null,
    handle        text        not null check (handle = lower(handle)),
    contact_id    uuid        not null,
    display_name  text,
    first_seen_at timestamptz not null,
    primary key (workspace_id, network, handle),
    foreign key (workspace_id, contact_id) references contact.contact (workspace_id, id) on delete cascade
);

create index identity_contact_idx on contact.identity (contact_id);

create schema ingest;

-- The token a source outside the process presents to POST /api/workspaces/{id}/ingest; only its hash is kept.
create table ingest.token (
    workspace_id uuid primary key,
    token_hash   text        not null unique,
    created_at   timestamptz not null,
    created_by   uuid
);

-- The post a conversation sits under: its context, shown above it, not a conversation of its own.
create table inbox.context (
    id                 uuid primary key,
    workspace_id       uuid        not null,
    channel_account_id uuid        not null,
    external_id        text        not null,
    title              text,
    url                text        check (url ~* '^https?://'),
    excerpt            text,
    author_name        text,
    published_at       timestamptz,
    constraint context_account_external_key unique (channel_account_id, external_id),
    constraint context_workspace_key unique (workspace_id, id)
);

alter table inbox.conversation
    add column channel_account_id uuid,
    add column kind text not null default 'COMMENT'
        check (kind in ('COMMENT', 'PINGBACK', 'MENTION', 'DIRECT_MESSAGE', 'EMAIL', 'MONITORING')),
    add column context_id uuid,
    add column contact_id uuid,
    -- since when the oldest customer message has been waiting for the brand's answer; null when answered
    add column waiting_since timestamptz,
    add constraint conversation_context_fk foreign key (workspace_id, context_id)
        references inbox.context (workspace_id, id);

alter table inbox.message
    alter column conversation_id drop not null,
    add column channel_account_id uuid,
    add column kind text,
    add column parent_external_id text,
    add column contact_id uuid,
    add column html text,
    add column links jsonb,
    add column attachments jsonb,
    add column raw jsonb,
    add column received_at timestamptz,
    -- one message per account and external id: a repeated item is acknowledged and changes nothing
    add constraint message_account_external_key unique (channel_account_id, external_id);

-- Replies whose parent has not arrived yet, found again when it does.
create index message_orphan_idx on inbox.message (channel_account_id, parent_external_id)
    where conversation_id is null;
create index conversation_contact_idx on inbox.conversation (workspace_id, contact_id);
