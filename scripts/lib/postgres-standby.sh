# A hot standby of the throwaway cluster of postgres-cluster.sh, streaming from it
# (asynchronous replication). Sourced by scripts/test after postgres-cluster.sh; not run on its own.
#
#   postgres_standby_start   needs POSTGRES_CLUSTER_URL; sets POSTGRES_STANDBY_URL and POSTGRES_STANDBY_DIR
#   postgres_standby_stop    stops the standby and removes its folder
#
# The standby is a base backup of the primary (pg_basebackup -R, which writes standby.signal and
# primary_conninfo), started on its own free port; it replays everything the primary writes,
# databases created after it included. Takes about a second on a fresh cluster.

postgres_standby_start() {
    [[ -n ${POSTGRES_CLUSTER_URL:-} ]] || { echo "postgres_standby_start: no primary (POSTGRES_CLUSTER_URL)" >&2; return 1; }
    local primary_port=${POSTGRES_CLUSTER_URL##*127.0.0.1:}
    primary_port=${primary_port%%/*}
    POSTGRES_STANDBY_DIR=$(mktemp -d /tmp/escrow-pg-standby.XXXXXX)
    chmod 755 "$POSTGRES_STANDBY_DIR"
    if [[ $(id -u) -eq 0 ]]; then chown postgres: "$POSTGRES_STANDBY_DIR"; fi
    local port
    port=$(postgres_free_port)
    postgres_as_owner "$POSTGRES_BIN/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres \
        -D "$POSTGRES_STANDBY_DIR/data" -R -X stream -c fast --no-sync >/dev/null || return 1
    postgres_as_owner "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_STANDBY_DIR/data" -l "$POSTGRES_STANDBY_DIR/server.log" -w \
        -o "-p $port -k $POSTGRES_STANDBY_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 -c hot_standby=on" \
        start >/dev/null || return 1
    POSTGRES_STANDBY_URL="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
    export POSTGRES_STANDBY_DIR POSTGRES_STANDBY_URL
    echo "PostgreSQL 15 standby of 127.0.0.1:$primary_port on 127.0.0.1:$port in $POSTGRES_STANDBY_DIR" >&2
}

postgres_standby_stop() {
    if [[ -n ${POSTGRES_STANDBY_DIR:-} && -d $POSTGRES_STANDBY_DIR ]]; then
        postgres_as_owner "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_STANDBY_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
        rm -rf "$POSTGRES_STANDBY_DIR"
        POSTGRES_STANDBY_DIR=
    fi
}
