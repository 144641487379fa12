#!/usr/bin/env bash
# The whole comparison of issue 15 in one command: each job of cmg-history against the tool an
# admin would reach for instead, interleaved, medians, ratios against the goals, every figure
# checked equal to the peer's.
#
#   Benchmarks/compare.sh [--runs 7] [--big-runs 3] [--no-big] [--month 2026-11]
#                         [--scratch-path /work/.build-rel-static] [--no-build]
#
# | job                                              | ours (whole process)              | peer                                   |
# |--------------------------------------------------|-----------------------------------|----------------------------------------|
# | yearly daily trend of online clients             | report trend --bucket 1d, JSON    | DuckDB query: count/sum/min/max/p95    |
# | one month's capacity figures                     | report capacity --month, JSON     | DuckDB query (report-baseline.sh)      |
# | NDJSON import of 423 k samples                   | cmg-history ingest                | sqlite3 shell .import of the same CSV  |
# | import of 5.2 M records (--no-big skips it)      | cmg-history ingest: wall and RSS  | —                                      |
# | --help (process start)                           | cmg-history --help                | sqlite3 shell, one query               |
#
# The history the reports read: `cmg-history-bench history --days 365 --gateways 10 --endpoints 5`
# (10 gateways × a year of 5-minute samples through the library's write path; built once into
# bench-data/), its raw tables exported to Parquet for DuckDB (from PyPI into Benchmarks/.venv;
# DuckDB's query timed inside its process on a held connection, the peer's best case). The import
# data: `cmg-history-bench generate` (NDJSON and the same rows as CSV). Our binary is the static
# release build the README installs.
set -euo pipefail
SELF=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
cd "$(dirname "$SELF")/.."

RUNS=7; BIG_RUNS=3; BIG=1; MONTH=2026-11; SCRATCH_PATH=/work/.build-rel-static; BUILD=1
die() { echo "compare.sh: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS=$2; shift 2 ;;
        --big-runs) BIG_RUNS=$2; shift 2 ;;
        --no-big) BIG=0; shift ;;
        --month) MONTH=$2; shift 2 ;;
        --scratch-path) SCRATCH_PATH=$2; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$SELF"; exit 0 ;;
        *) die "unknown argument '$1' (try --help)" ;;
    esac
done
[[ $RUNS =~ ^[1-9][0-9]*$ && $BIG_RUNS =~ ^[1-9][0-9]*$ ]] || die "--runs and --big-runs take a positive integer"
[[ $MONTH =~ ^[0-9]{4}-[0-9]{2}$ ]] || die "--month takes YYYY-MM"
command -v sqlite3 >/dev/null || die "the sqlite3 shell is the import's and start's peer: apt-get install sqlite3"

if [ "$BUILD" = 1 ]; then
    echo "== build (release, static Swift runtime, $SCRATCH_PATH)"
    swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH_PATH" --product cmg-history
    swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH_PATH" --product cmg-history-bench
fi
BIN=$(swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH_PATH" --show-bin-path)
[ -x "$BIN/cmg-history" ] && [ -x "$BIN/cmg-history-bench" ] || die "no binaries in $BIN: build first or drop --no-build"

PY=Benchmarks/.venv/bin/python
if ! "$PY" -c 'import duckdb' 2>/dev/null; then
    echo "== DuckDB from PyPI into Benchmarks/.venv"
    python3 -m venv Benchmarks/.venv && Benchmarks/.venv/bin/pip install -q duckdb
fi

mkdir -p bench-data
DB=bench-data/history-365d-10x5.sqlite
echo "== history $DB"
"$BIN/cmg-history-bench" history --db "$DB" --days 365 --gateways 10 --endpoints 5 --seed 1 | sed 's/^/   /'
# A history built by an older schema is upgraded in place (the figures do not change).
"$BIN/cmg-history" db upgrade --db "$DB" >/dev/null 2>&1 || true
PQ=bench-data/parquet-365d-10x5
Benchmarks/parquet-export.sh "$PY" "$DB" "$PQ"

OUT=bench-data/compare-out
mkdir -p "$OUT"
MS=$(date -u -d "$MONTH-01" +%s); ME=$(date -u -d "$MONTH-01 +1 month" +%s); PS=$(date -u -d "$MONTH-01 -1 month" +%s)
FROM=$(date -u -d 2026-01-01 +%s); TO=$(date -u -d 2027-01-01 +%s)
source Benchmarks/report-baseline.sh
baseline_sql duckdb "$OUT" duckdb.sql

SMALL=bench-data/compare-import
if [ "$(cat "$SMALL/params" 2>/dev/null)" != "days=7 gateways=10 endpoints=20 seed=1" ]; then
    echo "== import data (7 days, 10 gateways × 20 endpoints) into $SMALL"
    mkdir -p "$SMALL"
    "$BIN/cmg-history-bench" generate --out "$SMALL" --days 7 --gateways 10 --endpoints 20 --seed 1 | sed 's/^/   /'
    echo "days=7 gateways=10 endpoints=20 seed=1" > "$SMALL/params"
fi
BIG_DATA=
if [ "$BIG" = 1 ]; then
    BIG_DATA=bench-data/compare-import-big
    if [ "$(cat "$BIG_DATA/params" 2>/dev/null)" != "days=365 gateways=10 endpoints=4 seed=1" ]; then
        echo "== import data (365 days, 10 gateways × 4 endpoints: 5.2 M records) into $BIG_DATA"
        mkdir -p "$BIG_DATA"
        "$BIN/cmg-history-bench" generate --out "$BIG_DATA" --days 365 --gateways 10 --endpoints 4 --seed 1 | sed 's/^/   /'
        rm -f "$BIG_DATA"/*.csv
        echo "days=365 gateways=10 endpoints=4 seed=1" > "$BIG_DATA/params"
    fi
fi

Benchmarks/import-baseline.sh "$SMALL" Migrations/sqlite/0001_create_history.sql > "$OUT/baseline-load.sql"
"$PY" Benchmarks/compare.py --bin "$BIN/cmg-history" --db "$DB" --parquet "$PQ" --out "$OUT" --month "$MONTH" \
    --capacity-sql "$OUT/capacity.duckdb.sql" --from "$FROM" --to "$TO" --import-data "$SMALL" \
    --load-sql "$OUT/baseline-load.sql" --runs "$RUNS" \
    ${BIG_DATA:+--big-data "$BIG_DATA" --big-runs "$BIG_RUNS"}
