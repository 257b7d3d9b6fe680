// The migration configuration a VMI gets: the cluster's configuration (KubeVirt CR
// `spec.configuration.migrations` over KubeVirt's defaults) with the matched policy's fields on top.
// Mirrors applyMigrationPolicySpec in pkg/virt-controller/watch/migration/migrationpolicy.go and the
// defaults of pkg/virt-config (kubevirt-facts.md §5). Values are JSON as written; nothing is parsed.

import { findField } from './catalog';
import type { FieldSpec } from './catalog';

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

// The defaults (pkg/virt-config/virt-config.go constants, configuration.go defaultClusterConfig) are
// the catalogue's `defaultValue`s; the order is the catalogue's, plain options before switchable groups.
const SPEC = findField(['spec']) as FieldSpec;
const POST_COPY_DEFAULT = findField(['spec', 'allowPostCopy'])?.defaultValue;

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

  for (const field of SPEC.children ?? []) {
    if (field.name === 'selectors') continue; // chooses VMIs; not a migration setting
    if (field.name === 'allowWorkloadDisruption') {
      // No default of its own: it follows allowPostCopy (virt-config.go GetMigrationConfiguration at the
      // cluster level, applyMigrationPolicySpec at the policy level).
      const clusterDisruption: EffectiveField = isSet(cluster.allowWorkloadDisruption)
        ? { path: 'allowWorkloadDisruption', value: cluster.allowWorkloadDisruption, source: 'cluster' }
        : { path: 'allowWorkloadDisruption', value: isSet(cluster.allowPostCopy) ? cluster.allowPostCopy : POST_COPY_DEFAULT, source: isSet(cluster.allowPostCopy) ? 'cluster' : 'default', note: FOLLOWS_POST_COPY };
      if (isSet(policy.allowWorkloadDisruption)) put({ path: 'allowWorkloadDisruption', value: policy.allowWorkloadDisruption, source: 'policy' });
      else if (isSet(policy.allowPostCopy)) put({ path: 'allowWorkloadDisruption', value: result.allowPostCopy?.value, source: 'policy', note: FOLLOWS_POST_COPY });
      else put(clusterDisruption);
      continue;
    }
    if (!field.children) {
      put(pick(field.name, field.defaultValue, policy, cluster));
      continue;
    }
    // A container of options (`experimental`): its plain options, then its switchable groups.
    const p = objectAt(policy, field.name);
    const c = objectAt(cluster, field.name);
    for (const option of field.children.filter((f) => !f.children)) put(pick(`${field.name}.${option.name}`, option.defaultValue, p, c, option.name));
    for (const option of field.children.filter((f) => f.children)) group(field.name, option, p, c);
  }
  return result;

  // migrationpolicy.go applyStallDetectorOptions / applyDowntimeTuningOptions: a group is on when either
  // level has the object; its sub-fields are merged one by one.
  function group(parent: string, field: FieldSpec, pParent: Json, cParent: Json): void {
    const p = pParent[field.name];
    const c = cParent[field.name];
    const path = `${parent}.${field.name}`;
    if (!isObject(p) && !isObject(c)) {
      put({ path, value: false, source: 'default' });
      return;
    }
    put({ path, value: true, source: isObject(p) ? 'policy' : 'cluster' });
    for (const option of listOrder(field.children ?? [])) put(pick(`${path}.${option.name}`, option.defaultValue, isObject(p) ? p : {}, isObject(c) ? c : {}, option.name));
  }
}

// The effective view lists the stall detector's options as virt-config's defaultClusterConfig sets
// them: searchLocalMinima after the three factors that precede it in the catalogue (whose order is
// the completion order). Every other group keeps the catalogue's order.
function listOrder(children: readonly FieldSpec[]): readonly FieldSpec[] {
  const at = children.findIndex((f) => f.name === 'searchLocalMinima');
  const after = children.findIndex((f) => f.name === 'patienceWindowDecayFactor');
  if (at < 0 || after < at) return children;
  const ordered = children.filter((f) => f.name !== 'searchLocalMinima');
  ordered.splice(after, 0, children[at]);
  return ordered;
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
