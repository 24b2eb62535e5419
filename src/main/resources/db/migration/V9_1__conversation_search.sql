-- The search text moves out of inbox.conversation into a table of its own, kept current after the messages'
-- transactions commit.
--
-- Why: every new row version of a conversation (a message arriving, a state change) inserts an entry into each of
-- its indexes, and for the text search index that is every word of the conversation again. Ingest paid that on
-- every batch. Now a conversation row carries no words; ingest only queues the conversations it touched in
-- inbox.search_backlog (in the same transaction, so nothing is lost in a crash), and the inbox's search index
-- takes the queue in large batches a moment later.
create table inbox.conversation_search (
    conversation_id uuid primary key references inbox.conversation (id) on delete cascade,
    search          tsvector not null
);

insert into inbox.conversation_search (conversation_id, search)
select id, search from inbox.conversation where search <> ''::tsvector;

drop index inbox.conversation_search_idx;
alter table inbox.conversation drop column search;

create index conversation_search_text_idx on inbox.conversation_search
    using gin (search) with (gin_pending_list_limit = 1024);

-- Conversations whose search text must be made again: a row per touched conversation and batch, only ever
-- inserted by writers (so a writer never waits for the search index) and deleted by the search index when it has
-- taken it. A row a writer has not committed yet is invisible to the index and stays for its next round.
create table inbox.search_backlog (
    id              bigint generated always as identity primary key,
    conversation_id uuid not null
);
