#!/usr/bin/env bash
# The monthly capacity report and one-year daily trends on PostgreSQL, on SQLite and in DuckDB,
# over the same raw rows.
#
#   Benchmarks/reports-pg.sh --url postgres://USER@HOST:PORT/DB [--days 365] [--gateways 10]
#                            [--endpoints 5] [--runs 7] [--bin DIR] [--month YYYY-MM]
#
# 1. A history is built once into SQLite by `cmg-history-bench history` (the library's write path,
#    rollups included) and reused: bench-data/history-<days>d-<G>x<E>.sqlite.
# 2. Its tables are loaded into the PostgreSQL schema `reports_bench` as they are (the schema made
#    by the store's own migrations, by an import of an empty file; the rows by `psql \copy` of
#    each table's CSV from sqlite3, blobs as hex), so both backends hold the same rows, rollups
#    included. Done once; `--reload` drops and loads the schema again.
# 3. The raw sample tables go to Parquet for DuckDB (Benchmarks/.venv: `python3 -m venv
#    Benchmarks/.venv && Benchmarks/.venv/bin/pip install duckdb`), where plain SQL over the raw
#    rows computes the same figures as reports.sh's sqlite3 baseline.
# Timed, interleaved per run (SQLite, PostgreSQL, DuckDB), medians:
#   ours      the whole `cmg-history report … --format json --reproducible` process, per backend
#   duckdb    the query inside one Python process (connection open, Parquet files warm), and
#             that process end to end (interpreter start and `import duckdb` included)
# Checked: PostgreSQL's JSON byte-identical to SQLite's; DuckDB's rows equal to the JSON's
# numbers (Benchmarks/report-check.py). A backend that cannot answer a report yet is reported as
# such, not timed.
set -euo pipefail
cd "$(dirname "$0")/.."
URL=""; DAYS=365; GATEWAYS=10; ENDPOINTS=5; RUNS=7; BIN=""; MONTH=""; RELOAD=0
die() { echo "reports-pg.sh: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
    case "$1" in
        --url) URL=$2; shift 2 ;;
        --days) DAYS=$2; shift 2 ;;
        --gateways) GATEWAYS=$2; shift 2 ;;
        --endpoints) ENDPOINTS=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --bin) BIN=$2; shift 2 ;;
        --month) MONTH=$2; shift 2 ;;
        --reload) RELOAD=1; shift ;;
        -h|--help) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument '$1' (try --help)" ;;
    esac
