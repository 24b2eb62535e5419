-- The channel sync: what connecting an account through its connector stores (settings, never secrets; the vault's
-- id of its credential), its state, the schedule and cursor, a lease so that one account is never synced twice at
-- once (also by two nodes on one database), its health, and the platform incidents that service levels exclude.
alter table channel.account
    -- what connecting asked for, without the secret fields: those are in the vault
    add column settings              jsonb       not null default '{}',
    add column secret_id             uuid,
    add column state                 text        not null default 'active'
        check (state in ('active', 'paused', 'removed')),
    -- null: Mandate does not fetch this account itself (no connector, or one that cannot fetch)
    add column sync_interval_seconds integer     check (sync_interval_seconds > 0),
    add column sync_cursor           text,
    add column next_sync_at          timestamptz,
    add column leased_by             text,
    add column leased_until          timestamptz,
    add column last_attempt_at       timestamptz,
    add column last_success_at       timestamptz,
    add column last_error_kind       text,
    -- a connector's message for people; never a secret
    add column last_error_message    text        check (length(last_error_message) <= 1000),
    add column consecutive_failures  integer     not null default 0,
    -- since when the network has been unavailable without a success in between
    add column failing_since         timestamptz,
    add column skipped_items         bigint      not null default 0,
    add column credentials_failed_at timestamptz,
    add column owner_notified_at     timestamptz,
    add column removed_at            timestamptz,
    add constraint account_lease_check check ((leased_by is null) = (leased_until is null));

-- What the sync scheduler claims: active accounts that are due.
create index account_due_idx on channel.account (next_sync_at)
    where state = 'active' and credentials_failed_at is null and next_sync_at is not null;

-- A time when a network was down or overloaded for an account: opened by the sync past a threshold of failures
-- (automatic) or entered by a person (manual). Service levels exclude these windows.
create table channel.incident (
    id           uuid primary key,
    workspace_id uuid        not null,
    account_id   uuid        not null,
    started_at   timestamptz not null,
    ended_at     timestamptz,
    cause        text        not null check (length(cause) between 1 and 1000),
    source       text        not null check (source in ('automatic', 'manual')),
    created_by   uuid,
    created_at   timestamptz not null,
    constraint incident_period_check check (ended_at is null or ended_at >= started_at),
    constraint incident_account_fk foreign key (workspace_id, account_id)
        references channel.account (workspace_id, id)
);

-- At most one open automatic incident per account: the sync opens it once and closes it once.
create unique index incident_open_automatic_key on channel.incident (account_id)
    where ended_at is null and source = 'automatic';
create index incident_workspace_idx on channel.incident (workspace_id, started_at desc);
