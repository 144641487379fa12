-- CMG History schema, version 1.
--
-- Units, everywhere in this file:
--   *_at, at      INTEGER seconds since 1970-01-01T00:00:00Z (Unix time, UTC). Input with a
--                 fractional second is truncated to the whole second it falls in.
--   *_s           INTEGER seconds (durations).
--   *_bytes       INTEGER bytes.
--   *_gb          INTEGER gigabytes of 10^9 bytes, as Azure bills and the console shows.
--   *_pct         INTEGER percent, 0 to 100.
--   extra         TEXT holding a JSON object of the input fields this table has no column for.
--
-- Sample tables are WITHOUT ROWID and keyed by (instant, series): the key is what makes a
-- re-import a no-op, and it is the only index such a table carries. Time first, because
-- exports arrive in time order across many series: each insert then lands on the right edge of
-- the tree, pages fill completely (about 15 bytes per online-client row, 30 per traffic row)
-- and an import touches few pages. A query for one series over a period scans every series in
-- that period, which at this scale (hundreds of series) costs less than half-empty pages would.

-- A Cloud Management Gateway, named by its service name (the CN of its server certificate).
CREATE TABLE gateway (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 255),
    azure_service_id TEXT UNIQUE                                    -- ConfigMgr's key, when known
) STRICT;

-- The gateway's configuration as observed at an instant; it holds until the next observation.
CREATE TABLE gateway_config (
    gateway_id INTEGER NOT NULL REFERENCES gateway(id),
    at         INTEGER NOT NULL,
    site       TEXT,
    region     TEXT,
    vm_size    TEXT,
    instances  INTEGER CHECK (instances BETWEEN 1 AND 16),
    extra      TEXT CHECK (extra IS NULL OR json_valid(extra)),
    PRIMARY KEY (gateway_id, at)
) STRICT, WITHOUT ROWID;

-- Alert thresholds as configured at an instant (egress over a rolling 14 days, storage quota).
CREATE TABLE alert_config (
    gateway_id           INTEGER NOT NULL REFERENCES gateway(id),
    at                   INTEGER NOT NULL,
    egress_threshold_gb  INTEGER CHECK (egress_threshold_gb >= 0),
    egress_warning_pct   INTEGER CHECK (egress_warning_pct BETWEEN 0 AND 100),
    egress_critical_pct  INTEGER CHECK (egress_critical_pct BETWEEN 0 AND 100),
    stop_on_critical     INTEGER CHECK (stop_on_critical IN (0, 1)),
    storage_quota_gb     INTEGER CHECK (storage_quota_gb >= 0),
    storage_warning_pct  INTEGER CHECK (storage_warning_pct BETWEEN 0 AND 100),
    storage_critical_pct INTEGER CHECK (storage_critical_pct BETWEEN 0 AND 100),
    extra                TEXT CHECK (extra IS NULL OR json_valid(extra)),
    PRIMARY KEY (gateway_id, at)
) STRICT, WITHOUT ROWID;

-- One observation of a gateway's state. state_code is NULL for a text with no known code
-- (such as 'Upgrading'); the raw text is always kept.
CREATE TABLE status_snapshot (
    gateway_id  INTEGER NOT NULL REFERENCES gateway(id),
    at          INTEGER NOT NULL,
    state_code  INTEGER,
    state       TEXT NOT NULL CHECK (length(state) >= 1),
    description TEXT NOT NULL DEFAULT '',
    extra       TEXT CHECK (extra IS NULL OR json_valid(extra)),
    PRIMARY KEY (gateway_id, at)
) STRICT, WITHOUT ROWID;

-- Runs of consecutive snapshots of one gateway with the same state, code and description,
-- derived on import. A run is split where two snapshots are further apart than the staleness
-- limit the importer used (stale_after_s), so each span is time the gateway was observed in it.
CREATE TABLE state_span (
    gateway_id     INTEGER NOT NULL REFERENCES gateway(id),
    first_seen_at  INTEGER NOT NULL,
    last_seen_at   INTEGER NOT NULL CHECK (last_seen_at >= first_seen_at),
    state_code     INTEGER,
    state          TEXT NOT NULL,
    description    TEXT NOT NULL,
    snapshot_count INTEGER NOT NULL CHECK (snapshot_count >= 1),
    stale_after_s  INTEGER NOT NULL CHECK (stale_after_s > 0),
    PRIMARY KEY (gateway_id, first_seen_at)
) STRICT, WITHOUT ROWID;

-- A site system with the CMG connection point role.
CREATE TABLE connection_point (
    id         INTEGER PRIMARY KEY,
    gateway_id INTEGER NOT NULL REFERENCES gateway(id),
    server     TEXT NOT NULL COLLATE NOCASE CHECK (length(server) >= 1),
    UNIQUE (gateway_id, server)
) STRICT;

-- status: 0 all offline, 1 partially online, 2 all online.
CREATE TABLE connection_point_status (
    connection_point_id INTEGER NOT NULL REFERENCES connection_point(id),
    at                  INTEGER NOT NULL,
    status              INTEGER NOT NULL CHECK (status IN (0, 1, 2)),
    PRIMARY KEY (at, connection_point_id)
) STRICT, WITHOUT ROWID;

-- A role endpoint reached through a gateway (CCM_STS, SMS_MP, a /CCM_Proxy_MutualAuth/… path).
-- interval_s is the reporting interval of its first sample; it never changes afterwards, since
-- samples store their interval only when it differs from it.
CREATE TABLE endpoint (
    id         INTEGER PRIMARY KEY,
    gateway_id INTEGER NOT NULL REFERENCES gateway(id),
    name       TEXT NOT NULL CHECK (length(name) >= 1),
    interval_s INTEGER NOT NULL CHECK (interval_s > 0),
    UNIQUE (gateway_id, name)
) STRICT;

