-- People who can sign in. A person is one account, whatever workspaces they belong to.
create schema account;

create table account.account (
    id                      uuid primary key,
    email                   text        not null,
    display_name            text        not null,
    password_hash           text,
    instance_admin          boolean     not null default false,
    failed_logins           integer     not null default 0,
    locked_until            timestamptz,
    setup_token_hash        text,
    setup_token_expires_at  timestamptz,
    created_at              timestamptz not null,
    version                 bigint      not null,
    constraint account_email_is_lower_case check (email = lower(email))
);

create unique index account_email_key on account.account (email);
create unique index account_setup_token_key on account.account (setup_token_hash) where setup_token_hash is not null;
