-- CMG History schema, version 10: endpoint traffic is kept per gateway VM instance.
--
-- Each VM instance of a CMG writes its own CMGService.log (CMG-<service>-ProxyService_IN_<n>-…)
-- with the requests that instance served. Keyed by (at, endpoint) alone, the second instance's
-- statistics line at the same second was a conflict and its requests were lost; the gateway's
-- traffic is the sum over its instances.
--
-- vm_instance: 0 when the source names no instance (NDJSON, exports: the gateway as a whole),
-- n + 1 for ProxyService_IN_n. 0 is stored in the record header alone, as the other encodings of
-- this table (0001), so rows that name no instance stay as small as before.
DROP VIEW endpoint_traffic;

CREATE TABLE endpoint_traffic_sample_by_instance (
    endpoint_id      INTEGER NOT NULL REFERENCES endpoint(id),
    at               INTEGER NOT NULL,
    vm_instance      INTEGER NOT NULL DEFAULT 0 CHECK (vm_instance BETWEEN 0 AND 65536),
    interval_s       INTEGER CHECK (interval_s > 0),
    request_count    INTEGER NOT NULL CHECK (request_count >= 0),
    request_bytes    INTEGER NOT NULL CHECK (request_bytes >= 0),
    unanswered_count INTEGER NOT NULL CHECK (request_count - unanswered_count >= 0),
    response_bytes   INTEGER NOT NULL CHECK (response_bytes >= 0),
    avg_elapsed_ms   INTEGER CHECK (avg_elapsed_ms >= 0),
    PRIMARY KEY (at, endpoint_id, vm_instance)
) STRICT, WITHOUT ROWID;

INSERT INTO endpoint_traffic_sample_by_instance(endpoint_id, at, vm_instance, interval_s, request_count, request_bytes,
    unanswered_count, response_bytes, avg_elapsed_ms)
SELECT endpoint_id, at, 0, interval_s, request_count, request_bytes, unanswered_count, response_bytes, avg_elapsed_ms
FROM endpoint_traffic_sample;

DROP TABLE endpoint_traffic_sample;
ALTER TABLE endpoint_traffic_sample_by_instance RENAME TO endpoint_traffic_sample;

-- Endpoint traffic samples with their natural columns (one row per instance).
CREATE VIEW endpoint_traffic AS
SELECT s.at,
       e.gateway_id,
       s.endpoint_id,
       e.name AS endpoint,
       s.vm_instance,
       coalesce(s.interval_s, e.interval_s) AS interval_s,
       s.request_count,
       s.request_bytes,
       s.request_count - s.unanswered_count AS response_count,
       s.response_bytes,
       s.avg_elapsed_ms
FROM endpoint_traffic_sample s
JOIN endpoint e ON e.id = s.endpoint_id;
