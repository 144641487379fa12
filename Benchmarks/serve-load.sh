#!/usr/bin/env bash
# Load on `cmg-history serve` over loopback, measured with wrk (Debian's `wrk`):
#
#   Benchmarks/serve-load.sh [--bin DIR] [--db URL] [--duration 20] [--threads 2] [--connections 8]
#                            [--collectors 32]
#
# A demo history (120 days, two gateways, `cmg-history demo`) is made once in
# bench-data/serve-load-demo.sqlite and copied for each run, unless --db names a history; a read
# and an ingest token are made in it. The release server is started
# on a free port and each of these is run for --duration seconds, one after another:
#   the read API     GET /api/v1/reports/capacity?month=2026-10, /api/v1/reports/trend (a month of
#                    online clients per hour), /api/v1/gateways
#   metrics          GET /metrics (Prometheus's scrape)
#   the dashboard    GET / and /gateway/GraniteFalls.contoso.com (the heaviest page: 4 trends, the
#                    month's capacity, two days of timeline)
#   collectors       POST /api/v1/ingest from --collectors connections at once, each a collector of
#                    its own gateway posting 5-minute batches (status, online clients, 5 endpoints'
#                    requests, egress, storage: 9 NDJSON lines) one after another, every batch new
# Printed: requests/s, p50 and p99 latency, and non-2xx answers and socket errors, per row.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=/work/.build-rel-main/release; DB=""; DURATION=20; THREADS=2; CONNECTIONS=8; COLLECTORS=32
while [ $# -gt 0 ]; do
    case "$1" in
        --bin) BIN=$2; shift 2 ;;
        --db) DB=$2; shift 2 ;;
        --duration) DURATION=$2; shift 2 ;;
        --threads) THREADS=$2; shift 2 ;;
        --connections) CONNECTIONS=$2; shift 2 ;;
        --collectors) COLLECTORS=$2; shift 2 ;;
        *) echo "serve-load.sh: unknown option $1" >&2; exit 64 ;;
    esac
done
command -v wrk >/dev/null || { echo "serve-load.sh: needs wrk (apt-get install wrk)" >&2; exit 1; }
CLI="$BIN/cmg-history"
WORK=$(mktemp -d)
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT
mkdir -p bench-data
if [ -z "$DB" ]; then
    # A copy per run: the collectors' batches must not pile up in the history the reads see.
    [ -e bench-data/serve-load-demo.sqlite ] || "$CLI" demo --db bench-data/serve-load-demo.sqlite --days 120 >/dev/null
    cp bench-data/serve-load-demo.sqlite "$WORK/h.sqlite"
    DB="$WORK/h.sqlite"
fi
"$CLI" token create --db "$DB" --name "load-read-$$" --scope read --out "$WORK/read" >/dev/null
"$CLI" token create --db "$DB" --name "load-ingest-$$" --scope ingest --out "$WORK/ingest" >/dev/null
READ=$(cat "$WORK/read"); INGEST=$(cat "$WORK/ingest")

