#!/usr/bin/env bash
# Concurrent collectors into one PostgreSQL: N `cmg-history ingest` processes at once, each with
# its own gateways (disjoint), against one process importing the same rows, as aggregate rows/s.
#
#   Benchmarks/collectors-pg.sh --url postgres://USER@HOST:PORT/DB [--collectors 4] [--days 7]
#                               [--gateways 8] [--endpoints 20] [--runs 3] [--bin DIR]
#
# The data is the ingest benchmark's generated NDJSON (`cmg-history-bench generate`: online-client
# and endpoint-traffic lines, 5-minute samples), split by gateway into N files (gateway i goes to
# collector i mod N), so the collectors never write the same gateway: the per-gateway advisory
# locks let them run side by side. Each run imports into fresh schemas, the single collector and
# the N collectors in alternating order; a schema is created (migrated) by an untimed import of an
# empty file first, as collectors meet an existing database. Timed: the wall time from starting
# the first process to the end of the last. Checked after every run: both schemas hold the same
# raw rows and the same hourly and daily rollups (EXCEPT both ways, every column).
# Password: libpq's own (PGPASSWORD, PGPASSFILE, ~/.pgpass); never in the URL.
set -euo pipefail
cd "$(dirname "$0")/.."
URL=""; COLLECTORS=4; DAYS=7; GATEWAYS=8; ENDPOINTS=20; RUNS=3; BIN=""
die() { echo "collectors-pg.sh: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
    case "$1" in
        --url) URL=$2; shift 2 ;;
        --collectors) COLLECTORS=$2; shift 2 ;;
        --days) DAYS=$2; shift 2 ;;
        --gateways) GATEWAYS=$2; shift 2 ;;
        --endpoints) ENDPOINTS=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --bin) BIN=$2; shift 2 ;;
        -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument '$1' (try --help)" ;;
    esac
