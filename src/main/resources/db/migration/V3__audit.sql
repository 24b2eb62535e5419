-- The audit trail: one hash chain per workspace (and one for the instance, under the nil workspace id).
-- Rows are only ever appended; the trigger refuses changes, and the hash chain exposes any that get past it.
create schema audit;

create table audit.entry (
    workspace_id  uuid        not null,
    seq           bigint      not null,
    occurred_at   timestamptz not null,
    actor_id      uuid,
    actor_name    text        not null,
    party         text        not null,
    action        text        not null,
    subject_type  text        not null,
    subject_id    text        not null,
    details       text        not null,
    prev_hash     text        not null,
    hash          text        not null,
    primary key (workspace_id, seq)
);

create table audit.chain_head (
    workspace_id uuid primary key,
    seq          bigint not null,
    hash         text   not null
);

create function audit.refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'the audit trail is append-only: % on audit.entry refused', tg_op;
end;
$$;

create trigger entry_is_append_only
    before update or delete on audit.entry
    for each row execute function audit.refuse_change();

create trigger entry_is_not_truncated
    before truncate on audit.entry
    for each statement execute function audit.refuse_change();
