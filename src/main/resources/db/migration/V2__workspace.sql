-- Workspaces (one brand each), the people working in them, and the mandate of the agency.
create schema workspace;

create table workspace.workspace (
    id          uuid primary key,
    name        text        not null check (length(name) between 1 and 120),
    time_zone   text        not null,
    created_at  timestamptz not null,
    version     bigint      not null
);

create table workspace.member (
    workspace_id uuid        not null references workspace.workspace (id) on delete cascade,
    account_id   uuid        not null,
    -- the role implies the party: OWNER, STAFF for the brand; LEAD, AGENT for the agency; AUDITOR for the advisor
    role         text        not null check (role in ('OWNER', 'STAFF', 'LEAD', 'AGENT', 'AUDITOR')),
    joined_at    timestamptz not null,
    primary key (workspace_id, account_id)
);

create index member_account_idx on workspace.member (account_id);

create table workspace.mandate (
    workspace_id        uuid primary key references workspace.workspace (id) on delete cascade,
    agency_name         text        not null check (length(agency_name) between 1 and 120),
    starts_on           date        not null,
    ends_on             date,
    scope               text[]      not null,
    reply_topics        text[]      not null default '{}',
    notice_period_days  integer     not null check (notice_period_days between 0 and 365),
    successor           text,
    updated_at          timestamptz not null,
    version             bigint      not null,
    constraint mandate_ends_after_it_starts check (ends_on is null or ends_on >= starts_on)
);
