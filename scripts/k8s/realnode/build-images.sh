#!/usr/bin/env bash
# build-images.sh PAUSE_BIN — build the real node's images without a registry, as docker-archive tarballs that
# `ctr images import` takes:
#   podflow.local/pause:1        the pod sandbox: a static pause binary (built by build-kubelet.sh)
#   podflow.local/busybox:1      Debian's busybox-static with its applet links (sh, echo, sleep, ...)
#   podflow.local/python:3.11    Debian bookworm's python3.11 (the .debs of python3-minimal and
#                                libpython3.11-stdlib and their dependencies, unpacked with dpkg -x), plus busybox
#                                for a shell and the usual commands
# Rootfs -> umoci (OCI layout) -> skopeo copy to docker-archive. Cached by content under
# ${PODFLOW_K8S_CACHE:-$HOME/.cache/podflow-k8s}/images-<sha of this script, the busybox binary, the pause binary
# and the .deb versions>/. stdout: only that directory (last line). Needs umoci, skopeo, busybox-static, apt-get.
set -euo pipefail

PAUSE_BIN=${1:?usage: build-images.sh PAUSE_BIN}
CACHE_ROOT=${PODFLOW_K8S_CACHE:-$HOME/.cache/podflow-k8s}
BUSYBOX=/bin/busybox
PY_ROOTS=(python3-minimal libpython3.11-stdlib)
log() { printf '[realnode-images] %s\n' "$*" >&2; }
die() { printf '[realnode-images] ERROR: %s\n' "$*" >&2; exit 1; }
for t in umoci skopeo apt-cache apt-get dpkg; do command -v "$t" >/dev/null || die "'$t' not found (apt-get install umoci skopeo)"; done
[ -x "$BUSYBOX" ] || die "$BUSYBOX not found (apt-get install busybox-static)"
[ -x "$PAUSE_BIN" ] || die "no pause binary at $PAUSE_BIN"

