// The one field catalogue of MigrationPolicy (migrations.kubevirt.io/v1alpha1) as of KubeVirt v1.9
// and main. Validation, completion, hover and the exported JSON Schema are all derived from it.
// Upstream: staging/src/kubevirt.io/api/migrations/v1alpha1/types.go (MigrationPolicySpec),
// pkg/virt-operator/resource/generate/components/validations_generated.go ("migrationpolicy").

export type FieldType =
  | 'object'
  | 'boolean'
  | 'integer'
  | 'quantity'
  | 'factor'
  | 'enum'
  | 'string'
  | 'labelMap'
  | 'stringMap'
  | 'any';

export interface ValueSuggestion {
  value: string;
  doc: string;
}

export interface FieldSpec {
  name: string;
  type: FieldType;
  /** One line, for completion lists. */
  summary: string;
  /** Markdown, in our own words: meaning, unit, default, what 0 means, interplay with other fields. */
  doc: string;
  unit?: string;
  /** What applies when the field is left out (the cluster-wide value, or the built-in default). */
  defaultText?: string;
  /**
   * The JSON value KubeVirt applies when neither the policy nor the KubeVirt CR sets the field
   * (pkg/virt-config constants, configuration.go defaultClusterConfig); policy/effective.ts reads it.
   */
  defaultValue?: string | number | boolean;
  /** The value a completion snippet inserts. */
  snippetDefault?: string;
  /** Inclusive bounds enforced by the CRD schema or the admission webhook. */
  min?: number;
  max?: number;
  /** The Go integer type KubeVirt's webhook decodes an integer field into (default int64). */
  goType?: 'int32' | 'int64' | 'uint64';
  /** True when the lower bound excludes `min` itself. */
  minExclusive?: boolean;
  enumValues?: string[];
  required?: boolean;
  /** The first KubeVirt release that has the field. */
  since: string;
  /** Feature gates of which at least one must be enabled for the webhook to accept the field. */
  featureGates?: string[];
  experimental?: boolean;
  /** Where public documentation says something the code does not do. */
  docsDisagree?: string;
  values?: ValueSuggestion[];
  children?: FieldSpec[];
}

export const API_GROUP = 'migrations.kubevirt.io';
export const API_VERSION = `${API_GROUP}/v1alpha1`;
export const KIND = 'MigrationPolicy';
/** The newest KubeVirt release the catalogue describes; `main` adds downtimeTuning on top. */
export const LATEST_RELEASE = 'v1.9.0';
export const MAIN_BRANCH = 'main';

const factorField = (name: string, summary: string, doc: string, defaultText: string, min: number, max: number | undefined, minExclusive = false): FieldSpec => ({
  name,
  type: 'factor',
  summary,
  doc: `${doc}\n\nA decimal number written as a string (\`"${defaultText}"\`) or a quantity (\`500m\` is 0.5), at most 3 decimal places. Since KubeVirt main it may also be an integer; v1.9.0's schema accepts only strings.`,
  defaultText,
  defaultValue: defaultText,
  snippetDefault: `"${defaultText}"`,
  min,
  max,
  minExclusive,
  since: 'v1.9.0',
  featureGates: ['MigrationStallDetection'],
  experimental: true,
});

