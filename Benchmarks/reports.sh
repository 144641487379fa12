#!/usr/bin/env bash
# Report benchmark: the monthly capacity report and 1-day trends over the whole history, from a
# multi-year, 10-gateway database, against the same figures computed by plain SQL GROUP BY over
# the raw sample tables in the sqlite3 shell. Checks that the numbers are identical.
#
#   Benchmarks/reports.sh [--years N | --days N] [--db PATH] [--runs N] [--base-runs N] [--month YYYY-MM]
#                         [--gateways G] [--endpoints E] [--seed S] [--scratch-path P] [--no-build]
#
# Environment equivalents: YEARS, DAYS, DB, RUNS, BASE_RUNS, MONTH, GATEWAYS, ENDPOINTS, SEED, SCRATCH_PATH.
# Defaults: 3 years, bench-data/history-<N>y.sqlite, 5 runs (3 for the baseline, whose trend of
# requests reads every raw traffic row), the last full month, 10 gateways × 20 endpoints,
# seed 1, scratch path .build. --days N builds N days instead of whole years (quick trials).
#
# The database is built once per parameter set by `cmg-history-bench history` (through the
# library's import path, rollups included) and reused. Every timing is on a warm page cache:
# one untimed warm-up run of each side first, then medians of the timed runs.
#
# What is timed:
#   ours, in-process   HistoryStore.capacity / .trend in the release bench binary (ContinuousClock)
#   ours, CLI          the whole `cmg-history report … --format json --reproducible` process
#   sqlite3, query     the shell's `.timer` "real" time summed over the baseline's statements
#   sqlite3, process   the whole `sqlite3` process running the baseline script
# The ratios compare in-process with query time, and process with process.
#
# Checked identical (ours from the CLI's JSON, the baseline from sqlite3's output):
#   capacity  per gateway: online-client samples, peak, peak_at, p95 (window function),
#             requests total and previous month, egress total and previous month, rolling 14-day
#             egress peak and its instant (window function), storage peak
#   trends    per gateway and day: count, sum, min, max; p95 of online clients is checked by a
#             separate, untimed window-function query (the timed baseline computes no p95)
set -euo pipefail

SELF=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
cd "$(dirname "$SELF")/.."

YEARS=${YEARS:-3}
DAYS=${DAYS:-}
RUNS=${RUNS:-5}
BASE_RUNS=${BASE_RUNS:-3}
MONTH=${MONTH:-}
GATEWAYS=${GATEWAYS:-10}
ENDPOINTS=${ENDPOINTS:-20}
SEED=${SEED:-1}
SCRATCH_PATH=${SCRATCH_PATH:-.build}
DB=${DB:-}
BUILD=1

die() { echo "reports.sh: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
    case "$1" in
        --years) YEARS=$2; shift 2 ;;
        --days) DAYS=$2; shift 2 ;;
        --db) DB=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --base-runs) BASE_RUNS=$2; shift 2 ;;
        --month) MONTH=$2; shift 2 ;;
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
[[ $BASE_RUNS =~ ^[1-9][0-9]*$ ]] || die "--base-runs must be a positive integer"
[[ $YEARS =~ ^[1-9][0-9]*$ ]] || die "--years must be a positive integer"
command -v sqlite3 >/dev/null || die "the sqlite3 command-line shell is needed for the baseline"
command -v python3 >/dev/null || die "python3 is needed to read the reports' JSON"
SPAN=(--years "$YEARS")
[ -n "$DAYS" ] && SPAN=(--days "$DAYS")
DB=${DB:-bench-data/history-$([ -n "$DAYS" ] && echo "${DAYS}d" || echo "${YEARS}y").sqlite}

if [ "$BUILD" = 1 ]; then
    echo "== build (release, scratch path $SCRATCH_PATH)"
    swift build -c release --scratch-path "$SCRATCH_PATH" --product cmg-history-bench
    swift build -c release --scratch-path "$SCRATCH_PATH" --product cmg-history
fi
BIN_DIR=$(swift build -c release --scratch-path "$SCRATCH_PATH" --show-bin-path)
BENCH=$BIN_DIR/cmg-history-bench
CLI=$BIN_DIR/cmg-history
[ -x "$BENCH" ] && [ -x "$CLI" ] || die "no $BENCH or $CLI; build first or drop --no-build"

