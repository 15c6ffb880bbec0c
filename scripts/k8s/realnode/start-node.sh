#!/usr/bin/env bash
# start-node.sh DIR — add a real node (containerd + runc + the kubelet) to the test cluster that ../start.sh
# started in DIR. Everything of the node lives in DIR/realnode:
#   containerd/{config.toml,root,state,containerd.sock}   its own containerd, not the host's
#   cni/{net.d,ipam}                                     a bridge network (pfbr<N>, no IP on the host, no NAT)
#   kubelet/{config.yaml,root,pki,pod-logs,plugins}      the kubelet's own directories
#   pids, host-state/                                    what stop-node.sh stops and restores
# The node is `podflow-real-node`, labelled `type=real` (and `node_group=memory`, which the seed's pod-workflow selects), tainted `podflow.test/real-node=true:NoSchedule`: pods land
# there only with that toleration and nodeSelector {type: real}; kwok's pods stay on kwok-node-0.
# Images (build-images.sh) are imported: podflow.local/{pause:1,busybox:1,python:3.11}.
#
# The kubelet listens on $NODE_IP (172.30.N.1, on the pods' bridge; a loopback node IP is refused).
# Only one real node per host at a time (the kubelet owns the host's `kubepods` cgroups and some sysctls): a lock
# directory /run/podflow-realnode.lock names the DIR holding it; a second start waits for it (PODFLOW_REALNODE_LOCK_WAIT
# seconds, default 600), or takes it over when its holder is gone.
#
# `start-node.sh --check` only checks that this machine can run one (exit 0, or 3 with the reason on stdout).
# Exit codes: 0 node Ready; 3 this machine cannot run a real node (the reason is the last stderr line and in
# DIR/realnode/unsupported); 1 anything else. stdout: nothing. Always run stop-node.sh DIR afterwards, also on failure.
#
# Env: PODFLOW_REALNODE_SKIP=REASON refuses like an unfit machine (exit 3 with REASON). PODFLOW_K8S_BIN_KUBELET (dir with kubelet, pause; default: build-kubelet.sh), PODFLOW_REALNODE_IMAGES (dir of
# build-images.sh; default: build it), PODFLOW_REALNODE_KUBELET_PORT / _HEALTHZ_PORT (default: free ports).
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 DIR | --check" >&2; exit 2; }
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CHECK_ONLY=0
if [ "$1" = --check ]; then CHECK_ONLY=1; set -- "$(mktemp -d "${TMPDIR:-/tmp}/podflow-realnode-check.XXXXXX")"; fi
D=$(cd "$1" && pwd)
R="$D/realnode"
NODE=podflow-real-node
LOCK=/run/podflow-realnode.lock
T0=$(date +%s.%N)
log() { printf '[realnode-start +%s] %s\n' "$(awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1fs", b-a}')" "$*" >&2; }
unsupported() {
  printf '[realnode-start] UNSUPPORTED: %s\n' "$*" >&2
  if [ "$CHECK_ONLY" = 1 ]; then rm -rf "$D"; echo "$*"; else mkdir -p "$R"; echo "$*" >"$R/unsupported"; fi
  exit 3
}
CURRENT_LOG=""
fail() {
  printf '[realnode-start] ERROR: %s\n' "$*" >&2
  if [ -n "$CURRENT_LOG" ] && [ -f "$CURRENT_LOG" ]; then
    printf '[realnode-start] ---- last 30 lines of %s ----\n' "$CURRENT_LOG" >&2
    tail -n 30 "$CURRENT_LOG" >&2 || true
  fi
  exit 1
}

# ---------------------------------------------------------------- preflight: what this machine must offer
[ -z "${PODFLOW_REALNODE_SKIP:-}" ] || unsupported "PODFLOW_REALNODE_SKIP is set: $PODFLOW_REALNODE_SKIP"
[ "$(id -u)" = 0 ] || unsupported "a real node needs root (containerd, runc, mounts, cgroups); running as uid $(id -u)"
for t in containerd ctr runc containerd-shim-runc-v2 ip iptables-save; do
  command -v "$t" >/dev/null || unsupported "'$t' is missing (apt-get install containerd runc iproute2 iptables)"
