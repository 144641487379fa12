#!/usr/bin/env bash
# Log benchmark: parse-only MB/s and end-to-end entries/s (with the full-text index and the
# default rules) for large generated logs, beside `grep -c` over the same file as the I/O
# floor. Release build. Two shapes: `cmgservice`, a CMG's CMTrace CMGService.log, and
# `site-server`, the site server's server-format CloudMgr.log and SMS_Cloud_ProxyConnector.log
# lines (longer messages, message IDs and thumbprints, about one entry in six a rule hit).
#
#   Benchmarks/logs.sh [--mb 100] [--runs 1] [--shape cmgservice|site-server|both] [--data DIR]
#                      [--scratch-path P] [--no-build]
#
# With --runs N each ingest runs N times and its median is printed: the machine is noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${MB:-100}; RUNS=${RUNS:-1}; SHAPE=both; DATA_DIR=${DATA_DIR:-bench-data}; SCRATCH_PATH=${SCRATCH_PATH:-.build}; BUILD=1
while [ $# -gt 0 ]; do
    case "$1" in
        --mb) MB=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --shape) SHAPE=$2; shift 2 ;;
        --data) DATA_DIR=$2; shift 2 ;;
        --scratch-path) SCRATCH_PATH=$2; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        *) echo "logs.sh: unknown argument $1" >&2; exit 1 ;;
    esac
done
if [ "$BUILD" = 1 ]; then swift build -c release --scratch-path "$SCRATCH_PATH" --product cmg-history-log-bench; fi
BIN=$(swift build -c release --scratch-path "$SCRATCH_PATH" --show-bin-path)/cmg-history-log-bench
mkdir -p "$DATA_DIR"
case "$SHAPE" in
    both) SHAPES="cmgservice site-server" ;;
    cmgservice|site-server) SHAPES=$SHAPE ;;
    *) echo "logs.sh: --shape is cmgservice, site-server or both" >&2; exit 1 ;;
esac
rate() { sed -n 's/^RESULT ingest .*entries_per_s=\([0-9.]*\).*/\1/p'; }
for shape in $SHAPES; do
    case "$shape" in
        cmgservice) LOG=$DATA_DIR/CMG-Bench-ProxyService_IN_0-CMGService.log ;;
        site-server) LOG=$DATA_DIR/SMS_Cloud_ProxyConnector.log ;;
    esac
    # The marker names the size and the generator's shape version: a changed generator makes a new log.
    [ -f "$LOG.$MB.v2" ] || { "$BIN" generate --shape "$shape" --out "$LOG" --mb "$MB"; rm -f "$LOG".*[0-9]*; touch "$LOG.$MB.v2"; }
    echo "#### $shape: $LOG"
    cat "$LOG" > /dev/null  # warm the page cache for all three
    echo "== grep -c (I/O floor)"
    t0=$(date +%s.%N); n=$(grep -c -e '<!\[LOG\[' -e '\$\$<' "$LOG"); t1=$(date +%s.%N)
    secs=$(echo "$t1 - $t0" | bc -l); size=$(stat -c %s "$LOG")
    printf '   %s entries, %.3f s, %.0f MB/s\n' "$n" "$secs" "$(echo "$size / 1000000 / $secs" | bc -l)"
    echo "== parse only"
    "$BIN" parse "$LOG" | sed 's/^/   /'
    echo "== ingest (new database, full-text index, default rules)"
    OUT=$(mktemp)
    /usr/bin/time -f '   process peak RSS %M kB' "$BIN" ingest "$LOG" --db "$DATA_DIR/logs.sqlite" | tee "$OUT" | sed 's/^/   /'
    if [ "$RUNS" -gt 1 ]; then
        rates=$( (rate < "$OUT"; for _ in $(seq 2 "$RUNS"); do "$BIN" ingest "$LOG" --db "$DATA_DIR/logs.sqlite" | rate; done) )
        echo "   $RUNS runs, entries/s: $(echo "$rates" | xargs printf '%.0f ')"
        printf '   median: %.0f entries/s\n' "$(echo "$rates" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')"
    fi
    rm -f "$OUT"
done
