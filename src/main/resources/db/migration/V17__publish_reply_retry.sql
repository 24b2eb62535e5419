-- A failed reply waits for a person: they send it again or discard it. Sending again must never put a second copy
-- on the network, so the outbox remembers, for a failed reply, whether the network may have it after all
-- (outcome_unknown: the last thing known was an unknown outcome, or the look-up that was to settle one could not).
-- Such a reply, sent again, is looked up at the network first (state UNKNOWN), like any unknown outcome; the others
-- are queued. A discarded reply stays, for the record, and is no longer shown as a problem.
alter table publish.outbox drop constraint outbox_state_check;
alter table publish.outbox add constraint outbox_state_check
    check (state in ('QUEUED', 'SENDING', 'DELIVERED', 'UNKNOWN', 'FAILED', 'DISCARDED'));

alter table publish.outbox add column outcome_unknown boolean not null default false;
-- Replies that failed before this column existed: which of them the network may have is not recorded, so each is
-- treated as possibly there and looked up first if sent again. Never sending twice is worth a look-up too many.
update publish.outbox set outcome_unknown = true where state = 'FAILED';
alter table publish.outbox add constraint outbox_outcome_unknown_check
    check (not outcome_unknown or state in ('FAILED', 'DISCARDED'));