"$CLI" serve --db "$DB" --listen 127.0.0.1:0 --spool-dir "$WORK" >"$WORK/serve.out" 2>"$WORK/serve.err" &
SERVER=$!
for _ in $(seq 100); do grep -q listening "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
PORT=$(sed -n 's/.*listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$WORK/serve.out")
[ -n "$PORT" ] || { cat "$WORK/serve.err" >&2; exit 1; }
BASE="http://127.0.0.1:$PORT"

# wrk's summary as one Markdown row: requests/s, p50, p99, non-2xx and errors.
row() {
    local name=$1 out=$2
    local rps p50 p99 non2xx errors
    rps=$(awk '/^Requests\/sec/ {print $2}' "$out")
    p50=$(awk '$1 == "50%" {print $2}' "$out")
    p99=$(awk '$1 == "99%" {print $2}' "$out")
    non2xx=$(awk '/Non-2xx/ {print $NF}' "$out"); non2xx=${non2xx:-0}
    errors=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$out"); errors=${errors:-0}
    printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "$rps" "$p50" "$p99" "$non2xx" "$errors"
}
get() {
    local name=$1 path=$2
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Authorization: Bearer $READ" "$BASE$path" >"$WORK/wrk.out"
    row "$name (c=$CONNECTIONS)" "$WORK/wrk.out"
}

cat >"$WORK/collectors.lua" <<LUA
-- Each connection is one collector: its own gateway, a new 5-minute batch per request.
local counter = 0
local id = 0
local threads = {}
local endpoints = {"CCM_STS", "SMS_MP", "SMS_DP_SMSPKG$", "SMS_SUP", "CCM_Incoming"}
function setup(thread) id = id + 1; thread:set("id", id); table.insert(threads, thread) end
function init(args) counter = 0; refused = 0; last = "" end
-- An answer other than 200 is counted, and the last one kept, so a refused batch is seen.
function response(status, headers, body)
    if status ~= 200 then refused = refused + 1; last = status .. " " .. string.sub(body, 1, 300) end
end
function done(summary, latency, requests)
    for _, thread in ipairs(threads) do
        local n = thread:get("refused")
        if n and n > 0 then io.stderr:write("refused " .. n .. ", last: " .. thread:get("last") .. "\n") end
    end
end
function request()
    counter = counter + 1
    local gateway = "Load-" .. id .. "-" .. (counter % $((COLLECTORS / THREADS > 0 ? COLLECTORS / THREADS : 1))) .. ".contoso.com"
    local at = os.date("!%Y-%m-%dT%H:%M:%SZ", 1790000000 + math.floor(counter / $((COLLECTORS / THREADS > 0 ? COLLECTORS / THREADS : 1))) * 300)
    local lines = {
        '{"type":"status","gateway":"' .. gateway .. '","at":"' .. at .. '","state":"Ready","state_code":0}',
        '{"type":"online_clients","gateway":"' .. gateway .. '","at":"' .. at .. '","count":' .. (1000 + counter % 97) .. '}',
        '{"type":"egress","gateway":"' .. gateway .. '","at":"' .. at .. '","interval_s":300,"bytes":' .. (5000000 + counter) .. '}',
        '{"type":"storage","gateway":"' .. gateway .. '","at":"' .. at .. '","used_bytes":' .. (1000000000 + counter) .. '}',
    }
    for e = 1, 5 do
        table.insert(lines, '{"type":"endpoint_traffic","gateway":"' .. gateway .. '","endpoint":"' .. endpoints[e] .. '","at":"' .. at .. '","interval_s":300,"request_count":' .. (300 + e) .. ',"request_bytes":' .. (400000 + e) .. ',"response_count":' .. (300 + e) .. ',"response_bytes":' .. (20000 + e) .. ',"avg_elapsed_ms":' .. (40 + e) .. '}')
    end
    return wrk.format("POST", "/api/v1/ingest?file=batch.ndjson", {["Authorization"] = "Bearer $INGEST", ["Content-Type"] = "application/octet-stream"}, table.concat(lines, "\n") .. "\n")
end
LUA

echo "| load | requests/s | p50 | p99 | non-2xx | socket errors |"
echo "|---|---|---|---|---|---|"
get "GET /api/v1/reports/capacity?month=2026-10" "/api/v1/reports/capacity?month=2026-10"
get "GET /api/v1/reports/trend (online clients, hourly, October)" "/api/v1/reports/trend?metric=online_clients&bucket=1h&from=2026-10-01&to=2026-11-01"
get "GET /api/v1/gateways" "/api/v1/gateways"
get "GET /metrics" "/metrics"
get "GET / (the fleet page)" "/"
get "GET /gateway/GraniteFalls.contoso.com" "/gateway/GraniteFalls.contoso.com"
wrk -t"$THREADS" -c"$COLLECTORS" -d"${DURATION}s" --latency -s "$WORK/collectors.lua" "$BASE" >"$WORK/wrk.out"
row "POST /api/v1/ingest, $COLLECTORS collectors, 9-line batches" "$WORK/wrk.out"
