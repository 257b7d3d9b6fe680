// The migration configuration a VMI gets: the cluster's configuration (KubeVirt CR
// `spec.configuration.migrations` over KubeVirt's defaults) with the matched policy's fields on top.
// Mirrors applyMigrationPolicySpec in pkg/virt-controller/watch/migration/migrationpolicy.go and the
// defaults of pkg/virt-config (kubevirt-facts.md §5). Values are JSON as written; nothing is parsed.

/** Where an effective value comes from. */
export type ValueSource = 'policy' | 'cluster' | 'default';

/** One field of the effective configuration. */
export interface EffectiveField {
  /** Dotted path as in the policy spec (`experimental.stallDetector.stallMargin`). */
  path: string;
  /** The JSON value (`"0Mi"`, `150`, `false`); for `experimental.stallDetector` and `.downtimeTuning`, whether it is on. */
  value: unknown;
  source: ValueSource;
  /** Why the value is what it is when that is not obvious (the allowPostCopy rule). */
  note?: string;
}

/** The effective configuration, keyed by path, in the catalogue's field order. */
export type EffectiveConfiguration = Readonly<Record<string, EffectiveField>>;

type Json = Readonly<Record<string, unknown>>;

// pkg/virt-config/virt-config.go constants, configuration.go defaultClusterConfig (KubeVirt main / v1.9).
const CLUSTER_DEFAULTS: readonly [string, unknown][] = [
  ['allowAutoConverge', false],
  ['bandwidthPerMigration', '0Mi'],
  ['completionTimeoutPerGiB', 150],
];

const STALL_DETECTOR_DEFAULTS: readonly [string, unknown][] = [
  ['stallMargin', 4],
  ['stallProgressTimeout', 40],
  ['switchoverTimeout', 60],
  ['ewmaAlpha', '0.4'],
  ['precopyPossibleFactor', '1.5'],
  ['patienceWindowDecayFactor', '0.5'],
  ['searchLocalMinima', true],
  ['completionTimeoutFactor', '2'],
];

const DOWNTIME_TUNING_DEFAULTS: readonly [string, unknown][] = [
  ['initialMs', 150],
  ['steps', 7],
  ['startAfterIteration', 3],
  ['cooldownSeconds', 10],
];

const FOLLOWS_POST_COPY = 'follows allowPostCopy when not set';

/**
 * The configuration a VMI governed by `policySpec` migrates with (or, with no policy, the cluster's
 * own): every field with its value and where it comes from. Non-null policy fields replace the
 * cluster's; `allowWorkloadDisruption` follows `allowPostCopy` when unset, at both levels;
 * `experimental` is merged field by field.
 */
// pkg/virt-controller/watch/migration/migrationpolicy.go applyMigrationPolicySpec over
// pkg/util/migrations ToVMIMConfigurationOptions(clusterConfig.GetMigrationConfiguration())
export function effectiveConfiguration(policySpec: Json | undefined, kubevirtMigrations: Json | undefined): EffectiveConfiguration {
  const cluster = kubevirtMigrations ?? {};
  const policy = policySpec ?? {};
  const result: Record<string, EffectiveField> = {};
  const put = (field: EffectiveField) => (result[field.path] = field);
  const pick = (path: string, fallback: unknown, p: Json, c: Json, key = path): EffectiveField => {
    if (isSet(p[key])) return { path, value: p[key], source: 'policy' };
    if (isSet(c[key])) return { path, value: c[key], source: 'cluster' };
    return { path, value: fallback, source: 'default' };
  };

  for (const [key, fallback] of CLUSTER_DEFAULTS) put(pick(key, fallback, policy, cluster));
  const postCopy = put(pick('allowPostCopy', false, policy, cluster));
  // virt-config.go GetMigrationConfiguration: cluster-wide allowWorkloadDisruption follows allowPostCopy.
  const clusterDisruption: EffectiveField = isSet(cluster.allowWorkloadDisruption)
    ? { path: 'allowWorkloadDisruption', value: cluster.allowWorkloadDisruption, source: 'cluster' }
    : { path: 'allowWorkloadDisruption', value: isSet(cluster.allowPostCopy) ? cluster.allowPostCopy : false, source: isSet(cluster.allowPostCopy) ? 'cluster' : 'default', note: FOLLOWS_POST_COPY };
  if (isSet(policy.allowWorkloadDisruption)) put({ path: 'allowWorkloadDisruption', value: policy.allowWorkloadDisruption, source: 'policy' });
  else if (isSet(policy.allowPostCopy)) put({ path: 'allowWorkloadDisruption', value: postCopy.value, source: 'policy', note: FOLLOWS_POST_COPY });
  else put(clusterDisruption);
  put(pick('maxDowntimeMs', 900, policy, cluster));

  const pExp = objectAt(policy, 'experimental');
  const cExp = objectAt(cluster, 'experimental');
  put(pick('experimental.compression', 'none', pExp, cExp, 'compression'));
  group('stallDetector', STALL_DETECTOR_DEFAULTS);
  group('downtimeTuning', DOWNTIME_TUNING_DEFAULTS);
  return result;

  // migrationpolicy.go applyStallDetectorOptions / applyDowntimeTuningOptions: sub-fields merged one by one.
  function group(name: string, defaults: readonly [string, unknown][]): void {
    const p = pExp[name];
    const c = cExp[name];
    const path = `experimental.${name}`;
    if (!isObject(p) && !isObject(c)) {
      put({ path, value: false, source: 'default' });
      return;
    }
    put({ path, value: true, source: isObject(p) ? 'policy' : 'cluster' });
    for (const [key, fallback] of defaults) put(pick(`${path}.${key}`, fallback, isObject(p) ? p : {}, isObject(c) ? c : {}, key));
  }
}

/** Renders a value for display: quantities and numbers as written, booleans as `true`/`false`. */
export function formatEffectiveValue(field: EffectiveField): string {
  if (field.path === 'experimental.stallDetector' || field.path === 'experimental.downtimeTuning') return field.value ? 'on' : 'off';
  return typeof field.value === 'string' ? field.value : JSON.stringify(field.value);
}

// Go's `*T` fields: JSON null and absence both leave the pointer nil (the API server prunes nulls).
function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectAt(json: Json, key: string): Json {
  const value = json[key];
  return isObject(value) ? value : {};
}