echo "== history database $DB"
"$BENCH" history --db "$DB" "${SPAN[@]}" --gateways "$GATEWAYS" --endpoints "$ENDPOINTS" --seed "$SEED" | sed 's/^/   /'
OUT=$(dirname "$DB")/reports-out
mkdir -p "$OUT"
echo "   $(du -h "$DB" | cut -f1) on disk; rows: $(sqlite3 -readonly "$DB" "SELECT (SELECT count(*) FROM online_clients_sample) || ' online_clients_sample, ' || (SELECT max(rowid) FROM endpoint) || ' endpoints, ' || (SELECT count(*) FROM rollup_hour) || ' rollup_hour, ' || (SELECT count(*) FROM rollup_day) || ' rollup_day'")"

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
now_ns() { date +%s%N; }

echo
echo "== ours, in-process ($RUNS runs)"
MONTH_ARG=()
[ -n "$MONTH" ] && MONTH_ARG=(--month "$MONTH")
IN=$("$BENCH" reports --db "$DB" --runs "$RUNS" "${MONTH_ARG[@]}")
sed 's/^/   /' <<<"$IN" | grep -v '^   RESULT'
RESULT=$(grep '^RESULT' <<<"$IN")
MONTH=$(field month "$RESULT")
FROM=$(field from "$RESULT")
TO=$(field to "$RESULT")
MS=$(date -u -d "$MONTH-01" +%s)
ME=$(date -u -d "$MONTH-01 +1 month" +%s)
PS=$(date -u -d "$MONTH-01 -1 month" +%s)
FROM_DAY=$(date -u -d "@$FROM" +%F)
TO_DAY=$(date -u -d "@$TO" +%F)
declare -A IN_MS=(
    [capacity]=$(field capacity_ms "$RESULT")
    [trend_online_clients]=$(field trend_online_clients_ms "$RESULT")
    [trend_requests]=$(field trend_requests_ms "$RESULT")
)

# ---------------------------------------------------------------------------------------------
# Ours, end to end: the CLI process, JSON written to a file.
declare -A CLI_ARGS=(
    [capacity]="report capacity --month $MONTH"
    [trend_online_clients]="report trend --metric online_clients --bucket 1d --from $FROM_DAY --to $TO_DAY"
    [trend_requests]="report trend --metric requests --bucket 1d --from $FROM_DAY --to $TO_DAY"
)
REPORTS=(capacity trend_online_clients trend_requests)
declare -A CLI_MS
echo
echo "== ours, CLI end to end ($RUNS runs after a warm-up; process wall time)"
for r in "${REPORTS[@]}"; do
    read -r -a args <<<"${CLI_ARGS[$r]}"
    "$CLI" "${args[@]}" --db "$DB" --format json --reproducible > "$OUT/$r.json" || die "cmg-history ${CLI_ARGS[$r]} failed"
    times=()
    for _ in $(seq 1 "$RUNS"); do
        t0=$(now_ns)
        "$CLI" "${args[@]}" --db "$DB" --format json --reproducible > "$OUT/$r.json"
        t1=$(now_ns)
        times+=("$(echo "($t1 - $t0) / 1000000" | bc -l)")
    done
    CLI_MS[$r]=$(printf '%s\n' "${times[@]}" | median)
    printf '   %-22s median %8.1f ms  runs %s   (cmg-history %s)\n' "$r" "${CLI_MS[$r]}" \
        "$(printf '%.1f ' "${times[@]}")" "${CLI_ARGS[$r]}"
done

# ---------------------------------------------------------------------------------------------
# The baseline: plain GROUP BY over the raw tables, one sqlite3 script per report.
TS="'%Y-%m-%dT%H:%M:%SZ'"
source Benchmarks/report-baseline.sh
baseline_sql sqlite "$OUT" sql

