// Repositories as users lay them out: a Helm chart (templates read with their actions masked, values.yaml
// checked through the fields that use it), a Kustomize base with overlays and patches, rendered output on
// standard input, and the CI formats (SARIF, GitHub workflow commands).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { getLanguageService } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { chartTemplateFiles, RepositoryContext } from '../../server/src/context';
import { LineIndex, parseFile } from '../../server/src/document/file';
import { maskTemplate } from '../../server/src/document/template';
import { DIAGNOSTIC_CODES } from '../../server/src/features/codes';
import { getCompletions } from '../../server/src/features/completion';
import { getFileDiagnostics } from '../../server/src/features/diagnostics';
import { formatGoFloat, getValuesDiagnostics } from '../../server/src/features/helmValues';
import { getHover } from '../../server/src/features/hover';
import { getDocumentSymbols } from '../../server/src/features/symbols';
import { repoRoot, withCursor } from '../support/fixture';

const repos = path.join(repoRoot, 'test', 'fixtures', 'repos');
const chart = path.join(repos, 'chart');
const kustomize = path.join(repos, 'kustomize');
const read = (p: string) => fs.readFileSync(p, 'utf8');
const brief = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.code}`);
const cli = path.join(repoRoot, 'dist', 'cli.js');

test('the file system says how a file is read: chart template, kustomize resource, patch, or plain', () => {
  const repo = new RepositoryContext();
  assert.equal(repo.modeOf(path.join(chart, 'templates', 'migrationpolicy.yaml')), 'helm-template');
  assert.equal(repo.modeOf(path.join(chart, 'values.yaml')), 'complete');
  assert.equal(repo.chartOfValues(path.join(chart, 'values.yaml')), chart);
  assert.equal(repo.modeOf(path.join(kustomize, 'base', 'migrationpolicy.yaml')), 'kustomize');
  assert.equal(repo.modeOf(path.join(kustomize, 'overlays', 'prod', 'bandwidth-patch.yaml')), 'patch');
  assert.equal(repo.modeOf(path.join(kustomize, 'overlays', 'prod', 'timeout-patch.yaml')), 'patch');
  assert.equal(repo.modeOf(path.join(kustomize, 'overlays', 'staging', 'staging-patch.yaml')), 'patch');
  assert.equal(repo.modeOf(path.join(kustomize, 'overlays', 'staging', 'extra-policy.yaml')), 'kustomize');
  assert.equal(repo.modeOf(path.join(repoRoot, 'examples', 'policies', 'databases.yaml')), 'complete');
  assert.deepEqual(chartTemplateFiles(chart).map((f) => path.basename(f)), ['default-policy.yaml', 'migrationpolicy.yaml']);
});

test('masking keeps every offset: action-only lines become blank, inline actions a run of _', () => {
  const text = '{{- if .Values.on }}\nname: {{ include "x" . }}-db\n  {{- include "l" . | nindent 4 }}\n{{- end }}\n';
  const { text: masked, template } = maskTemplate(text);
  assert.equal(masked.length, text.length);
  assert.equal(masked, `${' '.repeat(20)}\nname: ${'_'.repeat(19)}-db\n${' '.repeat(34)}\n${' '.repeat(10)}\n`);
  assert.deepEqual(template.inline.map((s) => s.action), ['{{ include "x" . }}']);
  assert.equal(template.holes.length, 1);
  assert.equal(template.controls.length, 2);
});

test('the issue\'s chart template: 24 cascading syntax errors as plain YAML, only the real mistakes as a template', () => {
  const file = path.join(chart, 'templates', 'migrationpolicy.yaml');
  const text = read(file);
  const plain = getFileDiagnostics({ file: parseFile(text, 'yaml') });
  assert.ok(plain.length >= 10 && plain.every((d) => d.code === 'yaml-syntax'), `${plain.length} plain diagnostics`);
  const template = getFileDiagnostics({ file: parseFile(text, 'yaml', undefined, 'helm-template') });
  // Templated values (name, bandwidth, timeout, labels, namespaceSelector) are not judged; the literal
  // quoted boolean is; the two `tier:` alternatives of an if/else are not a duplicate key.
  assert.deepEqual(brief(template), ['13:28-13:35 boolean-string']);
  const other = getFileDiagnostics({ file: parseFile(read(path.join(chart, 'templates', 'default-policy.yaml')), 'yaml', undefined, 'helm-template') });
  assert.deepEqual(brief(other), ['6:3-6:23 unknown-field', '10:3-10:12 catch-all']);
  assert.match(String(other[0].message), /Did you mean bandwidthPerMigration\?/);
});

test('a template still demands what the YAML shows to be missing, unless an include may write it', () => {
  const head = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n';
  const missing = getFileDiagnostics({ file: parseFile(`${head}  allowPostCopy: {{ .Values.postCopy }}\n`, 'yaml', undefined, 'helm-template') });
  assert.deepEqual(missing.map((d) => d.code), ['selectors-missing']);
  const included = getFileDiagnostics({ file: parseFile(`${head}  allowPostCopy: true\n  {{- include "chart.selectors" . | nindent 2 }}\n`, 'yaml', undefined, 'helm-template') });
  assert.deepEqual(included, []);
  const underKey = getFileDiagnostics({ file: parseFile(`${head}  selectors:\n    {{- toYaml .Values.selectors | nindent 4 }}\n`, 'yaml', undefined, 'helm-template') });
  assert.deepEqual(underKey, []);
});

test('one unreadable template construct gives one diagnostic, never a cascade', () => {
  const text = [
    'apiVersion: migrations.kubevirt.io/v1alpha1',
    'kind: MigrationPolicy',
    'metadata:',
    '  name: x',
    'spec:',
    '  selectors: {}',
    '  {{ .Values.key }}: {{ .Values.value }}: oops',
    '  {{ if .Values.a }}allowPostCopy: true{{ end }}: nope',
    '  allowAutoConverge: true',
    '',
  ].join('\n');
  const diagnostics = getFileDiagnostics({ file: parseFile(text, 'yaml', undefined, 'helm-template') });
  assert.deepEqual(brief(diagnostics), ['7:22-7:41 template-unreadable', '8:40-8:49 template-unreadable']);
  assert.match(String(diagnostics[0].message), /^This template action makes the YAML around it unreadable before rendering \(.+\), so this part is not checked here\. Check the rendered output: helm template \. \| migrationpolicy check -\.$/);
  assert.equal(diagnostics[0].severity, 2);
});

test('completion, hover and symbols work in a template; inside an action there is nothing to offer', () => {
  const marked = read(path.join(chart, 'templates', 'migrationpolicy.yaml')).replace('  allowAutoConverge: true\n', '  allowAutoConverge: true\n  maxD‸\n');
  const { text, offset } = withCursor(marked);
  const file = parseFile(text, 'yaml', undefined, 'helm-template');
  const lines = new LineIndex(text);
  const items = getCompletions({ file, lines }, offset, { snippetSupport: false, markdown: true }).items;
  assert.ok(items.some((i) => i.label === 'maxDowntimeMs'), items.map((i) => i.label).join(', '));
  const inAction = text.indexOf('.Values.bandwidth');
  assert.deepEqual(getCompletions({ file, lines }, inAction, { snippetSupport: false, markdown: true }).items, []);
  assert.equal(getHover({ file, lines }, inAction, { markdown: true }), null);
  const hover = getHover({ file, lines }, text.indexOf('allowAutoConverge') + 3, { markdown: true });
  assert.match(JSON.stringify(hover?.contents), /allowAutoConverge/);
  const symbols = getDocumentSymbols({ file, lines });
  assert.equal(symbols.length, 1);
  assert.match(symbols[0].name, /chart\.fullname/);
});

test('values.yaml entries are checked with the rules of the field that takes them, as Helm renders them', () => {
  const valuesPath = path.join(chart, 'values.yaml');
  const values = parseFile(read(valuesPath), 'yaml');
  const templates = chartTemplateFiles(chart).map((f) => ({ name: path.relative(chart, f), file: parseFile(read(f), 'yaml', undefined, 'helm-template') }));
  const diagnostics = getValuesDiagnostics({ file: values }, templates);
  assert.deepEqual(brief(diagnostics), ['2:12-2:15 quantity-invalid', '3:20-3:27 integer-format']);
  assert.equal(diagnostics[0].message, 'Used as spec.bandwidthPerMigration by templates/migrationpolicy.yaml:10 ({{ .Values.bandwidth | quote }}): spec.bandwidthPerMigration: K is not a Kubernetes suffix: use k (×1000) or Ki (×1024).');
  assert.match(String(diagnostics[1].message), /Helm renders 1000000 as 1e\+06\./);
  assert.deepEqual([1e6, 123456, 0.5, 0.00001, 1234567, -2e7].map(formatGoFloat), ['1e+06', '123456', '0.5', '1e-05', '1.234567e+06', '-2e+07']);
});

test('a strategic-merge patch is partial: present fields are validated, required ones not demanded', () => {
  const patch = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: db\nspec:\n  bandwidthPerMigration: 1Gi\n';
  assert.deepEqual(getFileDiagnostics({ file: parseFile(patch, 'yaml') }).map((d) => d.code), ['selectors-missing']);
  assert.deepEqual(getFileDiagnostics({ file: parseFile(patch, 'yaml', undefined, 'patch') }), []);
  const directives = `${patch}  $patch: merge\n  selectors: {}\n  allowPostCopy: "true"\n  bandwithPerMigration: 1Gi\n`;
  assert.deepEqual(brief(getFileDiagnostics({ file: parseFile(directives, 'yaml', undefined, 'patch') })), ['9:18-9:24 boolean-string', '10:3-10:23 unknown-field']);
  const real = getFileDiagnostics({ file: parseFile(read(path.join(kustomize, 'overlays', 'prod', 'bandwidth-patch.yaml')), 'yaml', undefined, 'patch') });
  assert.deepEqual(brief(real), ['7:18-7:24 boolean-string']);
});

test('a JSON 6902 patch of a MigrationPolicy: paths against the catalogue, values with the field\'s rules', () => {
  const ops = [
    '- op: replace',
    '  path: /spec/bandwidthPerMigration',
    '  value: 64K',
    '- op: add',
    '  path: /spec/selectors/virtualMachineInstanceSelector/tier',
    '  value: 1',
    '- op: remove',
    '  path: /spec/selectors',
    '- op: add',
    '  path: /spec/bandwithPerMigration',
    '  value: 1Gi',
    '- op: add',
    '  path: /metadata/labels/team',
    '  value: data',
    '',
  ].join('\n');
  const diagnostics = getFileDiagnostics({ file: parseFile(ops, 'yaml', undefined, 'patch') });
  assert.deepEqual(brief(diagnostics), ['3:10-3:13 quantity-invalid', '6:10-6:11 label-value-type', '8:9-8:24 required-null', '10:9-10:35 unknown-field']);
  assert.match(String(diagnostics[3].message), /Did you mean bandwidthPerMigration\?/);
  assert.deepEqual(getFileDiagnostics({ file: parseFile(ops, 'yaml') }), [], 'outside a kustomization, a list is not ours');
  const json = getFileDiagnostics({ file: parseFile('[{"op": "replace", "path": "/spec/completionTimeoutPerGiB", "value": -5}]', 'json', undefined, 'patch') });
  assert.deepEqual(json.map((d) => d.code), ['negative']);
});

test('kustomize reads yes/on as strings (kyaml) and writes them quoted: in its files they are errors for booleans, fine as labels', () => {
  const text = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: x\nspec:\n  allowAutoConverge: yes\n  selectors:\n    virtualMachineInstanceSelector:\n      gpu: yes\n';
  const plain = getFileDiagnostics({ file: parseFile(text, 'yaml') });
  assert.deepEqual(plain.map((d) => `${d.code} ${d.severity}`), ['yaml11-boolean 2', 'label-value-type 1']);
  const viaKustomize = getFileDiagnostics({ file: parseFile(text, 'yaml', undefined, 'kustomize') });
  assert.deepEqual(viaKustomize.map((d) => `${d.code} ${d.severity}`), ['boolean-string 1']);
  assert.match(String(viaKustomize[0].message), /^kustomize reads yes as the string "yes"/);
});

function runCli(args: string[], input?: string, cwd = repoRoot) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, input, encoding: 'utf8' });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

test('check reads a repository the way it is used: chart templates, values, base, overlays and patches', () => {
  const r = runCli(['check', path.join('test', 'fixtures', 'repos')]);
  assert.equal(r.status, 1);
  const lines = r.out.trimEnd().split('\n').map((l) => l.split(': ').slice(0, 1).join('') + ' ' + /(error|warning|info|hint) ([\w-]+)/.exec(l)?.[2]);
  assert.deepEqual(lines, [
    'test/fixtures/repos/chart/templates/default-policy.yaml:6:3 unknown-field',
    'test/fixtures/repos/chart/templates/default-policy.yaml:10:3 catch-all',
    'test/fixtures/repos/chart/templates/migrationpolicy.yaml:13:28 boolean-string',
    'test/fixtures/repos/chart/values.yaml:2:12 quantity-invalid',
    'test/fixtures/repos/chart/values.yaml:3:20 integer-format',
    'test/fixtures/repos/kustomize/overlays/prod/bandwidth-patch.yaml:7:18 boolean-string',
    'test/fixtures/repos/kustomize/overlays/prod/timeout-patch.yaml:3:10 negative',
    'test/fixtures/repos/kustomize/overlays/staging/extra-policy.yaml:5:1 selectors-missing',
    'test/fixtures/repos/kustomize/overlays/staging/staging-patch.yaml:7:22 boolean-string',
  ]);
});

const RENDERED = `---
# Source: vm-migrations/templates/default-policy.yaml
apiVersion: migrations.kubevirt.io/v1alpha1
kind: MigrationPolicy
metadata:
  name: release-default
