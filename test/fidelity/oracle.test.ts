// Grammar-based property tests against the Go oracle (test/support/oracle.ts): generated quantities, label
// keys and values, and YAML scalars go to the real Kubernetes code (Debian's kubernetes 1.20 source:
// resource.ParseQuantity, validation.IsQualifiedName/IsValidLabelValue, sigs.k8s.io/yaml + the API
// server's JSON decoding, KubeVirt's QuantityToMebiByte) and to the engine; any disagreement fails
// unless it is listed below as intended. Seeded, so every run asks the same questions; `npm run fuzz`
// asks many more (FIDELITY_SCALE).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlDocument } from '../../server/src/document/yamlParser';
import { deref, keyText } from '../../server/src/document/model';
import type { MapNode, ScalarNode } from '../../server/src/document/model';
import { validateLabelKey, validateLabelValue } from '../../server/src/policy/labels';
import { directBandwidth, goQuantity, goQuantityString, goRoundingDigits, launcherBandwidth, parseQuantity, quantityIsNegative, quantityIsZero } from '../../server/src/policy/quantity';
import { askOracle, caseCount, findOracle, ORACLE_SKIP } from '../support/oracle';
import { prng } from '../support/random';
import { GO_QUANTITY_ROWS } from '../support/goQuantityTable';
import { GO_YAML_KEY_ROWS, GO_YAML_VALUE_ROWS } from '../support/goYamlScalarTable';
import { chance, digits, generateQuantity, generateScalar, pick } from '../support/generators';
import type { Rng } from '../support/generators';

const oracle = findOracle();
const skip = oracle ? false : ORACLE_SKIP;

/** Reports disagreements in bulk (the first few in full) so one failure shows the whole pattern. */
function assertAgreement(what: string, total: number, disagreements: string[]): void {
  assert.ok(total > 0);
  // The figure README's fidelity table reports (`npm run fuzz` for the large counts).
  console.log(`fidelity: ${what}: ${total} cases, ${total - disagreements.length} agree with the Go oracle (${(100 * (total - disagreements.length) / total).toFixed(2)}%)`);
  assert.equal(disagreements.length, 0, `${disagreements.length} of ${total} ${what} disagree with the Go oracle:\n${disagreements.slice(0, 15).join('\n')}`);
}

// ---- quantities ------------------------------------------------------------------------------------

test('quantities: ParseQuantity, String(), canonical form and virt-launcher agree with the Go oracle', { skip }, () => {
  const r = prng(11);
  const inputs = Array.from({ length: caseCount(4000) }, () => generateQuantity(r)).filter((q) => goRoundingDigits(q) < 100_000);
  inputs.push('0.0', '.0m', '1.0', '1000E', '1e19', '9Ei', '10Ei', '9223372036854775808', '9223372036854775809', '1e400', '1e-400', '1e1.5', '.', '+', '-', '');
  type Answer = { ok: boolean; error?: string; string?: string; canonical?: string; negative?: boolean; zero?: boolean; direct?: { mib?: string; error?: string }; launcher?: { mib?: string; error?: string } };
  const answers = askOracle<Answer>(oracle as string, inputs.map((x) => ({ op: 'quantity', in: x })));
  const bad: string[] = [];
  inputs.forEach((x, i) => {
    const o = answers[i];
    const p = parseQuantity(x);
    const show = JSON.stringify(x);
    if (p.ok !== o.ok) {
      bad.push(`${show}: engine ${p.ok ? 'accepts' : `rejects (${p.error})`}, Go ${o.ok ? 'accepts' : `rejects (${o.error})`}`);
      return;
    }
    if (!p.ok) {
      if (p.error !== o.error) bad.push(`${show}: error ${JSON.stringify(p.error)} vs Go ${JSON.stringify(o.error)}`);
      return;
    }
    const g = goQuantity(x);
    if (!g) {
      bad.push(`${show}: no Go representation`);
      return;
    }
    if (goQuantityString(g) !== o.string) bad.push(`${show}: String() ${goQuantityString(g)} vs Go ${o.string}`);
    if (goQuantityString({ ...g, cached: undefined }) !== o.canonical) bad.push(`${show}: CanonicalizeBytes ${goQuantityString({ ...g, cached: undefined })} vs Go ${o.canonical}`);
    if (quantityIsNegative(p.quantity) !== Boolean(o.negative) || quantityIsZero(p.quantity) !== Boolean(o.zero)) bad.push(`${show}: sign/zero differ`);
    const l = launcherBandwidth(x);
    const mine = !l ? 'none' : l.error !== undefined ? `error ${l.error}` : String(l.mebibytes);
    const go = o.launcher?.error !== undefined ? `error ${o.launcher.error}` : String(o.launcher?.mib);
    if (mine !== go) bad.push(`${show}: virt-launcher ${mine} vs Go ${go}`);
    // The text as written, with no JSON round trip (what the hover says KubeVirt never does).
    const d = directBandwidth(x);
    const mineDirect = !d ? 'none' : d.error !== undefined ? `error ${d.error}` : String(d.mebibytes);
    const goDirect = o.direct?.error !== undefined ? `error ${o.direct.error}` : String(o.direct?.mib);
    if (mineDirect !== goDirect) bad.push(`${show}: QuantityToMebiByte as written ${mineDirect} vs Go ${goDirect}`);
  });
  assertAgreement('quantities', inputs.length, bad);
});

