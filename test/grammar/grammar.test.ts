// Snapshot tests of the injection grammars against VS Code's own YAML grammar: each fixture in
// test/grammar/fixtures has a `.snap` beside it with the scopes we add under each line. Also: the YAML
// structure (mappings, keys, values) is the same with and without our grammars, and the committed
// grammar files are what syntaxes/build.mjs makes from the field catalogue.
// Update the snapshots after a deliberate change: UPDATE_SNAPSHOTS=1 npm test
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../support/fixture';
import { colorize, INJECTIONS, THEMES, tokenize } from './tokenize';
import type { Token } from './tokenize';

const FIXTURES = path.join(repoRoot, 'test', 'grammar', 'fixtures');
const OURS = /\.migrationpolicy$/;

const ours = (t: Token) => t.scopes.filter((s) => OURS.test(s) && s !== 'meta.selector.migrationpolicy');
const inSelector = (t: Token) => t.scopes.includes('meta.selector.migrationpolicy');
const structure = (t: Token) => t.scopes.filter((s) => s.startsWith('meta.') && s.endsWith('.yaml')).join(' ');

/** The fixture with a caret line under each token that carries one of our scopes. */
function snapshot(text: string, lines: Token[][]): string {
  const width = String(lines.length).length;
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    out.push(`${String(i + 1).padStart(width)} | ${line}`.trimEnd());
    let column = 0;
    for (const token of lines[i]) {
      const scopes = ours(token);
      if (scopes.length && token.text.trim()) out.push(`${' '.repeat(width)} | ${' '.repeat(column)}${'^'.repeat(token.text.length)} ${scopes.join(' ')}`);
      column += token.text.length;
    }
  });
  return `${out.join('\n')}\n`;
}

/** Per column, the YAML grammar's structural scopes (or undefined inside one of our selectors). */
function columns(lines: Token[][]): (string | undefined)[][] {
  return lines.map((tokens) => tokens.flatMap((t) => Array<string | undefined>(t.text.length).fill(inSelector(t) ? undefined : structure(t))));
}

for (const name of fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.yaml')).sort()) {
  test(`grammar snapshot: ${name}`, async () => {
    const text = fs.readFileSync(path.join(FIXTURES, name), 'utf8').replace(/\n$/, '');
    const actual = snapshot(text, await tokenize(text));
    const file = path.join(FIXTURES, `${name}.snap`);
    if (process.env.UPDATE_SNAPSHOTS) fs.writeFileSync(file, actual);
    assert.ok(fs.existsSync(file), `${name} has no snapshot: UPDATE_SNAPSHOTS=1 npm test writes it (review it before committing)`);
    assert.equal(actual, fs.readFileSync(file, 'utf8'), `${name}: scopes changed (UPDATE_SNAPSHOTS=1 npm test accepts a deliberate change)`);
  });

  test(`grammar keeps the YAML structure: ${name}`, async () => {
    const text = fs.readFileSync(path.join(FIXTURES, name), 'utf8');
    const withUs = columns(await tokenize(text));
    const without = columns(await tokenize(text, { inject: false }));
    withUs.forEach((line, i) =>
      line.forEach((scopes, column) => {
        if (scopes !== undefined) assert.equal(scopes, without[i][column], `${name}:${i + 1}:${column + 1}: the YAML structure differs with our grammars`);
      }),
    );
  });
}

test('the grammars mark a quantity as valid exactly when it has one known suffix', async () => {
  const scopesOf = async (value: string) => {
    const [, line] = await tokenize(`spec:\n  bandwidthPerMigration: ${value}`);
    return line.filter((t) => ours(t).length && !ours(t)[0].startsWith('meta.field')).map((t) => `${t.text}=${ours(t)[0].split('.')[0]}`).join(' ');
  };
  for (const [value, expected] of [
    ['64Mi', '64=constant Mi=keyword'],
    ['1Gi', '1=constant Gi=keyword'],
    ['500m', '500=constant m=keyword'],
    ['1.5G', '1.5=constant G=keyword'],
    ['2e3', '2=constant e3=keyword'],
    ['0', '0=constant'],
    ['64MB', '64MB=invalid'],
    ['1K', '1K=invalid'],
    ['64mi', '64mi=invalid'],
    ['1Gib', '1Gib=invalid'],
    ['fast', 'fast=invalid'],
  ]) {
    assert.equal(await scopesOf(value), expected, value);
  }
});

