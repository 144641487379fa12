#!/usr/bin/env bash
# The raw tables of a history as Parquet files for DuckDB, once: parquet-export.sh PYTHON DB DIR
# (PYTHON: an interpreter that imports duckdb). DIR/done marks a finished export; delete DIR to
# export again. Used by reports-pg.sh and compare.sh.
set -euo pipefail
[ $# = 3 ] || { echo "usage: parquet-export.sh PYTHON DB DIR" >&2; exit 64; }
PY=$1 DB=$2 PQ=$3
[ -f "$PQ/done" ] && exit 0
echo "== export the raw tables of $DB to $PQ"
mkdir -p "$PQ"
for table in gateway endpoint online_clients_sample endpoint_traffic_sample egress_sample storage_sample; do
    sqlite3 -readonly -csv -header "$DB" "SELECT * FROM $table" > "$PQ/$table.csv"
    "$PY" -c "import duckdb; duckdb.sql('SET enable_progress_bar = false'); duckdb.sql(\"COPY (SELECT * FROM read_csv('$PQ/$table.csv', header = true)) TO '$PQ/$table.parquet' (FORMAT parquet)\")"
    rm "$PQ/$table.csv"
done
touch "$PQ/done"
