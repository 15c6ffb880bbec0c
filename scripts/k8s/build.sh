#!/usr/bin/env bash
# build.sh — build kube-apiserver, kube-scheduler, etcd and kwok from the Go module proxy
# into ${PODFLOW_K8S_CACHE:-$HOME/.cache/podflow-k8s}/<versions-key>/bin.
#
# stdout: only the bin directory (last line), so callers can do BIN=$(scripts/k8s/build.sh)
# stderr: progress, per-step timing (wall time + peak RSS).
# A cache hit (all binaries + .complete stamp present) returns immediately.
# Every binary is built to a temp name in the bin dir and moved into place only on success;
# the .complete stamp is written last.
set -euo pipefail

KUBE_VERSION=${KUBE_VERSION:-v1.36.3}
ETCD_VERSION=${ETCD_VERSION:-v3.6.13}
KWOK_VERSION=${KWOK_VERSION:-v0.8.0}
STAGING_VERSION=v0.${KUBE_VERSION#v1.}            # v1.36.3 -> v0.36.3

CACHE_ROOT=${PODFLOW_K8S_CACHE:-$HOME/.cache/podflow-k8s}
GOOSARCH=$(uname -s | tr 'A-Z' 'a-z')-$(uname -m)
KEY="k8s-${KUBE_VERSION}_etcd-${ETCD_VERSION}_kwok-${KWOK_VERSION}_${GOOSARCH}"
ROOT="$CACHE_ROOT/$KEY"
BIN="$ROOT/bin"
BINARIES=(kube-apiserver kube-scheduler etcd kwok)

log() { printf '[k8s-build] %s\n' "$*" >&2; }
die() { printf '[k8s-build] ERROR: %s\n' "$*" >&2; exit 1; }

cache_hit() {
  [ -f "$ROOT/.complete" ] || return 1
  local b; for b in "${BINARIES[@]}"; do [ -x "$BIN/$b" ] || return 1; done
}

if cache_hit; then
  log "cache hit: $BIN"
  echo "$BIN"; exit 0
fi

command -v go >/dev/null || die "step preflight: 'go' not found in PATH"
export GOTOOLCHAIN=local GOFLAGS="-mod=mod -buildvcs=false" CGO_ENABLED=0

mkdir -p "$BIN" "$ROOT/logs"
# One builder per cache key at a time.
exec 9>"$ROOT/.lock"
flock 9
if cache_hit; then log "cache hit (built by a concurrent run): $BIN"; echo "$BIN"; exit 0; fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/podflow-k8s-build.XXXXXX")
cleanup() { rm -rf "$WORK"; rm -f "$BIN"/.tmp-* 2>/dev/null || true; }
trap cleanup EXIT

TIME_BIN=/usr/bin/time
[ -x "$TIME_BIN" ] && "$TIME_BIN" -v true >/dev/null 2>&1 || TIME_BIN=""
TOTAL_START=$(date +%s.%N)
SUMMARY=()

# run_step NAME DIR CMD... — runs CMD in DIR, output to $ROOT/logs/NAME.log, prints timing.
run_step() {
  local name=$1 dir=$2; shift 2
  local logf="$ROOT/logs/$name.log" tf="$ROOT/logs/$name.time"
  log "step $name: started (log: $logf)"
  local t0 t1 rc=0
  t0=$(date +%s.%N)
  if [ -n "$TIME_BIN" ]; then
    (cd "$dir" && "$TIME_BIN" -v -o "$tf" "$@") >"$logf" 2>&1 || rc=$?
  else
    (cd "$dir" && "$@") >"$logf" 2>&1 || rc=$?
  fi
  t1=$(date +%s.%N)
  local secs rss="n/a"
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}')
  if [ -f "$tf" ]; then
    rss=$(awk -F': ' '/Maximum resident set size/{printf "%d MB", $2/1024}' "$tf")
  fi
  if [ "$rc" -ne 0 ]; then
    tail -n 40 "$logf" >&2 || true
    die "step $name FAILED (exit $rc after ${secs}s); full log: $logf"
  fi
  log "step $name: done in ${secs}s, peak RSS $rss"
  SUMMARY+=("$(printf '%-16s %8ss  peak RSS %s' "$name" "$secs" "$rss")")
}

# install_bin TMPNAME NAME — atomically move a freshly built binary into place
install_bin() {
  [ -s "$BIN/$1" ] || die "step $2: build produced no binary"
  chmod +x "$BIN/$1"; mv -f "$BIN/$1" "$BIN/$2"
  log "installed $BIN/$2 ($(du -h "$BIN/$2" | cut -f1))"
}

# ---------------------------------------------------------------- kube-apiserver / kube-scheduler
if [ ! -x "$BIN/kube-apiserver" ] || [ ! -x "$BIN/kube-scheduler" ]; then
  KW="$WORK/kube"; mkdir -p "$KW"
  cat >"$WORK/kube-fetch.sh" <<SH
