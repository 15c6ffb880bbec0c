#!/usr/bin/env bash
# restart-apiserver.sh DIR [DOWN_SECONDS] — stop the kube-apiserver that start.sh started in DIR (its pid is in
# DIR/pids), keep it down for DOWN_SECONDS (default 0), start it again with exactly the same command line, record the
# new pid in DIR/pids (so stop.sh still stops it), and wait until /readyz answers. etcd, kube-scheduler and kwok keep
# running and reconnect by themselves. For tests of clients that must survive an API server restart.
# stdout: nothing; progress on stderr.
set -euo pipefail

[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: $0 DIR [DOWN_SECONDS]" >&2; exit 2; }
D=$(cd "$1" && pwd)
DOWN=${2:-0}
PIDS="$D/pids"
P="$D/pki"
# With kube-scheduler and kwok still watching, a SIGTERMed kube-apiserver stops listening at once but may not exit
# for a long while; after this many seconds it gets SIGKILL.
TIMEOUT=${PODFLOW_K8S_RESTART_STOP_TIMEOUT:-5}
READY_TIMEOUT=${PODFLOW_K8S_READY_TIMEOUT:-120}
log() { printf '[k8s-restart-apiserver] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[ -f "$PIDS" ] || die "no $PIDS (was the cluster started with start.sh $D?)"
read -r _ PID EXE < <(grep '^kube-apiserver ' "$PIDS" | tail -n 1) || die "no kube-apiserver in $PIDS"
[ -d "/proc/$PID" ] || die "kube-apiserver (pid $PID) is not running"
[ "$(tr '\0' '\n' <"/proc/$PID/cmdline" | head -n 1)" = "$EXE" ] || die "pid $PID is not $EXE"
mapfile -d '' ARGV <"/proc/$PID/cmdline"
PORT=$(printf '%s\n' "${ARGV[@]}" | sed -n 's/^--secure-port=//p' | tail -n 1)
[ -n "$PORT" ] || die "cannot find --secure-port in the command line of pid $PID"

log "stopping kube-apiserver (pid $PID)"
kill -TERM "$PID"
deadline=$(( $(date +%s) + TIMEOUT ))
while [ -d "/proc/$PID" ] && [ "$(awk '{print $3}' "/proc/$PID/stat" 2>/dev/null)" != Z ] && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.1; done
if [ -d "/proc/$PID" ] && [ "$(awk '{print $3}' "/proc/$PID/stat" 2>/dev/null)" != Z ]; then
  log "no exit after ${TIMEOUT}s; SIGKILL"
  kill -KILL "$PID" 2>/dev/null || true
  for _ in $(seq 50); do [ -d "/proc/$PID" ] || break; sleep 0.1; done
fi
# The port must be free before the new process binds it.
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null || break; sleep 0.1; done
[ "$DOWN" = 0 ] || { log "down for ${DOWN}s"; sleep "$DOWN"; }

# Same command line; its own session, so that it outlives whoever called this script (stop.sh stops it).
setsid "${ARGV[@]}" </dev/null >>"$D/logs/kube-apiserver.log" 2>&1 &
NEW=$!
awk -v pid="$NEW" '$1 == "kube-apiserver" { $2 = pid } { print }' "$PIDS" >"$PIDS.tmp" && mv "$PIDS.tmp" "$PIDS"
log "started kube-apiserver again (pid $NEW)"

deadline=$(( $(date +%s) + READY_TIMEOUT ))
until [ "$(curl -sS --cacert "$P/ca.crt" --cert "$P/admin.crt" --key "$P/admin.key" -o /dev/null -w '%{http_code}' "https://127.0.0.1:$PORT/readyz" 2>/dev/null)" = 200 ]; do
  kill -0 "$NEW" 2>/dev/null || die "kube-apiserver (pid $NEW) exited; see $D/logs/kube-apiserver.log"
  [ "$(date +%s)" -lt "$deadline" ] || die "kube-apiserver not ready after ${READY_TIMEOUT}s"
  sleep 0.2
done
log "kube-apiserver ready"
