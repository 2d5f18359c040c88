# Two app nodes on one PostgreSQL behind a real load balancer (Debian's HAProxy: round
# robin, health checks on /healthz, a request whose node is gone sent to the other), for
# `./scripts/cluster` and the cluster stage of `./scripts/test`. Sourced after common.sh,
# with the stand-ins' settings (services.sh) exported.
#
#   cluster_start DIR LB_PORT BINARY   starts node a, then (once a is ready: it migrates and
#                                      seeds) node b, then HAProxy on LB_PORT; exports
#                                      CLUSTER_NODE_{A,B}_{URL,PID}
#   cluster_stop                       stops what is still running

cluster_pids=()

cluster_node() {
  local dir=$1 name=$2 binary=$3 port
  port=$(free_port)
  # The nodes sit behind HAProxy on loopback, which appends the client to X-Forwarded-For.
  LEPTOS_SITE_ADDR="127.0.0.1:$port" STAFETT_TRUSTED_PROXIES=127.0.0.1 \
    "$binary" >"$dir/node-$name.log" 2>&1 &
  local pid=$!
  cluster_pids+=("$pid")
  if ! wait_for_http "http://127.0.0.1:$port/healthz" 120 "$pid"; then
    tail -n 40 "$dir/node-$name.log" >&2
    die "node $name did not become ready"
  fi
  printf -v "CLUSTER_NODE_${name^^}_URL" 'http://127.0.0.1:%s' "$port"
  printf -v "CLUSTER_NODE_${name^^}_PID" '%s' "$pid"
  export "CLUSTER_NODE_${name^^}_URL" "CLUSTER_NODE_${name^^}_PID"
}

cluster_start() {
  local dir=$1 lb_port=$2 binary=$3
  mkdir -p "$dir"
  cluster_node "$dir" a "$binary"
  cluster_node "$dir" b "$binary"
  cat >"$dir/haproxy.cfg" <<CFG
global
  log stderr format short local0 notice

defaults
  mode http
  log global
  option httplog
  timeout connect 1s
  timeout client 60s
  timeout server 60s
  # A request that cannot reach its node (refused: the node is gone) goes to the other.
  retries 2
  option redispatch 1
  retry-on conn-failure empty-response

frontend stafett
  bind 127.0.0.1:$lb_port
  option forwardfor
  default_backend nodes

backend nodes
  balance roundrobin
  option httpchk GET /healthz
  http-check expect status 200
  default-server inter 500ms fall 2 rise 2
  server a ${CLUSTER_NODE_A_URL#http://} check
  server b ${CLUSTER_NODE_B_URL#http://} check
CFG
  haproxy -f "$dir/haproxy.cfg" -db >"$dir/haproxy.log" 2>&1 &
  cluster_pids+=($!)
  if ! wait_for_http "http://127.0.0.1:$lb_port/healthz" 30 "$!"; then
    cat "$dir/haproxy.log" >&2
    die "HAProxy did not start"
  fi
}

cluster_stop() {
  local pid
  for pid in "${cluster_pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${cluster_pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  cluster_pids=()
}
