-- CMG History schema for PostgreSQL, version 4: a gateway's per-instant traffic totals by
-- gateway and time, as SQLite's version 11.
--
-- Coverage of traffic reads one gateway's instants of gateway_traffic_sample over a month or a
-- year; its primary key (at, gateway_id) puts every gateway's rows of that stretch in the way.
-- An index on the partitioned table is made on every month partition, now and when a month is
-- created later (cmg_history_create_month, 0003).
CREATE INDEX gateway_traffic_sample_by_gateway ON gateway_traffic_sample (gateway_id, at);
