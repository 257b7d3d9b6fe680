// The edit path alone, in-process: the 2,000-document file opened through the server's TextDocuments
// configuration (`EditLog`) and model cache (`ModelCache`), then one-character value edits (a digit
// typed at the end of a timeout line, then deleted, as garbage.ts and lsp.ts type), each applied to the
// document and parsed again, as the server's edit task does before anything else. Prints, per build,
// the medians over repetitions of: CPU per edit (p50, p95, µs), collections during the timed edits, and
// bytes allocated per edit (V8's sampling heap profiler with collected objects included, a second pass),
// and the bytes of typed arrays (line tables, outside V8's heap) that 50 more edits' line indexes hold.
// EDIT_BASE names another build's out/ directory (its server/src/lsp/documents.js), run alternately in
// child processes of the same invocation. EDIT_TOP=1 prints the top allocators. Typed arrays' contents
// live outside V8's heap and are not counted. Usage: node out/test/bench/editPath.js [reps] [edits].
// Asserts nothing; writes nothing.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { Session } from 'node:inspector';
import { PerformanceObserver } from 'node:perf_hooks';
import type { EntryType } from 'node:perf_hooks';
import { fleetFile } from './inputs';
import { editTargets, quantile } from './editTargets';

interface Result {
  cpuP50: number;
  cpuP95: number;
  cpuTotal: number;
  gcs: number;
  bytesPerEdit: number;
  externalPerEdit: number;
}

interface Documents {
  EditLog: new () => { configuration(): { create(uri: string, languageId: string, version: number, text: string): unknown; update(document: unknown, changes: unknown[], version: number): unknown } };
  ModelCache: new (modeOf?: unknown, edits?: unknown) => { get(document: unknown): { lines: unknown } };
}

async function child(outDir: string, edits: number): Promise<Result> {
  const { EditLog, ModelCache } = require(path.join(outDir, 'server/src/lsp/documents.js')) as Documents;
  const file = fleetFile(2000);
  const targets = editTargets(file, 'timeoutLine');
  const log = new EditLog();
  const configuration = log.configuration();
  const cache = new ModelCache(undefined, log);
  const uri = 'file:///bench/fleet.yaml';
  let document = configuration.create(uri, 'yaml', 1, file.text);
  cache.get(document);
  let version = 1;
  const edit = (i: number) => {
    const target = targets[Math.floor(i / 2) % targets.length];
    const at = { line: target.line, character: target.end };
    const change = i % 2 === 1 ? { range: { start: at, end: { line: target.line, character: target.end + 1 } }, text: '' } : { range: { start: at, end: at }, text: '5' };
    document = configuration.update(document, [change], ++version);
    return cache.get(document);
  };
  for (let i = 0; i < 40; i++) edit(i);
  let gcs = 0;
  const observer = new PerformanceObserver((list) => (gcs += list.getEntries().length));
  observer.observe({ entryTypes: ['gc' as EntryType] });
  const cpu: number[] = [];
  for (let i = 40; i < 40 + edits; i++) {
    const before = process.cpuUsage();
    edit(i);
    const used = process.cpuUsage(before);
    cpu.push(used.user + used.system);
  }
  await new Promise((resolve) => setTimeout(resolve, 10));
  observer.disconnect();
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) => new Promise<unknown>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  await post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  for (let i = 40 + edits; i < 40 + 2 * edits; i++) edit(i);
  const { profile } = (await post('HeapProfiler.stopSampling')) as { profile: { head: ProfileNode } };
  let total = 0;
  const self = new Map<string, number>();
  const walk = (node: ProfileNode) => {
    total += node.selfSize;
    const key = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + node.selfSize);
    node.children.forEach(walk);
  };
  walk(profile.head);
  if (process.env.EDIT_TOP) for (const [key, bytes] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) process.stderr.write(`${(bytes / edits / 1024).toFixed(1).padStart(8)} KB per edit ${key}\n`);
  // Typed arrays (line tables) live outside the heap: what the line indexes of 50 edits hold, all kept alive.
  const kept: unknown[] = [];
  const external = process.memoryUsage().arrayBuffers;
  for (let i = 40 + 2 * edits; i < 90 + 2 * edits; i++) kept.push(edit(i).lines);
  const externalPerEdit = (process.memoryUsage().arrayBuffers - external) / 50;
  return { externalPerEdit, cpuP50: quantile(cpu, 0.5), cpuP95: quantile(cpu, 0.95), cpuTotal: cpu.reduce((a, b) => a + b, 0), gcs, bytesPerEdit: total / edits };
}

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

function main(): void {
  const reps = Number(process.argv[2] ?? 3);
  const edits = Number(process.argv[3] ?? 200);
  const builds: [string, string][] = [['this build', path.resolve(__dirname, '../..')]];
  if (process.env.EDIT_BASE) builds.push(['base', path.resolve(process.env.EDIT_BASE)]);
  const results = new Map<string, Result[]>(builds.map(([name]) => [name, []]));
  for (let rep = 0; rep < reps; rep++) {
    for (const [name, outDir] of rep % 2 ? [...builds].reverse() : builds) {
      const output = execFileSync(process.execPath, [__filename, '--child', outDir, String(edits)], { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
      const result = JSON.parse(output) as Result;
      results.get(name)!.push(result);
      console.log(`${name.padEnd(10)} rep ${rep + 1}: CPU per edit p50 ${result.cpuP50} µs, p95 ${result.cpuP95} µs, total ${(result.cpuTotal / 1000).toFixed(1)} ms; ${result.gcs} collections; ${(result.bytesPerEdit / 1024).toFixed(0)} KB allocated per edit, ${(result.externalPerEdit / 1024).toFixed(1)} KB outside the heap`);
    }
  }
  for (const [name, rs] of results) {
    const median = (f: (r: Result) => number) => quantile(rs.map(f), 0.5);
    console.log(`${name.padEnd(10)} medians of ${rs.length}: CPU per edit p50 ${median((r) => r.cpuP50)} µs, p95 ${median((r) => r.cpuP95)} µs; ${median((r) => r.gcs)} collections per ${edits} edits; ${(median((r) => r.bytesPerEdit) / 1024).toFixed(0)} KB allocated per edit, ${(median((r) => r.externalPerEdit) / 1024).toFixed(1)} KB outside the heap`);
  }
}

if (process.argv[2] === '--child') {
  void child(process.argv[3], Number(process.argv[4])).then((result) => process.stdout.write(JSON.stringify(result)));
} else main();
