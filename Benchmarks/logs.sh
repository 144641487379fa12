#!/usr/bin/env bash
# Log benchmark: parse-only MB/s and end-to-end entries/s (with the full-text index and the
# default rules) for a large generated CMTrace log, beside `grep -c` over the same file as the
# I/O floor. Release build.
#
#   Benchmarks/logs.sh [--mb 100] [--data DIR] [--scratch-path P] [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${MB:-100}; DATA_DIR=${DATA_DIR:-bench-data}; SCRATCH_PATH=${SCRATCH_PATH:-.build}; BUILD=1
while [ $# -gt 0 ]; do
    case "$1" in
        --mb) MB=$2; shift 2 ;;
        --data) DATA_DIR=$2; shift 2 ;;
        --scratch-path) SCRATCH_PATH=$2; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        *) echo "logs.sh: unknown argument $1" >&2; exit 1 ;;
    esac
done
if [ "$BUILD" = 1 ]; then swift build -c release --scratch-path "$SCRATCH_PATH" --product cmg-history-log-bench; fi
BIN=$(swift build -c release --scratch-path "$SCRATCH_PATH" --show-bin-path)/cmg-history-log-bench
mkdir -p "$DATA_DIR"
LOG=$DATA_DIR/CMG-Bench-ProxyService_IN_0-CMGService.log
[ -f "$LOG.$MB" ] || { "$BIN" generate --out "$LOG" --mb "$MB"; touch "$LOG.$MB"; }
cat "$LOG" > /dev/null  # warm the page cache for all three
echo "== grep -c (I/O floor)"
t0=$(date +%s.%N); n=$(grep -c '<!\[LOG\[' "$LOG"); t1=$(date +%s.%N)
secs=$(echo "$t1 - $t0" | bc -l); size=$(stat -c %s "$LOG")
printf '   %s entries, %.3f s, %.0f MB/s\n' "$n" "$secs" "$(echo "$size / 1000000 / $secs" | bc -l)"
echo "== parse only"
"$BIN" parse "$LOG" | sed 's/^/   /'
echo "== ingest (new database, full-text index, default rules)"
/usr/bin/time -f '   process peak RSS %M kB' "$BIN" ingest "$LOG" --db "$DATA_DIR/logs.sqlite" | sed 's/^/   /'
