-- Who works on a conversation, and how it is labelled. Shared by the casework (which sets them) and the
-- inbox list (which filters by them), so both find the same columns.
alter table inbox.conversation
    -- the party that answers it: the brand itself or its agency; null until routed or assigned
    add column assigned_party text check (assigned_party in ('BRAND', 'AGENCY')),
    -- the person (an account that is a member of the workspace) who answers it
    add column assignee_id uuid,
    -- lower-case labels, e.g. {complaint,delivery}
    add column tags text[] not null default '{}';

create index conversation_assignee_idx on inbox.conversation (workspace_id, assignee_id, last_message_at desc, id desc)
    where assignee_id is not null;
-- fastupdate off: a bulk of new rows must not leave a pending list that every lookup scans.
create index conversation_tags_idx on inbox.conversation using gin (tags) with (fastupdate = off);