const stallDetector: FieldSpec = {
  name: 'stallDetector',
  type: 'object',
  summary: 'Detect migrations that stopped making progress and react early (alpha)',
  doc:
    'Turns on the stall detector for migrations this policy governs: instead of waiting for the full completion timeout, KubeVirt watches how fast the remaining memory shrinks and gives up (or switches over) once the migration has stalled.\n\n' +
    'Needs the `MigrationStallDetection` feature gate: the admission webhook denies a policy that sets or changes it otherwise. It manages its own downtime schedule, so it cannot be combined with `downtimeTuning`.',
  since: 'v1.9.0',
  featureGates: ['MigrationStallDetection'],
  experimental: true,
  children: [
    { name: 'stallMargin', type: 'integer', summary: 'Tolerance before a migration counts as stalled', doc: 'How many extra iterations without progress the detector tolerates before it declares the migration stalled. 0 to 100.', defaultText: '4', defaultValue: 4, snippetDefault: '4', min: 0, max: 100, since: 'v1.9.0', featureGates: ['MigrationStallDetection'], experimental: true },
    { name: 'stallProgressTimeout', type: 'integer', unit: 'seconds', summary: 'Seconds without progress before the migration counts as stalled', doc: 'Seconds without measurable progress after which the migration counts as stalled.', defaultText: '40', defaultValue: 40, snippetDefault: '40', min: 0, since: 'v1.9.0', featureGates: ['MigrationStallDetection'], experimental: true },
    { name: 'switchoverTimeout', type: 'integer', unit: 'seconds', summary: 'Seconds allowed for the final switchover', doc: 'Seconds the final switchover (pausing the source and copying the last dirty pages) may take before the migration is aborted.', defaultText: '60', defaultValue: 60, snippetDefault: '60', min: 0, since: 'v1.9.0', featureGates: ['MigrationStallDetection'], experimental: true },
    { name: 'searchLocalMinima', type: 'boolean', summary: 'Wait for a local minimum of remaining data before switching over', doc: 'When true, the detector waits for a local minimum of the remaining data before it switches over, which shortens the downtime.', defaultText: 'true', defaultValue: true, snippetDefault: 'true', since: 'v1.9.0', featureGates: ['MigrationStallDetection'], experimental: true },
    factorField('ewmaAlpha', 'Smoothing of the progress average', 'Weight of the newest sample in the exponentially weighted moving average of progress. Greater than 0, at most 1: higher reacts faster, lower is smoother.', '0.4', 0, 1, true),
    factorField('precopyPossibleFactor', 'How much faster than dirtying the copy must be', 'The migration is judged able to converge in pre-copy when the transfer rate is at least this factor times the dirty rate. At least 1.', '1.5', 1, undefined),
    factorField('patienceWindowDecayFactor', 'How fast patience shrinks', 'Factor by which the patience window shrinks after each stall. 0 to 1.', '0.5', 0, 1),
    factorField('completionTimeoutFactor', 'Multiplier of the completion timeout', 'Multiplies the completion timeout while the stall detector is active. At least 1.', '2', 1, undefined),
  ],
};

const downtimeTuning: FieldSpec = {
  name: 'downtimeTuning',
  type: 'object',
  summary: 'Raise the allowed downtime step by step during the migration (alpha, KubeVirt main)',
  doc:
    'Starts with a small allowed downtime and raises it in steps towards `maxDowntimeMs` as pre-copy iterations go by, so a busy guest can still converge with the least downtime needed.\n\n' +
    'Needs the `MigrationDowntimeTuning` feature gate, and is only in KubeVirt main (not in v1.9.0). Cannot be combined with `stallDetector`.',
  since: MAIN_BRANCH,
  featureGates: ['MigrationDowntimeTuning'],
  experimental: true,
  children: [
    { name: 'initialMs', type: 'integer', unit: 'milliseconds', summary: 'Allowed downtime at the first step', doc: 'The downtime allowed at the first step, in milliseconds. At least 1.', defaultText: '150', defaultValue: 150, snippetDefault: '150', min: 1, since: MAIN_BRANCH, featureGates: ['MigrationDowntimeTuning'], experimental: true },
    { name: 'steps', type: 'integer', goType: 'int32', summary: 'Number of steps up to maxDowntimeMs', doc: 'How many steps the allowed downtime takes to grow from `initialMs` to `maxDowntimeMs`. At least 1.', defaultText: '7', defaultValue: 7, snippetDefault: '7', min: 1, since: MAIN_BRANCH, featureGates: ['MigrationDowntimeTuning'], experimental: true },
    { name: 'startAfterIteration', type: 'integer', summary: 'Pre-copy iteration at which tuning starts', doc: 'The pre-copy iteration after which the allowed downtime starts to grow. At least 1.', defaultText: '3', defaultValue: 3, snippetDefault: '3', min: 1, since: MAIN_BRANCH, featureGates: ['MigrationDowntimeTuning'], experimental: true },
    { name: 'cooldownSeconds', type: 'integer', goType: 'int32', unit: 'seconds', summary: 'Seconds between two steps', doc: 'Seconds to wait between two increases of the allowed downtime. At least 1.', defaultText: '10', defaultValue: 10, snippetDefault: '10', min: 1, since: MAIN_BRANCH, featureGates: ['MigrationDowntimeTuning'], experimental: true },
  ],
};

