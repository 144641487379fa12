#!/usr/bin/env bash
# Seeds a corpus folder per fuzz target from the test fixtures (README, "Fuzzing").
#   Tests/Fuzz/make-corpus.sh [DIR]     # default: fuzz-corpus/, one subfolder per target
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-fuzz-corpus}
fixtures=Tests/CMGHistoryTests/Fixtures
mkdir -p "$out"/{logs,ndjson,exports,certificates}
cp "$fixtures"/logs/*.log "$out/logs/"
cp /dev/null "$out/ndjson/empty"
n=0
while IFS= read -r line; do n=$((n + 1)); printf '%s' "$line" > "$out/ndjson/line-$n"; done < "$fixtures/every-record-type.ndjson"
# The export target reads its first byte as the format: 0 means "sniff the content".
for f in "$fixtures"/exports/*.json "$fixtures"/exports/*.csv; do
  { printf '\0'; cat "$f"; } > "$out/exports/$(basename "$f")"
done
cp "$fixtures"/exports/*.cer "$fixtures"/exports/*.pem "$out/certificates/"
echo "seeded $(find "$out" -type f | wc -l) inputs in $out/"
