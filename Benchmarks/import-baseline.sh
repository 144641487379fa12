#!/usr/bin/env bash
# The sqlite3 shell's side of the import benchmarks (ingest.sh, compare.sh): the script that loads
# DATA's CSVs into the tables MIGRATION creates, parents first, in one transaction, with the same
# journal mode and synchronous setting as ours. Prints it: import-baseline.sh DATA MIGRATION
set -euo pipefail
[ $# = 2 ] || { echo "usage: import-baseline.sh DATA MIGRATION" >&2; exit 64; }
cat <<SQL
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
BEGIN;
.read '$2'
.read '$1/parents.sql'
.mode csv
.import --skip 1 '$1/online_clients.csv' online_clients_sample
.import --skip 1 '$1/endpoint_traffic.csv' endpoint_traffic_sample
COMMIT;
SQL