const experimental: FieldSpec = {
  name: 'experimental',
  type: 'object',
  summary: 'Alpha migration options; may change or go away',
  doc: 'Alpha options of KubeVirt\'s migration engine: the stall detector, downtime tuning and compression. Upstream marks them as experimental and "will be removed in the future"; each needs its feature gate.',
  since: 'v1.9.0',
  experimental: true,
  children: [
    stallDetector,
    downtimeTuning,
    {
      name: 'compression',
      type: 'enum',
      summary: 'Compress migration traffic: none or zstd',
      doc: 'Compresses the memory pages sent during migration. `zstd` trades CPU on both nodes for less network traffic, which helps on slow links; `none` sends pages as they are.',
      enumValues: ['none', 'zstd'],
      values: [
        { value: 'none', doc: 'Send memory pages uncompressed.' },
        { value: 'zstd', doc: 'Compress memory pages with zstd: less traffic, more CPU on both nodes.' },
      ],
      defaultText: 'none',
      defaultValue: 'none',
      snippetDefault: 'zstd',
      since: 'v1.9.0',
      experimental: true,
    },
  ],
};

const labelSelectorDoc = (what: string, target: string) =>
  `A plain map of label keys to values. The policy applies only to VMIs whose ${what} carries **every** entry with exactly that value (case-sensitive, no wildcards, no partial credit).\n\n` +
  `Since KubeVirt v0.55 this is a plain \`key: value\` map, not a Kubernetes LabelSelector: \`matchLabels\` and \`matchExpressions\` are rejected. Values must be strings: quote \`"true"\` and numbers. An empty value \`""\` matches only ${target} whose label value is empty.`;

const selectors: FieldSpec = {
  name: 'selectors',
  type: 'object',
  required: true,
  summary: 'Which VMIs the policy applies to (required)',
  doc:
    'Chooses the VirtualMachineInstances the policy governs, by the labels of the VMI and of its namespace. Every entry must match. `selectors: {}` matches every VMI, with the lowest precedence.\n\n' +
    'When several policies match a VMI, the one with the most matched labels in total wins; on a tie, the one with more VMI labels; then the policy whose name sorts first (byte-wise).',
  docsDisagree:
    'The user guide and the OpenShift docs say ties are broken by "lexicographic order of the matching labels keys". KubeVirt\'s code (`matchPolicy` in pkg/virt-controller/watch/migration/migrationpolicy.go) compares the number of VMI labels and then the **policy names**; label keys are never compared. The docs also say identical selectors are not allowed: nothing enforces that.',
  since: 'v0.49.0',
  children: [
    {
      name: 'namespaceSelector',
      type: 'labelMap',
      summary: 'Labels the VMI\'s namespace must carry',
      doc: labelSelectorDoc('namespace', 'namespaces') + '\n\nEvery namespace carries `kubernetes.io/metadata.name: <name>`, so a single namespace can be chosen by name.',
      since: 'v0.49.0',
    },
    {
      name: 'virtualMachineInstanceSelector',
      type: 'labelMap',
      summary: 'Labels the VMI itself must carry',
      doc: labelSelectorDoc('own labels', 'VMIs') + '\n\nVMI labels outrank namespace labels only on a tie of the total number of matched labels.',
      since: 'v0.49.0',
    },
  ],
};

