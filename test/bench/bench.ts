// `npm run bench`: matching at cluster scale and parsing at workspace scale. Prints figures; asserts
// nothing about time. Cluster: 100,000 VMIs in 2,000 namespaces, 1,000 policies (seeded, so every run
// measures the same data). Files: a 2,000-document YAML stream through parse + diagnostics, then one
// incremental edit through parseFile(previous).
import { performance } from 'node:perf_hooks';
import { Inventory } from '../../server/src/cluster/inventory';
import { loadSnapshot } from '../../server/src/cluster/snapshot';
import type { PolicyInfo } from '../../server/src/cluster/types';
import { parseFile } from '../../server/src/document/file';
import { getFileDiagnostics } from '../../server/src/features/diagnostics';
import { prng } from '../support/random';
import { generateCluster, NAMESPACES, POLICIES, randomPolicy as makePolicy, snapshotJson, snapshotYaml, TIERS, VMIS, WORKLOADS } from './inputs';
import { writeSection } from './report';

const random = prng(4242);
const randomPolicy = (name: string, i: number) => makePolicy(name, i, random);

const DOCUMENTS = 2_000;
const RUNS = 7;
const out: string[] = [];
const print = (line = '') => {
  console.log(line);
  out.push(line);
};

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
const row = (label: string, value: string) => print(`| ${label} | ${value} |`);

function benchCluster(): void {
  const generated = time(generateCluster);
  const data = generated.value;
  print(`### Cluster: ${VMIS.toLocaleString('en-US')} VMIs, ${NAMESPACES.toLocaleString('en-US')} namespaces, ${POLICIES.toLocaleString('en-US')} policies (generated in ${fmt(generated.ms)})`);
  print();
  print('| measure | value |');
  print('|---|---:|');

  const builds: number[] = [];
  let inventory: Inventory | undefined;
  for (let i = 0; i < 3; i++) {
    const built = time(() => new Inventory(data));
    builds.push(built.ms);
    inventory = built.value;
  }
  const inv = inventory as Inventory;
  row('build the index (median of 3)', fmt(median(builds)));

  const evaluations: number[] = [];
  for (let i = 0; i < 3; i++) evaluations.push(time(() => inv.evaluate(data.policies)).ms);
  const base = inv.evaluate(data.policies);
  const stats = base.allStats();
  const sumMatches = stats.reduce((n, s) => n + s.matched, 0);
  const decided = inv.vmis.reduce((n, _, id) => n + (base.winnerOf(id) ? 1 : 0), 0);
  row('full evaluation (median of 3)', fmt(median(evaluations)));
  row('  sum of matches / VMIs with a policy', `${sumMatches.toLocaleString('en-US')} / ${decided.toLocaleString('en-US')}`);

  const editOne = (index: number, make: (p: PolicyInfo) => PolicyInfo) => {
    const samples: number[] = [];
    let affected = 0;
    for (let run = 0; run < RUNS; run++) {
      const old = data.policies[(index + run * 37) % POLICIES];
      const edited = make(old);
      const t = time(() => base.withPolicies([edited]));
      samples.push(t.ms);
      affected += base.matchesOf(old.name).length + t.value.matchesOf(edited.name).length;
    }
    return { median: median(samples), affected: Math.round(affected / RUNS) };
  };
  const typical = editOne(3, (p) => ({ ...randomPolicy(p.name, 40), origin: { kind: 'workspace', uri: 'file:///bench.yaml' } }));
  row(`re-evaluate after editing one policy's selectors (median of ${RUNS})`, `${fmt(typical.median)} (~${typical.affected} VMIs touched)`);
  const specOnly = editOne(5, (p) => ({ ...p, spec: { ...p.spec, bandwidthPerMigration: '1Gi' } }));
  row(`re-evaluate after editing one policy's other fields (median of ${RUNS})`, fmt(specOnly.median));
  const catchAll = data.policies.find((p) => Object.keys(p.vmiSelector).length + Object.keys(p.namespaceSelector).length === 0) as PolicyInfo;
  const wide = [] as number[];
  for (let run = 0; run < RUNS; run++) wide.push(time(() => base.withPolicies([{ ...catchAll, vmiSelector: { tier: 'gold' } }])).ms);
  row(`re-evaluate after narrowing a catch-all (${VMIS.toLocaleString('en-US')} VMIs, median of ${RUNS})`, fmt(median(wide)));
  const deltas: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const old = data.policies[(11 + run * 41) % POLICIES];
    deltas.push(time(() => base.delta(old, { ...randomPolicy(old.name, 50), origin: { kind: 'workspace', uri: 'file:///bench.yaml' } })).ms);
  }
  row(`delta of one edited policy (median of ${RUNS})`, fmt(median(deltas)));
  const reports: number[] = [];
  for (let run = 0; run < RUNS; run++) reports.push(time(() => base.report(data.policies[(13 + run * 43) % POLICIES].name)).ms);
  row(`report of one policy, every matched VMI (median of ${RUNS})`, fmt(median(reports)));
  row('label counts for completion (first call)', fmt(time(() => inv.labelCounts()).ms));

  const jsonText = snapshotJson(data);
  const yamlText = snapshotYaml(data);
  const loads: number[] = [];
  for (let i = 0; i < 3; i++) loads.push(time(() => loadSnapshot(jsonText, 'bench.json')).ms);
  row(`load the ${VMIS.toLocaleString('en-US')}-VMI snapshot, JSON (${(jsonText.length / 1e6).toFixed(1)} MB, median of 3)`, `${fmt(median(loads))} (${(jsonText.length / 1e6 / (median(loads) / 1000)).toFixed(1)} MB/s)`);
  const yamlLoad = time(() => loadSnapshot(yamlText, 'bench.yaml')).ms;
  row(`load the same snapshot as kubectl-style YAML (${(yamlText.length / 1e6).toFixed(1)} MB)`, `${fmt(yamlLoad)} (${(yamlText.length / 1e6 / (yamlLoad / 1000)).toFixed(1)} MB/s)`);
}

