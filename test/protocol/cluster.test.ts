// Cluster features over the protocol: the server reads examples/cluster.yaml as its data source and
// shows code lenses, match reports, cross-policy diagnostics and cluster-aware completion.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CodeLens, CompletionList, Diagnostic } from 'vscode-languageserver-protocol/node';
import type { MatchReport } from '../../server/src/protocol';
import { repoRoot } from '../support/fixture';
import { DEFAULT_CAPABILITIES, startClient } from '../support/lspClient';
import type { TestClient } from '../support/lspClient';

const snapshot = path.join(repoRoot, 'examples', 'cluster.yaml');
const capabilities = { ...DEFAULT_CAPABILITIES, workspace: { ...DEFAULT_CAPABILITIES.workspace, codeLens: { refreshSupport: true } }, window: { workDoneProgress: true } };

async function open(client: TestClient, name: string, text?: string): Promise<string> {
  const file = path.join(repoRoot, 'examples', 'policies', name);
  const uri = pathToFileURL(file).toString();
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: name.endsWith('.json') ? 'json' : 'yaml', version: 1, text: text ?? fs.readFileSync(file, 'utf8') } });
  return uri;
}

async function lensTitles(client: TestClient, uri: string): Promise<string[]> {
  const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
  return lenses.map((l) => `${l.range.start.line}: ${l.command?.title}`);
}

test('code lenses, what-if deltas and match reports from the demo snapshot', async () => {
  const client = await startClient(capabilities, null, { migrationpolicy: { cluster: { source: 'snapshot', snapshot } } });
  try {
    const ready = (await client.waitForStatus((s) => s.state.kind === 'ready')) as { counts: unknown; kubevirtVersion?: string };
    assert.deepEqual(ready.counts, { namespaces: 7, vmis: 48, policies: 6 });
    const databases = await open(client, 'databases.yaml');
    assert.deepEqual(await lensTitles(client, databases), [
      '2: matches 10 VMIs · wins 10',
      '2: in the cluster: wins 7',
      '2: from the snapshot cluster.yaml',
    ]);
    const team = await open(client, 'team-policies.yaml');
    assert.deepEqual(await lensTitles(client, team), [
      '9: matches 8 VMIs · wins 6 · loses 2',
      '9: from the snapshot cluster.yaml',
      '23: matches 8 VMIs · wins 2 · loses 6',
    ]);

    const report = (await client.connection.sendRequest('workspace/executeCommand', { command: 'migrationpolicy.showMatches', arguments: [{ uri: team, policy: 'hpc' }] })) as MatchReport;
    assert.equal(report.matched, 8);
    assert.equal(report.won, 6);
    assert.equal(report.vmis.length, 8);
    const lost = report.vmis.filter((v) => v.winner !== 'hpc');
    assert.deepEqual(lost.map((v) => v.winner), ['nightly', 'nightly']);
    assert.match(lost[0].reason, /nightly/);
    assert.equal(report.status.state.kind, 'ready');
    // A click sends the lens's command back as it came (VS Code with its arguments, Neovim 0.7 the whole
    // command object as the params): the lens names the policy alone, and the report is the one for { uri, policy }.
    const teamLenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: team } })) as CodeLens[];
    const hpcLens = teamLenses.find((l) => l.command?.title === 'matches 8 VMIs · wins 6 · loses 2')!;
    assert.deepEqual(hpcLens.command?.arguments, ['hpc']);
    assert.deepEqual(Object.keys(teamLenses.find((l) => l.command?.title === 'from the snapshot cluster.yaml')!.command!), ['title', 'command']);
    const clicked = (await client.connection.sendRequest('workspace/executeCommand', hpcLens.command)) as MatchReport;
    assert.deepEqual(clicked, report);
    const run = async (args: unknown[]) => (await client.connection.sendRequest('workspace/executeCommand', { command: 'migrationpolicy.showMatches', arguments: args })) as MatchReport;
    assert.deepEqual(await run([{ policy: 'hpc' }]), report);
    // An argument that names no policy: an empty report, not an error.
    assert.deepEqual(await Promise.all([[42], [{ policy: 7 }], []].map(async (args) => { const r = await run(args); return [r.policy, r.matched, r.won, r.vmis.length]; })), [['', 0, 0, 0], ['', 0, 0, 0], ['', 0, 0, 0]]);

    // An edit is a what-if: narrowing the selector changes the lens at once.
    const edited = fs.readFileSync(path.join(repoRoot, 'examples', 'policies', 'databases.yaml'), 'utf8').replace('workload-type: db', 'workload-type: db\n      tier: none');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: databases, version: 2 }, contentChanges: [{ text: edited }] });
    const after = await lensTitles(client, databases);
    assert.equal(after[0], '2: matches no VMI');
    assert.equal(after[1], '2: in the cluster: wins 7');
  } finally {
    await client.stop();
  }
});

