# Starts and stops a throwaway PostgreSQL 15 cluster in a temporary folder.
# Sourced by scripts/test and scripts/bench-postgres; not run on its own.
#
#   postgres_cluster_start [fsync on|off]   sets POSTGRES_CLUSTER_URL and POSTGRES_CLUSTER_DIR
#   postgres_cluster_stop                   stops the server and removes the folder
#
# The server listens on 127.0.0.1 on a free port and on a unix socket in the folder, trusts
# local connections (user postgres, database postgres) and is gone after postgres_cluster_stop.

POSTGRES_BIN=${POSTGRES_BIN:-/usr/lib/postgresql/15/bin}

# Installs Debian's PostgreSQL 15 when it is missing and we may (root with apt-get).
postgres_cluster_install() {
    if [[ -x "$POSTGRES_BIN/initdb" ]]; then return 0; fi
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        echo "Installing postgresql-15 (Debian package)..." >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15 >/dev/null \
            || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15 >/dev/null; }
    fi
    [[ -x "$POSTGRES_BIN/initdb" ]]
}

# Runs a PostgreSQL binary as the postgres user when we are root (initdb refuses root).
postgres_as_owner() {
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

postgres_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

postgres_cluster_start() {
    local fsync=${1:-off}
    postgres_cluster_install || { echo "PostgreSQL 15 binaries not found in $POSTGRES_BIN" >&2; return 1; }
    POSTGRES_CLUSTER_DIR=$(mktemp -d /tmp/escrow-pg.XXXXXX)
    chmod 755 "$POSTGRES_CLUSTER_DIR"
    if [[ $(id -u) -eq 0 ]]; then chown postgres: "$POSTGRES_CLUSTER_DIR"; fi
    local port
    port=$(postgres_free_port)
    postgres_as_owner "$POSTGRES_BIN/initdb" -D "$POSTGRES_CLUSTER_DIR/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
    postgres_as_owner "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_CLUSTER_DIR/data" -l "$POSTGRES_CLUSTER_DIR/server.log" -w \
        -o "-p $port -k $POSTGRES_CLUSTER_DIR -c listen_addresses=127.0.0.1 -c fsync=$fsync -c max_connections=200" \
        start >/dev/null
    POSTGRES_CLUSTER_URL="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
    export POSTGRES_CLUSTER_DIR POSTGRES_CLUSTER_URL
    echo "PostgreSQL 15 cluster on 127.0.0.1:$port (fsync=$fsync) in $POSTGRES_CLUSTER_DIR" >&2
}

postgres_cluster_stop() {
    if [[ -n ${POSTGRES_CLUSTER_DIR:-} && -d $POSTGRES_CLUSTER_DIR ]]; then
        postgres_as_owner "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_CLUSTER_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
        rm -rf "$POSTGRES_CLUSTER_DIR"
        POSTGRES_CLUSTER_DIR=
    fi
}
