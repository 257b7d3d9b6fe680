// Differential test against the real API server: generated MigrationPolicy documents go through the same
// YAML-to-JSON step as kubectl (the Go oracle: sigs.k8s.io/yaml) and a dry-run create against KubeVirt's
// CRD schema; the engine's verdict (an error it attributes to the API server, not to KubeVirt's webhook
// or to kubectl) must match the server's. The CRD is a transcription of the MigrationPolicy schema that
// KubeVirt's operator installs (pkg/virt-operator/resource/generate/components/validations_generated.go,
// key "migrationpolicy", commit d923fdb815cd2016ddaebdaaa51db04133576d72), under a group of its own so it
// sits beside the fixture cluster's schemaless one.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlDocument } from '../../server/src/document/yamlParser';
import { validateDocument } from '../../server/src/features/validation';
import { QUANTITY_CRD_PATTERN } from '../../server/src/policy/quantity';
import { apiServerMissing, startTestCluster, type TestCluster } from '../support/apiserver';
import { chance, generateNumberText, generateQuantity, generateScalar, pick } from '../support/generators';
import type { Rng } from '../support/generators';
import { askOracle, findOracle, ORACLE_SKIP } from '../support/oracle';
import { prng } from '../support/random';

const missing = apiServerMissing();
const oracle = findOracle();
const skip = missing && !process.env.CI ? `real cluster tests skipped: ${missing}` : !oracle && !process.env.CI ? ORACLE_SKIP : false;

const GROUP = 'fidelity.migrationpolicy.test';
const pattern = QUANTITY_CRD_PATTERN.source;
const labelMap = { type: 'object', additionalProperties: { type: 'string' } };
const quantity = { anyOf: [{ type: 'integer' }, { type: 'string' }], pattern, 'x-kubernetes-int-or-string': true };
const int64 = (extra: Record<string, number> = {}) => ({ type: 'integer', format: 'int64', ...extra });
const SCHEMA = {
  type: 'object',
  required: ['spec'],
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
    status: { type: 'object', nullable: true },
    spec: {
      type: 'object',
      required: ['selectors'],
      properties: {
        allowAutoConverge: { type: 'boolean' },
        allowPostCopy: { type: 'boolean' },
        allowWorkloadDisruption: { type: 'boolean' },
        bandwidthPerMigration: quantity,
        completionTimeoutPerGiB: int64(),
        maxDowntimeMs: int64({ minimum: 1, maximum: 2000000 }),
        selectors: { type: 'object', properties: { namespaceSelector: labelMap, virtualMachineInstanceSelector: labelMap } },
        experimental: {
          type: 'object',
          properties: {
            compression: { type: 'string', enum: ['none', 'zstd'] },
            stallDetector: {
              type: 'object',
              properties: {
                stallMargin: int64({ minimum: 0, maximum: 100 }),
                stallProgressTimeout: int64({ minimum: 0 }),
                switchoverTimeout: int64({ minimum: 0 }),
                searchLocalMinima: { type: 'boolean' },
                ewmaAlpha: quantity,
                precopyPossibleFactor: quantity,
                patienceWindowDecayFactor: quantity,
                completionTimeoutFactor: quantity,
              },
            },
            downtimeTuning: {
              type: 'object',
              properties: {
                initialMs: int64({ minimum: 1 }),
                steps: { type: 'integer', format: 'int32', minimum: 1 },
                startAfterIteration: int64({ minimum: 1 }),
                cooldownSeconds: { type: 'integer', format: 'int32', minimum: 1 },
              },
            },
          },
        },
      },
    },
  },
};

function field(r: Rng): string {
  switch (Math.floor(r() * 8)) {
    case 0: return `  allowPostCopy: ${generateScalar(r)}\n`;
    case 1: return `  completionTimeoutPerGiB: ${chance(r, 0.7) ? generateNumberText(r) : generateScalar(r)}\n`;
    case 2: {
      const q = generateQuantity(r).trim();
      return `  bandwidthPerMigration: ${chance(r, 0.5) ? JSON.stringify(q) : chance(r, 0.5) && /^[0-9.+-]/.test(q) && !/\s/.test(q) ? q : generateNumberText(r)}\n`;
    }
    case 3: return `  maxDowntimeMs: ${generateNumberText(r)}\n`;
    case 4: return `  experimental:\n    downtimeTuning:\n      cooldownSeconds: ${generateNumberText(r)}\n`;
    case 5: return `  experimental:\n    stallDetector:\n      ewmaAlpha: ${chance(r, 0.5) ? JSON.stringify(generateQuantity(r).trim()) : generateNumberText(r)}\n`;
    default: return '';
  }
}