test('cross-policy diagnostics and completion from cluster labels', async () => {
  const client = await startClient(capabilities, null, { migrationpolicy: { cluster: { source: 'snapshot', snapshot } } });
  try {
    await client.waitForStatus((s) => s.state.kind === 'ready');
    const text = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: web-copy\nspec:\n  selectors:\n    virtualMachineInstanceSelector:\n      app: web\n    namespaceSelector:\n      \n';
    const uri = 'file:///workspace/web-copy.yaml';
    const published = client.nextDiagnostics(uri, (p) => p.diagnostics.length > 0);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const diagnostics = (await published).diagnostics as Diagnostic[];
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]), [
      ['identical-selectors', 3, 8],
      ['shadowed-policy', 3, 8],
    ]);
    assert.match(String(diagnostics[0].message), /^Same selectors as legacy-web \(the cluster\): legacy-web takes precedence only because its name sorts first, so this policy never applies\./);
    assert.match(String(diagnostics[1].message), /^This policy matches 9 VMIs but wins none: web-servers takes 9\./);

    const completion = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 9, character: 6 } })) as CompletionList;
    const env = completion.items.find((i) => i.label === 'env' || i.label === 'env: "prod"' || String(i.label).startsWith('env'));
    assert.ok(env, completion.items.map((i) => i.label).join(', '));
    assert.match(JSON.stringify(completion.items), /namespaces/);
  } finally {
    await client.stop();
  }
});

test('a broken or missing snapshot is a state in the editor, not a crash', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-snap-'));
  const broken = path.join(dir, 'broken.yaml');
  fs.writeFileSync(broken, 'apiVersion: v1\nkind: List\nitems:\n- kind: Namespace\n  metadata: [\n');
  for (const [file, pattern] of [[broken, /broken\.yaml:\d+:\d+/], [path.join(dir, 'missing.yaml'), /missing\.yaml/]] as const) {
    const client = await startClient(capabilities, null, { migrationpolicy: { cluster: { source: 'snapshot', snapshot: file } } });
    try {
      const status = (await client.waitForStatus((s) => s.state.kind === 'error')) as { state: { message: string } };
      assert.match(status.state.message, pattern);
      const uri = await open(client, 'databases.yaml');
      const titles = await lensTitles(client, uri);
      assert.equal(titles.length, 1);
      assert.match(titles[0], /^2: Snapshot (broken|missing)\.yaml: /);
    } finally {
      await client.stop();
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

test('hover shows label counts and the effective configuration from the cluster', async () => {
  const client = await startClient(capabilities, null, { migrationpolicy: { cluster: { source: 'snapshot', snapshot } } });
  try {
    await client.waitForStatus((s) => s.state.kind === 'ready');
    const uri = await open(client, 'databases.yaml');
    const hover = async (line: number, character: number) => {
      const h = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } })) as { contents: { value: string } } | null;
      return h?.contents.value ?? '';
    };
    assert.match(await hover(9, 8), /In the cluster \(from the snapshot cluster\.yaml\): 10 VMIs carry `workload-type=db`\./);
    const name = await hover(5, 9);
    assert.match(name, /\*\*Effective migration configuration\*\* for the VMIs this policy wins/);
    assert.match(name, /\| `bandwidthPerMigration` \| `256Mi` \| \*\*overridden here\*\* \|/);
    assert.match(name, /\| `allowWorkloadDisruption` \| `false` \| /);
  } finally {
    await client.stop();
  }
});

