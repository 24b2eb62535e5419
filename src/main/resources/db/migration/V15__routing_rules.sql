-- Routing rules: every save of a workspace's rule set is a new version (who, when, what changed); a version is in
-- force from the moment a brand owner approved it until the next approval. What the rules did is recorded per firing.
create schema if not exists routing;

create table routing.rule_set (
    workspace_id     uuid        not null,
    version          int         not null check (version > 0),
    body             jsonb       not null,
    changes          text        not null,
    saved_at         timestamptz not null,
    saved_by         uuid,
    saved_by_name    text        not null,
    saved_by_party   text        not null,
    approved_at      timestamptz,
    approved_by      uuid,
    approved_by_name text,
    primary key (workspace_id, version)
);

-- "The rule set in force at T": the last approval at or before T.
create index rule_set_approved_idx on routing.rule_set (workspace_id, approved_at desc) where approved_at is not null;

-- A rule that failed at run time is disabled in that version of the rule set, with the reason; approving a new
-- version (the fix) brings it back.
create table routing.disabled_rule (
    workspace_id uuid        not null,
    version      int         not null,
    rule_id      text        not null,
    reason       text        not null,
    disabled_at  timestamptz not null,
    primary key (workspace_id, version, rule_id),
    foreign key (workspace_id, version) references routing.rule_set (workspace_id, version)
);

create table routing.firing (
    id              uuid primary key,
    workspace_id    uuid        not null,
    conversation_id uuid        not null,
    message_id      uuid,
    trigger         text        not null check (trigger in ('message', 'state-change')),
    version         int         not null,
    rule_id         text        not null,
    rule_name       text        not null,
    reasons         text        not null,
    effects         text        not null,
    briefing_tags   text[]      not null default '{}',
    fired_at        timestamptz not null
);

create index firing_conversation_idx on routing.firing (workspace_id, conversation_id, fired_at);
create index firing_rule_idx on routing.firing (workspace_id, rule_id, fired_at);

-- Whose turn it is in each group assigned in turn.
create table routing.turn (
    workspace_id uuid not null,
    group_name   text not null,
    next         int  not null,
    primary key (workspace_id, group_name)
);

-- What the classifiers said of each inbound message routing saw, so that state changes and trials of a draft rule
-- set test the same facts the message was routed on.
create table routing.seen (
    message_id      uuid primary key,
    workspace_id    uuid        not null,
    conversation_id uuid        not null,
    classification  jsonb,
    seen_at         timestamptz not null
);

create index seen_conversation_idx on routing.seen (workspace_id, conversation_id, seen_at);
