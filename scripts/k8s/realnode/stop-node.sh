#!/usr/bin/env bash
# stop-node.sh DIR — stop the real node of DIR (start-node.sh) and undo what it changed on the host:
#   1. the kubelet (pid from DIR/realnode/pids), SIGTERM then SIGKILL after 15 s;
#   2. every container and sandbox of its containerd (ctr: kill, delete), then containerd itself, then any
#      containerd-shim still serving DIR's containerd socket;
#   3. every mount under DIR/realnode (the kubelet's self bind-mount of its root dir, emptyDir tmpfs, overlay rootfs,
#      network namespaces), innermost first;
#   4. the `kubepods` cgroups the kubelet created (when there were none before), the CNI bridge, new iptables chains,
#      the sysctls it set (from host-state/sysctls), host directories that did not exist before the start;
#   5. the host lock /run/podflow-realnode.lock, when DIR holds it.
# Exits non-zero when something could not be undone (each such thing is named on stderr). Safe to run twice.
set -uo pipefail

[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
D=$(cd "$1" 2>/dev/null && pwd) || { echo "[realnode-stop] no directory $1" >&2; exit 0; }
R="$D/realnode"
LOCK=/run/podflow-realnode.lock
log() { printf '[realnode-stop] %s\n' "$*" >&2; }
rc=0
problem() { log "PROBLEM: $*"; rc=1; }
[ -d "$R" ] || { log "no $R; nothing to stop"; exit 0; }
SOCK="$R/containerd/containerd.sock"

alive() { [ -d "/proc/$1" ] && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]; }
# stop_pid NAME PID EXE — SIGTERM, 15 s, SIGKILL; only while /proc/PID still runs EXE (no PID reuse accidents).
stop_pid() {
  local name=$1 pid=$2 exe=$3
  runs() { alive "$pid" && [ "$(tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | head -n 1)" = "$exe" ]; }
  runs || return 0
  kill -TERM "$pid" 2>/dev/null
  local i; for i in $(seq 150); do runs || break; sleep 0.1; done
  if runs; then log "$name (pid $pid) ignored SIGTERM; SIGKILL"; kill -KILL "$pid" 2>/dev/null; sleep 0.5; fi
  runs && problem "$name (pid $pid) is still running" || log "stopped $name (pid $pid)"
}
pid_of() { awk -v n="$1" '$1==n{print $2; exit}' "$R/pids" 2>/dev/null; }
exe_of() { awk -v n="$1" '$1==n{print $3; exit}' "$R/pids" 2>/dev/null; }

# 1. kubelet
[ -n "$(pid_of kubelet)" ] && stop_pid kubelet "$(pid_of kubelet)" "$(exe_of kubelet)"

# 2. containers, containerd, shims
CPID=$(pid_of containerd)
if [ -n "$CPID" ] && alive "$CPID"; then
  CTR=(ctr --address "$SOCK" --namespace k8s.io)
  for t in $("${CTR[@]}" tasks ls -q 2>/dev/null); do "${CTR[@]}" tasks kill -s SIGKILL "$t" >/dev/null 2>&1; done
  for t in $("${CTR[@]}" tasks ls -q 2>/dev/null); do
    for _ in $(seq 50); do "${CTR[@]}" tasks delete "$t" >/dev/null 2>&1 && break; sleep 0.1; done
  done
  for c in $("${CTR[@]}" containers ls -q 2>/dev/null); do "${CTR[@]}" containers rm "$c" >/dev/null 2>&1; done
  stop_pid containerd "$CPID" "$(exe_of containerd)"
fi
# Shims serving this node's socket (they outlive containerd by design).
for p in /proc/[0-9]*; do
  pid=${p#/proc/}
  cmd=$( { tr '\0' ' ' <"$p/cmdline"; } 2>/dev/null) || continue
  case "$cmd" in
    *containerd-shim*"-address $SOCK "*|*containerd-shim*"-address $SOCK") kill -KILL "$pid" 2>/dev/null && log "killed shim pid $pid" ;;
  esac
done
# Processes still inside this node's pod cgroups (a container that escaped its shim).
sleep 0.3

