-- CMG History schema, version 9: one gateway per CMG, whatever name a source gives it.
--
-- ConfigMgr and its logs name one CMG several ways: its service name (ServiceCName, the CN of
-- its server certificate: GraniteFalls.contoso.com), its AzureServiceID, the short service name
-- in log file names (CMG-GraniteFalls-ProxyService_IN_0-CMGService.log → GraniteFalls). Every
-- name a source uses resolves to one gateway: its own name, its azure_service_id, or an alias here.

-- Another name of a gateway: its old name after a rename or merge, a short name that was folded
-- into it, or a name an admin gave (`cmg-history gateway alias`). Names compare without regard to
-- case, as DNS names do.
--   source   why the alias exists: 'rename', 'merge', 'fold' (a short-named gateway folded into
--            the full name), 'short_name' (a short name resolved by its first DNS label), 'admin'
CREATE TABLE gateway_alias (
    alias      TEXT PRIMARY KEY COLLATE NOCASE CHECK (length(alias) BETWEEN 1 AND 255),
    gateway_id INTEGER NOT NULL REFERENCES gateway(id),
    source     TEXT NOT NULL CHECK (source IN ('rename', 'merge', 'fold', 'short_name', 'admin'))
) STRICT;

CREATE INDEX gateway_alias_by_gateway ON gateway_alias(gateway_id);

-- A name is a gateway's name or an alias, never both: otherwise one name would stand for two
-- gateways. (Comparisons take the NOCASE collation of the columns.)
CREATE TRIGGER gateway_alias_is_no_gateway_name BEFORE INSERT ON gateway_alias
WHEN EXISTS (SELECT 1 FROM gateway WHERE name = NEW.alias)
BEGIN
    SELECT RAISE(ABORT, 'a gateway alias cannot be another gateway''s name');
END;
CREATE TRIGGER gateway_name_is_no_alias BEFORE INSERT ON gateway
WHEN EXISTS (SELECT 1 FROM gateway_alias WHERE alias = NEW.name)
BEGIN
    SELECT RAISE(ABORT, 'a gateway name cannot be an alias of a gateway');
END;
CREATE TRIGGER gateway_rename_is_no_alias BEFORE UPDATE OF name ON gateway
WHEN EXISTS (SELECT 1 FROM gateway_alias WHERE alias = NEW.name)
BEGIN
    SELECT RAISE(ABORT, 'a gateway name cannot be an alias of a gateway');
END;

-- Rows a merge of two gateways could not move because the gateway merged into holds a row with
-- the same key and other values (a status of the same instant with another state). The row
-- merged into is kept; the other is kept here, as JSON of its columns, never silently lost.
--   from_gateway   the name of the gateway merged away
--   table_name     the table the row was in
--   row            JSON object of the row's columns (its gateway as from_gateway)
CREATE TABLE gateway_merge_conflict (
    id              INTEGER PRIMARY KEY,
    from_gateway    TEXT NOT NULL,
    into_gateway_id INTEGER NOT NULL REFERENCES gateway(id),
    table_name      TEXT NOT NULL,
    row             TEXT NOT NULL CHECK (json_valid(row))
) STRICT;
