// `npm run bench`, part 2: this server and yaml-language-server (given the JSON Schema that
// `migrationpolicy schema` exports) driven by the same LSP driver in one invocation, on generated,
// deterministic inputs. BENCH_SERVER runs another build of this server (its dist/server.js). Requests are sent right after a one-character edit, without waiting for its
// diagnostics, as typing does. Prints figures and ratios and writes them to BENCHMARKS.md; asserts
// nothing about time.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../support/fixture';
import { Driver } from './driver';
import type { ServerSpec } from './driver';
import { fleetFile, generateCluster, onePolicy, snapshotJson, syntaxErrorFile } from './inputs';
import type { FleetFile } from './inputs';
import { editTargets, quantile } from './editTargets';
import { writeSection } from './report';

type RequestKind = 'completion' | 'hover' | 'codeLens' | 'inlayHint';
const REQUESTS: RequestKind[] = ['completion', 'hover', 'codeLens', 'inlayHint'];

interface Scenario {
  title: string;
  file: FleetFile;
  /** The file name (in the workspace folder when there is one). */
  name: string;
  /** Other files written to the workspace folder first. */
  workspace?: { files: number; make: (i: number) => string };
  /** This server's cluster settings. */
  cluster: Record<string, unknown>;
  runs: { ours: number; theirs: number };
  /** Also edit a selector (a policy's selectors change: the cluster evaluation follows). */
  selectorEdits?: boolean;
  /** Reuse yaml-language-server's figures of another scenario (it reads no cluster). */
  theirsFrom?: string;
}

interface Measured {
  initialize: number;
  open: number;
  diagnosticsOnOpen: number;
  requests: Partial<Record<RequestKind, number[]>>;
  edit: number[];
  selector?: { codeLens: number[]; edit: number[] };
  peakRss?: number;
  missedPublishes: number;
}

const WARMUP = 3;
/** Server starts per scenario whose initialize is timed (the median is reported). */
const INITIALIZE_STARTS = 3;

const p50 = (s: number[]) => quantile(s, 0.5);
const p95 = (s: number[]) => quantile(s, 0.95);
const ms = (v: number) => (Number.isNaN(v) ? 'n/a' : v < 10 ? `${v.toFixed(1)} ms` : `${Math.round(v).toLocaleString('en-US')} ms`);
const ratio = (ours: number, theirs: number) => (Number.isNaN(ours) || Number.isNaN(theirs) || ours <= 0 ? '' : `${(theirs / ours).toFixed(theirs / ours < 10 ? 1 : 0)}x`);