test('the snapshot in use is cluster data, not workspace policies: no duplicate names against it', async () => {
  const root = pathToFileURL(path.join(repoRoot, 'examples')).toString();
  const client = await startClient(capabilities, root, { migrationpolicy: { cluster: { source: 'snapshot', snapshot } } });
  try {
    await client.waitForStatus((s) => s.state.kind === 'ready');
    const file = path.join(repoRoot, 'examples', 'policies', 'databases.yaml');
    const uri = pathToFileURL(file).toString();
    const published = client.nextDiagnostics(uri);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: fs.readFileSync(file, 'utf8') } });
    assert.deepEqual((await published).diagnostics, []);
    const mistakes = pathToFileURL(path.join(repoRoot, 'examples', 'mistakes', 'from-the-docs.yaml')).toString();
    const twice = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: tuned\nspec:\n  selectors: {}\n';
    const dup = client.nextDiagnostics('file:///elsewhere/tuned.yaml');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///elsewhere/tuned.yaml', languageId: 'yaml', version: 1, text: twice } });
    const codes = (await dup).diagnostics.map((d) => d.code);
    assert.ok(codes.includes('duplicate-name'), `the workspace file ${mistakes} also names a policy tuned: ${codes.join(', ')}`);
  } finally {
    await client.stop();
  }
});

test('listContexts names the kubeconfig contexts, never their credentials', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-kube-'));
  const kubeconfig = path.join(dir, 'config');
  fs.writeFileSync(kubeconfig, [
    'apiVersion: v1', 'kind: Config', 'current-context: dev',
    'clusters:', '- name: dev-cluster', '  cluster: {server: "https://127.0.0.1:1"}', '- name: prod-cluster', '  cluster: {server: "https://127.0.0.1:2"}',
    'users:', '- name: me', '  user: {token: secret-token-123}',
    'contexts:', '- name: dev', '  context: {cluster: dev-cluster, user: me}', '- name: prod', '  context: {cluster: prod-cluster, user: me}',
  ].join('\n'));
  const client = await startClient(capabilities, null, { migrationpolicy: { cluster: { source: 'none', kubeconfig } } });
  try {
    await client.waitForStatus((s) => s.state.kind === 'disabled');
    const list = await client.connection.sendRequest('workspace/executeCommand', { command: 'migrationpolicy.listContexts', arguments: [] });
    assert.deepEqual(list, {
      current: 'dev',
      contexts: [
        { name: 'dev', cluster: 'dev-cluster', server: 'https://127.0.0.1:1' },
        { name: 'prod', cluster: 'prod-cluster', server: 'https://127.0.0.1:2' },
      ],
    });
    assert.doesNotMatch(JSON.stringify(list), /secret-token-123/);
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('no settings and an empty HOME: no cluster, no diagnostic and no lens number from the demo', async () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-home-'));
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-ws-'));
  try {
    const env = { PATH: process.env.PATH ?? '', HOME: home };
    const client = await startClient(capabilities, pathToFileURL(root).toString(), {}, undefined, env);
    try {
      const status = (await client.waitForStatus((s) => (s as unknown as { source: { kind: string } }).source.kind === 'none')) as { source: { reason?: string } };
      assert.equal(status.source.reason, 'no kubeconfig found');
      // The demo's legacy-web has these selectors: with the demo as a silent fallback this file got
      // identical-selectors and shadowed-policy warnings, and lens numbers.
      const text = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: web-copy\nspec:\n  selectors:\n    virtualMachineInstanceSelector:\n      app: web\n';
      const uri = pathToFileURL(path.join(root, 'web-copy.yaml')).toString();
      const published = client.nextDiagnostics(uri);
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      assert.deepEqual((await published).diagnostics, []);
      const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
      assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command]), [
        [0, 'No cluster', 'migrationpolicy.clusterActions'],
        [0, 'Connect', 'migrationpolicy.selectContext'],
        [0, 'Use a snapshot', 'migrationpolicy.useSnapshot'],
        [0, 'Try the demo', 'migrationpolicy.useDemo'],
      ]);
      assert.doesNotMatch(JSON.stringify(lenses), /\d+ VMI/);
      const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 7, character: 7 } })) as { contents: { value: string } } | null;
      assert.doesNotMatch(hover?.contents.value ?? '', /VMIs? carr/);
    } finally {
      await client.stop();
    }
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('cluster.source demo: the numbers say they are the demo, Problems included', async () => {
  const client = await startClient(capabilities, null, { migrationpolicy: { cluster: { source: 'demo' } } });
  try {
    const status = (await client.waitForStatus((s) => s.state.kind === 'ready')) as { source: { kind: string; demo: boolean } };
    assert.deepEqual([status.source.kind, status.source.demo], ['snapshot', true]);
    const text = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: web-copy\nspec:\n  selectors:\n    virtualMachineInstanceSelector:\n      app: web\n';
    const uri = 'file:///workspace/web-copy.yaml';
    const published = client.nextDiagnostics(uri, (p) => p.diagnostics.length > 1);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const diagnostics = (await published).diagnostics as Diagnostic[];
    assert.deepEqual(diagnostics.map((d) => [d.code, /demo cluster/.test(String(d.message))]), [
      ['identical-selectors', true],
      ['shadowed-policy', true],
    ]);
    assert.deepEqual(await lensTitles(client, uri), ['0: matches 9 demo VMIs · wins 0 · loses 9']);
  } finally {
    await client.stop();
  }
});

