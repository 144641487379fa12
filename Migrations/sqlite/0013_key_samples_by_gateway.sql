-- CMG History schema, version 13: a gateway's samples are keyed by gateway, then time, as its
-- traffic totals are since version 11.
--
-- Every report reads one gateway's samples over a period: the capacity report's sampling
-- probes (2,016 online-client instants, a month of storage and egress intervals), the peak's
-- instant, the rolling 14-day egress, the partial hours at a period's edges. Keyed (at,
-- gateway_id), each such read stepped over every other gateway's rows of the period: in a
-- fleet of ten, ten times the rows (the online-clients probe alone was 2 ms a gateway). Keyed
-- (gateway_id, at), it reads its own rows and nothing else, and egress needs no second index
-- (egress_sample_by_gateway, which also lacked interval_s). Reads by time alone are retention's
-- and `db info`'s, both rare and both whole-table scans anyway. The columns keep their order
-- (extracts copy with SELECT *).
CREATE TABLE online_clients_sample_by_gateway (
    gateway_id INTEGER NOT NULL REFERENCES gateway(id),
    at         INTEGER NOT NULL,
    count      INTEGER NOT NULL CHECK (count >= 0),
    PRIMARY KEY (gateway_id, at)
) STRICT, WITHOUT ROWID;
INSERT INTO online_clients_sample_by_gateway SELECT gateway_id, at, count FROM online_clients_sample ORDER BY gateway_id, at;
DROP TABLE online_clients_sample;
ALTER TABLE online_clients_sample_by_gateway RENAME TO online_clients_sample;

CREATE TABLE egress_sample_by_gateway_key (
    gateway_id INTEGER NOT NULL REFERENCES gateway(id),
    at         INTEGER NOT NULL,
    interval_s INTEGER NOT NULL CHECK (interval_s > 0),
    bytes      INTEGER NOT NULL CHECK (bytes >= 0),
    PRIMARY KEY (gateway_id, at)
) STRICT, WITHOUT ROWID;
INSERT INTO egress_sample_by_gateway_key SELECT gateway_id, at, interval_s, bytes FROM egress_sample ORDER BY gateway_id, at;
DROP INDEX egress_sample_by_gateway;
DROP TABLE egress_sample;
ALTER TABLE egress_sample_by_gateway_key RENAME TO egress_sample;

CREATE TABLE storage_sample_by_gateway (
    gateway_id INTEGER NOT NULL REFERENCES gateway(id),
    at         INTEGER NOT NULL,
    used_bytes INTEGER NOT NULL CHECK (used_bytes >= 0),
    PRIMARY KEY (gateway_id, at)
) STRICT, WITHOUT ROWID;
INSERT INTO storage_sample_by_gateway SELECT gateway_id, at, used_bytes FROM storage_sample ORDER BY gateway_id, at;
DROP TABLE storage_sample;
ALTER TABLE storage_sample_by_gateway RENAME TO storage_sample;

CREATE TABLE online_clients_by_network_by_gateway (
    gateway_id     INTEGER NOT NULL REFERENCES gateway(id),
    at             INTEGER NOT NULL,
    internet_count INTEGER CHECK (internet_count >= 0),
    intranet_count INTEGER CHECK (intranet_count >= 0),
    PRIMARY KEY (gateway_id, at)
) STRICT, WITHOUT ROWID;
INSERT INTO online_clients_by_network_by_gateway SELECT gateway_id, at, internet_count, intranet_count FROM online_clients_by_network
ORDER BY gateway_id, at;
DROP TABLE online_clients_by_network;
ALTER TABLE online_clients_by_network_by_gateway RENAME TO online_clients_by_network;

CREATE TABLE reported_egress_sample_by_gateway (
    gateway_id         INTEGER NOT NULL REFERENCES gateway(id),
    at                 INTEGER NOT NULL,
    last_14_days_bytes INTEGER NOT NULL CHECK (last_14_days_bytes >= 0),
    PRIMARY KEY (gateway_id, at)
) STRICT, WITHOUT ROWID;
INSERT INTO reported_egress_sample_by_gateway SELECT gateway_id, at, last_14_days_bytes FROM reported_egress_sample ORDER BY gateway_id, at;
DROP TABLE reported_egress_sample;
ALTER TABLE reported_egress_sample_by_gateway RENAME TO reported_egress_sample;
