#!/usr/bin/env bash
# Ingest benchmark: NDJSON → database with CMGHistory's importer, against the sqlite3 shell's
# `.import` of the same rows (as CSV) into the same table definitions.
#
#   Benchmarks/ingest.sh [--days N] [--data DIR] [--runs N] [--gateways G] [--endpoints E]
#                        [--seed S] [--scratch-path P] [--no-build]
#
# Environment equivalents: DAYS, DATA_DIR, RUNS, GATEWAYS, ENDPOINTS, SEED, SCRATCH_PATH.
# Defaults: 7 days (~105 MB of NDJSON; ~68 days make 1 GB), bench-data/, 3 runs,
# 10 gateways × 20 endpoints, seed 1, scratch path .build.
#
# Data are generated once per parameter set and reused. Each run deletes and rebuilds both
# databases. Prints per-run figures, medians, the ratio ours/baseline in rows per second, bytes
# on disk per row of both tables for both databases, and checks that both hold the same rows.
#
# What is timed: for the baseline, the whole `sqlite3` process (open, create the schema, load,
# commit, close with its WAL checkpoint); for ours, HistoryStore open + migrate + importFile +
# close (checkpoint), measured inside the process. "process s" is ours' whole process wall time,
# which also includes start-up and the statistics pass (VACUUM INTO a copy), so it is not used
# in the ratio.
set -euo pipefail

SELF=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
cd "$(dirname "$SELF")/.."
ROOT=$PWD

DAYS=${DAYS:-7}
DATA_DIR=${DATA_DIR:-bench-data}
RUNS=${RUNS:-3}
GATEWAYS=${GATEWAYS:-10}
ENDPOINTS=${ENDPOINTS:-20}
SEED=${SEED:-1}
SCRATCH_PATH=${SCRATCH_PATH:-.build}
BUILD=1

die() { echo "ingest.sh: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
    case "$1" in
        --days) DAYS=$2; shift 2 ;;
        --data) DATA_DIR=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --gateways) GATEWAYS=$2; shift 2 ;;
        --endpoints) ENDPOINTS=$2; shift 2 ;;
        --seed) SEED=$2; shift 2 ;;
        --scratch-path) SCRATCH_PATH=$2; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$SELF"; exit 0 ;;
        *) die "unknown argument '$1' (try --help)" ;;
    esac
done
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer"
command -v sqlite3 >/dev/null || die "the sqlite3 command-line shell is needed for the baseline"
MIGRATION=$ROOT/Migrations/sqlite/0001_create_history.sql
[ -f "$MIGRATION" ] || die "no $MIGRATION"

if [ "$BUILD" = 1 ]; then
    echo "== build (release, scratch path $SCRATCH_PATH)"
    swift build -c release --scratch-path "$SCRATCH_PATH" --product cmg-history-bench
fi
BIN=$(swift build -c release --scratch-path "$SCRATCH_PATH" --show-bin-path)/cmg-history-bench
[ -x "$BIN" ] || die "no $BIN; build first or drop --no-build"

mkdir -p "$DATA_DIR"
DATA=$(cd "$DATA_DIR" && pwd)
STAMP="days=$DAYS gateways=$GATEWAYS endpoints=$ENDPOINTS seed=$SEED"
if [ -f "$DATA/history.ndjson" ] && [ -f "$DATA/endpoint_traffic.csv" ] && [ "$(cat "$DATA/params" 2>/dev/null)" = "$STAMP" ]; then
    echo "== reusing data in $DATA ($STAMP)"
else
    echo "== generate ($STAMP) into $DATA"
    rm -f "$DATA/params"
    "$BIN" generate --out "$DATA" --days "$DAYS" --gateways "$GATEWAYS" --endpoints "$ENDPOINTS" --seed "$SEED"
    echo "$STAMP" > "$DATA/params"
fi
CSV_ROWS=$(( $(wc -l < "$DATA/online_clients.csv") - 1 + $(wc -l < "$DATA/endpoint_traffic.csv") - 1 ))
echo "   $(du -h "$DATA/history.ndjson" | cut -f1) NDJSON, $(du -ch "$DATA"/*.csv | tail -1 | cut -f1) CSV, $CSV_ROWS sample rows"

