-- Working on conversations: internal notes (never sent), follow-up tasks with a due time, and what happened to a
-- conversation, for its page. The audit trail records the same changes, hash-chained; the activity is the
-- conversation's own readable history.
alter table inbox.conversation
    add column escalation_reason text check (length(escalation_reason) <= 500);

create table inbox.note (
    id              uuid primary key,
    workspace_id    uuid        not null,
    conversation_id uuid        not null,
    author_id       uuid        not null,
    author_name     text        not null,
    author_party    text        not null,
    body            text        not null check (length(body) between 1 and 10000),
    created_at      timestamptz not null,
    foreign key (workspace_id, conversation_id) references inbox.conversation (workspace_id, id) on delete cascade
);

create index note_conversation_idx on inbox.note (conversation_id, created_at);

create table inbox.task (
    id              uuid primary key,
    workspace_id    uuid        not null,
    conversation_id uuid        not null,
    title           text        not null check (length(title) between 1 and 500),
    due_at          timestamptz not null,
    assignee_id     uuid        not null,
    created_by      uuid        not null,
    created_at      timestamptz not null,
    done_at         timestamptz,
    done_by         uuid,
    foreign key (workspace_id, conversation_id) references inbox.conversation (workspace_id, id) on delete cascade
);

-- "My follow-ups": a member's open tasks, soonest due first.
create index task_open_idx on inbox.task (workspace_id, assignee_id, due_at) where done_at is null;
create index task_conversation_idx on inbox.task (conversation_id, due_at);

create table inbox.activity (
    id              uuid primary key,
    workspace_id    uuid        not null,
    conversation_id uuid        not null,
    at              timestamptz not null,
    actor_id        uuid,
    actor_name      text        not null,
    actor_party     text        not null,
    action          text        not null,
    detail          text,
    foreign key (workspace_id, conversation_id) references inbox.conversation (workspace_id, id) on delete cascade
);

create index activity_conversation_idx on inbox.activity (conversation_id, at);
