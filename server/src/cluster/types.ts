// What cluster data looks like once read, wherever it came from (a live cluster or a snapshot file):
// plain immutable values, no client objects. Matching and the editor features read only these.

/** A namespace and its labels (Kubernetes ≥ 1.21 adds `kubernetes.io/metadata.name`). */
export interface NamespaceInfo {
  name: string;
  labels: Readonly<Record<string, string>>;
}

/** A VirtualMachineInstance as far as matching needs it (metadata only from a live cluster). */
export interface VmiInfo {
  namespace: string;
  name: string;
  labels: Readonly<Record<string, string>>;
  /** Guest memory as a quantity string, when the source has the full object (snapshots). */
  memory?: string;
  /** `status.migrationState.migrationPolicyName`: the policy the last migration used, when known. */
  lastMigrationPolicy?: string;
}

/** A MigrationPolicy reduced to what matching and merging need. */
export interface PolicyInfo {
  name: string;
  /** False when `spec.selectors` is absent or null: such a policy never matches (countMatchingLabels). */
  hasSelectors: boolean;
  namespaceSelector: Readonly<Record<string, string>>;
  vmiSelector: Readonly<Record<string, string>>;
  /** The policy's spec as JSON, for the effective-configuration view. */
  spec: Readonly<Record<string, unknown>>;
  /** Where it comes from: the cluster, or a workspace file that replaces the cluster's version. */
  origin: { kind: 'cluster' } | { kind: 'workspace'; uri: string };
}

/** The KubeVirt CR's parts that matter here. */
export interface KubeVirtInfo {
  name: string;
  /** `status.observedKubeVirtVersion` (e.g. `v1.9.0`), when reported. */
  version?: string;
  /** `spec.configuration.developerConfiguration.featureGates`. */
  featureGates: readonly string[];
  /** `spec.configuration.migrations` as JSON. */
  migrations: Readonly<Record<string, unknown>>;
}

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
