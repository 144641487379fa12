-- CMG History schema, version 11: a gateway's per-instant traffic totals by gateway and time.
--
-- Coverage of traffic counts the steps a gateway's endpoints reported in, read from
-- gateway_traffic_sample (one row per instant and gateway). Its primary key (at, gateway_id)
-- makes a read of one gateway's year step over every other gateway's rows as well: ten gateways,
-- ten times the rows. As egress_sample_by_gateway (0005), the index covers the read; a
-- WITHOUT ROWID table's index holds its key columns only, so it is small.
CREATE INDEX gateway_traffic_sample_by_gateway ON gateway_traffic_sample(gateway_id, at);
