// Hover for MigrationPolicy documents: the catalogue entry of the field under the cursor (title, doc,
// unit, default, range, release, feature gates, alpha badge, where the docs disagree with the code)
// and, on a value, what KubeVirt makes of it. Everything about fields is derived from the catalogue.
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import type { ParsedFile } from '../document/file';
import { deref, getPair, keyText, stringValue } from '../document/model';
import type { MapNode, Node, ScalarNode, ScalarType, ScalarValue } from '../document/model';
import { documentAt, locate } from '../document/path';
import type { NodeLocation } from '../document/path';
import { findPolicies } from '../document/policies';
import { isInTemplateAction } from '../document/template';
import { CLUSTER_ONLY_FIELDS, findField, MAIN_BRANCH } from '../policy/catalog';
import type { FieldSpec } from '../policy/catalog';
import { WELL_KNOWN_LABEL_KEYS } from '../policy/labels';
import { validateDnsSubdomainName } from '../policy/names';
import { describeClusterContext } from './clusterHover';
import { formatDuration, formatSeconds, markupFor } from './markup';
import type { Markup } from './markup';
import { describeLargestWins } from './outlookText';
import { completionTimeout } from '../policy/outlook';
import type { SizedVm } from './outlookText';
import { toJson } from '../document/json';
import type { ClusterView } from './clusterView';
import { isFloat64AJSONInteger } from '../policy/numbers';
import { formatNumber } from '../text';
import { canonicalQuantity, effectiveBandwidthBytes, explainQuantityMistake, formatBandwidth, parseQuantity, quantityIsNegative, quantityToInteger, quantityToNumber } from '../policy/quantity';

export interface HoverOptions {
  /** Markdown when the client renders it; otherwise plain text without markdown syntax. */
  markdown: boolean;
  /** Cluster data: label counts on selector entries, the effective configuration on the policy's name. */
  cluster?: ClusterView;
  /** The VMs a policy wins whose memory is known (workspace manifests, snapshot VMIs): figures for the largest on its name. */
  largestWins?: (policy: string) => SizedVm[];
}

/** The VMI sizes the completion-timeout example is worked out for, in GiB. */
export const EXAMPLE_SIZES_GIB = [2, 8, 32];

const SELECTORS = new Set(['namespaceSelector', 'virtualMachineInstanceSelector']);

/**
 * Hover at a file offset: the catalogue entry of the key or value under the cursor and, on a value,
 * how KubeVirt reads it. Null outside MigrationPolicy documents, on comments and whitespace, and on
 * anything we have nothing to say about. The range is the exact key or value span. Never throws.
 */
export function getHover(document: Pick<ParsedFile, 'file' | 'lines'>, offset: number, options: HoverOptions): Hover | null {
  const { file, lines } = document;
  const doc = documentAt(file, offset);
  if (!doc || isInTemplateAction(doc.model.template, doc.relative)) return null;
  const policy = innermostPolicy(findPolicies(doc.model.root), doc.relative);
  if (!policy) return null;
  const location = locate(policy, doc.relative);
  const node = location.node;
  if (!location.pair || !node || (node.kind !== 'scalar' && node.kind !== 'alias')) return null;
  if (doc.relative < node.span.start || doc.relative > node.span.end) return null;
  const m = markupFor(options.markdown);
  const sections = describe(location, m);
  if (options.cluster) sections.push(...describeClusterContext(location, policy, options.cluster, m));
  if (options.largestWins && location.path.length === 2 && location.path[0] === 'metadata' && location.path[1] === 'name') {
    const name = stringValue(location.pair?.value);
    const spec = toJson(getPair(policy, 'spec')?.value ?? null);
    if (name) sections.push(...describeLargestWins(spec && typeof spec === 'object' ? (spec as Record<string, unknown>) : undefined, options.cluster?.inventory?.kubevirt?.migrations, options.largestWins(name), m));
  }
  if (sections.length === 0) return null;
  const contents: MarkupContent = { kind: options.markdown ? 'markdown' : 'plaintext', value: sections.join('\n\n') };
  return { contents, range: lines.range(doc.offset, node.span) };
}

