// The V8 heap settings the language server runs with (dist/server.js sets them before loading the
// server, launch.ts). Measured on the 2,000-document file with a 100,000-VMI snapshot as the cluster
// (BENCHMARKS-style run, same invocation): letting the old generation grow to 1.5 times what survived
// the last full collection, where V8 otherwise lets it grow up to 4 times, takes the peak RSS from
// 347 to 251 MB for about 3% more CPU. Settings the user gives (node flags, NODE_OPTIONS) win.

/** The V8 flags to set at start, given the process's node flags and NODE_OPTIONS. */
export function heapFlags(execArgv: readonly string[], nodeOptions: string | undefined): string[] {
  // V8 reads `_` and `-` in a flag's name alike.
  const given = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)].map((a) => a.split('=')[0].replace(/_/g, '-'));
  const has = (flag: string) => given.includes(flag);
  return has('--heap-growing-percent') ? [] : ['--heap-growing-percent=50'];
}