function policyDocument(i: number): string {
  return [
    `# policy ${i}`,
    'apiVersion: migrations.kubevirt.io/v1alpha1',
    'kind: MigrationPolicy',
    'metadata:',
    `  name: policy-${i}`,
    'spec:',
    '  selectors:',
    '    namespaceSelector:',
    `      team: team-${i % 50}`,
    '    virtualMachineInstanceSelector:',
    `      workload-type: ${WORKLOADS[i % WORKLOADS.length]}`,
    `      tier: ${TIERS[i % TIERS.length]}`,
    `  bandwidthPerMigration: ${64 + (i % 8) * 32}Mi`,
    `  completionTimeoutPerGiB: ${100 + (i % 5) * 50}`,
    `  allowAutoConverge: ${i % 2 === 0}`,
    i % 10 === 0 ? '  allowPostCopy: yes' : '  allowPostCopy: false',
  ].join('\n');
}

function benchFiles(): void {
  const text = Array.from({ length: DOCUMENTS }, (_, i) => policyDocument(i)).join('\n---\n');
  print();
  print(`### Files: one YAML stream of ${DOCUMENTS.toLocaleString('en-US')} policy documents (${(text.length / 1e6).toFixed(2)} MB)`);
  print();
  print('| measure | value |');
  print('|---|---:|');
  const full: number[] = [];
  let model = parseFile(text, 'yaml');
  let diagnostics = 0;
  for (let run = 0; run < 3; run++) {
    const t = time(() => {
      model = parseFile(text, 'yaml');
      return getFileDiagnostics({ file: model }, {});
    });
    full.push(t.ms);
    diagnostics = t.value.length;
  }
  row('parse + validate the whole file (median of 3)', `${fmt(median(full))} (${diagnostics} diagnostics)`);
  const at = text.indexOf('completionTimeoutPerGiB: ', text.length >> 1) + 'completionTimeoutPerGiB: '.length;
  const edits: number[] = [];
  const reparse: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const edited = `${text.slice(0, at)}${run + 1}${text.slice(at)}`;
    reparse.push(time(() => parseFile(edited, 'yaml', model)).ms);
    edits.push(
      time(() => {
        const next = parseFile(edited, 'yaml', model);
        return getFileDiagnostics({ file: next }, {});
      }).ms,
    );
  }
  row(`one edit: parseFile(previous) (median of ${RUNS})`, fmt(median(reparse)));
  row(`one edit: parseFile(previous) + validate every document (median of ${RUNS})`, fmt(median(edits)));
}

print(`node ${process.version}, ${process.platform}/${process.arch}`);
print();
benchCluster();
benchFiles();
if (!process.argv.includes('--no-write')) writeSection('core', out.join('\n'));
