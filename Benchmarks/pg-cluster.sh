#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on loopback for the benchmarks, kept between commands.
#
#   Benchmarks/pg-cluster.sh start [STATE_DIR]    initdb + start on a free 127.0.0.1 port
#   Benchmarks/pg-cluster.sh stop  [STATE_DIR]    stop it and remove its folder
#   source "$(Benchmarks/pg-cluster.sh env)"      in a shell: PG_CLUSTER_URL and PGPASSFILE
#
# Built on Scripts/test-postgres.sh (the same initdb, free port, `postgres` owner when root,
# random scram password). The password is never printed and never put in the URL: it goes to a
# libpq password file (mode 600, inside the cluster's own folder), and the state file that
# `env` names holds only PG_CLUSTER_DIR, PG_CLUSTER_URL and PGPASSFILE. STATE_DIR defaults to
# bench-data/pg-cluster. Durability is not what the benchmarks measure, so, as for the tests,
# the server runs with fsync, synchronous_commit and full_page_writes off; psql's `\copy`, the
# baseline, runs against the same server.
set -euo pipefail
cd "$(dirname "$0")/.."
ACTION=${1:-}
STATE_DIR=${2:-bench-data/pg-cluster}
STATE=$STATE_DIR/cluster.env
source Scripts/test-postgres.sh

case "$ACTION" in
    start)
        [ -f "$STATE" ] && { echo "pg-cluster: already started ($STATE); stop it first" >&2; exit 1; }
        mkdir -p "$STATE_DIR"
        pg_cluster_start -c fsync=off -c synchronous_commit=off -c full_page_writes=off
        # hostname:port:database:username:password, the format libpq reads from PGPASSFILE.
        umask 077
        printf '127.0.0.1:%s:*:postgres:%s\n' "$PG_CLUSTER_PORT" "$PGPASSWORD" >"$PG_CLUSTER_DIR/pgpass"
        if [ "$(id -u)" = 0 ]; then chown root "$PG_CLUSTER_DIR/pgpass"; fi
        printf 'export PG_CLUSTER_DIR=%q PG_CLUSTER_URL=%q PGPASSFILE=%q\nunset PGPASSWORD\n' \
            "$PG_CLUSTER_DIR" "$PG_CLUSTER_URL" "$PG_CLUSTER_DIR/pgpass" >"$STATE"
        echo "pg-cluster: $PG_CLUSTER_URL; source $STATE" ;;
    stop)
        [ -f "$STATE" ] || { echo "pg-cluster: no cluster recorded in $STATE" >&2; exit 0; }
        source "$STATE"
        pg_cluster_stop
        rm -f "$STATE"
        echo "pg-cluster: stopped" ;;
    env)
        [ -f "$STATE" ] || { echo "pg-cluster: not started (Benchmarks/pg-cluster.sh start)" >&2; exit 1; }
        echo "$STATE" ;;
    *) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
