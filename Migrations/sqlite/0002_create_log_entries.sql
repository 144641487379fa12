-- CMG History schema, version 2: log entries, the files they came from, and rule events.
--
-- Units in this file:
--   *_ms          INTEGER milliseconds since 1970-01-01T00:00:00Z. Log lines carry sub-second
--                 times (up to 7 fraction digits, kept in local_time); entries are ordered by
--                 these, then by file and offset.
--   *_at          INTEGER seconds since 1970-01-01T00:00:00Z (UTC), as in version 1.
--   offset, size, length, head_length   INTEGER bytes.
--
-- A log line's time is local time plus a Windows bias: UTC = local + bias_minutes. A line with
-- no bias has an unknown zone: its local time is kept (local_ms, local_time), utc_ms is NULL and
-- zone_known is 0. Such entries are stored and listed, flagged, and never shifted by a guess.

-- A log file as last read. Identified by the hash of its first bytes (up to 4 KB), not by its
-- name: ConfigMgr renames a full CloudMgr.log to CloudMgr.lo_ and starts a new CloudMgr.log, and
-- the .lo_ must be recognised as the content already read. offset is how far whole entries have
-- been stored; a re-run reads from there.
CREATE TABLE log_file (
    id            INTEGER PRIMARY KEY,
    path          TEXT NOT NULL CHECK (length(path) >= 1),         -- where it was last read
    log           TEXT NOT NULL,                                   -- CloudMgr, CMGService, … or the base name
    head_length   INTEGER NOT NULL CHECK (head_length BETWEEN 1 AND 4096),
    head_hash     INTEGER NOT NULL,                                -- 64-bit FNV-1a of the first head_length bytes
    size          INTEGER NOT NULL CHECK (size >= head_length),    -- size when last read
    offset        INTEGER NOT NULL CHECK (offset BETWEEN 0 AND size),
    line          INTEGER NOT NULL CHECK (line >= 1),              -- physical line number at offset
    service       TEXT,                                            -- gateway service name from the file name
    instance      TEXT,                                            -- gateway VM instance from the file name
    gateway_id    INTEGER REFERENCES gateway(id),
    first_read_at INTEGER NOT NULL,
    last_read_at  INTEGER NOT NULL CHECK (last_read_at >= first_read_at),
    UNIQUE (head_length, head_hash)
) STRICT;

-- One log entry. (log_file_id, offset) is its unique key: ingesting the same bytes again, under
-- any name, stores nothing.
CREATE TABLE log_entry (
    id           INTEGER PRIMARY KEY,
    log_file_id  INTEGER NOT NULL REFERENCES log_file(id),
    offset       INTEGER NOT NULL CHECK (offset >= 0),             -- first byte of the entry in its file
    length       INTEGER NOT NULL CHECK (length >= 1),             -- bytes, trailer included (the raw text)
    line         INTEGER NOT NULL CHECK (line >= 1),               -- physical line the entry starts on
    format       TEXT NOT NULL CHECK (format IN ('cmtrace', 'server', 'plain')),
    utc_ms       INTEGER,
    local_ms     INTEGER,                                          -- local wall-clock time as if it were UTC
    local_time   TEXT,                                             -- as written: MM-DD-YYYY HH:MM:SS.fffffff
    bias_minutes INTEGER,                                          -- as written; NULL when absent
    zone_known   INTEGER NOT NULL CHECK (zone_known IN (0, 1)),
    severity     INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 3), -- 0 verbose, 1 info, 2 warning, 3 error
    component    TEXT NOT NULL DEFAULT '',
    thread       INTEGER,
    source_file  TEXT NOT NULL DEFAULT '',                         -- CMTrace file="…"
    message      TEXT NOT NULL,                                    -- as written: ~~ and line breaks kept
    UNIQUE (log_file_id, offset),
    CHECK ((zone_known = 1) = (utc_ms IS NOT NULL)),
    CHECK (zone_known = 0 OR bias_minutes IS NOT NULL),
    CHECK (utc_ms IS NULL OR local_ms IS NOT NULL)
) STRICT;

-- Listing order: UTC when known, else local time.
CREATE INDEX log_entry_by_time ON log_entry(coalesce(utc_ms, local_ms));

-- Full-text index of messages. External content: the text lives once, in log_entry. The log
-- writer adds each new entry's row itself, in the same transaction (an AFTER INSERT trigger did
-- the same at a quarter of the speed: a trigger makes every insert a sub-transaction); the
-- triggers below keep the index in step when an entry is deleted or its message changed.
CREATE VIRTUAL TABLE log_entry_fts USING fts5(message, content = 'log_entry', content_rowid = 'id');

CREATE TRIGGER log_entry_fts_delete AFTER DELETE ON log_entry BEGIN
    INSERT INTO log_entry_fts(log_entry_fts, rowid, message) VALUES ('delete', old.id, old.message);
END;
CREATE TRIGGER log_entry_fts_update AFTER UPDATE OF message ON log_entry BEGIN
    INSERT INTO log_entry_fts(log_entry_fts, rowid, message) VALUES ('delete', old.id, old.message);
    INSERT INTO log_entry_fts(rowid, message) VALUES (new.id, new.message);
END;

-- What a rule made of an entry. One per entry and rule: re-running the rules changes nothing.
CREATE TABLE log_event (
    id       INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES log_entry(id) ON DELETE CASCADE,
    rule     TEXT NOT NULL CHECK (length(rule) BETWEEN 1 AND 100),
    kind     TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 100),
    severity INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 3),
    gateway  TEXT,                                                 -- captured, else the file's gateway
    fields   TEXT CHECK (fields IS NULL OR json_valid(fields)),   -- the rule's named captures
    UNIQUE (entry_id, rule)
) STRICT;

CREATE INDEX log_event_by_kind ON log_event(kind);
