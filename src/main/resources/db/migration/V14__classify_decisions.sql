-- Moderators' decisions on messages' classification, per workspace: the only data a workspace's own model learns
-- from. The text is kept because the model is rebuilt from it (new features, a new base model); a decision is never
-- read outside its workspace.
create schema if not exists classify;

create table classify.decision (
    id           bigint      generated always as identity primary key,
    workspace_id uuid        not null,
    -- what was decided: whether the text is spam, or which intent it has
    kind         text        not null check (kind in ('spam', 'intent')),
    -- 'spam' / 'not_spam', or an intent label (QUESTION, COMPLAINT, LEAD, PRAISE, DISCUSSION, OTHER)
    value        text        not null check (
        (kind = 'spam' and value in ('spam', 'not_spam'))
        or (kind = 'intent' and value in ('QUESTION', 'COMPLAINT', 'LEAD', 'PRAISE', 'DISCUSSION', 'OTHER'))),
    text         text        not null check (length(text) <= 20000),
    decided_by   text        not null check (length(decided_by) between 1 and 200),
    decided_at   timestamptz not null
);

create index decision_workspace on classify.decision (workspace_id, id);