const spec: FieldSpec = {
  name: 'spec',
  type: 'object',
  required: true,
  summary: 'Which VMIs the policy selects and the migration settings it overrides',
  doc: 'The policy: `selectors` chooses the VMIs; every other field, when set, overrides the cluster-wide migration setting of the KubeVirt CR (`spec.configuration.migrations`) for those VMIs. Fields left out keep the cluster value.',
  since: 'v0.49.0',
  children: [
    selectors,
    {
      name: 'allowAutoConverge',
      type: 'boolean',
      summary: 'Throttle the guest\'s CPUs so the migration can converge',
      doc: 'When true, QEMU may slow down the guest\'s vCPUs if memory is dirtied faster than it can be copied, so that the migration can finish. Helps busy guests migrate at the cost of their performance during the migration.',
      defaultText: 'false (the KubeVirt CR\'s `allowAutoConverge`)',
      defaultValue: false,
      snippetDefault: 'true',
      since: 'v0.49.0',
    },
    {
      name: 'bandwidthPerMigration',
      type: 'quantity',
      unit: 'bytes per second',
      summary: 'Bandwidth cap of each migration, bytes per second (0 = unlimited)',
      doc:
        'Caps the network bandwidth of each migration this policy governs. A Kubernetes quantity of **bytes per second**: `64Mi` is 64 MiB/s (about 537 Mbit/s), `1Gi` is 1 GiB/s. Case matters: `Mi`/`Gi` are binary, `M`/`G` decimal, `k` is kilo (`K` is invalid) and `m` means milli.\n\n' +
        '`0` means unlimited. KubeVirt rounds positive values below 1Mi up to 1Mi and other values to whole MiB; a milli-quantity such as `500m` becomes 0 bytes, which means no limit at all.',
      docsDisagree: 'Older OpenShift docs called this MiB/s and documented a 64Mi default: it is bytes per second, and the default is 0 (unlimited); the 64Mi default was never enforced.',
      defaultText: '0, unlimited (the KubeVirt CR\'s `bandwidthPerMigration`)',
      defaultValue: '0Mi',
      snippetDefault: '64Mi',
      min: 0,
      since: 'v0.49.0',
      values: [
        { value: '0', doc: 'No limit (the cluster default).' },
        { value: '32Mi', doc: '32 MiB/s, about 268 Mbit/s.' },
        { value: '64Mi', doc: '64 MiB/s, about 537 Mbit/s.' },
        { value: '128Mi', doc: '128 MiB/s, about 1.07 Gbit/s.' },
        { value: '256Mi', doc: '256 MiB/s, about 2.1 Gbit/s.' },
        { value: '512Mi', doc: '512 MiB/s, about 4.3 Gbit/s.' },
        { value: '1Gi', doc: '1 GiB/s, about 8.6 Gbit/s.' },
      ],
    },
    {
      name: 'completionTimeoutPerGiB',
      type: 'integer',
      unit: 'seconds per GiB',
      summary: 'Seconds allowed per GiB of guest memory before the migration gives up',
      doc:
        'How long a migration may take, in seconds per GiB of data to move (guest memory, plus disks for block migration): a VMI with 8 GiB at `150` gets 1,350 seconds, because KubeVirt counts the memory in decimal GB rounded up (8 GiB = 8.59 GB counts as 9; `getVMIMigrationDataSize`). When the time is up the migration is cancelled, or, if `allowWorkloadDisruption` is true, switched to post-copy (when `allowPostCopy` is true) or completed by pausing the VMI.\n\n' +
        '`0` is accepted by the webhook; negative values are denied.',
      defaultText: '150 (the KubeVirt CR\'s `completionTimeoutPerGiB`)',
      defaultValue: 150,
      snippetDefault: '150',
      min: 0,
      since: 'v0.49.0',
      values: [{ value: '150', doc: 'The cluster default: 150 seconds per GiB.' }],
    },
    {
      name: 'allowPostCopy',
      type: 'boolean',
      summary: 'Allow switching to post-copy when the completion timeout is reached',
      doc:
        'When true, a migration that reaches its completion timeout may switch to post-copy: the guest runs on the target while the rest of its memory is fetched on demand. That always converges, but a network failure during post-copy loses the VMI.\n\n' +
        'If `allowWorkloadDisruption` is not set, it takes this field\'s value (a backward-compatibility rule in KubeVirt\'s `applyMigrationPolicySpec`).',
      defaultText: 'false (the KubeVirt CR\'s `allowPostCopy`)',
      defaultValue: false,
      snippetDefault: 'false',
      since: 'v0.49.0',
    },
    {
      name: 'allowWorkloadDisruption',
      type: 'boolean',
      summary: 'Disrupt the workload (post-copy or pause) instead of cancelling at the timeout',
      doc:
        'When true, a migration that reaches its completion timeout is not cancelled: it switches to post-copy if `allowPostCopy` is true, and otherwise pauses the VMI to finish the copy.\n\n' +
        'When left out, it follows `allowPostCopy` of the same policy (or of the cluster).',
      defaultText: 'the value of `allowPostCopy`',
      snippetDefault: 'false',
      since: 'v1.5.0',
    },
    {
      name: 'maxDowntimeMs',
      type: 'integer',
      goType: 'uint64',
      unit: 'milliseconds',
      summary: 'Longest switchover downtime allowed, in milliseconds (1–2000000)',
      doc: 'The longest pause of the guest allowed for the final switchover, in milliseconds. Larger values let busy guests converge sooner, at the cost of a longer pause.\n\nThe admission webhook denies setting or changing it unless the `MigrationStallDetection` or `MigrationDowntimeTuning` feature gate is enabled (KubeVirt v1.9.0 names only `MigrationStallDetection`).',
      defaultText: '900 (the KubeVirt CR\'s `maxDowntimeMs`)',
      defaultValue: 900,
      snippetDefault: '900',
      min: 1,
      max: 2000000,
      since: 'v1.9.0',
      featureGates: ['MigrationStallDetection', 'MigrationDowntimeTuning'],
    },
    experimental,
  ],
};

