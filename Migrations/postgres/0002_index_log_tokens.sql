-- CMG History schema for PostgreSQL, version 2: log_entry.message_search holds the tokens the
-- store computes, not the server's to_tsvector('simple', message).
--
-- A search must find on PostgreSQL what it finds on SQLite (FTS5's unicode61 tokenizer: tokens
-- are runs of letters and digits, compared without case or Latin accents). PostgreSQL's parser
-- keeps a host name (GraniteFalls.contoso.com), a URL, a path or a version as one token, so
-- `contoso` would not find the gateway's name; its 'simple' configuration keeps accents
-- (unaccent is an extension, which this schema does not use); and what lower() folds depends on
-- the server's locale. The writer therefore tokenizes each message itself and sends the
-- tsvector with the row (binary COPY); searches send tsquery operands tokenized the same way.
-- The GIN index log_entry_search (0001) stays: it indexes whatever the column holds.
--
-- No writer of log entries existed on PostgreSQL before this version, so the vectors DROP
-- EXPRESSION keeps are of no entry a writer made; NOT NULL makes a writer that forgets the vector
-- fail loudly instead of storing an entry no search can find.
ALTER TABLE log_entry ALTER COLUMN message_search DROP EXPRESSION;
ALTER TABLE log_entry ALTER COLUMN message_search SET NOT NULL;
