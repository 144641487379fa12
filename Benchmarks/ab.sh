#!/usr/bin/env bash
# A/B benchmark: two release builds of CMG History, run in interleaved pairs on the same data,
# so that a change's cost shows as a ratio even on a noisy machine.
#
#   Benchmarks/ab.sh --a BIN_DIR --b BIN_DIR [--pairs 7] [--data DIR] [--jobs ingest,logs,reports]
#                    [--days 7] [--log-mb 100] [--history-days 120]
#
# BIN_DIR is a release bin folder holding cmg-history-bench and cmg-history-log-bench (e.g.
# `swift build -c release --scratch-path .build-rel --show-bin-path`). Each pair runs A then B,
# the next B then A. Jobs:
#   ingest   cmg-history-bench ingest of the ingest benchmark's NDJSON (seconds inside the process)
#   logs     cmg-history-log-bench ingest of a generated CMGService.log (entries/s)
#   reports  cmg-history-bench reports on a generated history (capacity and trend ms, in-process);
#            each build reads its own copy, since a newer build may migrate the file
# Prints every pair and, per figure, both medians and the median of the per-pair ratios B/A.
set -euo pipefail
cd "$(dirname "$0")/.."
A=""; B=""; PAIRS=7; DATA=bench-data; JOBS=ingest,logs,reports; DAYS=7; LOG_MB=100; HISTORY_DAYS=120
die() { echo "ab.sh: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
    case "$1" in
        --a) A=$2; shift 2 ;;
        --b) B=$2; shift 2 ;;
        --pairs) PAIRS=$2; shift 2 ;;
        --data) DATA=$2; shift 2 ;;
        --jobs) JOBS=$2; shift 2 ;;
        --days) DAYS=$2; shift 2 ;;
        --log-mb) LOG_MB=$2; shift 2 ;;
        --history-days) HISTORY_DAYS=$2; shift 2 ;;
        -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument '$1' (try --help)" ;;
    esac
done
[ -x "$A/cmg-history-bench" ] && [ -x "$B/cmg-history-bench" ] || die "--a and --b must be release bin folders with cmg-history-bench"
[[ $PAIRS =~ ^[1-9][0-9]*$ ]] || die "--pairs must be a positive integer"
mkdir -p "$DATA/ab"
WORK=$(cd "$DATA/ab" && pwd)
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
: > "$WORK/pairs.tsv"

# One run of JOB with build WHO (a or b); prints "figure value" lines.
run() {
    local job=$1 who=$2 bin out
    if [ "$who" = a ]; then bin=$A; else bin=$B; fi
    case "$job" in
        ingest)
            rm -f "$WORK/ingest-$who.sqlite"*
            out=$("$bin/cmg-history-bench" ingest --data "$INGEST_DATA" --db "$WORK/ingest-$who.sqlite" | grep '^RESULT')
            echo "ingest_s $(field seconds "$out")" ;;
        logs)
            rm -f "$WORK/logs-$who.sqlite"*
            out=$("$bin/cmg-history-log-bench" ingest "$LOG" --db "$WORK/logs-$who.sqlite" | grep '^RESULT')
            echo "log_entries_per_s $(field entries_per_s "$out")" ;;
        reports)
            out=$("$bin/cmg-history-bench" reports --db "$WORK/history-$who.sqlite" --runs 3 | grep '^RESULT')
            echo "capacity_ms $(field capacity_ms "$out")"
            echo "trend_online_clients_ms $(field trend_online_clients_ms "$out")"
            echo "trend_requests_ms $(field trend_requests_ms "$out")" ;;
    esac
}

IFS=, read -r -a JOB_LIST <<<"$JOBS"
for job in "${JOB_LIST[@]}"; do
    case "$job" in
        ingest)
            INGEST_DATA=$DATA/ingest-$DAYS
            if [ ! -f "$INGEST_DATA/history.ndjson" ]; then
                echo "== generate $DAYS days of ingest data into $INGEST_DATA"
                "$A/cmg-history-bench" generate --out "$INGEST_DATA" --days "$DAYS" --gateways 10 --endpoints 20 --seed 1
            fi ;;
        logs)
            LOG=$DATA/logs-$LOG_MB/CMG-Bench-ProxyService_IN_0-CMGService.log
            mkdir -p "$(dirname "$LOG")"
            [ -f "$LOG" ] || "$A/cmg-history-log-bench" generate --out "$LOG" --mb "$LOG_MB"
            cat "$LOG" > /dev/null ;;
        reports)
            if [ ! -f "$DATA/history-$HISTORY_DAYS.sqlite" ]; then
                echo "== build a $HISTORY_DAYS-day history with build A"
                "$A/cmg-history-bench" history --db "$DATA/history-$HISTORY_DAYS.sqlite" --days "$HISTORY_DAYS" --gateways 10 --endpoints 20 --seed 1
            fi
            for who in a b; do cp "$DATA/history-$HISTORY_DAYS.sqlite" "$WORK/history-$who.sqlite"; done
            run reports b > /dev/null ;; # B migrates its copy once, outside the timing
        *) die "unknown job '$job'" ;;
    esac
    echo "== $job: $PAIRS interleaved pairs"
    for i in $(seq 1 "$PAIRS"); do
        if [ $((i % 2)) = 1 ]; then order="a b"; else order="b a"; fi
        for who in $order; do
            while read -r figure value; do
                printf '%s\t%s\t%s\t%s\n' "$job" "$i" "$who" "$figure $value" >> "$WORK/pairs.tsv"
                printf '   pair %-3s %s %-26s %s\n' "$i" "$who" "$figure" "$value"
            done < <(run "$job" "$who")
        done
    done
done

echo "== medians (B/A per pair, then the median of those ratios)"
printf '   %-26s %14s %14s %10s\n' figure A B "B/A"
for figure in $(cut -f4 "$WORK/pairs.tsv" | cut -d' ' -f1 | sort -u); do
    a=$(awk -F'\t' -v f="$figure" '$3 == "a" && index($4, f " ") == 1 { split($4, p, " "); print p[2] }' "$WORK/pairs.tsv" | median)
    b=$(awk -F'\t' -v f="$figure" '$3 == "b" && index($4, f " ") == 1 { split($4, p, " "); print p[2] }' "$WORK/pairs.tsv" | median)
    ratio=$(awk -F'\t' -v f="$figure" 'index($4, f " ") == 1 { split($4, p, " "); v[$2 "," $3] = p[2]; n[$2] = 1 }
        END { for (i in n) if (v[i ",a"] > 0) print v[i ",b"] / v[i ",a"] }' "$WORK/pairs.tsv" | median)
    printf '   %-26s %14.3f %14.3f %10.3f\n' "$figure" "$a" "$b" "$ratio"
done