set -euo pipefail
go mod init local/podflow-kubebuild
# Read k8s.io/kubernetes's own go.mod and derive the staging module list from its replace block.
J=\$(go mod download -json "k8s.io/kubernetes@$KUBE_VERSION") || { echo "\$J"; echo "go mod download k8s.io/kubernetes@$KUBE_VERSION failed"; exit 1; }
GOMOD=\$(echo "\$J" | jq -r .GoMod)
[ -f "\$GOMOD" ] || { echo "\$J"; echo "could not download k8s.io/kubernetes@$KUBE_VERSION"; exit 1; }
cp "\$GOMOD" "$ROOT/logs/kubernetes-$KUBE_VERSION.go.mod"
STAGING=\$(sed -n 's#^[[:space:]]*\(k8s\.io/[A-Za-z0-9_.-]*\)[[:space:]]*=>[[:space:]]*\./staging/.*#\1#p' "\$GOMOD")
[ -n "\$STAGING" ] || { echo "no staging replaces found in \$GOMOD"; exit 1; }
echo "staging modules (\$(echo \$STAGING | wc -w)): \$STAGING"
for m in \$STAGING; do go mod edit -replace="\$m=\$m@$STAGING_VERSION"; done
go mod edit -require="k8s.io/kubernetes@$KUBE_VERSION"
go get "k8s.io/kubernetes/cmd/kube-apiserver@$KUBE_VERSION" "k8s.io/kubernetes/cmd/kube-scheduler@$KUBE_VERSION"
go list -deps k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-scheduler >/dev/null
SH
  command -v jq >/dev/null || die "step kube-fetch: jq not found (apt-get install jq)"
  run_step kube-fetch "$KW" bash "$WORK/kube-fetch.sh"
  MINOR=$(echo "$KUBE_VERSION" | cut -d. -f2)
  V=k8s.io/component-base/version
  KLDF="-s -w -X $V.gitVersion=$KUBE_VERSION -X $V.gitMajor=1 -X $V.gitMinor=$MINOR -X $V.gitTreeState=clean -X $V.buildDate=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  if [ ! -x "$BIN/kube-apiserver" ]; then
    run_step kube-apiserver "$KW" go build -p 2 -trimpath -ldflags "$KLDF" -o "$BIN/.tmp-kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver
    install_bin .tmp-kube-apiserver kube-apiserver
  fi
  if [ ! -x "$BIN/kube-scheduler" ]; then
    run_step kube-scheduler "$KW" go build -p 2 -trimpath -ldflags "$KLDF" -o "$BIN/.tmp-kube-scheduler" k8s.io/kubernetes/cmd/kube-scheduler
    install_bin .tmp-kube-scheduler kube-scheduler
  fi
fi

# ---------------------------------------------------------------- etcd
if [ ! -x "$BIN/etcd" ]; then
  EW="$WORK/etcd"; mkdir -p "$EW"
  run_step etcd-fetch "$EW" bash -c "go mod init local/podflow-etcdbuild && go get go.etcd.io/etcd/server/v3@$ETCD_VERSION && go list -deps go.etcd.io/etcd/server/v3 >/dev/null"
  run_step etcd "$EW" go build -p 2 -trimpath -ldflags "-s -w" -o "$BIN/.tmp-etcd" go.etcd.io/etcd/server/v3
  install_bin .tmp-etcd etcd
fi

# ---------------------------------------------------------------- kwok
if [ ! -x "$BIN/kwok" ]; then
  WW="$WORK/kwok"; mkdir -p "$WW"
  run_step kwok-fetch "$WW" bash -c "go mod init local/podflow-kwokbuild && go get sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION && go list -deps sigs.k8s.io/kwok/cmd/kwok >/dev/null"
  run_step kwok "$WW" go build -p 2 -trimpath -ldflags "-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=$KWOK_VERSION" -o "$BIN/.tmp-kwok" sigs.k8s.io/kwok/cmd/kwok
  install_bin .tmp-kwok kwok
fi

# ---------------------------------------------------------------- verify + stamp
"$BIN/kube-apiserver" --version >&2 || die "step verify: kube-apiserver --version failed"
"$BIN/kube-scheduler" --version >&2 || die "step verify: kube-scheduler --version failed"
"$BIN/etcd" --version >&2 || die "step verify: etcd --version failed"
"$BIN/kwok" --version >&2 || die "step verify: kwok --version failed"
{
  echo "kube=$KUBE_VERSION staging=$STAGING_VERSION etcd=$ETCD_VERSION kwok=$KWOK_VERSION go=$(go env GOVERSION)"
  echo "built=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$ROOT/.complete"
TOTAL=$(awk -v a="$TOTAL_START" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')
log "summary:"
for s in "${SUMMARY[@]}"; do log "  $s"; done
log "  total            ${TOTAL}s"
( cd "$BIN" && ls -l "${BINARIES[@]}" ) >&2
echo "$BIN"
