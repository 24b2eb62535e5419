-- The vault: the workspaces' credentials. Each secret is encrypted (AEAD) under its own data key, and the data key
-- is wrapped by the master key (envelope encryption); both ciphertexts are bound to the workspace and the secret id
-- by their associated data, so a ciphertext copied to another row does not decrypt. There is no plain text here.
create schema vault;

create table vault.secret (
    id           uuid        primary key,
    workspace_id uuid        not null,
    -- what the secret is for, e.g. 'wordpress application password for example.org'; never the secret
    purpose      text        not null check (length(purpose) between 1 and 200),
    -- a Tink keyset holding the data key, encrypted by the master key
    wrapped_key  bytea,
    ciphertext   bytea,
    created_at   timestamptz not null,
    replaced_at  timestamptz,
    -- a removed secret keeps its row, so that using it says it was removed, but loses its key material
    removed_at   timestamptz,
    constraint secret_material check ((removed_at is null) = (wrapped_key is not null and ciphertext is not null))
);

create index secret_workspace on vault.secret (workspace_id);

-- A known text sealed by the master key: a wrong key is noticed at start-up and before a rotation, not at the
-- first connector call.
create table vault.master_key (
    id         smallint    primary key default 1 check (id = 1),
    key_check  bytea       not null,
    created_at timestamptz not null,
    rotated_at timestamptz
);
