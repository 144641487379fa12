-- CMG History schema, version 3: per-instant gateway traffic totals and hourly rollups.
-- (Version 2 is the log store.) Units as in 0001: instants in INTEGER Unix seconds (UTC).

-- A gateway's endpoint traffic summed over its endpoints, one row per reporting instant.
-- Reports of a gateway's requests ("summed over endpoints") need per-instant totals for their
-- minimum, maximum and percentiles; keeping them here, maintained on import, saves summing
-- hundreds of endpoint rows per instant at report time.
CREATE TABLE gateway_traffic_sample (
    gateway_id       INTEGER NOT NULL REFERENCES gateway(id),
    at               INTEGER NOT NULL,
    endpoint_samples INTEGER NOT NULL CHECK (endpoint_samples >= 1),
    request_count    INTEGER NOT NULL CHECK (request_count >= 0),
    request_bytes    INTEGER NOT NULL CHECK (request_bytes >= 0),
    response_bytes   INTEGER NOT NULL CHECK (response_bytes >= 0),
    -- Σ avg_elapsed_ms × request_count, and Σ request_count, over the endpoint samples that
    -- carry an average: their quotient is the request-weighted average at this instant.
    elapsed_weighted INTEGER NOT NULL CHECK (elapsed_weighted >= 0),
    elapsed_requests INTEGER NOT NULL CHECK (elapsed_requests >= 0),
    PRIMARY KEY (at, gateway_id)
) STRICT, WITHOUT ROWID;

-- The metrics rollups are kept for, by a small id so that rollup keys stay short.
CREATE TABLE metric (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
) STRICT;
INSERT INTO metric(id, name) VALUES
    (1, 'online_clients'), (2, 'requests'), (3, 'request_bytes'), (4, 'response_bytes'),
    (5, 'avg_elapsed_ms'), (6, 'egress_bytes'), (7, 'storage_used_bytes');

-- One gateway-level metric over one UTC hour [hour_start, hour_start + 3600): every sample
-- whose instant falls in it. Exact count, sum, min and max; value_list holds every sample value
-- (sorted, as unsigned LEB128 deltas), which makes percentiles exact and rollups mergeable, at
-- a few bytes per value instead of a raw row's 15 to 30. Maintained on import: an hour touched by
-- new data is recomputed from the raw rows, so late or re-sent data lands in the right rollup.
CREATE TABLE rollup_hour (
    gateway_id INTEGER NOT NULL REFERENCES gateway(id),
    metric_id  INTEGER NOT NULL REFERENCES metric(id),
    hour_start INTEGER NOT NULL CHECK (hour_start % 3600 = 0),
    count      INTEGER NOT NULL CHECK (count >= 1),
    sum        INTEGER NOT NULL,
    min        INTEGER NOT NULL,
    max        INTEGER NOT NULL CHECK (max >= min),
    value_list BLOB NOT NULL,
    PRIMARY KEY (gateway_id, metric_id, hour_start)
) STRICT, WITHOUT ROWID;

-- Raw samples before raw_kept_from were pruned (`cmg-history db prune`); their hours live on in
-- rollup_hour only. One row.
CREATE TABLE retention (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    raw_kept_from  INTEGER NOT NULL,
    pruned_at      INTEGER NOT NULL
) STRICT;
