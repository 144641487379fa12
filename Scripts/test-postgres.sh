#!/usr/bin/env bash
# Runs `swift test` against a throw-away PostgreSQL cluster, so the PostgreSQL suite runs too.
#
#   Scripts/test-postgres.sh [swift test arguments…]     e.g. Scripts/test-postgres.sh --filter Postgres
#
# Starts a new cluster (initdb into a temporary folder) on a free loopback port, as the
# `postgres` user when run as root (PostgreSQL refuses to run as root), with a random password
# for the `postgres` role (scram-sha-256 over TCP); runs `swift test ARGS…` with
# CMG_TEST_POSTGRES_URL naming it and PGPASSWORD holding the password (the URL never does); then
# stops the cluster and removes its folder, also when the tests fail or are interrupted.
# Needs the server binaries (Debian: apt-get install postgresql; /usr/lib/postgresql/N/bin).
#
# Sourced (`source Scripts/test-postgres.sh`), it only defines the functions, for .ci/run:
#   pg_cluster_start [extra postgres options…]   sets PG_CLUSTER_DIR, PG_CLUSTER_PORT, PG_CLUSTER_URL, PGPASSWORD
#   pg_cluster_stop                             stops the cluster and removes PG_CLUSTER_DIR
set -euo pipefail

# The newest installed server's bin folder.
pg_bin_dir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$dir" ] && [ -x "$dir/initdb" ] || { echo "test-postgres: no PostgreSQL server binaries in /usr/lib/postgresql/*/bin (apt-get install postgresql)" >&2; return 1; }
    echo "$dir"
}

# A TCP port on 127.0.0.1 nobody listens on, from a random start in 20000-59999.
pg_free_port() {
    local port tries
    for tries in $(seq 1 200); do
        port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
    done
    echo "test-postgres: no free port found" >&2
    return 1
}

# Runs a command as the cluster's owner: `postgres` when we are root, else ourselves.
pg_as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_cluster_start() {
    local bin
    bin=$(pg_bin_dir)
    PG_CLUSTER_DIR=$(mktemp -d "${TMPDIR:-/tmp}/cmg-history-pg.XXXXXX")
    PG_CLUSTER_PORT=$(pg_free_port)
    PGPASSWORD=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')
    printf '%s\n' "$PGPASSWORD" >"$PG_CLUSTER_DIR/pwfile"
    chmod 700 "$PG_CLUSTER_DIR"
    chmod 600 "$PG_CLUSTER_DIR/pwfile"
    if [ "$(id -u)" = 0 ]; then chown -R postgres "$PG_CLUSTER_DIR"; fi
    pg_as_owner "$bin/initdb" -D "$PG_CLUSTER_DIR/data" -U postgres --pwfile="$PG_CLUSTER_DIR/pwfile" \
        --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync >"$PG_CLUSTER_DIR/initdb.log" 2>&1 \
        || { cat "$PG_CLUSTER_DIR/initdb.log" >&2; return 1; }
    rm -f "$PG_CLUSTER_DIR/pwfile"
    pg_as_owner "$bin/pg_ctl" -D "$PG_CLUSTER_DIR/data" -l "$PG_CLUSTER_DIR/server.log" -w \
        -o "-p $PG_CLUSTER_PORT -k $PG_CLUSTER_DIR -c listen_addresses=127.0.0.1 $*" start >/dev/null \
        || { cat "$PG_CLUSTER_DIR/server.log" >&2; return 1; }
    PG_CLUSTER_URL="postgres://postgres@127.0.0.1:$PG_CLUSTER_PORT/postgres"
    export PG_CLUSTER_DIR PG_CLUSTER_PORT PG_CLUSTER_URL PGPASSWORD
    echo "test-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_CLUSTER_PORT ($PG_CLUSTER_DIR)"
}

pg_cluster_stop() {
    [ -n "${PG_CLUSTER_DIR:-}" ] && [ -d "$PG_CLUSTER_DIR" ] || return 0
    local bin
    bin=$(pg_bin_dir) || true
    if [ -n "$bin" ] && [ -f "$PG_CLUSTER_DIR/data/postmaster.pid" ]; then
        pg_as_owner "$bin/pg_ctl" -D "$PG_CLUSTER_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PG_CLUSTER_DIR"
    PG_CLUSTER_DIR=
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    cd "$(dirname "$0")/.."
    trap pg_cluster_stop EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    # A throw-away cluster: durability is not what the tests measure.
    pg_cluster_start -c fsync=off -c synchronous_commit=off -c full_page_writes=off
    CMG_TEST_POSTGRES_URL=$PG_CLUSTER_URL swift test "$@"
fi