function innermostPolicy(policies: MapNode[], offset: number): MapNode | undefined {
  let best: MapNode | undefined;
  for (const p of policies) {
    if (offset < p.span.start || offset > p.span.end) continue;
    if (!best || p.span.end - p.span.start < best.span.end - best.span.start) best = p;
  }
  return best;
}

function describe(location: NodeLocation, m: Markup): string[] {
  const { path, onKey, pair } = location;
  const hovered = deref(location.node);
  const scalar = hovered?.kind === 'scalar' ? hovered : undefined;
  const value = onKey ? undefined : deref(pair?.value);
  const names = path.every((p): p is string => typeof p === 'string') ? path : undefined;
  const sections: string[] = [];
  const field = names ? findField(names) : undefined;
  const selector = names && names.length === 4 && names[0] === 'spec' && names[1] === 'selectors' && SELECTORS.has(names[2]) ? names[2] : undefined;

  const yaml11 = scalar && scalar.style === 'plain' && scalar.yaml12 ? describeYaml11(scalar, onKey, m) : undefined;
  if (selector && pair) sections.push(...describeSelectorEntry(selector, keyText(pair), deref(pair.key), deref(pair.value), yaml11, m));
  else if (yaml11) sections.push(yaml11);
  if (!field && names && names.length === 2 && names[0] === 'spec' && Object.hasOwn(CLUSTER_ONLY_FIELDS, names[1])) {
    const { what, instead } = CLUSTER_ONLY_FIELDS[names[1]];
    sections.push(`${m.code(names[1])} is not a MigrationPolicy field: it is ${m.doc(what)}, set in the KubeVirt CR under ${m.code('spec.configuration.migrations')}.${instead ? ` ${m.doc(instead)}` : ''}`);
  }
  if (field && !onKey && value) sections.push(...describeValue(field, names ?? [], value, m));
  if (field) {
    if (sections.length && m.markdown) sections.push('---');
    sections.push(...describeField(field, (names ?? []).join('.'), m));
  }
  return sections;
}

/** The catalogue entry: title, badges, doc, facts and where the docs disagree. */
function describeField(field: FieldSpec, dotted: string, m: Markup): string[] {
  const out = [`${m.bold(dotted)} · ${m.doc(field.summary)}`];
  if (field.experimental) out.push(m.bold('Experimental (alpha)'));
  out.push(m.doc(field.doc));
  if (dotted === 'metadata.name') out.push(`The API server checks it as a lowercase RFC 1123 (DNS-1123) subdomain: ${m.code('[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')}, at most 253 bytes.`);
  const facts: string[] = [];
  if (field.required) facts.push('Required.');
  if (field.unit) facts.push(`Unit: ${field.unit}.`);
  if (field.enumValues) facts.push(`Values: ${field.enumValues.map(m.code).join(', ')}.`);
  if (field.defaultText) facts.push(`Default when left out: ${m.doc(field.defaultText)}.`);
  const range = describeRange(field);
  if (range) facts.push(`Allowed range: ${range}.`);
  facts.push(field.since === MAIN_BRANCH ? 'Since KubeVirt main (not in a release yet).' : `Since KubeVirt ${field.since}.`);
  if (field.featureGates?.length === 1) facts.push(`Needs the feature gate ${m.code(field.featureGates[0])}.`);
  else if (field.featureGates?.length) facts.push(`Needs one of the feature gates ${field.featureGates.map(m.code).join(' or ')}.`);
  out.push(facts.map((f) => `- ${f}`).join('\n'));
  if (field.docsDisagree) {
    out.push(`${m.bold('Where the docs disagree with the code')}\n\n${m.doc(field.docsDisagree)} KubeVirt's code wins; this hover follows the code.`);
  }
  return out;
}

