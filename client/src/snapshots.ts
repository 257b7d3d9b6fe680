// Which workspace files "Use Snapshot File…" proposes: what `kubectl get ns,vmi,migrationpolicies,kubevirt
// -A -o yaml` (or `-o json`) prints is a List whose items include Namespaces or VMIs. Only a cheap look at
// the file's start and end (kubectl writes `kind: List` after the items); the server reads the chosen file
// in full and reports anything wrong with it as the source's state.

/** Bytes read from each end of a candidate file. */
export const SNAPSHOT_PEEK_BYTES = 64 * 1024;

const LIST_KIND = /(^|\n)kind:[ \t]*["']?List["']?[ \t]*(#.*)?(\r?\n|$)|"kind"\s*:\s*"List"/;
const CLUSTER_ITEM = /(^|\n)[ \t-]*kind:[ \t]*["']?(VirtualMachineInstance|Namespace)["']?[ \t]*(\r?\n|$)|"kind"\s*:\s*"(VirtualMachineInstance|Namespace)"/;

/** Whether a file whose first and last bytes are `head` and `tail` looks like a cluster snapshot. */
export function looksLikeSnapshot(head: string, tail: string): boolean {
  return (LIST_KIND.test(head) || LIST_KIND.test(tail)) && (CLUSTER_ITEM.test(head) || CLUSTER_ITEM.test(tail));
}
