#!/usr/bin/env bash
# Starts, on loopback only, a 3-master Redis Cluster (appendonly yes, appendfsync always) and two `aquila server`
# instances that share it (Server:Matcher:Store = Redis), with a throw-away CA and server certificate.
#
#   deploy/redis-cluster-local.sh start  [--dir DIR] [--redis-port 7001] [--server-port 7443]
#   deploy/redis-cluster-local.sh status [--dir DIR]
#   deploy/redis-cluster-local.sh stop   [--dir DIR]      # stops only the processes this script started
#
# Redis nodes listen on redis-port, +1, +2 (cluster bus on +10000); the coordinator on server-port, a matcher on +1.
# `aquila` is taken from $AQUILA, else from PATH, else the repository's Debug build.
set -euo pipefail

command=${1:-start}
shift || true
dir=./aquila-local
redis_port=7001
server_port=7443
while [ $# -gt 0 ]; do
    case "$1" in
        --dir) dir=$2; shift 2 ;;
        --redis-port) redis_port=$2; shift 2 ;;
        --server-port) server_port=$2; shift 2 ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
repo=$(cd "$(dirname "$0")/.." && pwd)

resolve_aquila() {
    if [ -n "${AQUILA:-}" ]; then
        read -r -a aquila_bin <<<"$AQUILA"
    elif command -v aquila >/dev/null 2>&1; then
        aquila_bin=(aquila)
    elif [ -x "$repo/src/Aquila.Cli/bin/Debug/net10.0/aquila" ]; then
        aquila_bin=("$repo/src/Aquila.Cli/bin/Debug/net10.0/aquila")
    else
        echo "aquila not found: set AQUILA, put it on PATH, or run: dotnet build src/Aquila.Cli" >&2
        exit 1
    fi
}

stop_all() {
    for pidfile in "$dir"/server-*.pid "$dir"/redis-*/redis.pid; do
        [ -f "$pidfile" ] || continue
        pid=$(cat "$pidfile")
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid"
            for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        fi
        rm -f "$pidfile"
    done
}

status() {
    local ok=0
    for i in 0 1 2; do
        port=$((redis_port + i))
        if redis-cli -p "$port" cluster info 2>/dev/null | grep -q cluster_state:ok; then
            echo "redis 127.0.0.1:$port  cluster ok"
        else
            echo "redis 127.0.0.1:$port  DOWN"; ok=1
        fi
    done
    for name in a b; do
        pidfile="$dir/server-$name.pid"
        if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
            echo "aquila server $name  running (pid $(cat "$pidfile"), $(grep -m1 -o 'https://[^ ]*' "$dir/server-$name.log" || echo '?'))"
        else
            echo "aquila server $name  DOWN"; ok=1
        fi
    done
    return $ok
}

wait_for() { # seconds, description, command...
    local seconds=$1 what=$2; shift 2
    for _ in $(seq 1 $((seconds * 10))); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 0.1
    done
    echo "timed out waiting for $what" >&2
    return 1
}

start() {
    command -v redis-server >/dev/null && command -v redis-cli >/dev/null \
        || { echo "redis-server/redis-cli missing: run deploy/install-redis.sh" >&2; exit 1; }

    # 1. Three Redis masters, durable on every write.
    nodes=()
    for i in 0 1 2; do
        port=$((redis_port + i))
        node="$dir/redis-$port"
        mkdir -p "$node"
        redis-server --port "$port" --bind 127.0.0.1 --dir "$node" --daemonize yes --pidfile "$node/redis.pid" \
            --logfile "$node/redis.log" --appendonly yes --appendfsync always --save "" \
            --cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout 5000
        nodes+=("127.0.0.1:$port")
    done
    for n in "${nodes[@]}"; do wait_for 10 "redis ${n}" redis-cli -p "${n##*:}" ping; done
    if ! redis-cli -p "$redis_port" cluster info | grep -q cluster_state:ok; then
        if [ "$(redis-cli -p "$redis_port" cluster info | awk -F: '/cluster_known_nodes/ {print $2+0}')" -le 1 ]; then
            redis-cli --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes >"$dir/cluster-create.log"
        fi
        for n in "${nodes[@]}"; do
            wait_for 20 "cluster_state:ok on $n" sh -c "redis-cli -p ${n##*:} cluster info | grep -q cluster_state:ok"
        done
    fi

    # 2. A throw-away CA and server certificate (a real deployment uses the offline CA: docs/cli-pki.md).
    if [ ! -f "$dir/ca/ca.crt.pem" ]; then
        head -c 24 /dev/urandom | base64 >"$dir/ca.pass"
        "${aquila_bin[@]}" ca init --out "$dir/ca" --passphrase-file "$dir/ca.pass" >/dev/null
        "${aquila_bin[@]}" ca server-cert --ca "$dir/ca" --out "$dir/server-tls" --dns localhost --ip 127.0.0.1 \
            --passphrase-file "$dir/ca.pass" >/dev/null
    fi

    # 3. Two instances: their own data directories, one key directory (the same K_server).
    configuration=$(IFS=,; echo "${nodes[*]}")
    # a is the coordinator (lifecycle, audit chain), b a matcher (docs/scale-out.md, "Roles").
    for name in a b; do
        port=$server_port
        role=Coordinator
        [ "$name" = b ] && port=$((server_port + 1)) && role=Matcher
        cat >"$dir/server-$name.json" <<JSON
{
  "Server": {
    "ListenAddress": "127.0.0.1",
    "Port": $port,
    "Role": "$role",
    "CertificatePath": "$dir/server-tls/PCC-operator-server.crt.pem",
    "KeyPath": "$dir/server-tls/PCC-operator-server.key.pem",
    "TrustedRootPaths": [ "$dir/ca/ca.crt.pem" ],
    "CrlPath": "$dir/ca/crl.pem",
    "DataDirectory": "$dir/data-$name",
    "KeyDirectory": "$dir/keys",
    "Matcher": { "Store": "Redis", "Redis": { "Configuration": "$configuration" } },
    "Projects": [ { "Id": "local-redis", "Parties": [ "RS", "BA", "ME" ] } ]
  }
}
JSON
        if [ -f "$dir/server-$name.pid" ] && kill -0 "$(cat "$dir/server-$name.pid")" 2>/dev/null; then
            continue
        fi
        mkdir -p "$dir/data-$name"
        start_server "$name"
        # The first instance creates K_server; the second starts after it so they never race for the key file.
        wait_for 60 "aquila server $name" grep -q "listening on" "$dir/server-$name.log" \
            || { tail -20 "$dir/server-$name.log" >&2; exit 1; }
    done
    status
    echo "CA: $dir/ca (passphrase in $dir/ca.pass); issue node certificates with: aquila ca sign --ca $dir/ca ..."
}

start_server() {
    local name=$1
    nohup "${aquila_bin[@]}" server --config "$dir/server-$name.json" >"$dir/server-$name.log" 2>&1 </dev/null &
    echo $! >"$dir/server-$name.pid"
}

case "$command" in
    start) resolve_aquila; start ;;
    status) status ;;
    stop) stop_all; echo "stopped (data kept in $dir; delete it to start afresh)" ;;
    *) echo "usage: $0 start|status|stop [--dir DIR] [--redis-port N] [--server-port N]" >&2; exit 2 ;;
esac
