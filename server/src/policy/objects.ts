// Kubernetes objects as JSON (an API answer, a watch event, a snapshot item, a workspace document) →
// the plain values that matching reads. One converter per kind, shared by the live source, snapshot
// files and the features that read workspace documents; pure, so it sits in the policy layer.
import type { MigrationOutcome } from '../protocol';

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

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const objectAt = (value: unknown, key: string): Json => (isObject(value) && isObject(value[key]) ? value[key] : {});

/** A label map: strings as they are, null as "" (as Go decodes it into map[string]string). */
function labelsOf(metadata: Json): Readonly<Record<string, string>> {
  const labels = objectAt(metadata, 'labels');
  // Labels as the API server sends them (every value a string) are taken as they are: a copy of each of
  // 100,000 VMIs' labels would cost time and memory. Only a map with other values is copied.
  let plain = Object.getPrototypeOf(labels) === Object.prototype && !Object.hasOwn(labels, '__proto__');
  for (const key in labels) if (!Object.hasOwn(labels, key) || typeof labels[key] !== 'string') plain = false;
  if (plain) return labels as Record<string, string>;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) {
    if (typeof value === 'string') out[key] = value;
    else if (value === null) out[key] = '';
  }
  return out;
}

function nameOf(obj: unknown): string | undefined {
  const name = objectAt(obj, 'metadata').name;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** A Namespace (or its metadata-only form). */
export function namespaceFromObject(obj: unknown): NamespaceInfo | undefined {
  const name = nameOf(obj);
  return name === undefined ? undefined : { name, labels: labelsOf(objectAt(obj, 'metadata')) };
}

/** A VirtualMachineInstance (or its metadata-only form): labels, guest memory, the last migration's policy. */
export function vmiFromObject(obj: unknown): VmiInfo | undefined {
  const name = nameOf(obj);
  const metadata = objectAt(obj, 'metadata');
  if (name === undefined || typeof metadata.namespace !== 'string' || metadata.namespace === '') return undefined;
  const domain = objectAt(objectAt(obj, 'spec'), 'domain');
  const memory = objectAt(domain, 'memory').guest ?? objectAt(objectAt(domain, 'resources'), 'requests').memory;
  const lastPolicy = objectAt(objectAt(obj, 'status'), 'migrationState').migrationPolicyName;
  const vmi: VmiInfo = { namespace: metadata.namespace, name, labels: labelsOf(metadata) };
  if (typeof memory === 'string') vmi.memory = memory;
  if (typeof lastPolicy === 'string' && lastPolicy) vmi.lastMigrationPolicy = lastPolicy;
  return vmi;
}

/**
 * A parsed MigrationPolicy object as PolicyInfo, or undefined when it is not a MigrationPolicy with a
 * name. Selector entries with null values are dropped (the API server prunes them); numbers and
 * booleans count as their text. A selector that is not a map, or holds maps or lists (`matchLabels:`),
 * would be rejected by the API server: such a policy gets `hasSelectors: false` and matches nothing.
 */
export function policyInfoFromObject(obj: unknown, origin: PolicyInfo['origin']): PolicyInfo | undefined {
  if (!isObject(obj) || obj.kind !== 'MigrationPolicy') return undefined;
  const name = nameOf(obj);
  if (name === undefined) return undefined;
  const spec = objectAt(obj, 'spec');
  const selectors = spec.selectors;
  const ns = selectorMap(isObject(selectors) ? selectors.namespaceSelector : undefined);
  const vmi = selectorMap(isObject(selectors) ? selectors.virtualMachineInstanceSelector : undefined);
  const valid = isObject(selectors) && ns !== undefined && vmi !== undefined;
  return { name, hasSelectors: valid, namespaceSelector: ns ?? {}, vmiSelector: vmi ?? {}, spec, origin };
}

function selectorMap(value: unknown): Readonly<Record<string, string>> | undefined {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) return undefined;
  const entries: [string, string][] = [];
  for (const [key, v] of Object.entries(value)) {
    if (v === null) continue;
    if (typeof v === 'string') entries.push([key, v]);
    else if (typeof v === 'number' || typeof v === 'boolean') entries.push([key, String(v)]);
    else return undefined;
  }
  return Object.fromEntries(entries);
}