# The baseline: the same STRICT WITHOUT ROWID tables from the migration (import-baseline.sh).
LOAD_SQL=$DATA/baseline-load.sql
Benchmarks/import-baseline.sh "$DATA" "$MIGRATION" > "$LOAD_SQL"

BASE_DB=$DATA/baseline.sqlite
OURS_DB=$DATA/ours.sqlite
now() { date +%s.%N; }
field() { # field NAME "RESULT line"
    sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.6f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

run_baseline() {
    rm -f "$BASE_DB" "$BASE_DB-wal" "$BASE_DB-shm"
    local t0 t1 err
    err=$(mktemp)
    t0=$(now)
    if ! /usr/bin/time -f '%M' -o "$DATA/baseline.rss" sqlite3 -bail "$BASE_DB" < "$LOAD_SQL" > /dev/null 2> "$err"; then
        cat "$err" >&2; die "the sqlite3 baseline failed"
    fi
    t1=$(now)
    if [ -s "$err" ]; then echo "   sqlite3 said:" >&2; head -5 "$err" >&2; fi
    rm -f "$err"
    BASE_SECONDS=$(echo "$t1 - $t0" | bc -l)
    BASE_RSS_KB=$(tail -1 "$DATA/baseline.rss")
}

run_ours() {
    local t0 t1 out
    t0=$(now)
    out=$("$BIN" ingest --data "$DATA" --db "$OURS_DB") || { echo "$out"; die "cmg-history-bench ingest failed"; }
    t1=$(now)
    OURS_OUTPUT=$out
    OURS_RESULT=$(grep '^RESULT' <<<"$out")
    OURS_SECONDS=$(field seconds "$OURS_RESULT")
    OURS_PROCESS_SECONDS=$(echo "$t1 - $t0" | bc -l)
    OURS_RSS_KB=$(field peak_rss_kb "$OURS_RESULT")
    OURS_ROWS=$(field inserted "$OURS_RESULT")
}

: > "$DATA/runs.tsv"
echo "== $RUNS runs (baseline then ours, alternating order each run)"
printf '   %-4s %-9s %12s %12s %14s %12s\n' run who seconds rows/s "process s" "peak RSS MB"
for i in $(seq 1 "$RUNS"); do
    if [ $((i % 2)) = 1 ]; then order="baseline ours"; else order="ours baseline"; fi
    for who in $order; do
        if [ "$who" = baseline ]; then
            run_baseline
            rate=$(echo "$CSV_ROWS / $BASE_SECONDS" | bc -l)
            printf '   %-4s %-9s %12.3f %12.0f %14.3f %12.1f\n' "$i" baseline "$BASE_SECONDS" "$rate" "$BASE_SECONDS" "$(echo "$BASE_RSS_KB / 1024" | bc -l)"
            printf 'baseline\t%s\t%s\t%s\n' "$BASE_SECONDS" "$rate" "$BASE_RSS_KB" >> "$DATA/runs.tsv"
        else
            run_ours
            rate=$(echo "$OURS_ROWS / $OURS_SECONDS" | bc -l)
            printf '   %-4s %-9s %12.3f %12.0f %14.3f %12.1f\n' "$i" ours "$OURS_SECONDS" "$rate" "$OURS_PROCESS_SECONDS" "$(echo "$OURS_RSS_KB / 1024" | bc -l)"
            printf 'ours\t%s\t%s\t%s\n' "$OURS_SECONDS" "$rate" "$OURS_RSS_KB" >> "$DATA/runs.tsv"
        fi
    done
done

echo
echo "== last run of ours, in full"
sed 's/^/   /' <<<"$OURS_OUTPUT" | grep -v '^   RESULT'
echo
echo "== baseline database (sqlite3 shell .import)"
BASE_OUT=$("$BIN" stats --db "$BASE_DB")
sed 's/^/   /' <<<"$BASE_OUT" | grep -v '^   RESULT'
BASE_RESULT=$(grep '^RESULT' <<<"$BASE_OUT")

# Same rows in both databases, or the comparison means nothing.
for t in oc et; do
    o=$(field "${t}_rows" "$OURS_RESULT"); b=$(field "${t}_rows" "$BASE_RESULT")
    [ -n "$o" ] && [ "$o" = "$b" ] || die "ROW COUNT MISMATCH in ${t/oc/online_clients_sample}: ours $o, baseline $b"
done
TOTAL=$(( $(field oc_rows "$OURS_RESULT") + $(field et_rows "$OURS_RESULT") ))
[ "$TOTAL" = "$CSV_ROWS" ] || die "ROW COUNT MISMATCH: databases hold $TOTAL sample rows, the data has $CSV_ROWS"
# And the same values: rows compared by gateway and endpoint *name*, since each side assigns ids.
DIFF=$(sqlite3 -readonly "$BASE_DB" <<SQL
ATTACH '$OURS_DB' AS o;
CREATE TEMP VIEW b_oc AS SELECT g.name, s.at, s.count FROM main.online_clients_sample s JOIN main.gateway g ON g.id = s.gateway_id;
CREATE TEMP VIEW o_oc AS SELECT g.name, s.at, s.count FROM o.online_clients_sample s JOIN o.gateway g ON g.id = s.gateway_id;
CREATE TEMP VIEW b_et AS SELECT g.name, s.endpoint, s.at, s.interval_s, s.request_count, s.request_bytes, s.response_count, s.response_bytes, s.avg_elapsed_ms
    FROM main.endpoint_traffic s JOIN main.gateway g ON g.id = s.gateway_id;
CREATE TEMP VIEW o_et AS SELECT g.name, s.endpoint, s.at, s.interval_s, s.request_count, s.request_bytes, s.response_count, s.response_bytes, s.avg_elapsed_ms
    FROM o.endpoint_traffic s JOIN o.gateway g ON g.id = s.gateway_id;
SELECT (SELECT count(*) FROM (SELECT * FROM b_oc EXCEPT SELECT * FROM o_oc)) + (SELECT count(*) FROM (SELECT * FROM o_oc EXCEPT SELECT * FROM b_oc))
     + (SELECT count(*) FROM (SELECT * FROM b_et EXCEPT SELECT * FROM o_et)) + (SELECT count(*) FROM (SELECT * FROM o_et EXCEPT SELECT * FROM b_et));
SQL
)
[ "$DIFF" = 0 ] || die "CONTENT MISMATCH: $DIFF sample rows differ between ours and the baseline"

med() { awk -F'\t' -v who="$1" -v col="$2" '$1 == who { print $col }' "$DATA/runs.tsv" | median; }
B_S=$(med baseline 2); B_R=$(med baseline 3); B_M=$(med baseline 4)
O_S=$(med ours 2); O_R=$(med ours 3); O_M=$(med ours 4)
RATIO=$(echo "$O_R / $B_R" | bc -l)

echo
echo "== summary: $TOTAL sample rows imported by each, same row counts and values in both databases ($STAMP, $RUNS runs, medians)"
printf '   %-34s %9s %10s %8s  %-22s %-22s\n' "" seconds rows/s "RSS MB" "B/row online (vacuum)" "B/row traffic (vacuum)"
line() { # label seconds rate rss_kb result
    printf '   %-34s %9.3f %10.0f %8.1f  %-22s %-22s\n' "$1" "$2" "$3" "$(echo "$4 / 1024" | bc -l)" \
        "$(field oc_bpr "$5") ($(field oc_vac_bpr "$5"))" "$(field et_bpr "$5") ($(field et_vac_bpr "$5"))"
}
line "ours (NDJSON → NDJSONImporter)" "$O_S" "$O_R" "$O_M" "$OURS_RESULT"
line "baseline (CSV → sqlite3 .import)" "$B_S" "$B_R" "$B_M" "$BASE_RESULT"
printf '   ratio ours/baseline rows/s: %.2f   (target ≥ 1.00)\n' "$RATIO"
echo '   targets: peak RSS < 100 MB for a 1 GB input; bytes/row as stored ≤ 20 online, ≤ 32 traffic'
