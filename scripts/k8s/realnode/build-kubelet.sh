#!/usr/bin/env bash
# build-kubelet.sh — build the kubelet (k8s.io/kubernetes/cmd/kubelet at the control plane's version) and a
# static pause binary from the Go module proxy into
# ${PODFLOW_K8S_CACHE:-$HOME/.cache/podflow-k8s}/kubelet-<KUBE_VERSION>_<os-arch>/bin.
# Same approach as ../build.sh: a wrapper module that replaces every staging module (read from
# k8s.io/kubernetes's own go.mod) by its published v0.Y.Z tag.
#
# stdout: only the bin directory (last line). stderr: progress and timing. A cache hit returns at once.
set -euo pipefail

KUBE_VERSION=${KUBE_VERSION:-v1.36.3}
STAGING_VERSION=v0.${KUBE_VERSION#v1.}
CACHE_ROOT=${PODFLOW_K8S_CACHE:-$HOME/.cache/podflow-k8s}
GOOSARCH=$(uname -s | tr 'A-Z' 'a-z')-$(uname -m)
ROOT="$CACHE_ROOT/kubelet-${KUBE_VERSION}_${GOOSARCH}"
BIN="$ROOT/bin"

log() { printf '[kubelet-build] %s\n' "$*" >&2; }
die() { printf '[kubelet-build] ERROR: %s\n' "$*" >&2; exit 1; }
cache_hit() { [ -f "$ROOT/.complete" ] && [ -x "$BIN/kubelet" ] && [ -x "$BIN/pause" ]; }

if cache_hit; then log "cache hit: $BIN"; echo "$BIN"; exit 0; fi
command -v go >/dev/null || die "preflight: 'go' not found in PATH"
command -v jq >/dev/null || die "preflight: jq not found (apt-get install jq)"
export GOTOOLCHAIN=local GOFLAGS="-mod=mod -buildvcs=false" CGO_ENABLED=0

mkdir -p "$BIN" "$ROOT/logs"
exec 9>"$ROOT/.lock"
flock 9
if cache_hit; then log "cache hit (built by a concurrent run): $BIN"; echo "$BIN"; exit 0; fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/podflow-kubelet-build.XXXXXX")
trap 'rm -rf "$WORK"; rm -f "$BIN"/.tmp-* 2>/dev/null || true' EXIT
T0=$(date +%s)

step() { # step NAME DIR CMD...
  local name=$1 dir=$2; shift 2
  local t=$(date +%s) rc=0
  log "step $name: started (log: $ROOT/logs/$name.log)"
  (cd "$dir" && "$@") >"$ROOT/logs/$name.log" 2>&1 || rc=$?
  if [ "$rc" -ne 0 ]; then tail -n 40 "$ROOT/logs/$name.log" >&2; die "step $name FAILED (exit $rc)"; fi
  log "step $name: done in $(( $(date +%s) - t ))s"
}

# ---- kubelet
if [ ! -x "$BIN/kubelet" ]; then
  KW="$WORK/kubelet"; mkdir -p "$KW"
  cat >"$WORK/fetch.sh" <<SH
set -euo pipefail
go mod init local/podflow-kubeletbuild
J=\$(go mod download -json "k8s.io/kubernetes@$KUBE_VERSION")
GOMOD=\$(echo "\$J" | jq -r .GoMod)
[ -f "\$GOMOD" ] || { echo "\$J"; echo "could not download k8s.io/kubernetes@$KUBE_VERSION"; exit 1; }
STAGING=\$(sed -n 's#^[[:space:]]*\(k8s\.io/[A-Za-z0-9_.-]*\)[[:space:]]*=>[[:space:]]*\./staging/.*#\1#p' "\$GOMOD")
[ -n "\$STAGING" ] || { echo "no staging replaces found in \$GOMOD"; exit 1; }
for m in \$STAGING; do go mod edit -replace="\$m=\$m@$STAGING_VERSION"; done
go mod edit -require="k8s.io/kubernetes@$KUBE_VERSION"
go get "k8s.io/kubernetes/cmd/kubelet@$KUBE_VERSION"
go list -deps k8s.io/kubernetes/cmd/kubelet >/dev/null
SH
  step kubelet-fetch "$KW" bash "$WORK/fetch.sh"
  MINOR=$(echo "$KUBE_VERSION" | cut -d. -f2)
  V=k8s.io/component-base/version
  LDF="-s -w -X $V.gitVersion=$KUBE_VERSION -X $V.gitMajor=1 -X $V.gitMinor=$MINOR -X $V.gitTreeState=clean -X $V.buildDate=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  step kubelet "$KW" go build -p 2 -trimpath -ldflags "$LDF" -o "$BIN/.tmp-kubelet" k8s.io/kubernetes/cmd/kubelet
  mv -f "$BIN/.tmp-kubelet" "$BIN/kubelet"
fi

# ---- pause: the sandbox's only process. Sleeps until SIGTERM/SIGINT, reaps zombies.
if [ ! -x "$BIN/pause" ]; then
  PW="$WORK/pause"; mkdir -p "$PW"
  cat >"$PW/main.go" <<'GO'
package main

import (
	"os"
	"os/signal"
	"syscall"
)

func main() {
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT, syscall.SIGCHLD)
	for s := range sigs {
		if s != syscall.SIGCHLD {
			os.Exit(0)
		}
		for {
			pid, err := syscall.Wait4(-1, nil, syscall.WNOHANG, nil)
			if pid <= 0 || err != nil {
				break
			}
		}
	}
}
GO
  step pause "$PW" bash -c "go mod init local/podflow-pause && go build -trimpath -ldflags '-s -w' -o '$BIN/.tmp-pause' ."
  mv -f "$BIN/.tmp-pause" "$BIN/pause"
fi

"$BIN/kubelet" --version >&2 || die "verify: kubelet --version failed"
echo "kube=$KUBE_VERSION staging=$STAGING_VERSION go=$(go env GOVERSION) built=$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$ROOT/.complete"
log "total $(( $(date +%s) - T0 ))s; $(du -h "$BIN/kubelet" | cut -f1) kubelet"
echo "$BIN"