/** The allowed range of a numeric field in words, or undefined when it has none. */
export function describeRange(field: FieldSpec): string | undefined {
  const n = (x: number) => formatNumber(x);
  const low = field.min === undefined ? undefined : field.minExclusive ? `greater than ${n(field.min)}` : `at least ${n(field.min)}`;
  if (field.min !== undefined && field.max !== undefined) return field.minExclusive ? `${low}, at most ${n(field.max)}` : `${n(field.min)} to ${n(field.max)}`;
  if (low) return low;
  return field.max === undefined ? undefined : `at most ${n(field.max)}`;
}

function describeValue(field: FieldSpec, names: string[], value: Node, m: Markup): string[] {
  const dotted = names.join('.');
  const scalar = value.kind === 'scalar' ? value : undefined;
  if (dotted === 'spec.bandwidthPerMigration') return describeBandwidth(value, m);
  if (!scalar) return [];
  const out: string[] = [];
  const expected = field.type === 'integer' ? 'integer' : field.type === 'boolean' ? 'boolean' : undefined;
  // A wrong value already has a diagnostic, which editors show above the hover: the hover does not repeat it.
  if (expected && scalar.type !== expected && scalar.type !== 'null') return out;
  if (typeof scalar.value === 'number' && field.type === 'integer') {
    const n = scalar.value;
    if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max)) return out;
    if (dotted === 'spec.completionTimeoutPerGiB') out.push(...describeCompletionTimeout(n, m));
    else if (dotted === 'spec.maxDowntimeMs' && n >= 0) out.push(`${m.code(scalar.text)} ms is ${formatSeconds(n / 1000)} s${n >= 60000 ? ` (${formatDuration(n / 1000)})` : ''} of pause at the final switchover.`);
    else if (field.unit === 'seconds' && n >= 60) out.push(`${m.code(scalar.text)} s is ${formatDuration(n)}.`);
  }
  if (field.type === 'factor' && (typeof scalar.value === 'string' || typeof scalar.value === 'number')) {
    const parsed = parseQuantity(String(scalar.value));
    if (parsed.ok) out.push(`${m.code(scalar.text)} = ${quantityToNumber(parsed.quantity)}`);
  }
  if (field.type === 'enum' && typeof scalar.value === 'string') out.push(...describeEnumValue(field, scalar.value, m));
  if (dotted === 'metadata.name' && typeof scalar.value === 'string') out.push(describeName(scalar.value, m));
  return out;
}

function describeEnumValue(field: FieldSpec, value: string, m: Markup): string[] {
  const known = field.values?.find((v) => v.value === value);
  if (known) return [`${m.code(value)}: ${m.doc(known.doc)}`];
  return [];
}

function describeName(name: string, m: Markup): string {
  const errors = validateDnsSubdomainName(name);
  if (errors.length === 0) return `${m.code(name)} is a valid name. On a precedence tie it wins against policies whose names sort after it (byte-wise).`;
  return 'On a precedence tie the name decides: the one that sorts first (byte-wise) wins.';
}

