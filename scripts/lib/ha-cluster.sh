# A local pg_auto_failover trio: a monitor and two data nodes (primary and synchronous
# standby), in a temporary folder, on loopback. Sourced by scripts/ha-cluster and scripts/test-ha.
#
#   ha_cluster_start          sets HA_DIR and HA_URL (both data nodes, target_session_attrs=read-write)
#   ha_cluster_primary        prints the node (node1 or node2) that is primary now
#   ha_cluster_kill NODE      SIGKILLs the node's PostgreSQL and its pg_autoctl keeper (a crash)
#   ha_cluster_rejoin NODE    starts the node's keeper again; it rejoins as a standby
#   ha_cluster_stop           stops everything and removes the folder
#
# Ports: monitor HA_PORT_BASE (default 55430), node1 +1, node2 +2. The monitor's failover
# timeouts are set to 10 s (node_considered_unhealthy_timeout, primary_demote_timeout);
# with the defaults failover takes about 50 s. Installs postgresql-15-auto-failover when
# missing (root with apt-get). Traps: ../shared/recipes/pg-auto-failover.md and docs/operations.md.

HA_PORT_BASE=${HA_PORT_BASE:-55430}
HA_PG_BIN=/usr/lib/postgresql/15/bin

ha_cluster_install() {
    if command -v pg_autoctl >/dev/null && [[ -x $HA_PG_BIN/postgres ]]; then return 0; fi
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        echo "Installing postgresql-15-auto-failover (Debian package)..." >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15 postgresql-15-auto-failover >/dev/null \
            || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15 postgresql-15-auto-failover >/dev/null; }
    fi
    command -v pg_autoctl >/dev/null
}

# Runs a command line as postgres, with a clean environment that keeps pg_autoctl's files in HA_DIR.
ha_pg() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- env -i bash -c "cd $HA_DIR; . $HA_DIR/env.sh; $1"
    else
        env -i bash -c "cd $HA_DIR; . $HA_DIR/env.sh; $1"
    fi
}

ha_cluster_start() {
    ha_cluster_install || { echo "pg_autoctl not found and cannot be installed" >&2; return 1; }
    HA_DIR=$(mktemp -d /tmp/escrow-ha.XXXXXX)
    mkdir -p "$HA_DIR"/{config,share,run}
    cat >"$HA_DIR/env.sh" <<EOF
export HA_DIR=$HA_DIR HOME=$HA_DIR PATH=$HA_PG_BIN:/usr/bin:/bin
export XDG_CONFIG_HOME=$HA_DIR/config XDG_DATA_HOME=$HA_DIR/share XDG_RUNTIME_DIR=$HA_DIR/run
EOF
    chmod 755 "$HA_DIR"
    if [[ $(id -u) -eq 0 ]]; then chown -R postgres:postgres "$HA_DIR"; fi
    chmod 700 "$HA_DIR/run"
    local monitor_port=$HA_PORT_BASE
    ha_pg "pg_autoctl create monitor --pgdata \$HA_DIR/monitor --pgport $monitor_port --hostname localhost --listen 127.0.0.1 --auth trust --no-ssl" \
        >"$HA_DIR/create-monitor.log" 2>&1
    ha_pg "setsid nohup pg_autoctl run --pgdata \$HA_DIR/monitor >\$HA_DIR/monitor.log 2>&1 </dev/null &"
    until ha_pg "psql -h localhost -p $monitor_port -XAtqc 'select 1' pg_auto_failover" >/dev/null 2>&1; do sleep 0.5; done
    ha_pg "psql -h localhost -p $monitor_port -XAtq pg_auto_failover \
        -c \"ALTER SYSTEM SET pgautofailover.node_considered_unhealthy_timeout = '10s'\" \
        -c \"ALTER SYSTEM SET pgautofailover.primary_demote_timeout = '10s'\" \
        -c 'SELECT pg_reload_conf()'" >/dev/null
    local monitor="postgres://autoctl_node@localhost:$monitor_port/pg_auto_failover?sslmode=disable"
    for n in 1 2; do
        ha_pg "pg_autoctl create postgres --pgdata \$HA_DIR/node$n --pgport $((HA_PORT_BASE + n)) --hostname localhost \
            --listen 127.0.0.1 --name node$n --monitor '$monitor' --auth trust --no-ssl" >"$HA_DIR/create-node$n.log" 2>&1
        ha_pg "setsid nohup pg_autoctl run --pgdata \$HA_DIR/node$n >\$HA_DIR/node$n.log 2>&1 </dev/null &"
        sleep 3
    done
    local waited=0
    until ha_pg "pg_autoctl show state --pgdata \$HA_DIR/monitor" 2>/dev/null | grep -Eq 'secondary \| +secondary'; do
        sleep 1; waited=$((waited + 1))
        if [[ $waited -gt 180 ]]; then echo "the trio did not reach primary + secondary in 180 s" >&2; return 1; fi
    done
    HA_URL="postgres://postgres@localhost:$((HA_PORT_BASE + 1)),localhost:$((HA_PORT_BASE + 2))/postgres?sslmode=disable&target_session_attrs=read-write"
    export HA_DIR HA_URL
    echo "pg_auto_failover trio in $HA_DIR: monitor :$monitor_port, node1 :$((HA_PORT_BASE + 1)), node2 :$((HA_PORT_BASE + 2))" >&2
}

ha_cluster_state() { ha_pg "pg_autoctl show state --pgdata \$HA_DIR/monitor"; }

ha_cluster_primary() {
    ha_cluster_state | awk -F'|' '$1 ~ /node[12]/ && $(NF-1) ~ /primary/ && $NF ~ /primary/ {gsub(/ /, "", $1); print $1; exit}'
}

ha_cluster_kill() {
    local node=$1
    local postmaster keeper
    postmaster=$(head -1 "$HA_DIR/$node/postmaster.pid")
    keeper=$(head -1 "$HA_DIR/run/pg_autoctl$HA_DIR/$node/pg_autoctl.pid")
    kill -KILL "$postmaster" "$keeper" $(ps -o pid= --ppid "$keeper") 2>/dev/null || true
}

ha_cluster_rejoin() {
    ha_pg "setsid nohup pg_autoctl run --pgdata \$HA_DIR/$1 >>\$HA_DIR/$1.log 2>&1 </dev/null &"
}

ha_cluster_stop() {
    if [[ -z ${HA_DIR:-} || ! -d $HA_DIR ]]; then return 0; fi
    for node in node1 node2 monitor; do
        ha_pg "pg_autoctl stop --pgdata \$HA_DIR/$node" >/dev/null 2>&1 || true
    done
    # pg_autoctl stop returns before PostgreSQL has exited: wait for this cluster's processes.
    local waited=0
    while pgrep -f "$HA_DIR" >/dev/null && [[ $waited -lt 30 ]]; do sleep 1; waited=$((waited + 1)); done
    for node in node1 node2 monitor; do
        for file in "$HA_DIR/$node/postmaster.pid" "$HA_DIR/run/pg_autoctl$HA_DIR/$node/pg_autoctl.pid"; do
            [[ -f $file ]] && kill -KILL "$(head -1 "$file")" 2>/dev/null || true
        done
    done
    rm -rf "$HA_DIR"
    HA_DIR=
}
