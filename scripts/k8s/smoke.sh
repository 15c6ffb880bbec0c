#!/usr/bin/env bash
# smoke.sh — end-to-end check of the test cluster: start it in a temp dir, drive pods through
# Succeeded / Failed / Unschedulable / delayed finish / logs / delete, stop it, check no process is left.
# Exits 0 and prints "N passed, 0 failed" when everything works.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
D=$(mktemp -d "${TMPDIR:-/tmp}/podflow-k8s-smoke.XXXXXX")
PASSED=0
FAILED=0
STOPPED=0

cleanup() {
  if [ "$STOPPED" = 0 ]; then "$HERE/stop.sh" "$D" >/dev/null 2>&1 || true; fi
  if [ "$FAILED" = 0 ] && [ "${KEEP:-0}" != 1 ]; then rm -rf "$D"; else echo "[smoke] cluster dir kept: $D" >&2; fi
}
trap cleanup EXIT

ok()   { PASSED=$((PASSED + 1)); echo "[smoke] ok   - $*"; }
bad()  {
  FAILED=$((FAILED + 1)); echo "[smoke] FAIL - $*"
  for f in "$D"/logs/kwok.log "$D"/logs/kube-scheduler.log; do
    [ -f "$f" ] && { echo "---- tail $f"; tail -n 15 "$f"; }
  done
}

T0=$(date +%s.%N)
"$HERE/start.sh" "$D" >"$D.start.out"
START_SECS=$(awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')
eval "$(tail -n 1 "$D.start.out")"; rm -f "$D.start.out"
[ "$KUBECONFIG" = "$D/kubeconfig" ] && ok "start.sh printed export KUBECONFIG (cluster up in ${START_SECS}s)" || bad "start.sh output"

P="$D/pki"
API=$(awk '/server:/{print $2; exit}' "$KUBECONFIG")
kc() { curl -sS --cacert "$P/ca.crt" --cert "$P/admin.crt" --key "$P/admin.key" "$@"; }
NS=podflow-smoke

# wait_pod NAME JQ-CONDITION TIMEOUT — poll until the pod JSON satisfies the condition
wait_pod() {
  local name=$1 cond=$2 timeout=$3 deadline
  deadline=$(( $(date +%s) + timeout ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if kc -f "$API/api/v1/namespaces/$NS/pods/$name" 2>/dev/null | jq -e "$cond" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "[smoke] pod $name did not satisfy: $cond; last state:"
  kc "$API/api/v1/namespaces/$NS/pods/$name" | jq -c '{phase: .status.phase, conditions: .status.conditions, containerStatuses: .status.containerStatuses}' || true
  return 1
}

# make_pod NAME SELECTOR-VALUE ANNOTATIONS-JSON
make_pod() {
  jq -n --arg name "$1" --arg sel "$2" --argjson ann "$3" '{
    apiVersion: "v1", kind: "Pod",
    metadata: {name: $name, annotations: ({"podflow/primary-container": "main"} + $ann)},
    spec: {
      nodeSelector: {type: $sel},
      restartPolicy: "Never",
      containers: [
        {name: "sidecar", image: "busybox:1.36"},
        {name: "main", image: "busybox:1.36"}
      ]
    }
  }' | kc -f -X POST -H 'Content-Type: application/json' --data-binary @- \
        "$API/api/v1/namespaces/$NS/pods" >/dev/null
}
primary() { kc -f "$API/api/v1/namespaces/$NS/pods/$1" | jq -c '.status.containerStatuses[] | select(.name=="main") | .state.terminated'; }

# ---------------------------------------------------------------- namespace
kc -f -X POST -H 'Content-Type: application/json' \
  --data-binary "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"$NS\"}}" \
  "$API/api/v1/namespaces" >/dev/null && ok "namespace $NS created" || bad "namespace create"

# ---------------------------------------------------------------- Succeeded with termination message
MSG='{"outputs":{"answer":"42"},"note":"quotes \" and \\ and ünïcode"}'
make_pod ok kwok "$(jq -n --arg m "$MSG" '{"podflow.test/message": $m}')"
if wait_pod ok '.status.phase=="Succeeded"' 30; then
  T=$(primary ok)
  if [ "$(jq -r .message <<<"$T")" = "$MSG" ] && [ "$(jq -r .exitCode <<<"$T")" = 0 ]; then
    ok "pod ok: Succeeded, primary terminated.message round-trips ($T)"
  else bad "pod ok: wrong primary state $T"; fi
  S=$(kc -f "$API/api/v1/namespaces/$NS/pods/ok" | jq -c '.status.containerStatuses[] | select(.name=="sidecar") | .state.terminated | {exitCode, message}')
  [ "$S" = '{"exitCode":0,"message":null}' ] && ok "pod ok: sidecar terminated exit 0 without message" || bad "pod ok: sidecar state $S"
  [ "$(kc -f "$API/api/v1/namespaces/$NS/pods/ok" | jq -r .spec.nodeName)" = kwok-node-0 ] && ok "pod ok: scheduled to kwok-node-0" || bad "pod ok: nodeName"
else bad "pod ok did not reach Succeeded"; fi

# ---------------------------------------------------------------- Failed with exit code + message
make_pod failing kwok '{"podflow.test/outcome": "fail", "podflow.test/exit-code": "3", "podflow.test/message": "boom: task failed"}'
if wait_pod failing '.status.phase=="Failed"' 30; then
  T=$(primary failing)
  if [ "$(jq -r .exitCode <<<"$T")" = 3 ] && [ "$(jq -r .message <<<"$T")" = "boom: task failed" ] && [ "$(jq -r .reason <<<"$T")" = Error ]; then
    ok "pod failing: Failed, primary exitCode 3 reason Error message set ($T)"
  else bad "pod failing: wrong primary state $T"; fi
else bad "pod failing did not reach Failed"; fi

# ---------------------------------------------------------------- per-pod duration
make_pod slow kwok '{"podflow.test/duration-ms": "2000", "podflow.test/message": "slow done"}'
wait_pod slow '.status.phase=="Running"' 30 || bad "pod slow never Running"
TR=$(date +%s.%N)
sleep 1
if kc -f "$API/api/v1/namespaces/$NS/pods/slow" | jq -e '.status.phase=="Running"' >/dev/null; then
  ok "pod slow: still Running 1s after start (duration-ms 2000)"
else bad "pod slow finished too early"; fi
if wait_pod slow '.status.phase=="Succeeded"' 30; then
  SECS=$(awk -v a="$TR" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')
  ok "pod slow: Succeeded ${SECS}s after Running was observed"
else bad "pod slow did not reach Succeeded"; fi

# ---------------------------------------------------------------- hang
make_pod stuck kwok '{"podflow.test/outcome": "hang"}'
wait_pod stuck '.status.phase=="Running"' 30 && sleep 1 &&
  kc -f "$API/api/v1/namespaces/$NS/pods/stuck" | jq -e '.status.phase=="Running"' >/dev/null &&
  ok "pod stuck: outcome=hang stays Running" || bad "pod stuck"

# ---------------------------------------------------------------- Unschedulable
make_pod nowhere no-such-node-type '{}'
if wait_pod nowhere '.status.conditions[]? | select(.type=="PodScheduled" and .status=="False" and .reason=="Unschedulable")' 30; then
  M=$(kc -f "$API/api/v1/namespaces/$NS/pods/nowhere" | jq -r '.status.conditions[] | select(.type=="PodScheduled") | .message')
  case "$M" in "0/1 nodes are available:"*) ok "pod nowhere: Unschedulable ($M)";; *) bad "pod nowhere: message '$M'";; esac
else bad "pod nowhere not marked Unschedulable"; fi

# ---------------------------------------------------------------- logs
L=$(kc -f "$API/api/v1/namespaces/$NS/pods/ok/log?container=main" 2>&1 || true)
case "$L" in *"podflow fake container log line 1"*) ok "pods/ok/log returns the default ClusterLogs file";; *) bad "pods/ok/log: $L";; esac
printf '%s stdout F hello from a per-pod log\n%s stderr F and an error line\n' \
  "$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)" "$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)" >"$D/custom.log"