test('the pinned quantity table (test/support/goQuantityTable.ts) is what the Go oracle answers', { skip }, () => {
  const answers = askOracle<{ ok: boolean; error?: string; string?: string; canonical?: string; negative?: boolean; zero?: boolean; direct?: { mib?: string; error?: string }; launcher?: { mib?: string; error?: string } }>(
    oracle as string,
    GO_QUANTITY_ROWS.map((row) => ({ op: 'quantity', in: row[0] })),
  );
  const mib = (l?: { mib?: string; error?: string }) => (l?.error !== undefined ? '!' : String(l?.mib));
  const bad: string[] = [];
  GO_QUANTITY_ROWS.forEach((row, i) => {
    const o = answers[i];
    const go = o.ok ? [row[0], o.string, o.canonical, mib(o.launcher), mib(o.direct), ...((o.negative ? '-' : '') + (o.zero ? '0' : '') ? [(o.negative ? '-' : '') + (o.zero ? '0' : '')] : [])] : [row[0], o.error];
    if (o.ok) for (const l of [o.launcher, o.direct]) if (l?.error !== undefined && l.error !== `Memory size '${o.string}' must be greater than or equal to 0`) bad.push(`${JSON.stringify(row[0])}: unexpected error text ${l.error}`);
    if (JSON.stringify(go) !== JSON.stringify(row)) bad.push(`${JSON.stringify(row)} vs Go ${JSON.stringify(go)}`);
  });
  assertAgreement('pinned quantity rows', GO_QUANTITY_ROWS.length, bad);
});

// ---- label keys and values -----------------------------------------------------------------------

const LABEL_CHARS = 'abcxyzABCZ0189-_.';
function generateLabelPart(r: Rng, alphabet = LABEL_CHARS): string {
  const length = pick(r, [0, 1, 2, 3, 5, 8, 62, 63, 64, 65]);
  let s = digits(r, length, alphabet);
  if (chance(r, 0.05)) s = s.replace(/./, pick(r, ['é', ' ', '/', 'Ä', '*']));
  return s;
}
function generateLabelKey(r: Rng): string {
  const name = generateLabelPart(r);
  if (chance(r, 0.5)) return name;
  const labels = Array.from({ length: 1 + Math.floor(r() * 3) }, () => digits(r, pick(r, [0, 1, 3, 10, 63, 64]), 'abcz09-.'));
  let prefix = labels.join('.');
  if (chance(r, 0.1)) prefix = prefix.padEnd(pick(r, [252, 253, 254]), 'a');
  if (chance(r, 0.1)) prefix = prefix.toUpperCase();
  return `${prefix}/${name}${chance(r, 0.05) ? '/x' : ''}`;
}

// Intended: the engine words messages as apimachinery HEAD (Kubernetes ≥ 1.35); the oracle is 1.20.
const normalise = (m: string) =>
  m.replace(/ bytes/g, ' characters').replace(/^a valid label key /, 'a qualified name ').replace(/a lowercase RFC 1123 subdomain/g, 'a DNS-1123 subdomain');

test('label keys and values: verdicts and messages agree with the Go oracle', { skip }, () => {
  const r = prng(12);
  const keys = Array.from({ length: caseCount(2500) }, () => generateLabelKey(r));
  const values = Array.from({ length: caseCount(2500) }, () => generateLabelPart(r));
  const answers = askOracle<{ errors: string[] }>(oracle as string, [...keys.map((k) => ({ op: 'labelKey' as const, in: k })), ...values.map((v) => ({ op: 'labelValue' as const, in: v }))]);
  const bad: string[] = [];
  [...keys, ...values].forEach((x, i) => {
    const isKey = i < keys.length;
    const mine = (isKey ? validateLabelKey(x) : validateLabelValue(x)).map(normalise);
    const go = answers[i].errors.map(normalise);
    if (JSON.stringify(mine) !== JSON.stringify(go)) bad.push(`${isKey ? 'key' : 'value'} ${JSON.stringify(x)}: ${JSON.stringify(mine)} vs Go ${JSON.stringify(go)}`);
  });
  assertAgreement('label keys and values', keys.length + values.length, bad);
});

// ---- YAML scalars through kubectl's YAML-to-JSON -----------------------------------------------------

type Typed = { map?: [string, Typed][]; int?: string; float?: string; str?: string; bool?: boolean; null?: boolean };

/** The engine's idea of what kubectl sends for the scalar, in the oracle's typed shape; 'error' when it fails. */
function engineTyped(node: ScalarNode): Typed | 'error' {
  if (node.kubectlError || node.unencodable) return 'error';
  switch (node.type) {
    case 'null': return { null: true };
    case 'boolean': return { bool: node.value as boolean };
    case 'string': return { str: node.value as string };
    case 'integer': return { int: node.json ?? String(node.value) };
    default: return { float: String(node.value) };
  }
}

