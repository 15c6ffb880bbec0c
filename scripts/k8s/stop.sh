#!/usr/bin/env bash
# stop.sh DIR — stop the processes that start.sh recorded in DIR/pids, and only those.
# Sends SIGTERM in reverse start order (kwok, scheduler, apiserver, etcd), waits up to
# PODFLOW_K8S_STOP_TIMEOUT seconds (default 15) per process, then SIGKILLs what is left.
# A recorded PID is only signalled if /proc/PID/cmdline still starts with the recorded binary
# (protection against PID reuse). Exits non-zero if a process could not be stopped.
set -uo pipefail

[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
D=$1
PIDS="$D/pids"
TIMEOUT=${PODFLOW_K8S_STOP_TIMEOUT:-15}
log() { printf '[k8s-stop] %s\n' "$*" >&2; }

[ -f "$PIDS" ] || { log "no $PIDS; nothing to stop"; exit 0; }

# alive PID EXE — true if PID is a live (non-zombie) process still running EXE
alive() {
  local pid=$1 exe=$2 state argv0
  [ -d "/proc/$pid" ] || return 1
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) || return 1
  [ "$state" != Z ] || return 1
  argv0=$(tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | head -n 1) || return 1
  [ "$argv0" = "$exe" ]
}

mapfile -t ENTRIES < <(tac "$PIDS")
rc=0
for entry in "${ENTRIES[@]}"; do
  read -r name pid exe <<<"$entry"
  [ -n "${pid:-}" ] || continue
  if ! alive "$pid" "$exe"; then
    log "$name (pid $pid) not running"
    continue
  fi
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$(( $(date +%s) + TIMEOUT ))
  while alive "$pid" "$exe" && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.1; done
  if alive "$pid" "$exe"; then
    log "$name (pid $pid) did not exit after ${TIMEOUT}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for _ in $(seq 50); do alive "$pid" "$exe" || break; sleep 0.1; done
  fi
  if alive "$pid" "$exe"; then
    log "ERROR: $name (pid $pid) is still running"
    rc=1
  else
    log "stopped $name (pid $pid)"
  fi
done
[ "$rc" -eq 0 ] && rm -f "$PIDS"
exit "$rc"
