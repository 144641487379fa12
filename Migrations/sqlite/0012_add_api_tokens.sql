-- CMG History schema, version 12: bearer tokens of the server (`cmg-history token`).
--
-- Only a token's SHA-256 is stored, never the token: a copy of the database lets nobody in.
-- A token is revoked, not deleted, so that `token list` still says when and what it was.
CREATE TABLE api_token (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    scope TEXT NOT NULL CHECK (scope IN ('read', 'ingest', 'admin')),
    token_hash BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at INTEGER
) STRICT;