function document(r: Rng, i: number): string {
  const selector = chance(r, 0.1) ? '  selectors:\n' : `  selectors:\n    ${pick(r, ['namespaceSelector', 'virtualMachineInstanceSelector'])}:\n      ${pick(r, ['app', 'tier', 'matchLabels', 'yes', '1'])}: ${generateScalar(r)}\n`;
  const fields = new Map<string, string>();
  for (let n = 1 + Math.floor(r() * 2); n > 0; n--) {
    const f = field(r);
    if (f) fields.set(f.split(':')[0], f);
  }
  return `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: gen-${i}\nspec:\n${selector}${[...fields.values()].join('')}`;
}

describe('generated documents: engine verdict vs a real kube-apiserver with KubeVirt\'s CRD schema', { skip }, () => {
  let cluster: TestCluster;
  before(async () => {
    cluster = await startTestCluster();
    await cluster.request('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: `migrationpolicies.${GROUP}` },
      spec: { group: GROUP, scope: 'Cluster', names: { kind: 'MigrationPolicy', listKind: 'MigrationPolicyList', plural: 'migrationpolicies', singular: 'migrationpolicy' }, versions: [{ name: 'v1alpha1', served: true, storage: true, schema: { openAPIV3Schema: SCHEMA } }] },
    });
    for (let i = 0; i < 100; i++) {
      try {
        await cluster.request('GET', `/apis/${GROUP}/v1alpha1/migrationpolicies`);
        break;
      } catch {
        await new Promise((res) => setTimeout(res, 100));
      }
    }
  });
  after(async () => cluster?.stop());

  type Verdict = { doc: string; kubectl?: string; server: string; engine: string; messages: string[] };

  /** Each document through kubectl's YAML-to-JSON (the oracle), a dry-run create, and the engine. */
  async function verdicts(docs: string[]): Promise<Verdict[]> {
    const converted = askOracle<{ error?: string; json?: string }>(oracle as string, docs.map((d) => ({ op: 'yaml', in: d })));
    const out: Verdict[] = [];
    for (let i = 0; i < docs.length; i++) {
      if (converted[i].error !== undefined || !converted[i].json) continue; // kubectl fails first: the oracle tier checks that
      // kubectl's JSON text as it is (JSON.parse would round integers above 2^53), under this test's group.
      const json = converted[i].json as string;
      assert.ok(json.startsWith('{"apiVersion":"migrations.kubevirt.io/v1alpha1",'), json.slice(0, 80));
      const body = json.replace('"migrations.kubevirt.io/v1alpha1"', JSON.stringify(`${GROUP}/v1alpha1`));
      let server = 'accepts';
      try {
        await cluster.request('POST', `/apis/${GROUP}/v1alpha1/migrationpolicies?dryRun=All`, body);
      } catch (e) {
        const message = (e as Error).message;
        assert.match(message, /\b(400|422)\b|Invalid|BadRequest/, `unexpected failure: ${message}`);
        server = `rejects (${message.replace(/^.*?"message":"/, '').slice(0, 400)})`;
      }
      const findings = validateDocument(parseYamlDocument(docs[i]));
      // Errors of KubeVirt's webhook (their messages say so) are not the API server's to give.
      const serverErrors = findings.filter((f) => f.severity === 'error' && !/webhook/i.test(f.message));
      const engine = serverErrors.length ? `rejects (${serverErrors.map((f) => `${f.code}: ${f.message.slice(0, 160)}`).join(' | ')})` : 'accepts';
      out.push({ doc: docs[i], kubectl: /"spec":(.*)}$/.exec(json)?.[1], server, engine, messages: serverErrors.map((f) => f.message) });
    }
    return out;
  }

  test('the API server rejects a generated document exactly when the engine reports an API-server error', async () => {
    const r = prng(21);
    const docs = Array.from({ length: Number(process.env.FIDELITY_APISERVER_CASES ?? 400) }, (_, i) => document(r, i));
    const results = await verdicts(docs);
    const bad = results.filter((v) => (v.server === 'accepts') !== (v.engine === 'accepts'))
      .map((v) => `${JSON.stringify(v.doc.split('spec:\n')[1])}\n    API server ${v.server}\n    engine ${v.engine}`);
    const rejected = results.filter((v) => v.server !== 'accepts').length;
    const withSelector = results.filter((v) => /Selector:\n/.test(v.doc));
    const selectorAgree = withSelector.filter((v) => (v.server === 'accepts') === (v.engine === 'accepts')).length;
    console.log(`API server differential: ${results.length} of ${docs.length} documents sent (${rejected} rejected), ${results.length - bad.length} agree (${(100 * (results.length - bad.length) / results.length).toFixed(2)}%); with a selector entry: ${withSelector.length}, ${selectorAgree} agree`);
    assert.ok(results.length > docs.length / 2, `only ${results.length} documents reached the API server`);
    assert.equal(bad.length, 0, `${bad.length} of ${results.length} documents: engine and API server disagree:\n${bad.slice(0, 10).join('\n')}`);
  });

  // The integer boundary, pinned: the API server decodes a JSON integer that fits int64 as int64 and
  // anything else as float64, which the schema takes as an integer only within ±(2^53-1) (go-openapi/swag).
  // kubectl prints a YAML float that is a whole number below 1e21 without exponent (Go's encoding/json),
  // so 9.2e18 arrives as the integer 9200000000000000000, while 9223372036854775807.0 arrives rounded
  // (9223372036854776000), beyond int64.
  const BOUNDARY: [string, 'accepts' | 'rejects'][] = [
    ['9007199254740991', 'accepts'], ['9007199254740993', 'accepts'], ['9223372036854775807', 'accepts'],
    ['-9223372036854775808', 'accepts'], ['9.2e18', 'accepts'], ['9007199254740993.0', 'accepts'],
    ['85583.31528759E7', 'accepts'],
    ['9223372036854775808', 'rejects'], ['-9223372036854775809', 'rejects'], ['18446744073709551615', 'rejects'],
    ['18446744073709551616', 'rejects'], ['9223372036854775807.0', 'rejects'], ['1e19', 'rejects'], ['-1e19', 'rejects'],
    ['1e300', 'rejects'], ['9007199254740992.5', 'accepts'],
  ];

  test('a list, a mapping or a boolean where a boolean or a bandwidth belongs: the engine quotes the API server\'s own type message', async () => {
    const head = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: types\nspec:\n  selectors: {}\n';
    const lines = ['allowPostCopy: [true]', 'allowAutoConverge: {a: 1}', 'bandwidthPerMigration: {a: 1}', 'bandwidthPerMigration: [64Mi]', 'bandwidthPerMigration: true'];
    const results = await verdicts(lines.map((l) => `${head}  ${l}\n`));
    assert.equal(results.length, lines.length);
    for (const [i, v] of results.entries()) {
      // The server's text, e.g. spec.bandwidthPerMigration in body must be of type integer,string: "object"
      const said = /(spec\.\w+ in body must be of type [a-z,]+: \\?"\w+\\?")/.exec(v.server)?.[1];
      assert.ok(said, `${lines[i]}: ${v.server}`);
      const ours = v.messages.map((m) => /(spec\.\w+ in body must be of type [a-z,]+: \\?"\w+\\?")/.exec(m)?.[1]);
      assert.deepEqual(ours.map((m) => m?.replace(/\\/g, '')), [said.replace(/\\/g, '')], `${lines[i]}: ${v.messages.join(' | ')}`);
    }
  });

  test('integers at the int64 and 2^53 boundaries: the API server and the engine agree on each pinned value', async () => {
    const fields: [string, (v: string) => string][] = [
      ['bandwidthPerMigration', (v) => `  bandwidthPerMigration: ${v}\n`],
      ['completionTimeoutPerGiB', (v) => `  completionTimeoutPerGiB: ${v}\n`],
    ];
    const cases = fields.flatMap(([, line]) => BOUNDARY.map(([v]) => `apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: boundary\nspec:\n  selectors: {}\n${line(v)}`));
    const results = await verdicts(cases);
    assert.equal(results.length, cases.length);
    const seen = results.map((v, i) => `${fields[Math.floor(i / BOUNDARY.length)][0]}: ${BOUNDARY[i % BOUNDARY.length][0]} → kubectl ${v.kubectl} → API server ${v.server.split(' ')[0]}, engine ${v.engine.split(' ')[0]}`);
    const expected = results.map((v, i) => `${fields[Math.floor(i / BOUNDARY.length)][0]}: ${BOUNDARY[i % BOUNDARY.length][0]} → kubectl ${v.kubectl} → API server ${BOUNDARY[i % BOUNDARY.length][1]}, engine ${BOUNDARY[i % BOUNDARY.length][1]}`);
    assert.deepEqual(seen, expected);
    // Every rejection the engine gives quotes the API server's own message.
    for (const v of results.filter((x) => x.server !== 'accepts')) {
      const quoted = /in body must be of type integer(,string)?: \\?"number\\?"/;
      assert.match(v.server, quoted);
      assert.ok(v.messages.some((m) => quoted.test(m)), v.messages.join(' | '));
      assert.ok(v.messages.every((m) => !/accept/.test(m)), v.messages.join(' | '));
    }
  });
});
