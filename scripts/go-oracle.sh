#!/usr/bin/env bash
# Builds the Go oracle of the fidelity tests (scripts/go-oracle/main.go) against the real Kubernetes code:
# Debian's `kubernetes` source package, the same one scripts/kube-apiserver.sh builds from, in GOPATH mode
# against its vendor/ tree (k8s.io/apimachinery, sigs.k8s.io/yaml, gopkg.in/yaml.v2). Caches the binary
# under $GO_ORACLE_CACHE/<source-version>/ (default ~/.cache/kubevirt-migrationpolicy/go-oracle), keyed by
# the source version and a hash of main.go, so later runs only print its path. Idempotent.
#   bash scripts/go-oracle.sh        → prints the binary's absolute path on the last line
# Cold: about 2 minutes (source download ~30 MB, then ~1 minute of compiling); warm: instant.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
cache=${GO_ORACLE_CACHE:-$HOME/.cache/kubevirt-migrationpolicy/go-oracle}
log() { echo "go-oracle.sh: $*" >&2; }

packages=(golang-go dpkg-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
export DEBIAN_FRONTEND=noninteractive
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
fi

hash=$(sha256sum "$repo/scripts/go-oracle/main.go" | cut -c1-12)
cached=$(ls -1d "$cache"/*/"oracle-$hash" 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -n "$cached" && -x "$cached" && -z "${GO_ORACLE_REBUILD:-}" ]]; then
  echo "$cached"
  exit 0
fi

. "$repo/scripts/lib/kubernetes-source.sh"
work="$cache/work"
log "reading the source index"
kubernetes_source_version "$work"
version=$K8S_SOURCE_VERSION
dest="$cache/$version"
log "fetching kubernetes $version source"
kubernetes_source_fetch "$work"
tree=$K8S_SOURCE_TREE

mkdir -p "$work/gopath/src/k8s.io" "$tree/cmd/kubevirt-migrationpolicy-oracle"
ln -sfn "$tree" "$work/gopath/src/k8s.io/kubernetes"
cp "$repo/scripts/go-oracle/main.go" "$tree/cmd/kubevirt-migrationpolicy-oracle/main.go"
log "building the oracle (about a minute)"
start=$(date +%s)
mkdir -p "$dest"
(cd "$work/gopath/src/k8s.io/kubernetes/cmd/kubevirt-migrationpolicy-oracle" &&
  GO111MODULE=off GOPATH="$work/gopath" GOFLAGS= CGO_ENABLED=0 GOCACHE="$work/gocache" \
    go build -ldflags "-X main.sourceVersion=$version" -o "$dest/oracle-$hash.tmp" .) || exit 1
mv "$dest/oracle-$hash.tmp" "$dest/oracle-$hash"
log "built in $(($(date +%s) - start)) s"
rm -rf "$work"
echo "$dest/oracle-$hash"
