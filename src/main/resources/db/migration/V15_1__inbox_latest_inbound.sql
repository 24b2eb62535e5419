-- Routing tries a draft rule set on a workspace's latest inbound messages (dev.mandate.inbox.Inbox.latestInbound).
create index message_latest_inbound_idx on inbox.message (workspace_id, created_at desc, id desc)
    where direction = 'INBOUND';
