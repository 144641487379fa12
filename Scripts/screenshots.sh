#!/bin/sh
# Renders every HTML chart of the demo history and screenshots it in headless Chromium, so
# that a person can look at what an admin would mail. Usage:
#   Scripts/screenshots.sh [OUTPUT_FOLDER]     (default: ./screenshots)
# Writes OUTPUT_FOLDER/NAME.html and OUTPUT_FOLDER/NAME.png for each page; the demo database
# goes in OUTPUT_FOLDER too. Needs chromium (or CHROMIUM=/path/to/chrome) on the PATH.
set -eu

out=${1:-screenshots}
chromium=${CHROMIUM:-chromium}
mkdir -p "$out"
swift build --product cmg-history
bin=$(swift build --show-bin-path)/cmg-history
db="$out/demo.sqlite"
rm -f "$db" "$db-wal" "$db-shm"
"$bin" demo --db "$db" >/dev/null

render() {
    name=$1
    shift
    "$bin" "$@" --db "$db" --format html --reproducible >"$out/$name.html"
    # A page taller than the window is cut: HEIGHT is set per page to hold all of its charts.
    "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,${HEIGHT:-1000} \
        --screenshot="$out/$name.png" "file://$(cd "$out" && pwd)/$name.html" 2>/dev/null
    echo "$out/$name.png ($(wc -c <"$out/$name.html") bytes of HTML)"
}

render trend-hourly report trend --metric online_clients --bucket 1h --from 2026-10-06 --to 2026-10-11 --tz Europe/Berlin
render trend-daily report trend --metric requests --bucket 1d --from 2026-09-01 --to 2026-11-01 --tz America/Chicago
render trend-5min report trend --metric online_clients --bucket 5m --from 2026-09-02 --to 2026-11-01
HEIGHT=1300 render egress report trend --metric egress_bytes --bucket 1d --from 2026-09-01 --to 2026-11-01
HEIGHT=1000 render storage report trend --metric storage_used_bytes --bucket 1d --from 2026-09-01 --to 2026-11-01
HEIGHT=5600 render capacity-2026-09 report capacity --month 2026-09
render availability report availability --from 2026-09-01 --to 2026-11-01
render expiry report expiry --as-of 2026-09-01T00:00:00Z
render timeline timeline --around 2026-10-08T18:00:00Z --window 16h