# The python image's packages: the dependency closure (Depends and Pre-Depends only) of PY_ROOTS, with versions.
debs() {
  local names
  names=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances \
    "${PY_ROOTS[@]}" | grep -v '^ ' | grep -v '^<' | sort -u)
  # shellcheck disable=SC2086
  apt-cache policy $names | awk '/^[^ ].*:$/{p=substr($0,1,length($0)-1)} /^  Candidate:/{if($2!="(none)") print p"="$2}' | sort
}
# Resolving the packages takes seconds (apt-cache): a quick key (this script, busybox, pause, the state of apt's package
# lists) remembers which content key it resolved to.
QUICK=$( { sha256sum "$0" "$BUSYBOX" "$PAUSE_BIN" | cut -d' ' -f1; stat -c '%n %s %Y' /var/lib/apt/lists/*Packages* 2>/dev/null; } | sha256sum | cut -c1-16)
INDEX="$CACHE_ROOT/images-index/$QUICK"
if [ -f "$INDEX" ] && [ -f "$(cat "$INDEX")/.complete" ]; then log "cache hit: $(cat "$INDEX")"; cat "$INDEX"; exit 0; fi
DEBS=$(debs)
# Packages that only matter to a full system (maintainer scripts, debconf, perl, ...), not to running python3.
DEBS=$(echo "$DEBS" | grep -Ev '^(debconf|perl|perl-base|perl-modules-[0-9.]+|libperl[0-9.]+|libgdbm-compat4|mailcap|mime-support|dpkg|tar|gcc-12-base|debianutils|base-files|tzdata|install-info|readline-common|libc-bin|mawk|coreutils|sensible-utils|adduser|passwd|login|util-linux|init-system-helpers|media-types)=' || true)
[ -n "$DEBS" ] || die "could not resolve the python packages (apt-get update?)"
KEY=$( { sha256sum "$0" "$BUSYBOX" "$PAUSE_BIN" | cut -d' ' -f1; echo "$DEBS"; } | sha256sum | cut -c1-16)
OUT="$CACHE_ROOT/images-$KEY"
mkdir -p "$CACHE_ROOT/images-index"
if [ -f "$OUT/.complete" ]; then log "cache hit: $OUT"; echo "$OUT" >"$INDEX"; echo "$OUT"; exit 0; fi
mkdir -p "$OUT"
exec 9>"$OUT/.lock"; flock 9
if [ -f "$OUT/.complete" ]; then log "cache hit (built by a concurrent run): $OUT"; echo "$OUT"; exit 0; fi

T0=$(date +%s)
W=$(mktemp -d "${TMPDIR:-/tmp}/podflow-images.XXXXXX")
trap 'rm -rf "$W"' EXIT
export PATH_IN_IMAGE=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# busybox_into ROOTFS — busybox and a link per applet in ROOTFS/bin (never over a file that is there), plus /tmp.
busybox_into() {
  local r=$1; mkdir -p "$r/bin" "$r/tmp" "$r/etc" "$r/root"
  chmod 1777 "$r/tmp"
  [ -e "$r/bin/busybox" ] || cp "$BUSYBOX" "$r/bin/busybox"
  local a; for a in $("$BUSYBOX" --list); do [ -e "$r/bin/$a" ] || [ -L "$r/bin/$a" ] || ln -s busybox "$r/bin/$a"; done
  [ -f "$r/etc/passwd" ] || printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$r/etc/passwd"
  [ -f "$r/etc/group" ] || printf 'root:x:0:\nnogroup:x:65534:\n' >"$r/etc/group"
}

# pack NAME REF ROOTFS CMD... — ROOTFS as the single layer of image REF, saved as $OUT/NAME.tar (docker-archive).
pack() {
  local name=$1 ref=$2 rootfs=$3; shift 3
  exec 3>&1 1>&2 # umoci talks on stdout; this script's stdout is only the output directory
  local layout="$W/oci-$name"
  umoci init --layout "$layout"
  umoci new --image "$layout:img"
  umoci unpack --image "$layout:img" "$W/bundle-$name" >/dev/null
  rm -rf "$W/bundle-$name/rootfs"
  mv "$rootfs" "$W/bundle-$name/rootfs"
  umoci repack --image "$layout:img" "$W/bundle-$name"
  local cfg=(--config.env "PATH=$PATH_IN_IMAGE" --config.workingdir /)
  local c; for c in "$@"; do cfg+=(--config.cmd "$c"); done
  umoci config --image "$layout:img" --os linux --architecture amd64 "${cfg[@]}"
  umoci gc --layout "$layout"
  rm -f "$OUT/$name.tar"
  skopeo copy --quiet "oci:$layout:img" "docker-archive:$OUT/$name.tar:$ref" >&2
  log "$ref: $(du -h "$OUT/$name.tar" | cut -f1) ($OUT/$name.tar)"
  echo "$ref $name.tar" >>"$OUT/images.txt"
  exec 1>&3 3>&-
}

: >"$OUT/images.txt"

# pause
mkdir -p "$W/pause-root"; cp "$PAUSE_BIN" "$W/pause-root/pause"
pack pause podflow.local/pause:1 "$W/pause-root" /pause

# busybox
busybox_into "$W/busybox-root"
pack busybox podflow.local/busybox:1 "$W/busybox-root" /bin/sh

# python
mkdir -p "$W/debs" "$W/python-root"
log "downloading $(echo "$DEBS" | wc -l) Debian packages for the python image"
# shellcheck disable=SC2086
(cd "$W/debs" && apt-get download -q $DEBS >"$W/apt-download.log" 2>&1) || { cat "$W/apt-download.log" >&2; die "apt-get download failed"; }
for d in "$W"/debs/*.deb; do dpkg -x "$d" "$W/python-root"; done
rm -rf "$W/python-root/usr/share/doc" "$W/python-root/usr/share/man" "$W/python-root/usr/share/locale" "$W/python-root/usr/share/lintian"
busybox_into "$W/python-root"
[ -e "$W/python-root/usr/bin/python3" ] || ln -s python3.11 "$W/python-root/usr/bin/python3"
# Sanity check: the image's own python runs from its own root.
chroot "$W/python-root" /usr/bin/python3 -c 'import json, subprocess, typing, dataclasses, sqlite3; print("python ok")' >&2 ||
  die "the python rootfs does not run python3"
pack python podflow.local/python:3.11 "$W/python-root" python3

echo "$DEBS" >"$OUT/debs.txt"
echo "built=$(date -u +%Y-%m-%dT%H:%M:%SZ) seconds=$(( $(date +%s) - T0 ))" >"$OUT/.complete"
echo "$OUT" >"$INDEX"
log "images built in $(( $(date +%s) - T0 ))s"
echo "$OUT"