done
[[ $URL == postgres://* ]] || die "--url must be a postgres:// URL"
[[ $URL != *\?* ]] || die "--url takes no query: the script names the schemas"
for n in "$COLLECTORS" "$DAYS" "$GATEWAYS" "$ENDPOINTS" "$RUNS"; do [[ $n =~ ^[1-9][0-9]*$ ]] || die "counts must be positive integers"; done
BIN=${BIN:-$(swift build -c release --show-bin-path)}
[ -x "$BIN/cmg-history" ] && [ -x "$BIN/cmg-history-bench" ] || die "no release cmg-history and cmg-history-bench in $BIN"
command -v psql >/dev/null || die "psql is needed for the checks"

DATA=bench-data/collectors-${DAYS}d-${GATEWAYS}x${ENDPOINTS}
if [ ! -f "$DATA/history.ndjson" ]; then
    "$BIN/cmg-history-bench" generate --out "$DATA" --days "$DAYS" --gateways "$GATEWAYS" --endpoints "$ENDPOINTS" --seed 1 >/dev/null
fi
# Split by gateway, in the order gateways first appear: collector (i mod N) gets gateway i.
awk -v n="$COLLECTORS" -v dir="$DATA" '
    match($0, /"gateway":"[^"]*"/) {
        g = substr($0, RSTART, RLENGTH)
        if (!(g in part)) part[g] = seen++ % n
        print > (dir "/part-" part[g] ".ndjson")
    }' "$DATA/history.ndjson"
ROWS=$(wc -l < "$DATA/history.ndjson")
: > "$DATA/empty.ndjson"
sql() { psql "$URL" --no-psqlrc -qAtX -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" -c "$1"; }
now_ns() { date +%s%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# time_collectors SCHEMA FILE… : one process per file, all at once; prints the wall seconds.
time_collectors() {
    local schema=$1 t0 t1 pids=() status=0
    shift
    "$BIN/cmg-history" ingest --quiet "$DATA/empty.ndjson" --db "$URL?schema=$schema" >/dev/null
    t0=$(now_ns)
    for file in "$@"; do "$BIN/cmg-history" ingest --quiet "$file" --db "$URL?schema=$schema" >/dev/null & pids+=($!); done
    for pid in "${pids[@]}"; do wait "$pid" || status=$?; done
    t1=$(now_ns)
    [ "$status" = 0 ] || die "an ingest into $schema failed (exit $status)"
    echo "($t1 - $t0) / 1000000000" | bc -l
}

# same SCHEMA_A SCHEMA_B: every raw row and rollup equal, or die.
same() {
    local table diff cols from
    for table in online_clients_sample endpoint_traffic_sample gateway_traffic_sample rollup_hour rollup_day; do
        # Gateways and endpoints get their ids in arrival order, so rows compare by name.
        case "$table" in
            endpoint_traffic_sample) cols="g.name, e.name, t.at, t.vm_instance, t.interval_s, t.request_count, t.request_bytes, t.unanswered_count, t.response_bytes, t.avg_elapsed_ms"
                                     from="@.endpoint_traffic_sample t JOIN @.endpoint e ON e.id = t.endpoint_id JOIN @.gateway g ON g.id = e.gateway_id" ;;
            *) cols="g.name, (to_jsonb(t) - 'gateway_id')"; from="@.$table t JOIN @.gateway g ON g.id = t.gateway_id" ;;
        esac
        local fa fb
        fa=${from//@./$1.}; fb=${from//@./$2.}
        diff=$(sql "SELECT (SELECT count(*) FROM (SELECT $cols FROM $fa EXCEPT ALL SELECT $cols FROM $fb) x) + (SELECT count(*) FROM (SELECT $cols FROM $fb EXCEPT ALL SELECT $cols FROM $fa) y)")
        [ "$diff" = 0 ] || die "$1 and $2 differ in $table ($diff rows)"
    done
}

PARTS=()
for i in $(seq 0 $((COLLECTORS - 1))); do PARTS+=("$DATA/part-$i.ndjson"); done
echo "== $ROWS NDJSON lines ($DAYS days, $GATEWAYS gateways × $ENDPOINTS endpoints); 1 collector vs $COLLECTORS (disjoint gateways); $RUNS runs"
ONE=(); MANY=()
for run in $(seq 1 "$RUNS"); do
    sql "DROP SCHEMA IF EXISTS bench_one CASCADE; DROP SCHEMA IF EXISTS bench_many CASCADE"
    if [ $((run % 2)) = 1 ]; then
        one=$(time_collectors bench_one "$DATA/history.ndjson"); many=$(time_collectors bench_many "${PARTS[@]}")
    else
        many=$(time_collectors bench_many "${PARTS[@]}"); one=$(time_collectors bench_one "$DATA/history.ndjson")
    fi
    same bench_one bench_many
    stored=$(sql "SELECT (SELECT count(*) FROM bench_many.online_clients_sample) + (SELECT count(*) FROM bench_many.endpoint_traffic_sample)")
    [ "$stored" = "$ROWS" ] || die "stored $stored rows of $ROWS"
    ONE+=("$one"); MANY+=("$many")
    printf '   run %d: 1 collector %.3f s (%.0f rows/s), %d collectors %.3f s (%.0f rows/s); raw rows and rollups identical\n' \
        "$run" "$one" "$(echo "$ROWS / $one" | bc -l)" "$COLLECTORS" "$many" "$(echo "$ROWS / $many" | bc -l)"
done
sql "DROP SCHEMA IF EXISTS bench_one CASCADE; DROP SCHEMA IF EXISTS bench_many CASCADE"
one=$(printf '%s\n' "${ONE[@]}" | median); many=$(printf '%s\n' "${MANY[@]}" | median)
printf '== medians: 1 collector %.3f s, %.0f rows/s; %d collectors %.3f s, %.0f rows/s aggregate; %.2f× the rows/s of one\n' \
    "$one" "$(echo "$ROWS / $one" | bc -l)" "$COLLECTORS" "$many" "$(echo "$ROWS / $many" | bc -l)" "$(echo "$one / $many" | bc -l)"