/** The KubeVirt CR: version, feature gates and the cluster-wide migration configuration. */
export function kubeVirtFromObject(obj: unknown): KubeVirtInfo | undefined {
  const name = nameOf(obj);
  if (name === undefined) return undefined;
  const configuration = objectAt(objectAt(obj, 'spec'), 'configuration');
  const gates = objectAt(configuration, 'developerConfiguration').featureGates;
  const version = objectAt(obj, 'status').observedKubeVirtVersion;
  const kubevirt: KubeVirtInfo = {
    name,
    featureGates: Array.isArray(gates) ? gates.filter((g): g is string => typeof g === 'string') : [],
    migrations: objectAt(configuration, 'migrations'),
  };
  if (typeof version === 'string' && version) kubevirt.version = version;
  return kubevirt;
}

/** What a VMI records of its last migration (`status.migrationState`), reduced to what drift needs. */
export interface MigrationRecord {
  namespace: string;
  name: string;
  labels: Readonly<Record<string, string>>;
  /** `migrationPolicyName`; undefined when none was written (empty means none too). */
  policy?: string;
  /**
   * The shape of `migrationConfiguration`: `v1.8` for the ≤ v1.8 MigrationConfiguration (it carries
   * cluster-wide fields such as parallelMigrationsPerCluster), `v1.9` for VMIMConfigurationOptions,
   * `none` when no configuration was written.
   */
  configuration: 'v1.8' | 'v1.9' | 'none';
  /** How the migration ended, as far as the VMI says. */
  outcome: MigrationOutcome;
  /** Post-copy, pre-copy or paused (`mode`), when recorded. */
  mode?: string;
  endTimestamp?: string;
  failureReason?: string;
}

// Fields only KubeVirt's cluster-wide MigrationConfiguration has (the ≤ v1.8 type of migrationConfiguration).
const CLUSTER_WIDE_FIELDS = ['parallelMigrationsPerCluster', 'parallelOutboundMigrationsPerNode', 'nodeDrainTaintKey'];

/** A VMI's last migration (`status.migrationState`), or undefined when it has none (or no name/namespace). */
// staging/src/kubevirt.io/api/core/v1/types.go VirtualMachineInstanceMigrationState
export function migrationRecordFromObject(obj: unknown): MigrationRecord | undefined {
  const name = nameOf(obj);
  const metadata = objectAt(obj, 'metadata');
  const state = objectAt(obj, 'status').migrationState;
  if (name === undefined || typeof metadata.namespace !== 'string' || !metadata.namespace || !isObject(state)) return undefined;
  const config = state.migrationConfiguration;
  const configuration = !isObject(config) ? 'none' : CLUSTER_WIDE_FIELDS.some((f) => f in config) ? 'v1.8' : 'v1.9';
  const outcome = state.abortStatus === 'Succeeded' ? 'aborted' : state.failed === true ? 'failed' : state.completed === true ? 'succeeded' : state.startTimestamp || state.targetNode ? 'running' : 'unknown';
  const record: MigrationRecord = { namespace: metadata.namespace, name, labels: labelsOf(metadata), configuration, outcome };
  if (typeof state.migrationPolicyName === 'string' && state.migrationPolicyName) record.policy = state.migrationPolicyName;
  if (typeof state.mode === 'string' && state.mode) record.mode = state.mode;
  if (typeof state.endTimestamp === 'string') record.endTimestamp = state.endTimestamp;
  if (typeof state.failureReason === 'string' && state.failureReason) record.failureReason = state.failureReason;
  return record;
}
