#!/usr/bin/env bash
# The server's memory while it takes a large upload: `cmg-history serve` on a fresh SQLite
# history, a small NDJSON post, then FILE (or FILE repeated --copies times, streamed by curl
# without holding it) posted to /api/v1/ingest. Printed: the server's peak RSS (VmHWM) after
# each, the upload's size and its wall time.
#
#   Benchmarks/serve-upload.sh --file demo365.demo.ndjson [--copies 5] [--bin DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=/work/.build-rel-main/release; FILE=""; COPIES=1
while [ $# -gt 0 ]; do
    case "$1" in
        --bin) BIN=$2; shift 2 ;;
        --file) FILE=$2; shift 2 ;;
        --copies) COPIES=$2; shift 2 ;;
        *) echo "serve-upload.sh: unknown option $1" >&2; exit 64 ;;
    esac
done
[ -f "$FILE" ] || { echo "serve-upload.sh: --file names no file" >&2; exit 64; }
CLI="$BIN/cmg-history"
WORK=$(mktemp -d)
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT
"$CLI" token create --db "$WORK/h.sqlite" --name up --scope ingest --out "$WORK/t" >/dev/null
"$CLI" serve --db "$WORK/h.sqlite" --listen 127.0.0.1:0 --spool-dir "$WORK" --max-upload 4096 >"$WORK/serve.out" 2>/dev/null &
SERVER=$!
for _ in $(seq 100); do grep -q listening "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
PORT=$(sed -n 's/.*listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$WORK/serve.out")
hwm() { awk '/VmHWM/ {print $2 / 1024 " MB"}' "/proc/$SERVER/status"; }
post() {  # post NAME < body, streamed
    curl -sS -o "$WORK/answer" -w '%{http_code} %{size_upload} %{time_total}\n' -X POST -T - \
        -H "Authorization: Bearer $(cat "$WORK/t")" -H "X-CMG-File-Name: $1" "http://127.0.0.1:$PORT/api/v1/ingest"
}
head -c 1000000 "$FILE" | sed '$d' | post small.ndjson >/dev/null
echo "after a 1 MB upload: peak RSS $(hwm)"
read -r code bytes seconds < <(for _ in $(seq "$COPIES"); do cat "$FILE"; done | post big.ndjson)
echo "after a $((bytes / 1000000)) MB upload ($COPIES × $(basename "$FILE")): HTTP $code in ${seconds} s, peak RSS $(hwm)"
grep -o '"inserted" : [0-9]*\|"duplicates" : [0-9]*' "$WORK/answer" | tr '\n' ' '; echo
