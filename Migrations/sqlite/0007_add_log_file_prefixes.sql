-- CMG History schema, version 7: recognising a shorter copy of a log already read.
--
-- A log file is known by the hash of its first 4 KB (log_file.head_hash), and a file that has
-- grown is recognised because its old, shorter head is a prefix of the new one. The other way
-- round was missed: a copy made while the log was shorter than 4 KB, read after the full file,
-- matched nothing and its entries were stored a second time under a new log_file.
--
-- This table keeps, for each file, the hash of its head up to each line end within the first
-- 4 KB; a shorter copy is recognised by the hash of its own bytes up to its last line end.
-- Hashes only, never the bytes: a log's first lines may hold a secret.
CREATE TABLE log_file_prefix (
    length      INTEGER NOT NULL CHECK (length BETWEEN 1 AND 4096),  -- bytes hashed, ending with a line feed
    hash        INTEGER NOT NULL,                                     -- 64-bit FNV-1a of them, as log_file.head_hash
    log_file_id INTEGER NOT NULL REFERENCES log_file(id),
    PRIMARY KEY (length, hash, log_file_id)
) STRICT, WITHOUT ROWID;