test('the committed grammars are what syntaxes/build.mjs makes from the field catalogue', async () => {
  const build = (await import(pathToFileURL(path.join(repoRoot, 'syntaxes', 'build.mjs')).href)) as { GRAMMARS: Record<string, unknown> };
  for (const [file, grammar] of Object.entries(build.GRAMMARS)) {
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(repoRoot, 'syntaxes', file), 'utf8')), grammar, `${file} is stale: run node syntaxes/build.mjs`);
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  assert.deepEqual(
    manifest.contributes.grammars.map((g: { scopeName: string; path: string; injectTo: string[] }) => [g.scopeName, path.join(repoRoot, g.path), g.injectTo]),
    Object.entries(INJECTIONS).map(([scope, file]) => [scope, file, ['source.yaml']]),
  );
});

const COLOR_FIXTURE = `apiVersion: migrations.kubevirt.io/v1alpha1
kind: MigrationPolicy
metadata:
  name: web
spec:
  selectors:
    namespaceSelector:
      matchLabels:
        team: web
    virtualMachineInstanceSelector:
      matchLabels:
        app: web
  bandwidthPerMigration: 64Mi
  completionTimeoutPerGB: 800
  "allowPostCopy": false
  experimental: {allowWorkloadDisruption: true}`;

/** The colour and style of the first token with this text on a 0-based line. */
function tokenOn(lines: Awaited<ReturnType<typeof colorize>>, line: number, text: string) {
  const token = lines[line].find((t) => t.text === text);
  assert.ok(token, `no token ${JSON.stringify(text)} on line ${line + 1}: ${lines[line].map((t) => JSON.stringify(t.text)).join(' ')}`);
  return token;
}

for (const theme of Object.keys(THEMES)) {
  test(`in ${theme}, policy keys and selector labels have the colour of YAML keys, and matchLabels under virtualMachineInstanceSelector the colour of errors`, async () => {
    const lines = await colorize(COLOR_FIXTURE, theme);
    const key = tokenOn(lines, 2, 'metadata');
    const like = (line: number, text: string) => assert.deepEqual(tokenOn(lines, line, text), { ...key, text }, `${text} (line ${line + 1}) is not coloured like the YAML key metadata in ${theme}`);
    for (const [line, text] of [[4, 'spec'], [5, 'selectors'], [6, 'namespaceSelector'], [9, 'virtualMachineInstanceSelector'], [12, 'bandwidthPerMigration'], [14, '"allowPostCopy"'], [15, 'experimental'], [15, 'allowWorkloadDisruption']] as const) like(line, text);
    like(13, 'completionTimeoutPerGB');
    like(7, 'matchLabels');
    like(8, 'team');
    like(11, 'app');
    const legacy = tokenOn(lines, 10, 'matchLabels');
    assert.notEqual(legacy.color, key.color, `matchLabels under virtualMachineInstanceSelector looks like a valid key in ${theme}`);
    const [invalid] = (await colorize('spec:\n  bandwidthPerMigration: 64MB', theme))[1].filter((t) => t.text === '64MB');
    assert.deepEqual(legacy, { ...invalid, text: 'matchLabels' }, `in ${theme}, matchLabels under virtualMachineInstanceSelector is not coloured like the invalid quantity 64MB`);
  });
}

test('VS Code\'s default themes colour a policy key as their theme files say (the colours the e2e screenshots check)', async () => {
  // extensions/theme-defaults/themes/2026-light.json and 2026-dark.json: "entity.name.tag" (YAML keys), "invalid.illegal".
  const expected: Record<string, [string, string, boolean]> = { 'Light 2026': ['#116329', '#82071E', true], 'Dark 2026': ['#7EE787', '#FFA198', true] };
  for (const [theme, [keyColor, invalidColor, italic]] of Object.entries(expected)) {
    const lines = await colorize(COLOR_FIXTURE, theme);
    assert.deepEqual(tokenOn(lines, 12, 'bandwidthPerMigration'), { text: 'bandwidthPerMigration', color: keyColor, italic: false }, theme);
    assert.deepEqual(tokenOn(lines, 10, 'matchLabels'), { text: 'matchLabels', color: invalidColor, italic }, theme);
  }
});