/** What KubeVirt does with a bandwidthPerMigration value. */
function describeBandwidth(value: Node, m: Markup): string[] {
  if (value.kind !== 'scalar') return [];
  // go-openapi/swag IsFloat64AJSONInteger: the 1.20 schema takes a float within 1e-9 of an integer as an integer.
  const tolerated = value.type === 'number' && isFloat64AJSONInteger(value.value as number);
  // Values the API server or webhook rejects get the field's docs only: the diagnostic says what is wrong.
  if (value.type !== 'string' && value.type !== 'integer' && !tolerated) return [];
  const text = value.type === 'string' ? String(value.value) : value.json ?? String(value.value);
  const sent = value.type === 'integer' && value.text !== text ? ` (kubectl sends ${text})` : '';
  const mistake = explainQuantityMistake(text);
  if (mistake) return [];
  const parsed = parseQuantity(text);
  if (!parsed.ok) return [];
  const effective = effectiveBandwidthBytes(text);
  if (quantityIsNegative(parsed.quantity)) return [];
  // exact beyond 2^53: `9223372036854775807` is not 2^63
  const written = quantityToInteger(parsed.quantity) ?? quantityToNumber(parsed.quantity);
  const out = [`${m.code(value.text)}${sent} = ${formatBandwidth(written)}`];
  // mirrors kubernetes/apimachinery pkg/api/resource/quantity.go ParseQuantity (BinarySI capped at 2^63-1)
  const capped = parsed.quantity.format === 'BinarySI' && canonicalQuantity(parsed.quantity) === '9223372036854775807' && !/^\+?0*9223372036854775807$/.test(text);
  if (capped) out[0] = `${m.code(value.text)}${sent} = 9,223,372,036,854,775,807 bytes/s (8 EiB/s, 73.8 Ebit/s): Go's ParseQuantity caps binary quantities at 2^63-1 bytes.`;
  const changed = typeof written === 'bigint' ? BigInt(effective.bytesPerSecond) !== written : effective.bytesPerSecond !== written;
  if (effective.fails) {
    out.push(`What KubeVirt does: ${m.doc(effective.note ?? '')}`);
  } else if (effective.note && (changed || Number(written) === 0)) {
    out.push(`What KubeVirt does: ${m.doc(effective.note)}${changed && effective.bytesPerSecond > 0 ? ` It applies ${formatBandwidth(effective.bytesPerSecond)}.` : ''}`);
  } else out.push('KubeVirt applies exactly this limit to each migration.');
  const canonical = canonicalQuantity(parsed.quantity);
  if (canonical !== text) out.push(`Canonical form: ${m.code(canonical)}.`);
  return out;
}

function describeCompletionTimeout(perGiB: number, m: Markup): string[] {
  if (perGiB < 0) return [];
  if (perGiB === 0) return ['`0` turns the completion timeout off: KubeVirt never fires a timeout of 0 s.'.replace('`0`', m.code('0'))];
  const seconds = (gib: number) => completionTimeout(gib * 2 ** 30, perGiB).seconds;
  const example = (gib: number) => `${gib} GiB → ${formatSecondsWithDuration(seconds(gib))}`;
  return [
    `At ${m.code(String(perGiB))} s/GiB, an 8 GiB VMI gets ${formatSecondsWithDuration(seconds(8))} before the completion timeout fires: KubeVirt counts memory in decimal GB, rounded up (8 GiB = 8.59 GB counts as 9).`,
    EXAMPLE_SIZES_GIB.map((g) => `- ${example(g)}`).join('\n'),
  ];
}

function formatSecondsWithDuration(seconds: number): string {
  return seconds >= 60 ? `${formatSeconds(seconds)} s (${formatDuration(seconds)})` : `${formatSeconds(seconds)} s`;
}

