#!/usr/bin/env bash
# build-validator.sh — builds scripts/argo/validator (our own main around Argo Workflows' strict parser and
# validate package) against github.com/argoproj/argo-workflows/v4 from the Go module proxy, once, into
# ${PODFLOW_ARGO_CACHE:-$HOME/.cache/podflow-argo}/<versions-key>/.
#
#   build-validator.sh          prints the validator binary's path (last stdout line); progress on stderr
#   build-validator.sh --crds   prints the paths of the module's full Workflow and WorkflowTemplate CRDs
#                               (manifests/base/crds/full/, from the Go module cache; never copied into the repo)
set -euo pipefail

ARGO_VERSION=${ARGO_VERSION:-v4.0.5}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE_ROOT=${PODFLOW_ARGO_CACHE:-$HOME/.cache/podflow-argo}
MAIN_HASH=$(sha256sum "$HERE/validator/main.go" | cut -c1-12)
KEY="argo-${ARGO_VERSION}_main-${MAIN_HASH}_$(uname -s | tr 'A-Z' 'a-z')-$(uname -m)"
ROOT="$CACHE_ROOT/$KEY"
BIN="$ROOT/podflow-argo-validate"

log() { printf '[argo-build] %s\n' "$*" >&2; }
die() { printf '[argo-build] ERROR: %s\n' "$*" >&2; exit 1; }

command -v go >/dev/null || die "'go' not found in PATH (the Argo validator is built from the Go module proxy)"
export GOTOOLCHAIN=local GOFLAGS="-mod=mod -buildvcs=false" CGO_ENABLED=0

mkdir -p "$ROOT"
exec 9>"$ROOT/.lock"
flock 9

if [ ! -x "$BIN" ] || [ ! -f "$ROOT/.complete" ]; then
  log "building the Argo ${ARGO_VERSION} validator into $ROOT (cold: about 2 minutes)"
  MOD="$ROOT/module"
  rm -rf "$MOD" && mkdir -p "$MOD"
  cp "$HERE/validator/main.go" "$MOD/main.go"
  (cd "$MOD" && go mod init podflow.local/argo-validator >/dev/null 2>&1 \
    && go get "github.com/argoproj/argo-workflows/v4@${ARGO_VERSION}" >&2 \
    && go mod tidy >&2 \
    && go build -ldflags="-s -w" -o "$BIN.tmp" . >&2) || die "go build failed"
  mv "$BIN.tmp" "$BIN"
  (cd "$MOD" && go list -m -f '{{.Dir}}' github.com/argoproj/argo-workflows/v4) > "$ROOT/module-dir"
  touch "$ROOT/.complete"
fi

if [ "${1:-}" = "--crds" ]; then
  DIR=$(cat "$ROOT/module-dir")
  [ -d "$DIR" ] || DIR=$(cd "$ROOT/module" && go mod download -json "github.com/argoproj/argo-workflows/v4@${ARGO_VERSION}" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
  for crd in argoproj.io_workflows.yaml argoproj.io_workflowtemplates.yaml; do
    [ -f "$DIR/manifests/base/crds/full/$crd" ] || die "$crd not found under $DIR/manifests/base/crds/full"
    echo "$DIR/manifests/base/crds/full/$crd"
  done
  exit 0
fi
echo "$BIN"
