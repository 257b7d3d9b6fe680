#!/usr/bin/env bash
# Builds a real kube-apiserver from Debian's `kubernetes` source package (see shared/real-cluster.md)
# and caches it under .cache/kube-apiserver/<source-version>/, so later runs only print its path.
# Also installs what the cluster tests run beside it (etcd, openssl). Idempotent.
#   bash scripts/kube-apiserver.sh        → prints the binary's absolute path on the last line
# Environment: KUBE_APISERVER_CACHE (cache folder, default <repo>/.cache/kube-apiserver).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
cache=${KUBE_APISERVER_CACHE:-$repo/.cache/kube-apiserver}
log() { echo "kube-apiserver.sh: $*" >&2; }

packages=(golang-go etcd-server rsync jq dpkg-dev golang-github-modern-go-reflect2-dev golang-github-json-iterator-go-dev openssl)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

# A cached binary of any source version is reused unless a rebuild is asked for.
cached=$(ls -1d "$cache"/*/kube-apiserver 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -n "$cached" && -x "$cached" && -z "${KUBE_APISERVER_REBUILD:-}" ]]; then
  if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 update -qq && apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
  fi
  echo "$cached"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
fi

# Debian's source package through a private deb-src list (scripts/lib/kubernetes-source.sh).
. "$repo/scripts/lib/kubernetes-source.sh"
work="$cache/work"
log "reading the source index"
kubernetes_source_version "$work"
version=$K8S_SOURCE_VERSION
dest="$cache/$version"
if [[ -x "$dest/kube-apiserver" && -z "${KUBE_APISERVER_REBUILD:-}" ]]; then
  rm -rf "$work"
  echo "$dest/kube-apiserver"
  exit 0
fi

log "fetching kubernetes $version source"
kubernetes_source_fetch "$work"
tree=$K8S_SOURCE_TREE

# Debian's newer reflect2 and json-iterator replace the vendored ones (reflect2 1.0.1 crashes with Go ≥ 1.18).
for pkg in github.com/modern-go/reflect2 github.com/json-iterator/go; do
  rm -rf "${tree:?}/vendor/$pkg"
  mkdir -p "$tree/vendor/$pkg"
  rsync -a --include='*/' --include='*.go' --include='*.s' --exclude='*_test.go' --exclude='*' \
    --prune-empty-dirs "/usr/share/gocode/src/$pkg/" "$tree/vendor/$pkg/"
done

log "building cmd/kube-apiserver (about 11 minutes on 2 cores the first time)"
start=$(date +%s)
(cd "$tree" && CGO_ENABLED=0 make WHAT=cmd/kube-apiserver >"$work/build.log" 2>&1) || {
  tail -n 40 "$work/build.log" >&2
  exit 1
}
bin=$(find "$tree/_output" -type f -name kube-apiserver -perm -u+x | head -n 1)
[[ -n "$bin" ]] || { log "build produced no kube-apiserver"; exit 1; }
mkdir -p "$dest"
cp "$bin" "$dest/kube-apiserver.tmp" && mv "$dest/kube-apiserver.tmp" "$dest/kube-apiserver"
log "built in $(($(date +%s) - start)) s"
rm -rf "$work"
echo "$dest/kube-apiserver"