test('lens numbers equal `migrationpolicy match --format json` for the same files and snapshot', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-agree-'));
  try {
    // The examples, with their deliberate mistakes (policies the API server would reject) and a duplicate name.
    fs.cpSync(path.join(repoRoot, 'examples', 'policies'), path.join(root, 'policies'), { recursive: true });
    fs.cpSync(path.join(repoRoot, 'examples', 'mistakes'), path.join(root, 'mistakes'), { recursive: true });
    const duplicate = fs.readFileSync(path.join(root, 'policies', 'databases.yaml'), 'utf8').replace('workload-type: db', 'workload-type: web');
    fs.writeFileSync(path.join(root, 'policies', 'zz-copy.yaml'), duplicate);
    const cli = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'match', '--cluster', snapshot, '--format', 'json', root], { encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stderr);
    assert.match(cli.stderr, /policy tuned is left out: it has \d+ errors the API server would reject/);
    const expected = new Map((JSON.parse(cli.stdout) as { policies: { name: string; matched: number; won: number; lostTo?: Record<string, number> }[] }).policies.map((p) => [p.name, { name: p.name, matched: p.matched, won: p.won, lost: Object.values(p.lostTo ?? {}).reduce((a, b) => a + b, 0) }]));

    const client = await startClient(capabilities, pathToFileURL(root).toString(), { migrationpolicy: { cluster: { source: 'snapshot', snapshot } } });
    try {
      await client.waitForStatus((s) => s.state.kind === 'ready');
      const seen: string[] = [];
      for (const file of ['policies/databases.yaml', 'policies/default.json', 'policies/team-policies.yaml', 'policies/zz-copy.yaml', 'mistakes/from-the-docs.yaml']) {
        const full = path.join(root, file);
        const uri = pathToFileURL(full).toString();
        await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: file.endsWith('.json') ? 'json' : 'yaml', version: 1, text: fs.readFileSync(full, 'utf8') } });
        const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as { name: string; range: { start: { line: number } } }[];
        const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
        for (const lens of lenses) {
          const numbers = /^matches (\d+) VMIs? · wins (\d+)(?: · loses (\d+))?/.exec(lens.command?.title ?? '');
          if (!numbers) continue;
          const name = lens.command?.arguments?.[0] as string;
          assert.deepEqual({ name, matched: Number(numbers[1]), won: Number(numbers[2]), lost: Number(numbers[3] ?? 0) }, expected.get(name), `${file}: ${lens.command?.title}`);
          seen.push(name);
        }
        if (file.startsWith('mistakes/')) assert.ok(lenses.length > 0 && lenses.every((l) => l.command?.title === 'Not evaluated'), JSON.stringify(lenses));
        if (file === 'policies/databases.yaml') assert.deepEqual(lenses.map((l) => l.command?.title), ['Not evaluated'], 'the later zz-copy.yaml counts');
        assert.ok(symbols.length >= 1);
      }
      assert.deepEqual(seen.sort(), ['databases', 'hpc', 'staging', 'zz-default']);
    } finally {
      await client.stop();
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('typing an unfinished key into a policy says Not evaluated on every keystroke, and undoing it brings the numbers back', async () => {
  const client = await startClient(capabilities, null, { migrationpolicy: { cluster: { source: 'snapshot', snapshot } } });
  try {
    await client.waitForStatus((s) => s.state.kind === 'ready');
    const text = fs.readFileSync(path.join(repoRoot, 'examples', 'policies', 'databases.yaml'), 'utf8');
    const uri = await open(client, 'databases.yaml', text);
    const before = await lensTitles(client, uri);
    assert.match(before[0], /^\d+: matches 10 VMIs · wins 10$/);
    // As an editor sends typing: one incremental change per keystroke after the last line of the spec.
    const lines = text.split('\n');
    const last = lines.length - (lines.at(-1) === '' ? 2 : 1);
    const end = { line: last, character: lines[last].length };
    let version = 1;
    let at = end;
    for (const typed of ['\n  ', 'a', 'l', 'l', 'o', 'w']) {
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range: { start: at, end: at }, text: typed }] });
      at = typed.startsWith('\n') ? { line: at.line + 1, character: typed.length - 1 } : { line: at.line, character: at.character + typed.length };
      if (typed !== '\n  ') assert.deepEqual((await lensTitles(client, uri)).map((t) => t.replace(/^\d+: /, '')), ['Not evaluated'], `after typing ${typed}`);
    }
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range: { start: end, end: at }, text: '' }] });
    assert.deepEqual(await lensTitles(client, uri), before);
  } finally {
    await client.stop();
  }
});