const metadata: FieldSpec = {
  name: 'metadata',
  type: 'object',
  required: true,
  summary: 'Name and labels of the policy',
  doc: 'Standard object metadata. MigrationPolicy is cluster-scoped: it has a name but no namespace.',
  since: 'v0.49.0',
  children: [
    { name: 'name', type: 'string', required: true, summary: 'The policy\'s name (lowercase DNS subdomain)', doc: 'The policy\'s name: lowercase letters, digits, `-` and `.`, starting and ending with a letter or digit, at most 253 characters.\n\nNames also break ties: when two matching policies have the same number of matched labels (and of VMI labels), the one whose name sorts first wins.', snippetDefault: 'my-policy', since: 'v0.49.0' },
    { name: 'generateName', type: 'string', summary: 'Prefix for a generated name', doc: 'A prefix from which the API server generates a unique name when `name` is not set (only with `kubectl create`).', since: 'v0.49.0' },
    { name: 'namespace', type: 'string', summary: 'Ignored: MigrationPolicy is cluster-scoped', doc: 'MigrationPolicy is cluster-scoped: the API server drops any namespace.', since: 'v0.49.0' },
    { name: 'labels', type: 'stringMap', summary: 'Labels of the policy object itself', doc: 'Labels of the policy object itself. They do not select anything: use `spec.selectors` for that.', since: 'v0.49.0' },
    { name: 'annotations', type: 'stringMap', summary: 'Annotations of the policy object', doc: 'Free-form annotations of the policy object.', since: 'v0.49.0' },
    ...['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'ownerReferences', 'finalizers', 'selfLink'].map(
      (name): FieldSpec => ({ name, type: 'any', summary: 'Set by the API server', doc: `\`${name}\` is maintained by the API server; it appears in \`kubectl get -o yaml\` output and is ignored or checked on apply.`, since: 'v0.49.0' }),
    ),
  ],
};

