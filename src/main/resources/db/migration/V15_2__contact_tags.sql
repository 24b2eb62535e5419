-- Tags on contacts (e.g. vip, wholesale), set by the brand and the agency; routing rules test them (contactTag has …).
alter table contact.contact add column tags text[] not null default '{}';