done
[ -x /usr/lib/cni/bridge ] && [ -x /usr/lib/cni/host-local ] || unsupported "CNI plugins missing in /usr/lib/cni (apt-get install containernetworking-plugins)"
[ -d /sys/fs/cgroup/memory ] || [ -f /sys/fs/cgroup/cgroup.controllers ] || unsupported "no memory cgroup controller mounted at /sys/fs/cgroup"
grep -qw overlay /proc/filesystems || modprobe overlay 2>/dev/null || unsupported "the kernel has no overlay filesystem (containerd's snapshotter)"
if [ "$CHECK_ONLY" = 1 ]; then rm -rf "$D"; log "this machine can run a real node"; exit 0; fi
[ -f "$D/kubeconfig" ] || fail "no $D/kubeconfig: start the control plane first (scripts/k8s/start.sh $D)"

# ---------------------------------------------------------------- the host lock
WAIT=${PODFLOW_REALNODE_LOCK_WAIT:-600}
deadline=$(( $(date +%s) + WAIT ))
while ! mkdir "$LOCK" 2>/dev/null; do
  holder=$(cat "$LOCK/dir" 2>/dev/null || true)
  live=0
  if [ -n "$holder" ] && [ -f "$holder/realnode/pids" ]; then
    while read -r _ pid _; do kill -0 "$pid" 2>/dev/null && live=1; done <"$holder/realnode/pids"
  fi
  if [ "$live" = 0 ] && [ -n "$holder" ] && [ -f "$holder/realnode/pids" -o ! -d "$holder" ]; then
    log "taking over the real-node lock from $holder (nothing of it runs)"
    rm -rf "$LOCK"; continue
  fi
  [ "$(date +%s)" -lt "$deadline" ] || fail "another real node (of $holder) holds $LOCK after ${WAIT}s"
  sleep 1
done
echo "$D" >"$LOCK/dir"

rm -rf "$R"
mkdir -p "$R"/{containerd,cni/net.d,cni/ipam,kubelet/root,kubelet/pki,kubelet/pod-logs,kubelet/plugins,kubelet/plugins-registry,host-state,logs}
: >"$R/pids"

# ---------------------------------------------------------------- record the host state stop-node.sh restores
SYSCTLS="vm.overcommit_memory vm.panic_on_oom kernel.panic kernel.panic_on_oops kernel.keys.root_maxkeys kernel.keys.root_maxbytes"
for s in $SYSCTLS; do echo "$s=$(sysctl -n "$s" 2>/dev/null || echo '?')"; done >"$R/host-state/sysctls"
for dir in /var/lib/kubelet /var/log/containers /var/log/pods /usr/libexec/kubernetes /run/netns /var/run/netns /etc/kubernetes /opt/cni /etc/cni /var/lib/cni /run/containerd /var/lib/containerd; do
  [ -e "$dir" ] && echo "$dir"
done >"$R/host-state/existing-paths"
iptables-save 2>/dev/null | awk '/^:/{print $1}' | sort -u >"$R/host-state/iptables-chains" || true
{ [ -d /sys/fs/cgroup/memory/kubepods ] || [ -d /sys/fs/cgroup/kubepods ]; } && echo kubepods >"$R/host-state/cgroups" || : >"$R/host-state/cgroups"
ip -o link show | awk -F': ' '{print $2}' | cut -d@ -f1 | sort >"$R/host-state/links"

# ---------------------------------------------------------------- binaries and images
if [ -n "${PODFLOW_K8S_BIN_KUBELET:-}" ]; then KBIN=$PODFLOW_K8S_BIN_KUBELET; else
  KBIN=$("$HERE/build-kubelet.sh" | tail -n 1) || fail "build-kubelet.sh failed"
fi
[ -x "$KBIN/kubelet" ] && [ -x "$KBIN/pause" ] || fail "no kubelet/pause in $KBIN"
if [ -n "${PODFLOW_REALNODE_IMAGES:-}" ]; then IMAGES=$PODFLOW_REALNODE_IMAGES; else
  IMAGES=$("$HERE/build-images.sh" "$KBIN/pause" | tail -n 1) || fail "build-images.sh failed"