-- Online clients counted at an instant.
CREATE TABLE online_clients_sample (
    gateway_id INTEGER NOT NULL REFERENCES gateway(id),
    at         INTEGER NOT NULL,
    count      INTEGER NOT NULL CHECK (count >= 0),
    PRIMARY KEY (at, gateway_id)
) STRICT, WITHOUT ROWID;

-- Requests through one endpoint over the interval (at - interval_s, at]. Read it through the
-- endpoint_traffic view, which decodes the two space-saving encodings of this table:
--   interval_s        NULL when equal to the endpoint's interval_s (nearly always);
--   unanswered_count  request_count - response_count, nearly always 0.
-- Both are stored in zero bytes in the usual case (SQLite stores NULL, 0 and 1 in the record
-- header alone), which keeps a sample near 30 bytes on disk: three years of a large
-- hierarchy's 5-minute samples are tens of millions of rows.
CREATE TABLE endpoint_traffic_sample (
    endpoint_id      INTEGER NOT NULL REFERENCES endpoint(id),
    at               INTEGER NOT NULL,
    interval_s       INTEGER CHECK (interval_s > 0),
    request_count    INTEGER NOT NULL CHECK (request_count >= 0),
    request_bytes    INTEGER NOT NULL CHECK (request_bytes >= 0),
    unanswered_count INTEGER NOT NULL CHECK (request_count - unanswered_count >= 0),
    response_bytes   INTEGER NOT NULL CHECK (response_bytes >= 0),
    avg_elapsed_ms   INTEGER CHECK (avg_elapsed_ms >= 0),
    PRIMARY KEY (at, endpoint_id)
) STRICT, WITHOUT ROWID;

-- Endpoint traffic samples with their natural columns.
CREATE VIEW endpoint_traffic AS
SELECT s.at,
       e.gateway_id,
       s.endpoint_id,
       e.name AS endpoint,
       coalesce(s.interval_s, e.interval_s) AS interval_s,
       s.request_count,
       s.request_bytes,
       s.request_count - s.unanswered_count AS response_count,
       s.response_bytes,
       s.avg_elapsed_ms
FROM endpoint_traffic_sample s
JOIN endpoint e ON e.id = s.endpoint_id;

-- Bytes sent out of Azure by the gateway over the interval (at - interval_s, at].
CREATE TABLE egress_sample (
    gateway_id INTEGER NOT NULL REFERENCES gateway(id),
    at         INTEGER NOT NULL,
    interval_s INTEGER NOT NULL CHECK (interval_s > 0),
    bytes      INTEGER NOT NULL CHECK (bytes >= 0),
    PRIMARY KEY (at, gateway_id)
) STRICT, WITHOUT ROWID;

-- Storage used by the gateway (content cached in Azure storage) at an instant.
CREATE TABLE storage_sample (
    gateway_id INTEGER NOT NULL REFERENCES gateway(id),
    at         INTEGER NOT NULL,
    used_bytes INTEGER NOT NULL CHECK (used_bytes >= 0),
    PRIMARY KEY (at, gateway_id)
) STRICT, WITHOUT ROWID;

-- Something done to a gateway. completed_at is NULL while it is in progress or when unknown.
-- A later record of the same operation (same gateway, kind and request time) completes it.
CREATE TABLE operation (
    id           INTEGER PRIMARY KEY,
    gateway_id   INTEGER NOT NULL REFERENCES gateway(id),
    kind         TEXT NOT NULL CHECK (kind IN ('create', 'start', 'stop', 'sync_config', 'upgrade',
                     'scale', 'renew_server_certificate', 'renew_app_secret', 'delete',
                     'maintenance', 'auto_stop')),
    requested_at INTEGER NOT NULL,
    completed_at INTEGER CHECK (completed_at IS NULL OR completed_at >= requested_at),
    outcome      TEXT NOT NULL CHECK (outcome IN ('succeeded', 'failed', 'in_progress', 'cancelled')),
    actor        TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    extra        TEXT CHECK (extra IS NULL OR json_valid(extra)),
    UNIQUE (gateway_id, kind, requested_at)
) STRICT;

-- A dated, secret-bearing thing whose expiry is tracked. Never holds the secret itself.
-- name and thumbprint are '' when not known, so that the unique key also holds for them.
CREATE TABLE credential (
    id          INTEGER PRIMARY KEY,
    gateway_id  INTEGER NOT NULL REFERENCES gateway(id),
    kind        TEXT NOT NULL CHECK (kind IN ('server_certificate', 'app_secret',
                    'trusted_root_certificate', 'client_certificate')),
    name        TEXT NOT NULL DEFAULT '',
    subject     TEXT NOT NULL DEFAULT '',
    thumbprint  TEXT NOT NULL DEFAULT '' CHECK (thumbprint NOT GLOB '*[^0-9A-F]*'),
    not_before  INTEGER,
    expires_at  INTEGER NOT NULL,
    extra       TEXT CHECK (extra IS NULL OR json_valid(extra)),
    UNIQUE (gateway_id, kind, name, subject, thumbprint, expires_at)
) STRICT;

CREATE INDEX credential_by_expiry ON credential(expires_at);
CREATE INDEX operation_by_time ON operation(gateway_id, requested_at);
