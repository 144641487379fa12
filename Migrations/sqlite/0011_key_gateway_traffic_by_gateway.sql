-- CMG History schema, version 11: a gateway's per-instant traffic totals are keyed by gateway,
-- then time.
--
-- Coverage of traffic counts the steps a gateway's endpoints reported in, read from
-- gateway_traffic_sample (one row per instant and gateway) over a month or a year. Keyed
-- (at, gateway_id), that read stepped over every other gateway's rows too: ten gateways, ten
-- times the rows. A second index on (gateway_id, at) made imports 7% slower (one more b-tree per
-- row), so the table itself takes that order: every read of it is one gateway's (rollup upkeep
-- and reports by gateway and range, a merge or removal by gateway); only retention reads it by
-- time alone, and retention is rare. The columns keep their order (extracts copy with SELECT *).
CREATE TABLE gateway_traffic_sample_by_gateway (
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
    PRIMARY KEY (gateway_id, at)
) STRICT, WITHOUT ROWID;

INSERT INTO gateway_traffic_sample_by_gateway
SELECT gateway_id, at, endpoint_samples, request_count, request_bytes, response_bytes, elapsed_weighted, elapsed_requests
FROM gateway_traffic_sample ORDER BY gateway_id, at;

DROP TABLE gateway_traffic_sample;
ALTER TABLE gateway_traffic_sample_by_gateway RENAME TO gateway_traffic_sample;