async function measure(spec: ServerSpec, scenario: Scenario, dir: string, ours: boolean): Promise<Measured> {
  const filePath = path.join(dir, scenario.name);
  const uri = pathToFileURL(filePath).toString();
  // One spawn's initialize varies by tens of ms from one start to the next (the previous server has
  // exited by then: Driver.stop waits for it): the figure is the median of this session's start and
  // of INITIALIZE_STARTS - 1 starts before it that only initialize and stop.
  const initializes: number[] = [];
  for (let i = 1; i < INITIALIZE_STARTS; i++) {
    const probe = await Driver.start(spec, { rootUri: pathToFileURL(dir).toString() });
    initializes.push(probe.initializeMs);
    await probe.stop();
  }
  const driver = await Driver.start(spec, {
    rootUri: pathToFileURL(dir).toString(),
    ready: ours ? (d) => d.waitFor<{ state: { kind: string } }>('migrationpolicy/clusterStatus', (s) => s.state.kind !== 'loading').then(() => undefined) : undefined,
  });
  initializes.push(driver.initializeMs);
  if (process.env.BENCH_VERBOSE) console.error(`${spec.name}, ${scenario.title}: initialize ${initializes.map((v) => v.toFixed(1)).join(', ')} ms; the driver's own GC in the last ${driver.initializeDriverGcMs.toFixed(1)} ms`);
  const result: Measured = { initialize: p50(initializes), open: 0, diagnosticsOnOpen: 0, requests: {}, edit: [], missedPublishes: 0 };
  let version = 1;
  let text = scenario.file.text;
  const t = performance.now();
  const opened = driver.diagnostics(uri);
  await driver.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
  const first = await opened;
  result.open = performance.now() - t;
  result.diagnosticsOnOpen = first?.diagnostics.length ?? 0;

  const targets = editTargets(scenario.file, 'timeoutLine');
  const selectorTargets = editTargets(scenario.file, 'selectorLine');
  const runs = ours ? scenario.runs.ours : scenario.runs.theirs;
  let step = 0;
  /** One-character edit (append or remove a character at the end of a line), then a request without waiting. */
  const edit = async (target: { line: number; end: number }, appended: boolean, char: string, request: (line: number) => Promise<unknown>) => {
    version++;
    const change = appended ? { range: { start: { line: target.line, character: target.end }, end: { line: target.line, character: target.end + 1 } }, text: '' } : { range: { start: { line: target.line, character: target.end }, end: { line: target.line, character: target.end } }, text: char };
    const published = driver.diagnostics(uri, version);
    const started = performance.now();
    void driver.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    const answered = request(target.line).then(() => performance.now() - started);
    const requestMs = await answered;
    const p = await published;
    const editMs = performance.now() - started;
    if (!p) result.missedPublishes++;
    return { requestMs, editMs: p ? editMs : NaN };
  };
  const requestOf = (kind: RequestKind) => (line: number) => {
    const textDocument = { uri };
    switch (kind) {
      case 'completion':
        return driver.connection.sendRequest('textDocument/completion', { textDocument, position: { line: line + 1, character: 4 } });
      case 'hover':
        return driver.connection.sendRequest('textDocument/hover', { textDocument, position: { line, character: 6 } });
      case 'codeLens':
        return driver.connection.sendRequest('textDocument/codeLens', { textDocument });
      case 'inlayHint':
        return driver.connection.sendRequest('textDocument/inlayHint', { textDocument, range: { start: { line: Math.max(0, line - 30), character: 0 }, end: { line: line + 30, character: 0 } } });
    }
  };
  for (const kind of REQUESTS) {
    if (!driver.supports(kind)) continue;
    const samples: number[] = [];
    for (let run = 0; run < WARMUP + runs * 2; run++) {
      const target = targets[Math.floor(step / 2) % targets.length];
      const appended = step % 2 === 1;
      step++;
      const { requestMs, editMs } = await edit(target, appended, '5', requestOf(kind));
      if (run < WARMUP) continue;
      samples.push(requestMs);
      if (!Number.isNaN(editMs)) result.edit.push(editMs);
    }
    if (step % 2 === 1) {
      await edit(targets[Math.floor(step / 2) % targets.length], true, '5', () => Promise.resolve());
      step++;
    }
    result.requests[kind] = samples;
  }
  if (scenario.selectorEdits && driver.supports('codeLens')) {
    const selector = { codeLens: [] as number[], edit: [] as number[] };
    for (let run = 0; run < WARMUP + runs * 2; run++) {
      const target = selectorTargets[Math.floor(run / 2) % selectorTargets.length];
      const { requestMs, editMs } = await edit(target, run % 2 === 1, 'x', requestOf('codeLens'));
      if (run < WARMUP) continue;
      selector.codeLens.push(requestMs);
      if (!Number.isNaN(editMs)) selector.edit.push(editMs);
    }
    result.selector = selector;
  }
  text = '';
  result.peakRss = driver.peakRssMb();
  await driver.stop();
  return result;
}

interface Row {
  label: string;
  ours: number;
  theirs: number;
  target?: string;
}

