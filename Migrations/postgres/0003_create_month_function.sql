-- CMG History schema for PostgreSQL, version 3: month partitions are created through one
-- function, so that a collector role needs no DDL right.
--
-- Creating a partition needs ownership of its parent table, and `cmg-history db init`'s
-- collector role (<schema>_collector) owns nothing: it can insert, update and select, not create
-- or drop tables. cmg_history_create_month runs with its owner's rights (SECURITY DEFINER: the
-- schema's owner, who ran this migration) and can do one thing only: create the month partition
-- <parent>_pYYYYMM of one of the raw tables, covering [month_start, next month start) in Unix
-- seconds, as PostgresPartitions names it. Names are qualified with the schema, so no temporary
-- table of the caller's can stand in for a parent. EXECUTE is revoked from PUBLIC; db init grants
-- it to the collector role. Partitions made ahead of time are not needed: a backfill of old
-- exports creates its months as it goes, as on SQLite.
CREATE FUNCTION cmg_history_create_month(parent text, month_start bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    first timestamp;
    next_start bigint;
BEGIN
    IF parent IS NULL OR parent NOT IN ('status_snapshot', 'connection_point_status', 'online_clients_sample',
            'endpoint_traffic_sample', 'egress_sample', 'storage_sample', 'online_clients_by_network',
            'reported_egress_sample', 'gateway_traffic_sample') THEN
        RAISE EXCEPTION '% is not a table partitioned by month', parent USING ERRCODE = '22023';
    END IF;
    -- Years 0001 to 9999, as the partitions' four-digit names allow.
    IF month_start IS NULL OR month_start < -62135596800 OR month_start > 253402300799 THEN
        RAISE EXCEPTION 'month_start % is outside the years 0001 to 9999', month_start USING ERRCODE = '22023';
    END IF;
    first := to_timestamp(month_start) AT TIME ZONE 'UTC';
    IF date_trunc('month', first) <> first THEN
        RAISE EXCEPTION 'month_start % is not the first second of a UTC month', month_start USING ERRCODE = '22023';
    END IF;
    -- A timestamp without time zone: its epoch is read as UTC.
    next_start := extract(epoch FROM first + interval '1 month')::bigint;
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I.%I PARTITION OF %I.%I FOR VALUES FROM (%s) TO (%s)',
                   current_schema(), parent || '_p' || to_char(first, 'YYYYMM'), current_schema(), parent,
                   month_start, next_start);
END $$;
REVOKE ALL ON FUNCTION cmg_history_create_month(text, bigint) FROM PUBLIC;
