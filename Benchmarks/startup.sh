#!/usr/bin/env bash
# Process start: `cmg-history --help` and a report of an empty history, built dynamically
# (the default release build) and statically (`--static-swift-stdlib`), against the sqlite3
# shell starting and answering one query. Interleaved: each round runs every command once, in
# turn; medians of --runs rounds, and the ratio to sqlite3.
#
#   Benchmarks/startup.sh [--dynamic DIR] [--static DIR] [--runs 41]
#
# Build both first:
#   swift build -c release --product cmg-history --scratch-path /work/.build-rel-main
#   swift build -c release --product cmg-history --static-swift-stdlib --scratch-path /work/.build-rel-static
set -euo pipefail
cd "$(dirname "$0")/.."
DYNAMIC=/work/.build-rel-main/release; STATIC=/work/.build-rel-static/release; RUNS=41
while [ $# -gt 0 ]; do
    case "$1" in
        --dynamic) DYNAMIC=$2; shift 2 ;;
        --static) STATIC=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        *) echo "startup.sh: unknown option $1" >&2; exit 64 ;;
    esac
done
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# An empty history: the schema and nothing else (an import of an empty file makes it).
: >"$WORK/empty.ndjson"
"$DYNAMIC/cmg-history" ingest --db "$WORK/empty.sqlite" "$WORK/empty.ndjson" >/dev/null
python3 - "$RUNS" "$DYNAMIC/cmg-history" "$STATIC/cmg-history" "$WORK/empty.sqlite" <<'PY'
import statistics, subprocess, sys, time
runs, dynamic, static, db = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
commands = {
    "dynamic --help": [dynamic, "--help"],
    "static --help": [static, "--help"],
    "dynamic report capacity (empty history)": [dynamic, "report", "capacity", "--db", db, "--month", "2026-10", "--format", "json"],
    "static report capacity (empty history)": [static, "report", "capacity", "--db", db, "--month", "2026-10", "--format", "json"],
    "sqlite3 shell, one query": ["sqlite3", db, "SELECT count(*) FROM gateway"],
}
times = {name: [] for name in commands}
for _ in range(runs):
    for name, argv in commands.items():
        start = time.perf_counter()
        done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times[name].append((time.perf_counter() - start) * 1000)
        if done.returncode != 0:
            sys.exit(f"{name} exited {done.returncode}")
peer = statistics.median(times["sqlite3 shell, one query"])
print(f"| command | median ms (of {runs}, interleaved) | min | ratio to sqlite3 |")
print("|---|---|---|---|")
for name, values in times.items():
    median = statistics.median(values)
    print(f"| {name} | {median:.1f} | {min(values):.1f} | {median / peer:.2f} |")
PY
