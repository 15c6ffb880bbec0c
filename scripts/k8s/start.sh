#!/usr/bin/env bash
# start.sh DIR — start a real control plane for tests: etcd -> kube-apiserver -> kube-scheduler -> kwok,
# with one fake node (kwok-node-0). Everything lives in DIR:
#   DIR/kubeconfig   admin kubeconfig (client cert, O=system:masters)
#   DIR/pki/         CA, apiserver serving cert, admin client cert, SA keys (openssl)
#   DIR/pids         "name pid binary" per process started (stop.sh kills exactly these)
#   DIR/logs/        etcd.log kube-apiserver.log kube-scheduler.log kwok.log
#   DIR/kwok.yaml    kwok stages (scripts/k8s/kwok-stages.yaml) + ClusterLogs
#   DIR/fake-container.log  CRI-format log served for every container (GET pods/{name}/log)
# stdout: only the final line `export KUBECONFIG=DIR/kubeconfig`; progress goes to stderr.
#
# Env (all optional):
#   PODFLOW_K8S_BIN              dir with kube-apiserver, kube-scheduler, etcd, kwok (default: output of build.sh)
#   PODFLOW_K8S_ETCD_PORT        2379     PODFLOW_K8S_ETCD_PEER_PORT 2380
#   PODFLOW_K8S_APISERVER_PORT   6443     PODFLOW_K8S_SCHEDULER_PORT 10259
#   PODFLOW_K8S_KWOK_PORT        10250    (fake kubelet endpoint, serves pods/log)
#   PODFLOW_K8S_NODE_NAME        kwok-node-0
#   PODFLOW_K8S_READY_TIMEOUT    120      (seconds to wait for kube-apiserver /readyz)
#   PODFLOW_K8S_KEEP_ON_FAILURE  0        (1: leave started processes running when start fails)
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mkdir -p "$1"
D=$(cd "$1" && pwd)
P="$D/pki"
L="$D/logs"
PIDS="$D/pids"

ETCD_PORT=${PODFLOW_K8S_ETCD_PORT:-2379}
ETCD_PEER_PORT=${PODFLOW_K8S_ETCD_PEER_PORT:-2380}
API_PORT=${PODFLOW_K8S_APISERVER_PORT:-6443}
SCHED_PORT=${PODFLOW_K8S_SCHEDULER_PORT:-10259}
KWOK_PORT=${PODFLOW_K8S_KWOK_PORT:-10250}
NODE_NAME=${PODFLOW_K8S_NODE_NAME:-kwok-node-0}
READY_TIMEOUT=${PODFLOW_K8S_READY_TIMEOUT:-120}
API="https://127.0.0.1:$API_PORT"

