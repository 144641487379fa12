# The report benchmark's baseline: the figures of the capacity report and the daily trends as
# plain SQL over the raw sample tables, one script per report, in two dialects. Sourced by
# reports.sh (the sqlite3 shell) and reports-pg.sh (DuckDB over Parquet).
#
#   baseline_sql sqlite|duckdb DIR EXT     writes DIR/capacity.EXT, trend_online_clients.EXT,
#                                          trend_requests.EXT for MS ME PS (month, its end, the
#                                          month before) and FROM TO (the trends), Unix seconds

# baseline_sql DIALECT DIR EXT
baseline_sql() {
    local dialect=$1 dir=$2 ext=$3 IDIV GREATEST
    case "$dialect" in
        sqlite) IDIV=/; GREATEST=max ;;
        # DuckDB's / divides as reals, and its max() takes one argument.
        duckdb) IDIV=//; GREATEST=greatest ;;
        *) echo "baseline_sql: unknown dialect $dialect" >&2; return 1 ;;
    esac
    # An instant in Unix seconds as RFC 3339 UTC text, as the reports print it.
    ts() {
        if [ "$dialect" = sqlite ]; then echo "strftime('%Y-%m-%dT%H:%M:%SZ', $1, 'unixepoch')"
        else echo "strftime(to_timestamp($1) AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ')"; fi
    }
    cat > "$dir/capacity.$ext" <<SQL
-- Capacity figures for [$MS, $ME) (previous month from $PS), per gateway, from the raw tables.
WITH
oc AS (SELECT gateway_id, at, count FROM online_clients_sample WHERE at >= $MS AND at < $ME),
oc_stats AS (SELECT gateway_id, count(*) AS n, max(count) AS peak FROM oc GROUP BY gateway_id),
oc_peak_at AS (SELECT oc.gateway_id, min(oc.at) AS at FROM oc JOIN oc_stats s ON s.gateway_id = oc.gateway_id AND oc.count = s.peak
               GROUP BY oc.gateway_id),
oc_p95 AS (SELECT r.gateway_id, r.count AS p95
           FROM (SELECT gateway_id, count, row_number() OVER (PARTITION BY gateway_id ORDER BY count) AS rank FROM oc) r
           JOIN oc_stats s ON s.gateway_id = r.gateway_id WHERE r.rank = $GREATEST(1, (95 * s.n + 99) $IDIV 100)),
req AS (SELECT e.gateway_id, sum(CASE WHEN s.at >= $MS THEN s.request_count END) AS total,
               sum(CASE WHEN s.at < $MS THEN s.request_count END) AS previous
        FROM endpoint_traffic_sample s JOIN endpoint e ON e.id = s.endpoint_id
        WHERE s.at >= $PS AND s.at < $ME GROUP BY e.gateway_id),
eg AS (SELECT gateway_id, sum(CASE WHEN at >= $MS THEN bytes END) AS total, sum(CASE WHEN at < $MS THEN bytes END) AS previous
       FROM egress_sample WHERE at >= $PS AND at < $ME GROUP BY gateway_id),
eg_roll AS (SELECT gateway_id, at, sum(bytes) OVER (PARTITION BY gateway_id ORDER BY at
                                                   RANGE BETWEEN 1209599 PRECEDING AND CURRENT ROW) AS rolling
            FROM egress_sample WHERE at >= $MS - 1209599 AND at < $ME),
eg_peak AS (SELECT gateway_id, max(rolling) AS peak FROM eg_roll WHERE at >= $MS GROUP BY gateway_id),
eg_peak_at AS (SELECT r.gateway_id, min(r.at) AS at FROM eg_roll r JOIN eg_peak p ON p.gateway_id = r.gateway_id AND r.rolling = p.peak
               WHERE r.at >= $MS GROUP BY r.gateway_id),
st AS (SELECT gateway_id, max(used_bytes) AS peak FROM storage_sample WHERE at >= $MS AND at < $ME GROUP BY gateway_id)
SELECT g.name, coalesce(s.n, 0), s.peak, $(ts 'pa.at'), p.p95, req.total, req.previous, eg.total, eg.previous,
       ep.peak, $(ts 'epa.at'), st.peak
FROM gateway g
LEFT JOIN oc_stats s ON s.gateway_id = g.id LEFT JOIN oc_peak_at pa ON pa.gateway_id = g.id LEFT JOIN oc_p95 p ON p.gateway_id = g.id
LEFT JOIN req ON req.gateway_id = g.id LEFT JOIN eg ON eg.gateway_id = g.id
LEFT JOIN eg_peak ep ON ep.gateway_id = g.id LEFT JOIN eg_peak_at epa ON epa.gateway_id = g.id LEFT JOIN st ON st.gateway_id = g.id
ORDER BY g.name;
SQL
    cat > "$dir/trend_online_clients.$ext" <<SQL
-- Daily (UTC) count, sum, min, max of online clients per gateway over [$FROM, $TO).
SELECT g.name, $(ts 'd.day * 86400'), d.n, d.total, d.low, d.high
FROM (SELECT gateway_id, at $IDIV 86400 AS day, count(*) AS n, sum(count) AS total, min(count) AS low, max(count) AS high
      FROM online_clients_sample WHERE at >= $FROM AND at < $TO GROUP BY gateway_id, day) d
JOIN gateway g ON g.id = d.gateway_id ORDER BY g.name, d.day;
SQL
    cat > "$dir/trend_requests.$ext" <<SQL
-- Daily (UTC) count, sum, min, max of requests summed over each gateway's endpoints at each
-- instant, per gateway over [$FROM, $TO), from the raw endpoint traffic.
SELECT g.name, $(ts "x.at $IDIV 86400 * 86400"), count(*), sum(x.requests), min(x.requests), max(x.requests)
FROM (SELECT e.gateway_id, s.at, sum(s.request_count) AS requests
      FROM endpoint_traffic_sample s JOIN endpoint e ON e.id = s.endpoint_id
      WHERE s.at >= $FROM AND s.at < $TO GROUP BY s.at, e.gateway_id) x
JOIN gateway g ON g.id = x.gateway_id GROUP BY g.name, x.gateway_id, x.at $IDIV 86400 ORDER BY g.name, x.at $IDIV 86400;
SQL
    # `at` is a keyword in DuckDB (AT TIME ZONE): quote the column there.
    if [ "$dialect" = duckdb ]; then
        sed -i -E 's/\<at\>/"at"/g' "$dir/capacity.$ext" "$dir/trend_online_clients.$ext" "$dir/trend_requests.$ext"
    fi
}