# 3. mounts under DIR/realnode, deepest first (lazy: a busy one goes when its last user does)
for _ in 1 2 3; do
  mapfile -t MOUNTS < <(awk -v r="$R" 'index($5, r)==1 {print $5}' /proc/self/mountinfo | sort -r)
  [ "${#MOUNTS[@]}" -eq 0 ] && break
  for m in "${MOUNTS[@]}"; do umount -l "$m" 2>/dev/null || umount -l "$(printf '%b' "$m")" 2>/dev/null; done
done
left=$(awk -v r="$R" 'index($5, r)==1' /proc/self/mountinfo | wc -l)
[ "$left" -eq 0 ] || problem "$left mounts under $R are left"

# 4. cgroups (v1 controllers and the unified mount): kubepods, when it did not exist before
if ! grep -qx kubepods "$R/host-state/cgroups" 2>/dev/null; then
  for c in /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/kubepods; do
    [ -d "$c" ] || continue
    for _ in $(seq 30); do
      find "$c" -depth -type d -exec rmdir {} \; 2>/dev/null
      [ -d "$c" ] || break
      sleep 0.2
    done
    [ -d "$c" ] && problem "cgroup $c is left (processes: $(cat "$c"/cgroup.procs "$c"/*/cgroup.procs 2>/dev/null | head -c 200 | tr '\n' ' '))"
  done
fi
#    the CNI bridge
BRIDGE=$(cat "$R/host-state/bridge" 2>/dev/null || true)
if [ -n "$BRIDGE" ] && ip link show "$BRIDGE" >/dev/null 2>&1; then
  for v in $(ip -o link show master "$BRIDGE" 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1); do ip link del "$v" 2>/dev/null; done
  ip link del "$BRIDGE" || problem "could not delete the bridge $BRIDGE"
fi
#    iptables chains that appeared
if [ -f "$R/host-state/iptables-chains" ] && command -v iptables-save >/dev/null; then
  for table in filter nat mangle; do
    for chain in $(iptables-save -t "$table" 2>/dev/null | awk '/^:/{print $1}' | sort -u | comm -13 "$R/host-state/iptables-chains" -); do
      chain=${chain#:}
      case "$chain" in INPUT|OUTPUT|FORWARD|PREROUTING|POSTROUTING) continue ;; esac # a table's own chains
      iptables-save -t "$table" | grep -E -- "^-A [^ ]+ .*-j $chain( |$)" | sed 's/^-A /-D /' | while read -r rule; do
        eval "iptables -t $table $rule" 2>/dev/null
      done
      iptables -t "$table" -F "$chain" 2>/dev/null; iptables -t "$table" -X "$chain" 2>/dev/null && log "removed iptables chain $table/$chain" ||
        problem "could not remove iptables chain $table/$chain"
    done
  done
fi
#    sysctls
if [ -f "$R/host-state/sysctls" ]; then
  while IFS='=' read -r key value; do
    [ "$value" = '?' ] && continue
    [ "$(sysctl -n "$key" 2>/dev/null)" = "$value" ] && continue
    sysctl -qw "$key=$value" >/dev/null 2>&1 && log "restored $key=$value" || problem "could not restore $key=$value"
  done <"$R/host-state/sysctls"
fi
#    host paths that the kubelet or containerd created
if [ -f "$R/host-state/existing-paths" ]; then
  for p in /var/lib/kubelet /var/log/containers /var/log/pods /usr/libexec/kubernetes /run/netns /var/run/netns /etc/kubernetes /opt/cni /etc/cni /var/lib/cni /run/containerd /var/lib/containerd; do
    grep -qx "$p" "$R/host-state/existing-paths" && continue
    [ -L "$p" ] && continue # /var/run -> /run
    if [ -e "$p" ]; then
      if [ -n "$(awk -v r="$p" 'index($5, r)==1' /proc/self/mountinfo)" ]; then problem "$p has mounts; left in place"; continue; fi
      rm -rf "$p" && log "removed $p (created by the node)"
    fi
  done
fi

# 5. the lock
[ "$(cat "$LOCK/dir" 2>/dev/null)" = "$D" ] && rm -rf "$LOCK"
[ "$rc" -eq 0 ] && rm -f "$R/pids"
exit "$rc"
