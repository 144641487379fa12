-- CMG History schema, version 6: a cheaper full-text index of log messages.
--
-- The index is rebuilt from the stored entries with two options changed; its content, and so
-- what `logs search` finds, is the same:
--   columnsize = 0   no per-entry token count (the %_docsize table, one B-tree row per entry).
--                    Only ranking functions (bm25) read it, and searches order by time.
--   automerge = 0    segments are merged only when 16 pile up on one level (the crisis merge,
--                    default 16), not as soon as 4 do. Log ingest commits a segment per batch;
--                    merging them four at a time cost as much as indexing the text (measured on
--                    the 100 MB benchmark log: 1.1 s of 2.0 s). A search then reads at most 15
--                    segments per level, a few per million entries.
-- The triggers of version 2 refer to the index by name and keep working.

DROP TABLE log_entry_fts;
CREATE VIRTUAL TABLE log_entry_fts USING fts5(message, content = 'log_entry', content_rowid = 'id', columnsize = 0);
INSERT INTO log_entry_fts(log_entry_fts, rank) VALUES ('automerge', 0);
INSERT INTO log_entry_fts(log_entry_fts) VALUES ('rebuild');
