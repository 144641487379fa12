-- CMG History schema, version 6: a cheaper full-text index of log messages.
--
-- The index is rebuilt from the stored entries with these options; its content, and so
-- what `logs search` finds, is the same:
--   columnsize = 0   no per-entry token count (the %_docsize table, one B-tree row per entry).
--                    Only ranking functions (bm25) read it, and searches order by time.
--   automerge = 0    segments are merged only when 64 pile up on one level (the crisis merge),
--   crisismerge = 64 not as soon as 4 do. Log ingest commits a segment per batch; merging them
--                    four at a time cost as much as indexing the text (measured on the 100 MB
--                    benchmark log: 1.1 s of 2.0 s of SQLite CPU time; merging at 64 instead of
--                    16 saved another 0.5 s). A search then reads at most 63 segments per level,
--                    a few levels per million entries: a word in 170,000 of 349,000 entries is
--                    found in 115-155 ms, as fast as in the same index fully merged.
-- The triggers of version 2 refer to the index by name and keep working.

DROP TABLE log_entry_fts;
CREATE VIRTUAL TABLE log_entry_fts USING fts5(message, content = 'log_entry', content_rowid = 'id', columnsize = 0);
INSERT INTO log_entry_fts(log_entry_fts, rank) VALUES ('automerge', 0);
INSERT INTO log_entry_fts(log_entry_fts, rank) VALUES ('crisismerge', 64);
INSERT INTO log_entry_fts(log_entry_fts) VALUES ('rebuild');