done
[[ $URL == postgres://* && $URL != *\?* ]] || die "--url must be a postgres:// URL without a query"
for n in "$DAYS" "$GATEWAYS" "$ENDPOINTS" "$RUNS"; do [[ $n =~ ^[1-9][0-9]*$ ]] || die "counts must be positive integers"; done
BIN=${BIN:-$(swift build -c release --show-bin-path)}
[ -x "$BIN/cmg-history" ] && [ -x "$BIN/cmg-history-bench" ] || die "no release cmg-history and cmg-history-bench in $BIN"
PY=Benchmarks/.venv/bin/python
"$PY" -c 'import duckdb' 2>/dev/null || die "no DuckDB: python3 -m venv Benchmarks/.venv && Benchmarks/.venv/bin/pip install duckdb"
DB=bench-data/history-${DAYS}d-${GATEWAYS}x${ENDPOINTS}.sqlite
OUT=bench-data/reports-pg-out
SCHEMA=reports_bench
PG="$URL?schema=$SCHEMA"
mkdir -p "$OUT"
sql() { psql "$URL" --no-psqlrc -qAtX -v ON_ERROR_STOP=1 -c "SET search_path TO $SCHEMA" -c "$1"; }
now_ns() { date +%s%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "== history $DB"
"$BIN/cmg-history-bench" history --db "$DB" --days "$DAYS" --gateways "$GATEWAYS" --endpoints "$ENDPOINTS" --seed 1 | sed 's/^/   /'
read -r FIRST LAST <<<"$(sqlite3 -readonly -separator ' ' "$DB" 'SELECT min(at), max(at) FROM online_clients_sample')"
FROM_DAY=$(date -u -d "@$FIRST" +%F)
TO_DAY=$(date -u -d "@$((LAST + 86400))" +%F)
# The last full month of data, as the report benchmark takes it.
MONTH=${MONTH:-$(date -u -d "$(date -u -d "@$((LAST + 1))" +%Y-%m-01) -1 month" +%Y-%m)}

# ---------------------------------------------------------------------------------------------
# The same rows in PostgreSQL.
TABLES=(gateway gateway_alias gateway_config alert_config endpoint connection_point status_snapshot state_span
        connection_point_status online_clients_sample online_clients_by_network endpoint_traffic_sample
        gateway_traffic_sample egress_sample storage_sample reported_egress_sample operation unlinked_operation
        credential rollup_hour rollup_day retention)
PARTITIONED=" status_snapshot connection_point_status online_clients_sample endpoint_traffic_sample egress_sample storage_sample online_clients_by_network reported_egress_sample gateway_traffic_sample "
if [ "$RELOAD" = 1 ]; then psql "$URL" -qAtX -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"; fi
if [ "$(psql "$URL" -qAtX -c "SELECT count(*) FROM pg_namespace WHERE nspname = '$SCHEMA'")" = 0 ]; then
    echo "== load $DB into $SCHEMA"
    : > "$OUT/empty.ndjson"
    "$BIN/cmg-history" ingest --quiet "$OUT/empty.ndjson" --db "$PG" >/dev/null
    t0=$(now_ns)
    for table in "${TABLES[@]}"; do
        cols=$(sqlite3 -readonly "$DB" "SELECT group_concat(name, ',') FROM pragma_table_info('$table')")
        select=$(sqlite3 -readonly "$DB" "SELECT group_concat(CASE WHEN type = 'BLOB' THEN '''\\x'' || hex(' || name || ')' ELSE name END, ',') FROM pragma_table_info('$table')")
        if [[ $PARTITIONED == *" $table "* ]]; then
            read -r lo hi <<<"$(sqlite3 -readonly -separator ' ' "$DB" "SELECT min(at), max(at) FROM $table")"
            if [ -n "$lo" ]; then
                month=$(date -u -d "@$lo" +%Y-%m-01)
                while [ "$(date -u -d "$month" +%s)" -le "$hi" ]; do
                    next=$(date -u -d "$month +1 month" +%Y-%m-01)
                    sql "CREATE TABLE IF NOT EXISTS ${table}_p$(date -u -d "$month" +%Y%m) PARTITION OF $table
                         FOR VALUES FROM ($(date -u -d "$month" +%s)) TO ($(date -u -d "$next" +%s))"
                    month=$next
                done
            fi
        fi
        sqlite3 -readonly -csv "$DB" "SELECT $select FROM $table" \
            | psql "$URL" --no-psqlrc -qAtX -v ON_ERROR_STOP=1 -c "SET search_path TO $SCHEMA" \
                   -c "\\copy $table ($cols) FROM STDIN WITH (FORMAT csv)"
        [ "$(sql "SELECT count(*) FROM $table")" = "$(sqlite3 -readonly "$DB" "SELECT count(*) FROM $table")" ] \
            || die "$table: row counts differ after the load"
    done
    sql "ANALYZE"
    echo "   $(( ($(now_ns) - t0) / 1000000000 )) s; $(sql "SELECT pg_size_pretty(sum(pg_total_relation_size(c.oid))) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '$SCHEMA' AND c.relkind = 'r'") in PostgreSQL"
fi

# ---------------------------------------------------------------------------------------------
# The raw rows for DuckDB, as Parquet.
PQ=$OUT/parquet-${DAYS}d-${GATEWAYS}x${ENDPOINTS}
Benchmarks/parquet-export.sh "$PY" "$DB" "$PQ"

MS=$(date -u -d "$MONTH-01" +%s); ME=$(date -u -d "$MONTH-01 +1 month" +%s); PS=$(date -u -d "$MONTH-01 -1 month" +%s)
FROM=$(date -u -d "$FROM_DAY" +%s); TO=$(date -u -d "$TO_DAY" +%s)
# reports.sh's baseline, in DuckDB's dialect.
source Benchmarks/report-baseline.sh
baseline_sql duckdb "$OUT" duckdb.sql
# One DuckDB process: views over the Parquet files, one warm-up, then the timed query; prints
# the query's milliseconds and writes its rows.
cat > "$OUT/duckdb-run.py" <<'PY'
import duckdb, sys, time
pq, script, rows_out = sys.argv[1:4]
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
for t in ["gateway", "endpoint", "online_clients_sample", "endpoint_traffic_sample", "egress_sample", "storage_sample"]:
    con.execute(f"CREATE VIEW {t} AS SELECT * FROM read_parquet('{pq}/{t}.parquet')")
query = open(script).read()
con.execute(query).fetchall()
t0 = time.perf_counter()
rows = con.execute(query).fetchall()
ms = (time.perf_counter() - t0) * 1000
def cell(v):
    return "" if v is None else str(v)
with open(rows_out, "w") as f:
    for r in rows:
        f.write(",".join(cell(v) for v in r) + "\n")
print(f"{ms:.3f}")
PY

declare -A ARGS=(
    [capacity]="report capacity --month $MONTH"
    [trend_online_clients]="report trend --metric online_clients --bucket 1d --from $FROM_DAY --to $TO_DAY"
    [trend_requests]="report trend --metric requests --bucket 1d --from $FROM_DAY --to $TO_DAY"
)
REPORTS=(capacity trend_online_clients trend_requests)
declare -A T_SQLITE T_PG T_DQ T_DP PG_STATE
# ours BACKEND REPORT → JSON in $OUT/REPORT.BACKEND.json; prints the process milliseconds or "-".
ours() {
    local db=$DB t0 t1 args
    [ "$1" = pg ] && db=$PG
    read -r -a args <<<"${ARGS[$2]}"
    t0=$(now_ns)
    if "$BIN/cmg-history" "${args[@]}" --db "$db" --format json --reproducible > "$OUT/$2.$1.json" 2> "$OUT/$2.$1.err"; then
        t1=$(now_ns); echo "($t1 - $t0) / 1000000" | bc -l
    else
        echo "-"
    fi
}
echo "== $RUNS interleaved runs after a warm-up (month $MONTH, trends $FROM_DAY to $TO_DAY, UTC, all gateways)"
for r in "${REPORTS[@]}"; do
    ours sqlite "$r" >/dev/null; ours pg "$r" >/dev/null
    "$PY" "$OUT/duckdb-run.py" "$PQ" "$OUT/$r.duckdb.sql" "$OUT/$r.duckdb.txt" >/dev/null
    s=(); p=(); dq=(); dp=()
    for _ in $(seq 1 "$RUNS"); do
        s+=("$(ours sqlite "$r")")
        p+=("$(ours pg "$r")")
        t0=$(now_ns)
        dq+=("$("$PY" "$OUT/duckdb-run.py" "$PQ" "$OUT/$r.duckdb.sql" "$OUT/$r.duckdb.txt")")
        dp+=("$(echo "($(now_ns) - $t0) / 1000000" | bc -l)")
    done
    T_SQLITE[$r]=$(printf '%s\n' "${s[@]}" | median)
    T_DQ[$r]=$(printf '%s\n' "${dq[@]}" | median)
    T_DP[$r]=$(printf '%s\n' "${dp[@]}" | median)
    if [[ " ${p[*]} " == *" - "* ]]; then
        T_PG[$r]="-"; PG_STATE[$r]="cannot answer yet: $(head -c 300 "$OUT/$r.pg.err" | tr '\n' ' ')"
    else
        T_PG[$r]=$(printf '%s\n' "${p[@]}" | median)
        if cmp -s "$OUT/$r.sqlite.json" "$OUT/$r.pg.json"; then PG_STATE[$r]="JSON byte-identical to SQLite's"
        else PG_STATE[$r]="JSON DIFFERS from SQLite's ($OUT/$r.pg.json)"; fi
    fi
    printf '   %-22s sqlite %s | pg %s | duckdb query %s | duckdb process %s (ms)\n' "$r" \
        "$(printf '%.1f ' "${s[@]}")" "$(printf '%s ' "${p[@]}" | sed -E 's/([0-9]+\.[0-9])[0-9]*/\1/g')" \
        "$(printf '%.1f ' "${dq[@]}")" "$(printf '%.0f ' "${dp[@]}")"
    cp "$OUT/$r.sqlite.json" "$OUT/$r.json"
done
python3 Benchmarks/report-check.py "$OUT" duckdb.txt || die "MISMATCH between the reports and DuckDB (see above)"

echo "== summary ($DB; medians, warm cache; process wall times unless said)"
printf '   %-22s %12s %12s %8s %14s %14s  %s\n' report "SQLite CLI" "PG CLI" "PG/SQLite" "DuckDB query" "DuckDB proc" "PostgreSQL"
for r in "${REPORTS[@]}"; do
    ratio=-
    [ "${T_PG[$r]}" != - ] && ratio=$(printf '%.2f×' "$(echo "${T_PG[$r]} / ${T_SQLITE[$r]}" | bc -l)")
    pg=-
    [ "${T_PG[$r]}" != - ] && pg=$(printf '%.1f ms' "${T_PG[$r]}")
    printf '   %-22s %9.1f ms %12s %8s %11.1f ms %11.1f ms  %s\n' "$r" "${T_SQLITE[$r]}" "$pg" "$ratio" "${T_DQ[$r]}" "${T_DP[$r]}" "${PG_STATE[$r]}"
done
echo '   goals (issue 13): PostgreSQL under 200 ms and within 2× of SQLite'
