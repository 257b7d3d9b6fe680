#!/usr/bin/env bash
# Runs .ci/run the way CI does on a machine that never ran the project: a fresh clone of HEAD in a new
# folder (with ../shared beside it when this checkout has one), an empty HOME (no npm, Go, kube-apiserver
# or code-server cache) and CI=true. Caches hide missing install steps; this does not. Takes as long as a
# cold CI run (see .ci/run). Commit first: only HEAD is cloned. Keeps the folder when the run fails.
set -euo pipefail
repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
work=$(mktemp -d "${TMPDIR:-/tmp}/mp-ci-cold-XXXXXX")
git clone -q "$repo" "$work/kubevirt-migrationpolicy"
if [ -d "$repo/../shared" ]; then cp -r "$repo/../shared" "$work/shared"; fi
mkdir "$work/home"
echo "ci-cold: $(git -C "$work/kubevirt-migrationpolicy" log --oneline -1) in $work, HOME=$work/home" >&2
start=$(date +%s)
status=0
env -u KUBE_APISERVER_CACHE -u GO_ORACLE_CACHE -u MP_E2E_CACHE -u XDG_CACHE_HOME -u npm_config_cache -u GOCACHE -u GOPATH \
  HOME="$work/home" CI=true bash "$work/kubevirt-migrationpolicy/.ci/run" </dev/null || status=$?
echo "ci-cold: .ci/run exited $status after $(( $(date +%s) - start )) s" >&2
if [ "$status" -eq 0 ]; then rm -rf "$work"; else echo "ci-cold: kept $work" >&2; fi
exit "$status"