T0=$(date +%s.%N)
since() { awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1fs", b-a}'; }
log() { printf '[k8s-start +%s] %s\n' "$(since)" "$*" >&2; }

CURRENT_LOG=""
fail() {
  printf '[k8s-start] ERROR: %s\n' "$*" >&2
  if [ -n "$CURRENT_LOG" ] && [ -f "$CURRENT_LOG" ]; then
    printf '[k8s-start] ---- last 40 lines of %s ----\n' "$CURRENT_LOG" >&2
    tail -n 40 "$CURRENT_LOG" >&2 || true
    printf '[k8s-start] ----\n' >&2
  fi
  if [ "${PODFLOW_K8S_KEEP_ON_FAILURE:-0}" != 1 ] && [ -f "$PIDS" ]; then
    log "stopping the processes started so far"
    "$HERE/stop.sh" "$D" >&2 || true
  fi
  exit 1
}

for tool in openssl curl jq; do command -v "$tool" >/dev/null || fail "'$tool' not found in PATH"; done

# Refuse to start over a live cluster in the same DIR.
if [ -f "$PIDS" ]; then
  while read -r name pid _; do
    if [ -n "${pid:-}" ] && kill -0 "$pid" 2>/dev/null && [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ]; then
      echo "[k8s-start] ERROR: $name (pid $pid) from a previous start is still running in $D; run $HERE/stop.sh $D first" >&2
      exit 1
    fi
  done <"$PIDS"
  rm -f "$PIDS"
fi

# ---------------------------------------------------------------- binaries
if [ -n "${PODFLOW_K8S_BIN:-}" ]; then
  BIN=$PODFLOW_K8S_BIN
else
  BIN=$("$HERE/build.sh" | tail -n 1) || fail "build.sh failed (see its output above)"
fi
for b in etcd kube-apiserver kube-scheduler kwok; do
  [ -x "$BIN/$b" ] || fail "missing binary $BIN/$b (run scripts/k8s/build.sh)"
done

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in "$ETCD_PORT" "$ETCD_PEER_PORT" "$API_PORT" "$SCHED_PORT" "$KWOK_PORT"; do
  port_busy "$p" && fail "port 127.0.0.1:$p is already in use (set PODFLOW_K8S_*_PORT to pick other ports)"
done

rm -rf "$D/etcd" "$P" "$L" "$D/kwok-home"
mkdir -p "$P" "$L" "$D/kwok-home"
: >"$PIDS"

# ---------------------------------------------------------------- PKI (openssl) + kubeconfig
log "generating PKI in $P"
(
  set -e
  cd "$P"
  exec >"$L/pki.log" 2>&1
  openssl genrsa -out ca.key 2048
  openssl req -new -key ca.key -subj "/CN=podflow-test-ca" -out ca.csr
  printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign,digitalSignature\nsubjectKeyIdentifier=hash\n' >ca.ext
  openssl x509 -req -in ca.csr -signkey ca.key -days 3650 -extfile ca.ext -out ca.crt
  openssl genrsa -out apiserver.key 2048
  openssl req -new -key apiserver.key -subj "/CN=kube-apiserver" -out apiserver.csr
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,IP:10.0.0.1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n' >apiserver.ext
  openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -extfile apiserver.ext -out apiserver.crt
  openssl genrsa -out admin.key 2048
  openssl req -new -key admin.key -subj "/O=system:masters/CN=admin" -out admin.csr
  printf 'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n' >admin.ext
  openssl x509 -req -in admin.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -extfile admin.ext -out admin.crt
  openssl genrsa -out sa.key 2048
  openssl rsa -in sa.key -pubout -out sa.pub
  echo 'podflow-test-admin-token,admin,admin-uid,"system:masters"' >tokens.csv
) || { CURRENT_LOG="$L/pki.log"; fail "PKI generation failed"; }

cat >"$D/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: podflow-test
  cluster:
    server: $API
    certificate-authority: $P/ca.crt
users:
- name: admin
  user:
    client-certificate: $P/admin.crt
    client-key: $P/admin.key
contexts:
- name: podflow-test
  context: {cluster: podflow-test, user: admin, namespace: default}
current-context: podflow-test
EOF

kcurl() { curl -sS --cacert "$P/ca.crt" --cert "$P/admin.crt" --key "$P/admin.key" "$@"; }

# start NAME BINARY ARGS... — start a daemon in the background, log to $L/NAME.log, record its pid.
start() {
  local name=$1 exe=$2; shift 2
  CURRENT_LOG="$L/$name.log"
  "$exe" "$@" </dev/null >"$CURRENT_LOG" 2>&1 &
  local pid=$!
  echo "$name $pid $exe" >>"$PIDS"
  log "started $name (pid $pid, log $CURRENT_LOG)"
  LAST_PID=$pid
}

# wait_for NAME PID TIMEOUT CMD... — poll CMD every 0.2 s until it succeeds; fail if PID dies.
wait_for() {
  local name=$1 pid=$2 timeout=$3; shift 3
  local deadline=$(( $(date +%s) + timeout ))
  until "$@" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null || [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" = Z ]; then
      fail "$name (pid $pid) exited during startup"
    fi
    [ "$(date +%s)" -lt "$deadline" ] || fail "$name not ready after ${timeout}s"
    sleep 0.2
  done
  log "$name ready"
}

# ---------------------------------------------------------------- etcd
start etcd "$BIN/etcd" \
  --name=node0 --data-dir="$D/etcd" \
  --listen-client-urls="http://127.0.0.1:$ETCD_PORT" --advertise-client-urls="http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster="node0=http://127.0.0.1:$ETCD_PEER_PORT" \
  --unsafe-no-fsync --quota-backend-bytes=2147483648
ETCD_PID=$LAST_PID
etcd_healthy() { curl -fsS "http://127.0.0.1:$ETCD_PORT/health" | grep -q '"health":"true"'; }
wait_for etcd "$ETCD_PID" 30 etcd_healthy

# ---------------------------------------------------------------- kube-apiserver
start kube-apiserver "$BIN/kube-apiserver" \
  --etcd-servers="http://127.0.0.1:$ETCD_PORT" --etcd-prefix=/registry \
  --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$API_PORT" \
  --cert-dir="$P" --tls-cert-file="$P/apiserver.crt" --tls-private-key-file="$P/apiserver.key" \
  --client-ca-file="$P/ca.crt" --token-auth-file="$P/tokens.csv" \
  --authorization-mode=RBAC \
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \
  --service-account-key-file="$P/sa.pub" --service-account-signing-key-file="$P/sa.key" \
  --service-cluster-ip-range=10.0.0.0/24 --allow-privileged=true \
  --disable-admission-plugins=ServiceAccount,TaintNodesByCondition \
  --kubelet-preferred-address-types=InternalIP \
  --profiling=false --v=1
API_PID=$LAST_PID
api_ready() { [ "$(kcurl -o /dev/null -w '%{http_code}' "$API/readyz")" = 200 ]; }
wait_for kube-apiserver "$API_PID" "$READY_TIMEOUT" api_ready

# Logs CRD, so tests can give a pod its own log file with a kwok.x-k8s.io/v1alpha1 Logs object.
CURRENT_LOG="$L/setup.log"
sed '1,/^---$/d' "$HERE/crds/kwok.x-k8s.io_logs.yaml" |
  kcurl -f -X POST -H 'Content-Type: application/yaml' --data-binary @- \
    "$API/apis/apiextensions.k8s.io/v1/customresourcedefinitions" >>"$CURRENT_LOG" 2>&1 ||
  fail "creating the kwok Logs CRD failed"
crd_established() {
  kcurl -f "$API/apis/apiextensions.k8s.io/v1/customresourcedefinitions/logs.kwok.x-k8s.io" |
    jq -e '.status.conditions[]? | select(.type=="Established" and .status=="True")'
}
wait_for "Logs CRD" "$API_PID" 30 crd_established

# ---------------------------------------------------------------- kube-scheduler
start kube-scheduler "$BIN/kube-scheduler" \
  --kubeconfig="$D/kubeconfig" \
  --authentication-kubeconfig="$D/kubeconfig" --authorization-kubeconfig="$D/kubeconfig" \
  --leader-elect=false --bind-address=127.0.0.1 --secure-port="$SCHED_PORT" --v=1
SCHED_PID=$LAST_PID
sched_healthy() { curl -fsSk "https://127.0.0.1:$SCHED_PORT/healthz"; }
wait_for kube-scheduler "$SCHED_PID" 60 sched_healthy

# ---------------------------------------------------------------- kwok
# CRI-format lines, served for every container unless a Logs object names the pod.
NOW=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)
{
  echo "$NOW stdout F podflow fake container log line 1"
  echo "$NOW stdout F podflow fake container log line 2"
} >"$D/fake-container.log"
{
  cat "$HERE/kwok-stages.yaml"
  cat <<EOF
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterLogs
metadata:
  name: podflow-default-logs
spec:
  selector: {}
  logs:
  - logsFile: $D/fake-container.log
    follow: false
EOF
} >"$D/kwok.yaml"

# HOME is isolated so that a stray ~/.kwok/kwok.yaml cannot add stages.
HOME="$D/kwok-home" start kwok "$BIN/kwok" \
  --kubeconfig="$D/kubeconfig" --config="$D/kwok.yaml" --enable-crds=Logs \
  --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
  --node-ip=127.0.0.1 --node-port="$KWOK_PORT" --server-address="127.0.0.1:$KWOK_PORT" \
  --tls-cert-file="$P/apiserver.crt" --tls-private-key-file="$P/apiserver.key"
KWOK_PID=$LAST_PID
kwok_healthy() { curl -fsSk "https://127.0.0.1:$KWOK_PORT/healthz"; }
wait_for kwok "$KWOK_PID" 60 kwok_healthy

# ---------------------------------------------------------------- fake node
CURRENT_LOG="$L/setup.log"
NODE_JSON=$(jq -n --arg n "$NODE_NAME" '{
  apiVersion: "v1", kind: "Node",
  metadata: {
    name: $n,
    annotations: {"node.alpha.kubernetes.io/ttl": "0", "kwok.x-k8s.io/node": "fake"},
    labels: {"kubernetes.io/hostname": $n, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64", "type": "kwok"}
  }
}')
kcurl -f -X POST -H 'Content-Type: application/json' --data-binary "$NODE_JSON" "$API/api/v1/nodes" \
  >>"$CURRENT_LOG" 2>&1 || fail "creating node $NODE_NAME failed"
CURRENT_LOG="$L/kwok.log"
node_ready() {
  kcurl -f "$API/api/v1/nodes/$NODE_NAME" |
    jq -e '.status.conditions[]? | select(.type=="Ready" and .status=="True")'
}
wait_for "node $NODE_NAME" "$KWOK_PID" 60 node_ready

log "cluster up in $D (apiserver $API, node $NODE_NAME Ready)"
echo "export KUBECONFIG=$D/kubeconfig"