function rows(m: Measured, theirs: Measured | undefined): Row[] {
  const result: Row[] = [
    { label: `initialize (spawn until answered, median of ${INITIALIZE_STARTS} starts)`, ours: m.initialize, theirs: theirs?.initialize ?? NaN },
    { label: 'open until first diagnostics', ours: m.open, theirs: theirs?.open ?? NaN },
  ];
  for (const kind of REQUESTS) {
    const a = m.requests[kind] ?? [];
    const b = theirs?.requests[kind] ?? [];
    result.push({ label: `${kind} after an edit, p50`, ours: p50(a), theirs: p50(b) });
    result.push({ label: `${kind} after an edit, p95`, ours: p95(a), theirs: p95(b) });
  }
  result.push({ label: 'edit until diagnostics published, p50', ours: p50(m.edit), theirs: p50(theirs?.edit ?? []) });
  result.push({ label: 'edit until diagnostics published, p95', ours: p95(m.edit), theirs: p95(theirs?.edit ?? []) });
  if (m.selector) {
    result.push({ label: 'selector edit: code lens after it, p50', ours: p50(m.selector.codeLens), theirs: NaN });
    result.push({ label: 'selector edit: code lens after it, p95', ours: p95(m.selector.codeLens), theirs: NaN });
    result.push({ label: 'selector edit: until diagnostics published, p50', ours: p50(m.selector.edit), theirs: NaN });
  }
  return result;
}

