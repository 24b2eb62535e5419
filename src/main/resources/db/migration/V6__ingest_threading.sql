-- Threading for ingest: a conversation is found again by its account and thread key (the external id of
-- its top-level item, or a direct-message thread's id), so that two batches racing to start the same
-- conversation end up with one.
alter table inbox.conversation
    add column thread_key text,
    add constraint conversation_thread_key unique (channel_account_id, thread_key);

alter table inbox.message
    add column thread_key text;

-- The post a conversation sits under, by its external id, so that a post arriving after its comments still
-- becomes their context.
alter table inbox.conversation
    add column context_external_id text;

create index conversation_without_context_idx on inbox.conversation (channel_account_id, context_external_id)
    where context_id is null and context_external_id is not null;