jq -n --arg f "$D/custom.log" --arg ns "$NS" '{apiVersion: "kwok.x-k8s.io/v1alpha1", kind: "Logs",
  metadata: {name: "logged", namespace: $ns}, spec: {logs: [{containers: ["main"], logsFile: $f}]}}' |
  kc -f -X POST -H 'Content-Type: application/json' --data-binary @- \
    "$API/apis/kwok.x-k8s.io/v1alpha1/namespaces/$NS/logs" >/dev/null || bad "create Logs object"
make_pod logged kwok '{}'
wait_pod logged '.status.phase=="Succeeded"' 30 || bad "pod logged not Succeeded"
L=""
for _ in $(seq 30); do  # kwok picks up the Logs object via a watch; allow it a moment
  L=$(kc -f "$API/api/v1/namespaces/$NS/pods/logged/log?container=main" 2>&1 || true)
  case "$L" in *"hello from a per-pod log"*) break;; esac
  sleep 0.2
done
case "$L" in *"hello from a per-pod log"*"and an error line"*) ok "pods/logged/log returns the per-pod Logs file";; *) bad "pods/logged/log: $L";; esac

# ---------------------------------------------------------------- delete
for p in ok failing slow stuck nowhere logged; do
  kc -f -X DELETE "$API/api/v1/namespaces/$NS/pods/$p" >/dev/null || bad "delete $p"
done
GONE=0
for _ in $(seq 150); do
  N=$(kc -f "$API/api/v1/namespaces/$NS/pods" | jq '.items | length')
  [ "$N" = 0 ] && { GONE=1; break; }
  sleep 0.2
done
[ "$GONE" = 1 ] && ok "all deleted pods vanished" || bad "pods left after delete: $(kc "$API/api/v1/namespaces/$NS/pods" | jq -c '[.items[] | {n: .metadata.name, d: .metadata.deletionTimestamp}]')"

# ---------------------------------------------------------------- stop
cp "$D/pids" "$D/pids.smoke"
"$HERE/stop.sh" "$D" && STOPPED=1
LEFT=""
while read -r name pid _; do
  if [ -d "/proc/$pid" ] && [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ]; then LEFT="$LEFT $name:$pid"; fi
done <"$D/pids.smoke"
[ "$STOPPED" = 1 ] && [ -z "$LEFT" ] && ok "stop.sh stopped every process (none of $(awk '{printf "%s ", $2}' "$D/pids.smoke")alive)" || bad "processes still alive:$LEFT"

echo "smoke: $PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