fi
[ -f "$IMAGES/images.txt" ] || fail "no $IMAGES/images.txt"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
KUBELET_PORT=${PODFLOW_REALNODE_KUBELET_PORT:-$(free_port)}
HEALTHZ_PORT=${PODFLOW_REALNODE_HEALTHZ_PORT:-$(free_port)}
# A bridge and subnet of its own (another host's runs must not collide with a leftover one).
N=$(( $$ % 200 + 20 ))
BRIDGE=pfbr$N
SUBNET=172.30.$N
NODE_IP=$SUBNET.1
echo "$BRIDGE" >"$R/host-state/bridge"

# start NAME CMD... — daemon in the background, log in $R/logs/NAME.log, pid recorded.
start() {
  local name=$1; shift
  CURRENT_LOG="$R/logs/$name.log"
  "$@" </dev/null >"$CURRENT_LOG" 2>&1 &
  echo "$name $! $1" >>"$R/pids"
  LAST_PID=$!
  log "started $name (pid $LAST_PID, log $CURRENT_LOG)"
}
wait_for() { # wait_for NAME PID TIMEOUT CMD...
  local name=$1 pid=$2 timeout=$3; shift 3
  local deadline=$(( $(date +%s) + timeout ))
  until "$@" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || fail "$name (pid $pid) exited during startup"
    [ "$(date +%s)" -lt "$deadline" ] || fail "$name not ready after ${timeout}s"
    sleep 0.2
  done
  log "$name ready"
}

# ---------------------------------------------------------------- containerd
SOCK="$R/containerd/containerd.sock"
cat >"$R/containerd/config.toml" <<EOF
version = 2
root = "$R/containerd/root"
state = "$R/containerd/state"
# Plugins that would touch the host (/opt/containerd) or cannot work here.
disabled_plugins = ["io.containerd.internal.v1.opt", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs",
  "io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.tracing.processor.v1.otlp"]
[grpc]
  address = "$SOCK"
[ttrpc]
  address = "$SOCK.ttrpc"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "podflow.local/pause:1"
  # The VM lacks CAP_SYS_RESOURCE: without this runc fails ("can't get final child's PID from pipe: EOF").
  restrict_oom_score_adj = true
  # Pod network namespaces under the state dir, not /run/netns.
  netns_mounts_under_state_dir = true
  enable_cdi = false
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$R/cni/net.d"
    max_conf_num = 1
EOF
cat >"$R/cni/net.d/10-podflow.conflist" <<EOF
{"cniVersion": "0.4.0", "name": "podflow",
 "plugins": [{"type": "bridge", "bridge": "$BRIDGE", "isGateway": false, "ipMasq": false, "hairpinMode": false,
   "ipam": {"type": "host-local", "ranges": [[{"subnet": "$SUBNET.0/24", "rangeStart": "$SUBNET.10"}]], "dataDir": "$R/cni/ipam"}}]}
EOF
# The node's IP: the kubelet refuses a loopback node IP, and the API server reaches the kubelet (logs) at the node's
# IP. The bridge of the pods gets $NODE_IP: host-local, no route out, not reachable from outside this machine.
CURRENT_LOG="$R/logs/setup.log"
{ ip link add "$BRIDGE" type bridge && ip addr add "$NODE_IP/24" dev "$BRIDGE" && ip link set "$BRIDGE" up; } >>"$CURRENT_LOG" 2>&1 ||
  fail "could not create the bridge $BRIDGE with $NODE_IP"
start containerd containerd --config "$R/containerd/config.toml"
CTR=(ctr --address "$SOCK" --namespace k8s.io)
wait_for containerd "$LAST_PID" 30 "${CTR[@]}" version

