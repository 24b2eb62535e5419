-- Searching and sorting the inbox list.
--
-- Text search is per conversation: one tsvector over the text of all its messages, stemmed both as German and as
-- English (customers of a German firm write in both, and a message's language is not always known), so that
-- "bestellungen" finds "Bestellung" and "delivery" finds "deliveries". Searching conversations rather than
-- messages lets the list stop after one page: a common word walks the newest-first index and keeps the first
-- matches; a rare word comes from the GIN index. The recorder keeps it current as messages arrive.
alter table inbox.conversation
    add column search tsvector not null default ''::tsvector;

create index conversation_search_idx on inbox.conversation using gin (search) with (gin_pending_list_limit = 1024);

-- Oldest waiting first: the conversations awaiting the brand's answer, longest waiting first.
create index conversation_waiting_idx on inbox.conversation (workspace_id, waiting_since, id)
    where waiting_since is not null and state <> 'CLOSED';

-- Filters that pick a small part of a big inbox, each newest first.
create index conversation_state_idx on inbox.conversation (workspace_id, state, last_message_at desc, id desc);
create index conversation_party_idx on inbox.conversation (workspace_id, assigned_party, last_message_at desc, id desc)
    where assigned_party is not null;

-- Fill it for the conversations there are.
update inbox.conversation c
   set search = to_tsvector('german', t.text) || to_tsvector('english', t.text)
  from (select conversation_id, left(string_agg(body, ' ' order by created_at, id), 200000) as text
          from inbox.message
         where conversation_id is not null
         group by conversation_id) t
 where t.conversation_id = c.id;