test('a client without codeLens/refresh (Neovim 0.7) gets numbers in its first lens; running one shows the report', async () => {
  const client = await startClient(DEFAULT_CAPABILITIES, null, { migrationpolicy: { cluster: { source: 'demo' } } });
  const messages: string[] = [];
  client.connection.onNotification('window/showMessage', (m: { message: string }) => void messages.push(m.message));
  try {
    // Asked right away, before the demo snapshot is read.
    const uri = await open(client, 'team-policies.yaml');
    assert.deepEqual(await lensTitles(client, uri), ['9: matches 8 demo VMIs · wins 6 · loses 2', '23: matches 8 demo VMIs · wins 4 · loses 4']);
    await client.connection.sendRequest('workspace/executeCommand', { command: 'migrationpolicy.showMatches', arguments: [{ uri, policy: 'hpc' }] });
    const useDemo = (await client.connection.sendRequest('workspace/executeCommand', { command: 'migrationpolicy.useDemo', arguments: [] })) as { message: string };
    assert.match(useDemo.message, /set migrationpolicy\.cluster\.source to "demo"/);
    for (let i = 0; i < 50 && messages.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    assert.match(messages[0], /^hpc \(demo cluster\): matches 8 VMIs, wins 6\.\n/);
    assert.match(messages[0], /→ nightly \(/);
  } finally {
    await client.stop();
  }
});

test('typing in a file of policies and a VM: after each keystroke the lenses equal a fresh server\'s for the same text', async () => {
  const policies = (name: string, selector: string) => `apiVersion: migrations.kubevirt.io/v1alpha1
kind: MigrationPolicy
metadata:
  name: ${name}
spec:
  selectors:
    virtualMachineInstanceSelector:
      ${selector}
  bandwidthPerMigration: 64Mi
`;
  const vm = `apiVersion: kubevirt.io/v1
kind: VirtualMachineInstance
metadata:
  name: orders-db
  namespace: prod-db
  labels:
    workload-type: db
`;
  const text = [policies('databases', 'workload-type: db'), policies('web-servers', 'app: web'), policies('a-new', 'workload-type: batch'), vm].join('---\n');
  const settings = { migrationpolicy: { cluster: { source: 'snapshot', snapshot } } };
  const full = async (client: TestClient, uri: string) => {
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
    return lenses.map((l) => ({ range: l.range, title: l.command?.title, command: l.command?.command, tooltip: l.command?.tooltip, arguments: JSON.stringify(l.command?.arguments ?? []).replaceAll(uri, 'URI') }));
  };
  const client = await startClient(capabilities, null, settings);
  try {
    await client.waitForStatus((s) => s.state.kind === 'ready');
    const uri = 'file:///typing/fleet.yaml';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const first = await full(client, uri);
    assert.deepEqual(first.map((l) => `${l.range.start.line}: ${l.title}`), [
      '0: matches 10 VMIs · wins 10',
      '0: in the cluster: wins 7',
      '0: from the snapshot cluster.yaml',
      '10: matches 9 VMIs · wins 0 · loses 9',
      '10: in the cluster: wins 9',
      '20: matches 5 VMIs · wins 5',
      '30: migrates under databases · 1 label matched · next: zz-default · from the snapshot cluster.yaml',
    ]);
    // One-character edits as an editor sends them: a value, a selector, a name emptied, a VMI label.
    let current = text;
    let version = 1;
    const edits: [string, string][] = [
      ['bandwidthPerMigration: 64Mi\n---\napiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: web', 'bandwidthPerMigration: 640Mi\n---\napiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nmetadata:\n  name: web'],
      ['app: web', 'app: webx'],
      ['app: webx', 'app: web'],
      ['workload-type: batch', 'workload-type: batc'],
      ['name: a-new', 'name: '],
      ['name: \n', 'name: b\n'],
      ['  labels:\n    workload-type: db', '  labels:\n    workload-type: d'],
    ];
    const fresh: { text: string; lenses: Awaited<ReturnType<typeof full>> }[] = [];
    for (const [from, to] of edits) {
      const at = current.indexOf(from);
      assert.ok(at >= 0, from);
      // The changed span: the common prefix and suffix of `from` and `to` stay.
      let head = 0;
      while (head < from.length && head < to.length && from[head] === to[head]) head++;
      let tail = 0;
      while (tail < from.length - head && tail < to.length - head && from[from.length - 1 - tail] === to[to.length - 1 - tail]) tail++;
      const position = (offset: number) => {
        const before = current.slice(0, offset).split('\n');
        return { line: before.length - 1, character: before[before.length - 1].length };
      };
      const range = { start: position(at + head), end: position(at + from.length - tail) };
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range, text: to.slice(head, to.length - tail) }] });
      current = current.slice(0, at) + to + current.slice(at + from.length);
      fresh.push({ text: current, lenses: await full(client, uri) });
    }
    assert.notDeepEqual(fresh[1].lenses, fresh[0].lenses, 'a selector edit changes the lenses');
    assert.deepEqual(fresh[2].lenses, fresh[0].lenses, 'undoing it brings them back');
    assert.ok(fresh[4].lenses.some((l) => l.title === 'Not evaluated: no name'));
    for (const [i, step] of fresh.entries()) {
      const other = await startClient(capabilities, null, settings);
      try {
        await other.waitForStatus((s) => s.state.kind === 'ready');
        const otherUri = 'file:///typing/fleet.yaml';
        await other.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: otherUri, languageId: 'yaml', version: 1, text: step.text } });
        assert.deepEqual(step.lenses, await full(other, otherUri), `after edit ${i + 1}: ${edits[i][1].split('\n')[0]}`);
      } finally {
        await other.stop();
      }
    }
  } finally {
    await client.stop();
  }
});