while read -r ref file; do
  CURRENT_LOG="$R/logs/images.log"
  "${CTR[@]}" images import --no-unpack "$IMAGES/$file" >>"$CURRENT_LOG" 2>&1 || fail "ctr images import $file failed"
  # (not `ctr … | grep -q`: with pipefail, grep's early exit fails ctr with SIGPIPE)
  listed=$("${CTR[@]}" images ls -q) || fail "ctr images ls failed"
  grep -qx "$ref" <<<"$listed" || fail "image $ref missing after the import of $file"
done <"$IMAGES/images.txt"
log "imported $(wc -l <"$IMAGES/images.txt") images from $IMAGES"

# ---------------------------------------------------------------- kubelet
# Why each option (cgroup v1 host, no systemd, no kubelet client certificates in the test API server):
#   cgroupDriver cgroupfs + failCgroupV1 false  this host is cgroup v1 (hybrid); kubelet >= 1.35 refuses v1 unless told;
#                                               cgroupfs matches containerd's runc (SystemdCgroup = false; no systemd)
#   failSwapOn false                            do not refuse a host with swap
#   authentication anonymous + AlwaysAllow      the API server reaches the kubelet (logs) without a client cert
#   address/port + --node-ip                    the bridge's IP (a loopback node IP is refused) and ports of its own;
#                                               healthz on loopback
#   podLogsDir, rootDir, certDir, volumePluginDir  under DIR, not /var/log/pods, /var/lib/kubelet, /usr/libexec
#   makeIPTablesUtilChains false                no KUBE-* iptables chains on the host
#   imageGC 100/99, eviction thresholds tiny    never delete the imported images (they cannot be pulled), never
#                                               evict test pods on a busy shared disk
#   registerWithTaints + --node-labels          only pods that ask land here
#   protectKernelDefaults false                 the kubelet sets vm.overcommit_memory, kernel.panic*; stop-node.sh
#                                               restores them from host-state/sysctls
#   serializeImagePulls false, resolvConf       nothing is pulled; the host's resolv.conf
cat >"$R/kubelet/config.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
cgroupDriver: cgroupfs
failCgroupV1: false
failSwapOn: false
containerRuntimeEndpoint: unix://$SOCK
imageServiceEndpoint: unix://$SOCK
authentication:
  anonymous: {enabled: true}
  webhook: {enabled: false}
authorization: {mode: AlwaysAllow}
address: $NODE_IP
port: $KUBELET_PORT
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: $HEALTHZ_PORT
podLogsDir: $R/kubelet/pod-logs
volumePluginDir: $R/kubelet/plugins
makeIPTablesUtilChains: false
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard: {memory.available: "1Mi", nodefs.available: "1%", nodefs.inodesFree: "1%", imagefs.available: "1%"}
protectKernelDefaults: false
serializeImagePulls: false
resolvConf: /etc/resolv.conf
registerNode: true
registerWithTaints:
- {key: podflow.test/real-node, value: "true", effect: NoSchedule}
nodeStatusReportFrequency: 10s
nodeStatusUpdateFrequency: 2s
syncFrequency: 5s
EOF
start kubelet "$KBIN/kubelet" --config="$R/kubelet/config.yaml" --kubeconfig="$D/kubeconfig" \
  --root-dir="$R/kubelet/root" --cert-dir="$R/kubelet/pki" \
  --hostname-override="$NODE" --node-ip="$NODE_IP" --node-labels=type=real,podflow.test/node=real,node_group=memory --v=2
KUBELET_PID=$LAST_PID
echo "$KUBELET_PORT" >"$R/kubelet-port"
export KUBECONFIG="$D/kubeconfig"
P="$D/pki"
API=$(awk '/server:/{print $2; exit}' "$D/kubeconfig")
node_ready() {
  curl -fsS --cacert "$P/ca.crt" --cert "$P/admin.crt" --key "$P/admin.key" "$API/api/v1/nodes/$NODE" |
    jq -e '.status.conditions[]? | select(.type=="Ready" and .status=="True")'
}
wait_for "node $NODE" "$KUBELET_PID" 120 node_ready
log "real node $NODE Ready (kubelet $NODE_IP:$KUBELET_PORT, containerd $SOCK, bridge $BRIDGE)"