/** The MigrationPolicy object: the root of the catalogue. */
export const POLICY: FieldSpec = {
  name: '',
  type: 'object',
  summary: 'KubeVirt MigrationPolicy',
  doc: 'A cluster-scoped policy that overrides live-migration settings for the VMIs its selectors match.',
  since: 'v0.49.0',
  children: [
    { name: 'apiVersion', type: 'enum', required: true, enumValues: [API_VERSION], summary: 'Always migrations.kubevirt.io/v1alpha1', doc: 'MigrationPolicy exists only as `migrations.kubevirt.io/v1alpha1`.', docsDisagree: 'Some OpenShift 4.13 pages use `migrations.kubevirt.io/v1beta1`: that version has never existed.', since: 'v0.49.0', snippetDefault: API_VERSION },
    { name: 'kind', type: 'enum', required: true, enumValues: [KIND], summary: 'Always MigrationPolicy', doc: 'The kind of the object.', since: 'v0.49.0', snippetDefault: KIND },
    metadata,
    spec,
    { name: 'status', type: 'any', summary: 'Unused: KubeVirt writes no status here', doc: 'MigrationPolicy status is an empty object: the matching result is recorded on each VMI (`status.migrationState.migrationPolicyName`).', since: 'v0.49.0' },
  ],
};

/**
 * Fields of the KubeVirt CR's migration configuration (spec.configuration.migrations) that people put
 * into a policy by mistake, with what to do instead.
 */
export const CLUSTER_ONLY_FIELDS: Record<string, { what: string; instead?: string }> = {
  parallelMigrationsPerCluster: { what: 'the cluster-wide limit of parallel migrations' },
  parallelOutboundMigrationsPerNode: { what: 'the per-node limit of outbound migrations' },
  progressTimeout: { what: 'the cluster-wide progress timeout', instead: 'A policy can set `completionTimeoutPerGiB` instead.' },
  disableTLS: { what: 'the cluster-wide TLS switch (it was removed from MigrationPolicy before its first release)' },
  network: { what: 'the dedicated migration network' },
  nodeDrainTaintKey: { what: 'the node drain taint key' },
  unsafeMigrationOverride: { what: 'the unsafe-migration override' },
  matchSELinuxLevelOnMigration: { what: 'the SELinux level matching switch' },
  utilityVolumesTimeout: { what: 'the utility volumes timeout' },
};

/** Feature gates named by the catalogue, with what they unlock. */
export const FEATURE_GATES: Record<string, string> = {
  MigrationStallDetection: 'the stall detector and `maxDowntimeMs`',
  MigrationDowntimeTuning: 'downtime tuning and `maxDowntimeMs` (KubeVirt main)',
};

/**
 * The fields the admission webhook gates, outermost first and in catalogue order: each field whose
 * `featureGates` its parent does not already carry, with its path under `spec` and its gates
 * (migrationpolicy-admitter.go: `<path> cannot be modified without enabling the <gates> feature gate`).
 */
export const GATED_FIELDS: readonly { path: readonly string[]; gates: readonly string[] }[] = (() => {
  const out: { path: string[]; gates: string[] }[] = [];
  const walk = (field: FieldSpec, path: string[]) => {
    for (const child of field.children ?? []) {
      if (child.featureGates?.length) out.push({ path: [...path, child.name], gates: child.featureGates });
      else walk(child, [...path, child.name]);
    }
  };
  walk(findField(['spec']) as FieldSpec, []);
  return out;
})();

/** Looks a field up by its path of names from the object root (e.g. ['spec', 'selectors']). */
export function findField(path: readonly string[]): FieldSpec | undefined {
  let field: FieldSpec | undefined = POLICY;
  for (const name of path) {
    field = field?.children?.find((c) => c.name === name);
    if (!field) return undefined;
  }
  return field;
}

/** Orders KubeVirt versions (`v1.9.0`, `v1.10.1`, `main`); `main` is newer than every release. */
export function compareKubevirtVersions(a: string, b: string): number {
  const parse = (v: string) => (v === MAIN_BRANCH ? [Infinity] : v.replace(/^v/, '').split(/[.-]/).slice(0, 3).map((x) => Number.parseInt(x, 10) || 0));
  const pa = parse(a);
  const pb = parse(b);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0 && !Number.isNaN(d)) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** Closest name among candidates by edit distance (case-insensitive), or undefined if none is close. */
export function suggestName(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  const allowed = Math.max(2, Math.floor(name.length / 3));
  return best !== undefined && bestDistance <= allowed ? best : undefined;
}

/** Levenshtein distance (Infinity when the lengths differ by more than 8). */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 8) return Infinity;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
