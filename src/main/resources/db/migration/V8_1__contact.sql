-- Contacts as the brand knows them: found by name, handle, e-mail address or customer number; notes; and the
-- contacts merged into another, so that an old link or an inbox row written meanwhile still finds the person.
-- (Version 8.1: V8 was taken by the inbox search before this migration was merged.)
create extension if not exists pg_trgm;

alter table contact.contact
    add column notes text check (length(notes) <= 4000),
    add constraint contact_customer_number_length
        check (customer_number is null or length(customer_number) between 1 and 64);

-- The customer number is the brand's key to the person in its own records: one contact per number.
create unique index contact_customer_number_key on contact.contact (workspace_id, customer_number)
    where customer_number is not null;
-- The search finds a number whatever its case ("k-4711" finds K-4711).
create index contact_customer_number_search_idx on contact.contact (workspace_id, lower(customer_number))
    where customer_number is not null;

-- The contact list in name order, paged by (lower(display_name), id); the same for customers only.
create index contact_name_idx on contact.contact (workspace_id, lower(display_name), id);
create index contact_customer_name_idx on contact.contact (workspace_id, lower(display_name), id) where customer;

-- Substring search on names and on handles and e-mail addresses (LIKE '%…%').
create index contact_name_trgm_idx on contact.contact using gin (lower(display_name) gin_trgm_ops);
create index identity_handle_trgm_idx on contact.identity using gin (handle gin_trgm_ops);

-- A contact merged into another: merged_id no longer exists, into_id is where it went (always a live contact:
-- a later merge of into_id moves these rows along).
create table contact.merged (
    workspace_id uuid        not null,
    merged_id    uuid        not null,
    into_id      uuid        not null,
    merged_at    timestamptz not null,
    merged_by    uuid,
    primary key (workspace_id, merged_id),
    foreign key (workspace_id, into_id) references contact.contact (workspace_id, id) on delete cascade
);

create index merged_into_idx on contact.merged (workspace_id, into_id);

-- A contact's messages, for the inbox's answer to "what has this person written?" (dev.mandate.inbox.
-- ContactConversations) and for re-pointing them when contacts are merged. The table is the inbox's; the index
-- is here because the contact's history is what needs it.
create index message_contact_idx on inbox.message (workspace_id, contact_id) where contact_id is not null;