// kubectl sends `-0` for -0.0; the API server decodes it as the integer 0, so integers compare by value.
const sameTyped = (a: Typed, b: Typed) =>
  a.float !== undefined && b.float !== undefined ? Number(a.float) === Number(b.float) : a.int !== undefined && b.int !== undefined ? BigInt(a.int) === BigInt(b.int) : JSON.stringify(a) === JSON.stringify(b);

test('YAML scalars and keys: the engine reads them as kubectl does (sigs.k8s.io/yaml, go-yaml v2, JSON decoding)', { skip }, () => {
  const r = prng(13);
  const scalars = Array.from({ length: caseCount(3000) }, () => generateScalar(r));
  // One example of each class issue 11 found the engine and kubectl disagreeing on, checked every run.
  scalars.push(
    '9223372036854775807', '9223372036854775808', '-9223372036854775809', '18446744073709551616', '9007199254740993',
    '9.2e18', '9223372036854775807.0', '1e19', '-1e19', '1e300', '1e400', '-1e400', '85583.31528759E7', '9007199254740993.0',
    '!vault true', '!!bool "true"', '!!int "800"', '!!int "1"', '!!binary NjRNaQ==', '!!float 5', '!!str 5', '2147483648',
  );
  const docs = [...scalars.map((s) => `v: ${s}\n`), ...scalars.slice(0, caseCount(1000)).map((s) => `${s}: v\n`)];
  docs.push('a: &x 1\nb: *x\n', 'b: *nope\n', 'b: *x\na: &x 1\n', 'a: &x !!int "3"\nb: *x\n');
  const answers = askOracle<{ error?: string; value?: Typed }>(oracle as string, docs.map((d) => ({ op: 'yaml', in: d })));
  const bad: string[] = [];
  docs.forEach((text, i) => {
    const o = answers[i];
    const model = parseYamlDocument(text);
    const root = deref(model.root) as MapNode | null;
    const failed = model.hasSyntaxErrors;
    if (o.error !== undefined || failed) {
      const pairFails = root?.kind === 'map' && root.pairs.some((p) => keyText(p) === undefined);
      const mine = failed || (i >= scalars.length && pairFails) || (root?.kind === 'map' && root.pairs.some((p) => { const v = deref(p.value); return v?.kind === 'scalar' && engineTyped(v) === 'error'; }));
      if (o.error === undefined || !mine) bad.push(`${JSON.stringify(text)}: engine ${mine ? 'fails' : 'converts'}${failed ? ` (${model.problems.map((p) => p.message).join('; ')})` : ''}, kubectl ${o.error ?? 'converts'}`);
      return;
    }
    if (!root || root.kind !== 'map' || !o.value?.map) {
      bad.push(`${JSON.stringify(text)}: no mapping`);
      return;
    }
    const goPairs = o.value.map;
    if (i < scalars.length) {
      const v = deref(root.pairs[root.pairs.length - 1].value);
      const mine = v?.kind === 'scalar' ? engineTyped(v) : 'error';
      const go = goPairs.find(([k]) => k === 'v')?.[1];
      if (mine === 'error' || !go || !sameTyped(mine, go)) bad.push(`${JSON.stringify(text)}: engine ${JSON.stringify(mine)}, kubectl ${JSON.stringify(go)}`);
    } else if (i < docs.length - 4) {
      const mine = keyText(root.pairs[0]);
      if (mine !== goPairs[0]?.[0]) bad.push(`${JSON.stringify(text)}: engine key ${JSON.stringify(mine)}, kubectl ${JSON.stringify(goPairs[0]?.[0])}`);
    }
  });
  assertAgreement('YAML documents', docs.length, bad);
});

test('the pinned scalar table (test/support/goYamlScalarTable.ts) is what the Go oracle answers', { skip }, () => {
  const docs = [...GO_YAML_VALUE_ROWS.map(([v]) => `v: ${v}\n`), ...GO_YAML_KEY_ROWS.map(([k]) => `${k}: 1\n`)];
  const answers = askOracle<{ error?: string; json?: string }>(oracle as string, docs.map((d) => ({ op: 'yaml', in: d })));
  const bad: string[] = [];
  GO_YAML_VALUE_ROWS.forEach(([written, pinned], i) => {
    const o = answers[i];
    const go = o.error !== undefined ? { error: o.error } : String(o.json).slice('{"v":'.length, -1);
    if (JSON.stringify(go) !== JSON.stringify(pinned)) bad.push(`value ${JSON.stringify(written)}: pinned ${JSON.stringify(pinned)}, Go ${JSON.stringify(go)}`);
  });
  GO_YAML_KEY_ROWS.forEach(([written, pinned], i) => {
    const o = answers[GO_YAML_VALUE_ROWS.length + i];
    const go = o.error !== undefined ? { error: o.error } : Object.keys(JSON.parse(String(o.json)) as object)[0];
    if (JSON.stringify(go) !== JSON.stringify(pinned)) bad.push(`key ${JSON.stringify(written)}: pinned ${JSON.stringify(pinned)}, Go ${JSON.stringify(go)}`);
  });
  assertAgreement('pinned scalar rows', docs.length, bad);
});