spec:
  bandwidthPerMigraton: 1Gi
  selectors: {}
---
# Source: vm-migrations/templates/migrationpolicy.yaml
apiVersion: migrations.kubevirt.io/v1alpha1
kind: MigrationPolicy
metadata:
  name: release-vm-migrations-db
spec:
  bandwidthPerMigration: "64K"
  allowWorkloadDisruption: "false"
  selectors: {}
`;

test('check - reads rendered output; # Source: names the file, and a line found in it places the finding there', () => {
  const r = runCli(['check', '-'], RENDERED, chart);
  assert.equal(r.status, 1);
  assert.deepEqual(r.out.trimEnd().split('\n').map((l) => l.replace(/: (error|warning|info) ([\w-]+):.*$/, ' $2')), [
    'templates/default-policy.yaml:6:3 unknown-field',
    'templates/default-policy.yaml:10:3 catch-all',
    '<stdin>:17:26 quantity-invalid',
    '<stdin>:19:3 catch-all',
    'templates/migrationpolicy.yaml:13:28 boolean-string',
  ]);
  assert.match(r.out, /<stdin>:17:26: error quantity-invalid: .* \(rendered from vm-migrations\/templates\/migrationpolicy\.yaml\)\n/);
  const fromRepo = runCli(['check', '-'], RENDERED.replace(/vm-migrations\//g, 'test/fixtures/repos/chart/'));
  assert.match(fromRepo.out, /^test\/fixtures\/repos\/chart\/templates\/default-policy\.yaml:6:3: error unknown-field/m);
  const json = JSON.parse(runCli(['check', '--format', 'json', '--allow-empty', '-'], 'kind: ConfigMap\n').out);
  assert.deepEqual(json, { files: [{ path: '<stdin>', diagnostics: [] }] });
  const empty = runCli(['check', '-'], 'kind: ConfigMap\n');
  assert.equal(empty.status, 2);
  assert.equal(empty.out, '');
  assert.equal(empty.err, 'migrationpolicy: no MigrationPolicy in standard input: give the paths of your MigrationPolicy manifests (or pass --allow-empty)\n');
});

test('--format sarif is valid SARIF 2.1.0 with one rule per code, and its results point at the files', async () => {
  const r = runCli(['check', '--format', 'sarif', path.join('test', 'fixtures', 'repos')]);
  assert.equal(r.status, 1);
  const log = JSON.parse(r.out);
  // The log names its schema ($schema); the validator loads that URI from the vendored copy, and nothing else.
  const schemaText = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8');
  const requested: string[] = [];
  const service = getLanguageService({
    schemaRequestService: (uri) => {
      requested.push(uri);
      return uri === log.$schema ? Promise.resolve(schemaText) : Promise.reject(new Error(`no schema ${uri}`));
    },
  });
  service.configure({ validate: true, allowComments: false });
  const validate = async (text: string) => {
    const doc = TextDocument.create('file:///check.sarif', 'json', 1, text);
    return await service.doValidation(doc, service.parseJSONDocument(doc), { schemaValidation: 'error', schemaRequest: 'error' });
  };
  assert.deepEqual(await validate(r.out), []);
  assert.deepEqual(requested, ['https://json.schemastore.org/sarif-2.1.0.json']);
  const broken = JSON.parse(r.out);
  broken.runs[0].results[0].level = 'fatal';
  delete broken.version;
  assert.equal((await validate(JSON.stringify(broken))).length >= 2, true, 'the validator catches a broken log');
  const rules = log.runs[0].tool.driver.rules;
  assert.deepEqual(rules.map((rule: { id: string }) => rule.id), Object.keys(DIAGNOSTIC_CODES));
  assert.ok(rules.every((rule: { help: { text: string } }) => rule.help.text.length > 20));
  const first = log.runs[0].results[0];
  assert.equal(first.ruleId, 'unknown-field');
  assert.equal(rules[first.ruleIndex].id, 'unknown-field');
  assert.deepEqual(first.locations[0].physicalLocation, { artifactLocation: { uri: 'test/fixtures/repos/chart/templates/default-policy.yaml' }, region: { startLine: 6, startColumn: 3, endLine: 6, endColumn: 23 } });
  assert.deepEqual(log.runs[0].results.map((x: { level: string }) => x.level), ['error', 'note', 'error', 'error', 'note', 'error', 'error', 'error', 'error']);
});

test('--format github prints workflow commands GitHub Actions turns into annotations', () => {
  const r = runCli(['check', '--format', 'github', path.join('test', 'fixtures', 'repos', 'kustomize')]);
  assert.equal(r.status, 1);
  const lines = r.out.trimEnd().split('\n');
  assert.equal(lines.length, 4);
  assert.equal(lines[0].slice(0, lines[0].indexOf('::', 2)), '::error file=test/fixtures/repos/kustomize/overlays/prod/bandwidth-patch.yaml,line=7,col=18,endLine=7,endColumn=24,title=migrationpolicy boolean-string');
  assert.ok(lines.every((l) => /^::(error|warning|notice) file=[^:,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=migrationpolicy [\w-]+::[^\n]+$/.test(l)), r.out);
  const escaped = runCli(['check', '--format', 'github', '-'], 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: "100%"\nspec:\n  selectors: {}\n');
  assert.match(escaped.out, /^::error title=migrationpolicy name-invalid::The API server rejects the name "100%25"/m);
});

test('kubectl kustomize output, checked with check -, agrees with the editor on the sources', (t) => {
  // Debian's kubernetes-client (1.20) bundles kustomize v2.0.3, which cannot read `resources: [../../base]`.
  const probe = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  const major = Number(/Kustomize Version: v(\d+)/.exec(probe.stdout ?? '')?.[1] ?? 0);
  if (probe.error || major < 4) {
    t.skip('needs kubectl with kustomize v4 or later on PATH (Debian has none: its kubernetes-client 1.20 bundles kustomize v2.0.3)');
    return;
  }
  const repo = new RepositoryContext();
  const editor = (file: string) => getFileDiagnostics({ file: parseFile(read(file), 'yaml', undefined, repo.modeOf(file)) });
  const overlays: Record<string, string[]> = {
    prod: ['base/migrationpolicy.yaml', 'overlays/prod/bandwidth-patch.yaml', 'overlays/prod/timeout-patch.yaml'],
    staging: ['base/migrationpolicy.yaml', 'overlays/staging/staging-patch.yaml', 'overlays/staging/extra-policy.yaml'],
  };
  for (const [overlay, sources] of Object.entries(overlays)) {
    const rendered = spawnSync('kubectl', ['kustomize', path.join(kustomize, 'overlays', overlay)], { encoding: 'utf8' });
    assert.equal(rendered.status, 0, rendered.stderr);
    const checked = JSON.parse(runCli(['check', '--format', 'json', '-'], rendered.stdout).out) as { files: { diagnostics: Diagnostic[] }[] };
    const fromRendered = checked.files.flatMap((f) => f.diagnostics.filter((d) => d.severity === 1).map((d) => d.code)).sort();
    const fromSources = sources.flatMap((s) => editor(path.join(kustomize, s)).filter((d) => d.severity === 1).map((d) => d.code)).sort();
    assert.deepEqual(fromSources, fromRendered, overlay);
    assert.ok(fromRendered.length >= 2, `${overlay}: ${fromRendered.join(', ')}`);
  }
});
