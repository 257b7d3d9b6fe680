// What a client reads for the code lenses of the 2,000-document file with the 100,000-VMI snapshot: for
// this build and another (BENCH_BASE or BENCH_SERVER: its dist/server.js), the answer's bytes as they
// come over stdio (lenses, bytes, bytes per lens, whether all ASCII, the bytes of each part of a lens),
// then the client's CPU time to read that answer, in this process, alternating the builds: the frame
// fed in 64 KiB chunks to vscode-jsonrpc's StreamMessageReader (as the bench driver and Node LSP clients
// read stdio) until it hands over the message, and Buffer.toString + JSON.parse alone. CPU time, not
// wall time: it moves less on a loaded machine. Usage: node out/test/bench/lensWire.js [reps].
// Asserts nothing; writes nothing.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { StreamMessageReader } from 'vscode-languageserver-protocol/node';
import type { CodeLens } from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../support/fixture';
import { Driver } from './driver';
import { quantile } from './editTargets';
import { fleetFile, generateCluster, snapshotJson } from './inputs';

interface Build {
  name: string;
  server: string;
}

/** The body of the code lens answer, as the server wrote it on stdout. */
async function lensAnswer(build: Build, dir: string, snapshot: string, text: string): Promise<Buffer> {
  // The benchmark's own folder name, so the file's uri has the length it has there.
  const folder = path.join(dir, '2-000-document-file-with-the-100-000-vmi-1-000-policy-snapshot-as-the-cluster');
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, 'fleet.yaml');
  fs.writeFileSync(file, text);
  const spec = { name: build.name, command: [process.execPath, build.server, '--stdio'], settings: { migrationpolicy: { cluster: { source: 'snapshot', snapshot } } } };
  const driver = await Driver.start(spec, { rootUri: pathToFileURL(folder).toString(), ready: (d) => d.waitFor<{ state: { kind: string } }>('migrationpolicy/clusterStatus', (s) => s.state.kind !== 'loading').then(() => undefined) });
  try {
    const uri = pathToFileURL(file).toString();
    const opened = driver.diagnostics(uri);
    await driver.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    await opened;
    const chunks: Buffer[] = [];
    const tap = (chunk: Buffer) => chunks.push(chunk);
    driver.process.stdout!.on('data', tap);
    const lenses = (await driver.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
    driver.process.stdout!.off('data', tap);
    // The frame of the answer: the largest one written while it was asked for.
    const raw = Buffer.concat(chunks);
    let body = Buffer.alloc(0);
    for (let at = 0; at < raw.length; ) {
      const end = raw.indexOf('\r\n\r\n', at);
      if (end < 0) break;
      const length = Number(/content-length: *(\d+)/i.exec(raw.subarray(at, end).toString('ascii'))?.[1]);
      const frame = raw.subarray(end + 4, end + 4 + length);
      if (frame.length > body.length) body = frame;
      at = end + 4 + length;
    }
    if ((JSON.parse(body.toString('utf8')) as { result: unknown[] }).result.length !== lenses.length) throw new Error(`${build.name}: the captured frame is not the lens answer`);
    return body;
  } finally {
    await driver.stop();
  }
}

/** Bytes of each part of the lenses, as JSON.stringify writes it (escapes aside). */
function parts(lenses: CodeLens[]): string {
  const sum = (f: (l: CodeLens) => unknown) => lenses.reduce((n, l) => n + (f(l) === undefined ? 0 : Buffer.byteLength(JSON.stringify(f(l)))), 0);
  const per = (n: number) => (n / lenses.length).toFixed(0);
  return `range ${per(sum((l) => l.range))}, title ${per(sum((l) => l.command?.title))}, command id ${per(sum((l) => l.command?.command))}, arguments ${per(sum((l) => l.command?.arguments))}, tooltip ${per(sum((l) => l.command?.tooltip))} bytes a lens`;
}

const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

/** CPU time for vscode-jsonrpc's reader to hand over the message of one frame fed in 64 KiB chunks. */
function readerCpu(frame: Buffer): Promise<number> {
  return new Promise((resolve) => {
    const stream = new PassThrough({ highWaterMark: 1 << 20 });
    const reader = new StreamMessageReader(stream);
    const started = cpuMs();
    reader.listen(() => {
      const spent = cpuMs() - started;
      reader.dispose();
      resolve(spent);
    });
    for (let i = 0; i < frame.length; i += 65536) stream.write(frame.subarray(i, i + 65536));
  });
}

async function main(): Promise<void> {
  const reps = Number(process.argv[2] ?? 60);
  const other = process.env.BENCH_BASE || process.env.BENCH_SERVER;
  const builds: Build[] = [{ name: 'this build', server: path.join(repoRoot, 'dist', 'server.js') }, ...(other ? [{ name: path.basename(path.dirname(path.dirname(path.resolve(other)))), server: path.resolve(other) }] : [])];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-lenswire-'));
  try {
    const snapshot = path.join(dir, 'fleet-snapshot.json');
    fs.writeFileSync(snapshot, snapshotJson(generateCluster()));
    const text = fleetFile(2000).text;
    const bodies: Buffer[] = [];
    for (const build of builds) {
      const body = await lensAnswer(build, dir, snapshot, text);
      bodies.push(body);
      const lenses = (JSON.parse(body.toString('utf8')) as { result: CodeLens[] }).result;
      console.log(`${build.name}: ${lenses.length.toLocaleString('en-US')} lenses, ${(body.length / 1e6).toFixed(3)} MB, ${(body.length / lenses.length).toFixed(0)} bytes a lens, ${body.every((b) => b < 0x80) ? 'ASCII only' : 'not ASCII only'}; ${parts(lenses)}`);
    }
    const frames = bodies.map((b) => Buffer.concat([Buffer.from(`Content-Length: ${b.length}\r\n\r\n`, 'ascii'), b]));
    const reader = builds.map(() => [] as number[]);
    const parse = builds.map(() => [] as number[]);
    const WARMUP = 5;
    for (let r = 0; r < reps + WARMUP; r++) {
      const order = r % 2 ? builds.map((_, i) => i) : builds.map((_, i) => i).reverse();
      for (const i of order) {
        const spent = await readerCpu(frames[i]);
        const started = cpuMs();
        JSON.parse(bodies[i].toString('utf8'));
        const parsed = cpuMs() - started;
        if (r < WARMUP) continue;
        reader[i].push(spent);
        parse[i].push(parsed);
      }
    }
    console.log(`\nClient CPU per answer, p50 over ${reps} alternated reads (load average ${os.loadavg()[0].toFixed(1)}):`);
    for (const [i, build] of builds.entries()) console.log(`${build.name}: StreamMessageReader ${quantile(reader[i], 0.5).toFixed(2)} ms, toString + JSON.parse ${quantile(parse[i], 0.5).toFixed(2)} ms`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
