// What cluster data looks like once read, wherever it came from (a live cluster or a snapshot file):
// plain immutable values, no client objects. Matching and the editor features read only these.

// The values matching reads are the policy layer's (policy/objects.ts makes them from Kubernetes JSON).
import type { KubeVirtInfo, NamespaceInfo, PolicyInfo, VmiInfo } from '../policy/objects';

export type { KubeVirtInfo, NamespaceInfo, PolicyInfo, VmiInfo } from '../policy/objects';

/** One complete, consistent reading of the cluster. */
export interface ClusterData {
  namespaces: readonly NamespaceInfo[];
  vmis: readonly VmiInfo[];
  policies: readonly PolicyInfo[];
  /** Undefined when no KubeVirt CR was found (or it could not be read). */
  kubevirt?: KubeVirtInfo;
}

// The status types cross the wire (the client shows them): they live in protocol.ts.
import type { ClusterStatus, SourceDescription } from '../protocol';

export type { ClusterStatus, SourceDescription, SourceState } from '../protocol';

/** A source of cluster data: loads in the background and reports each new complete reading. */
export interface ClusterSource {
  readonly description: SourceDescription;
  /** The latest complete reading, if any. */
  current(): ClusterData | undefined;
  status(): ClusterStatus;
  /** Starts loading (and watching, for live clusters). Never throws; faults become states. */
  start(): void;
  /** Drops the data and loads again. */
  refresh(): Promise<void>;
  stop(): void;
  /** Called after every change of data or state. */
  onChange(listener: () => void): { dispose(): void };
}