/** What a selector entry requires, the well-known key's doc, and how kubectl reads odd values. */
// mirrors kubevirt pkg/virt-controller/watch/migration/migrationpolicy.go countMatchingLabels (exact, case-sensitive)
function describeSelectorEntry(selector: string, key: string | undefined, keyNode: Node | null, value: Node | null, yaml11: string | undefined, m: Markup): string[] {
  const onNamespace = selector === 'namespaceSelector';
  const out = [`${m.bold(`spec.selectors.${selector}`)} entry · every entry must match.`];
  if (yaml11) out.push(yaml11);
  if (key === undefined) return out;
  if (key === 'matchLabels' || key === 'matchExpressions') {
    out.push(`${m.code(key)} is the LabelSelector form of KubeVirt before v0.55. Selectors are plain label maps now, so the API server takes ${m.code(key)} as a label key whose value is not a string, and rejects the policy. Move the labels up one level as ${m.code('key: "value"')}.`);
    return out;
  }
  if (keyNode?.kind === 'scalar' && keyNode.type !== 'string' && !keyNode.yaml12) out.push(`kubectl turns the key ${m.code(keyNode.text)} into the label key ${m.code(key)}.`);
  const who = onNamespace ? 'VMIs whose namespace has label' : 'VMIs that have label';
  if (!value || (value.kind === 'scalar' && value.type === 'null')) {
    out.push(`${m.code(key)} has no value: the API server drops the entry, so this selector does not require ${m.code(key)} at all. Write ${m.code(`${key}: ""`)} to require an empty value.`);
  } else if (value.kind !== 'scalar') {
    out.push(`A ${value.kind === 'map' ? 'mapping' : 'list'} is not a label value: the API server rejects the policy (selector values must be strings).`);
  } else if (typeof value.value === 'string') {
    const empty = value.value === '' ? ` (an empty value: only a label ${m.code(key)} whose value is empty matches, not any value)` : '';
    out.push(`Matches ${who} ${m.code(`${key}=${value.value}`)}, exactly; case-sensitive${empty}.`);
  } else {
    const reading = value.style === 'plain' && value.yaml12 ? `For kubectl ${m.code(value.text)} is not a string` : `kubectl reads ${m.code(value.text)} as ${describeScalar(value.value, value.type, value)}, not a string`;
    const outcome = value.unencodable
      ? `, which JSON cannot hold: kubectl stops ("json: unsupported value") before the API server sees the policy`
      : ': the API server rejects the policy (selector values must be strings)';
    out.push(`${reading}${outcome}. Quote it: ${m.code(JSON.stringify(value.text))}.`);
  }
  const known = WELL_KNOWN_LABEL_KEYS.find((k) => k.key === key);
  if (known) {
    const misplaced = known.appliesTo !== 'both' && known.appliesTo !== (onNamespace ? 'namespace' : 'vmi') ? ` It is a ${known.appliesTo === 'vmi' ? 'VMI' : 'namespace'} label, so it rarely appears on ${onNamespace ? 'namespaces' : 'VMIs'}.` : '';
    out.push(`${m.code(key)}: ${m.doc(known.doc)}${misplaced}`);
  }
  return out;
}

function describeYaml11(scalar: ScalarNode, onKey: boolean, m: Markup): string {
  const yaml12 = scalar.yaml12 ?? { value: scalar.value, type: scalar.type };
  const asKey = onKey && scalar.value !== null ? `, which becomes the key ${JSON.stringify(String(scalar.value))}` : '';
  return `kubectl reads ${m.code(scalar.text)} as ${describeScalar(scalar.value, scalar.type, scalar)}${asKey} (YAML 1.1); YAML 1.2 tools read ${describeScalar(yaml12.value, yaml12.type)}.`;
}

/**
 * A scalar as kubectl reads it. With `kubectl` (the scalar's go-yaml v2 reading), a number is shown as kubectl
 * sends it (`json`: exact beyond 2^53), and a float64 (`!!float 5`, `5.0`, `1e3`) is called a float.
 */
function describeScalar(value: ScalarValue, type: ScalarType, kubectl?: Pick<ScalarNode, 'goType' | 'json'>): string {
  // go-yaml v2 resolve.go: `!!float 5`, `5.0` and `1e3` decode to float64, not int (JSON then sends 5, 5, 1000)
  if (kubectl?.goType === 'float64' && typeof value === 'number') return `the float ${kubectl.json ?? value}`;
  if (kubectl?.json !== undefined && typeof value === 'number') value = kubectl.json;
  switch (type) {
    case 'string':
      return `the string ${JSON.stringify(value)}`;
    case 'boolean':
      return `the boolean ${value}`;
    case 'integer':
      return `the integer ${value}`;
    case 'number':
      return `the number ${value}`;
    default:
      return 'null';
  }
}
