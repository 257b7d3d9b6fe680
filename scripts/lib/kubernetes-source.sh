# Sourced by scripts/kube-apiserver.sh and scripts/go-oracle.sh: Debian's `kubernetes` source package
# (see shared/real-cluster.md), fetched through a private deb-src list derived from the machine's own
# apt sources, so /etc/apt stays untouched and no mirror name is written into the project.
#   kubernetes_source_version WORK   → sets K8S_SOURCE_VERSION (the newest source version) and K8S_APT_OPTS
#   kubernetes_source_fetch WORK     → extracts that version into WORK/src/tree (sets K8S_SOURCE_TREE)

kubernetes_source_version() {
  local work=$1 srclist f
  rm -rf "$work"
  mkdir -p "$work/lists/partial" "$work/src"
  srclist="$work/sources.list"
  : >"$srclist"
  shopt -s nullglob
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f "$f" ]] || continue
    sed -n -E 's/^[[:space:]]*deb[[:space:]]+/deb-src /p' "$f" >>"$srclist"
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    # deb822 stanzas: one deb-src line per URI and suite.
    awk '
      function flush(   n, m, i, j) {
        if (deb && uris != "" && suites != "") {
          n = split(uris, u, " "); m = split(suites, s, " ")
          for (i = 1; i <= n; i++) for (j = 1; j <= m; j++) print "deb-src " signed u[i] " " s[j] " " comps
        }
        uris = ""; suites = ""; comps = ""; signed = ""; deb = 0
      }
      /^[[:space:]]*$/ { flush(); next }
      /^Types:/ { deb = ($0 ~ /[[:space:]]deb([[:space:]]|$)/) }
      /^URIs:/ { sub(/^URIs:[[:space:]]*/, ""); uris = $0 }
      /^Suites:/ { sub(/^Suites:[[:space:]]*/, ""); suites = $0 }
      /^Components:/ { sub(/^Components:[[:space:]]*/, ""); comps = $0 }
      /^Signed-By:/ { sub(/^Signed-By:[[:space:]]*/, ""); signed = "[signed-by=" $0 "] " }
      END { flush() }
    ' "$f" >>"$srclist"
  done
  shopt -u nullglob
  [[ -s "$srclist" ]] || { echo "no apt sources found to derive deb-src entries from" >&2; return 1; }
  K8S_APT_OPTS=(-o "Dir::Etc::SourceList=$srclist" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$work/lists" -o APT::Sandbox::User=root)
  apt-get -o DPkg::Lock::Timeout=600 "${K8S_APT_OPTS[@]}" update -qq
  K8S_SOURCE_VERSION=$(apt-cache "${K8S_APT_OPTS[@]}" showsrc kubernetes | awk '/^Version:/ { print $2 }' | sort -V | tail -n 1)
  [[ -n "$K8S_SOURCE_VERSION" ]] || { echo "no kubernetes source package found" >&2; return 1; }
}

kubernetes_source_fetch() {
  local work=$1 dsc
  (cd "$work/src" && apt-get "${K8S_APT_OPTS[@]}" source --download-only -qq "kubernetes=$K8S_SOURCE_VERSION" >/dev/null)
  dsc=$(ls "$work"/src/kubernetes_*.dsc | head -n 1)
  (cd "$work/src" && dpkg-source --no-check -x "$dsc" tree >/dev/null)
  K8S_SOURCE_TREE="$work/src/tree"
}
