// Preloaded into the server under test by `test/bench/garbage.ts` (`node --require gcProbe.js`): writes
// one stderr line per garbage collection (`gcprobe gc KIND PAUSE_MS`), and on SIGUSR2 starts, on the
// next SIGUSR2 stops, V8's sampling heap profiler with collected objects included, so that the sum of
// its samples estimates the bytes allocated in between (`gcprobe alloc BYTES`) and names who allocated
// them (`gcprobe top BYTES FUNCTION FILE:LINE`). The protocol keeps stdout to itself.
import { Session } from 'node:inspector';
import { PerformanceObserver } from 'node:perf_hooks';
import type { EntryType, PerformanceEntry } from 'node:perf_hooks';

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

const KINDS: Record<number, string> = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weakcb' };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries() as (PerformanceEntry & { detail?: { kind?: number } })[]) process.stderr.write(`gcprobe gc ${KINDS[entry.detail?.kind ?? 0] ?? entry.detail?.kind} ${entry.duration.toFixed(3)}\n`);
}).observe({ entryTypes: ['gc' as EntryType] });

const session = new Session();
session.connect();
let sampling = false;
process.on('SIGUSR2', () => {
  if (!sampling) {
    sampling = true;
    session.post('HeapProfiler.startSampling', { samplingInterval: Number(process.env.GCPROBE_INTERVAL ?? 16384), includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as object);
    return;
  }
  sampling = false;
  session.post('HeapProfiler.stopSampling', (error, result) => {
    if (error) return void process.stderr.write(`gcprobe error ${error.message}\n`);
    const self = new Map<string, number>();
    let total = 0;
    const walk = (node: ProfileNode) => {
      const key = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + node.selfSize);
      total += node.selfSize;
      for (const child of node.children) walk(child);
    };
    walk((result as unknown as { profile: { head: ProfileNode } }).profile.head);
    const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
    process.stderr.write(`gcprobe alloc ${total}\n${top.map(([key, bytes]) => `gcprobe top ${bytes} ${key}\n`).join('')}`);
  });
});