declare -A BASE_MS BASE_Q_MS
run_sqlite() { # run_sqlite REPORT → $OUT/REPORT.base.txt, sets PROC_MS and QUERY_MS
    local script=$OUT/$1.sql t0 t1
    t0=$(now_ns)
    { echo ".timer on"; cat "$script"; } | sqlite3 -readonly -bail -list -separator , -noheader "$DB" > "$OUT/$1.base.raw" \
        || die "the sqlite3 baseline $script failed"
    t1=$(now_ns)
    PROC_MS=$(echo "($t1 - $t0) / 1000000" | bc -l)
    QUERY_MS=$(awk '/^Run Time: real/ { s += $4 } END { printf "%.3f\n", s * 1000 }' "$OUT/$1.base.raw")
    grep -v '^Run Time:' "$OUT/$1.base.raw" > "$OUT/$1.base.txt"
}
echo
echo "== baseline, sqlite3 $(sqlite3 --version | cut -d' ' -f1) plain GROUP BY over the raw tables ($BASE_RUNS runs after a warm-up)"
for r in "${REPORTS[@]}"; do
    run_sqlite "$r"
    ptimes=(); qtimes=()
    for _ in $(seq 1 "$BASE_RUNS"); do
        run_sqlite "$r"
        ptimes+=("$PROC_MS"); qtimes+=("$QUERY_MS")
    done
    BASE_MS[$r]=$(printf '%s\n' "${ptimes[@]}" | median)
    BASE_Q_MS[$r]=$(printf '%s\n' "${qtimes[@]}" | median)
    printf '   %-22s median query %9.1f ms, process %9.1f ms  runs %s   (%s)\n' "$r" "${BASE_Q_MS[$r]}" "${BASE_MS[$r]}" \
        "$(printf '%.1f ' "${qtimes[@]}")" "$OUT/$r.sql"
done

# ---------------------------------------------------------------------------------------------
# Same numbers, or the comparison means nothing.
python3 Benchmarks/report-check.py "$OUT" || die "MISMATCH between the reports and the sqlite3 baseline (see above)"

# p95 of the daily online-clients trend, by a window function (untimed).
sqlite3 -readonly -bail -list -separator , -noheader "$DB" > "$OUT/trend_online_clients.p95.txt" <<SQL
SELECT g.name, strftime($TS, r.day * 86400, 'unixepoch'), r.count
FROM (SELECT gateway_id, at / 86400 AS day, count,
             row_number() OVER (PARTITION BY gateway_id, at / 86400 ORDER BY count) AS rank,
             count(*) OVER (PARTITION BY gateway_id, at / 86400) AS n
      FROM online_clients_sample WHERE at >= $FROM AND at < $TO) r
JOIN gateway g ON g.id = r.gateway_id WHERE r.rank = max(1, (95 * r.n + 99) / 100);
SQL
python3 - "$OUT" <<'PY' || die "MISMATCH in the p95 of the daily online-clients trend"
import json, sys
out = sys.argv[1]
r = json.load(open(f"{out}/trend_online_clients.json"))
ours = sorted(f'{s["gateway"]},{p["start"]},{p["p95"]}' for s in r["series"] for p in s["points"] if p["count"] > 0)
base = sorted(line.strip() for line in open(f"{out}/trend_online_clients.p95.txt") if line.strip())
if ours != base:
    print(f"   p95 MISMATCH: ours {len(ours)}, baseline {len(base)}; e.g. {sorted(set(ours) - set(base))[:3]} vs {sorted(set(base) - set(ours))[:3]}", file=sys.stderr)
    sys.exit(1)
print(f"   trend_online_clients   p95 identical to a window-function query: {len(ours)} days (untimed)")
PY

# ---------------------------------------------------------------------------------------------
echo
echo "== summary ($(cat "$DB.params"), month $MONTH, trend $FROM_DAY to $TO_DAY; medians, warm cache)"
printf '   %-22s %12s %12s %14s %14s %10s %10s  %s\n' report "ours in-proc" "ours CLI" "sqlite3 query" "sqlite3 proc" "× query" "× process" "< 200 ms"
for r in "${REPORTS[@]}"; do
    rq=$(echo "${BASE_Q_MS[$r]} / ${IN_MS[$r]}" | bc -l)
    rp=$(echo "${BASE_MS[$r]} / ${CLI_MS[$r]}" | bc -l)
    under=$(awk -v a="${IN_MS[$r]}" -v b="${CLI_MS[$r]}" 'BEGIN { print (a < 200 ? "yes" : "NO") "/" (b < 200 ? "yes" : "NO") }')
    printf '   %-22s %9.1f ms %9.1f ms %11.1f ms %11.1f ms %9.1f× %9.1f×  %s\n' "$r" "${IN_MS[$r]}" "${CLI_MS[$r]}" \
        "${BASE_Q_MS[$r]}" "${BASE_MS[$r]}" "$rq" "$rp" "$under"
done
echo '   targets: each report under 200 ms (in-process / CLI), at least 20× faster than the baseline, identical numbers'