/** Runs `node dist/cli.js match --cluster FILE` and reports its wall time and peak RSS (polled from /proc). */
async function timeCli(args: string[]): Promise<{ ms: number; peakMb: number | undefined; status: number | null }> {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let peak: number | undefined;
  const poll = setInterval(() => {
    try {
      const kb = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
      if (kb) peak = Number(kb) / 1024;
    } catch {
      // Exited.
    }
  }, 10);
  const status = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  clearInterval(poll);
  return { ms: performance.now() - started, peakMb: peak, status };
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-bench-'));
  const out: string[] = [];
  const print = (line = '') => {
    console.log(line);
    out.push(line);
  };
  try {
    const schemaPath = path.join(dir, 'migrationpolicy.schema.json');
    fs.writeFileSync(schemaPath, spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'schema'], { encoding: 'utf8' }).stdout);
    const yamlLs = path.join(repoRoot, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
    const yamlLsVersion = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules', 'yaml-language-server', 'package.json'), 'utf8')) as { version: string }).version;
    const cluster = generateCluster();
    const snapshotPath = path.join(dir, 'fleet-snapshot.json');
    const snapshot = snapshotJson(cluster);
    fs.writeFileSync(snapshotPath, snapshot);
    const demo = { source: 'snapshot', snapshot: path.join(repoRoot, 'examples', 'cluster.yaml') };
    const fleet = { source: 'snapshot', snapshot: snapshotPath };
    const big = fleetFile(2000);
    const all: Scenario[] = [
      { title: 'One policy (demo cluster)', file: onePolicy(), name: 'policy.yaml', cluster: demo, runs: { ours: 20, theirs: 20 } },
      { title: '2,000-document file (demo cluster)', file: big, name: 'fleet.yaml', cluster: demo, runs: { ours: 15, theirs: 5 } },
      { title: `2,000-document file with the ${cluster.vmis.length.toLocaleString('en-US')}-VMI, ${cluster.policies.length.toLocaleString('en-US')}-policy snapshot as the cluster`, file: big, name: 'fleet.yaml', cluster: fleet, runs: { ours: 15, theirs: 0 }, selectorEdits: true, theirsFrom: '2,000-document file (demo cluster)' },
      { title: 'Workspace of 500 files, 4 policies each (demo cluster)', file: fleetFile(4, 250, 'ws250'), name: 'policies/f250.yaml', workspace: { files: 500, make: (i: number) => fleetFile(4, i, `ws${i}`).text }, cluster: demo, runs: { ours: 15, theirs: 10 }, selectorEdits: true },
      { title: 'A file with 20,000 syntax errors (demo cluster)', file: syntaxErrorFile(20_000), name: 'broken.yaml', cluster: demo, runs: { ours: 3, theirs: 2 } },
    ];
    const scenarios = all.filter((s) => !only.length || only.some((o) => s.title.toLowerCase().includes(o.toLowerCase())));

    print(`node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)} at the start; yaml-language-server ${yamlLsVersion} with the exported JSON Schema.`);
    print(`Each request is sent right after a one-character edit (a digit appended to or removed from a value), without waiting for diagnostics; p50/p95 over the runs after ${WARMUP} warm-up edits.`);
    print();
    const theirsBy = new Map<string, Measured>();
    for (const scenario of scenarios) {
      const root = path.join(dir, scenario.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase());
      fs.mkdirSync(path.join(root, 'policies'), { recursive: true });
      for (let i = 0; i < (scenario.workspace?.files ?? 0); i++) fs.writeFileSync(path.join(root, 'policies', `f${i}.yaml`), scenario.workspace!.make(i));
      fs.writeFileSync(path.join(root, scenario.name), scenario.file.text);
      const oursSpec: ServerSpec = { name: 'migrationpolicy', command: [process.execPath, ...(process.env.BENCH_NODE_OPTIONS ?? '').split(' ').filter(Boolean), process.env.BENCH_SERVER || path.join(repoRoot, 'dist', 'server.js'), '--stdio'], settings: { migrationpolicy: { cluster: scenario.cluster } } };
      const theirsSpec: ServerSpec = {
        name: 'yaml-language-server',
        command: [process.execPath, yamlLs, '--stdio'],
        settings: { yaml: { validate: true, hover: true, completion: true, format: { enable: false }, schemaStore: { enable: false }, schemas: { [pathToFileURL(schemaPath).toString()]: ['*.yaml', '**/*.yaml'] }, maxItemsComputed: 5000 } },
      };
      const ours = await measure(oursSpec, scenario, root, true);
      const theirs = scenario.theirsFrom ? theirsBy.get(scenario.theirsFrom) : scenario.runs.theirs ? await measure(theirsSpec, scenario, root, false) : undefined;
      if (theirs) theirsBy.set(scenario.title, theirs);
      const size = Buffer.byteLength(scenario.file.text);
      print(`### ${scenario.title}`);
      print();
      print(`${(size / 1024).toFixed(0)} KB; diagnostics on open: ${ours.diagnosticsOnOpen} (this server), ${theirs ? theirs.diagnosticsOnOpen : 'n/a'} (yaml-language-server)${scenario.theirsFrom ? `; yaml-language-server figures from "${scenario.theirsFrom}" (it reads no cluster)` : ''}.`);
      print();
      print('| measure | this server | yaml-language-server | ratio |');
      print('|---|---:|---:|---:|');
      for (const r of rows(ours, theirs)) print(`| ${r.label} | ${ms(r.ours)} | ${ms(r.theirs)} | ${ratio(r.ours, r.theirs)} |`);
      print(`| peak RSS | ${ours.peakRss?.toFixed(0) ?? 'n/a'} MB | ${theirs?.peakRss?.toFixed(0) ?? 'n/a'} MB | |`);
      if (ours.missedPublishes || theirs?.missedPublishes) print(`\nPublishes missing after an edit: ${ours.missedPublishes} (this server), ${theirs?.missedPublishes ?? 0} (yaml-language-server).`);
      print();
      const done = scenarios.indexOf(scenario) + 1;
      if (!only.length && done < scenarios.length) writeSection('lsp', `${out.join('\n')}\n\n_Partial: ${done} of ${scenarios.length} scenarios so far._`);
    }

    if (!only.length || only.some((o) => 'snapshot'.includes(o.toLowerCase()))) {
      print(`### Loading the ${(snapshot.length / 1e6).toFixed(1)} MB JSON snapshot: \`migrationpolicy match --cluster\``);
      print();
      const runs = [];
      for (let i = 0; i < 3; i++) runs.push(await timeCli(['match', '--cluster', snapshotPath, '--format', 'json']));
      const best = runs.map((r) => r.ms);
      print(`| measure | value |`);
      print('|---|---:|');
      print(`| wall time, p50 of 3 (node start, load, index, evaluate, print) | ${ms(p50(best))} |`);
      print(`| peak RSS | ${Math.max(...runs.map((r) => r.peakMb ?? 0)).toFixed(0)} MB |`);
      print(`| exit status | ${runs[0].status} |`);
      print();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (!only.length) writeSection('lsp', out.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
