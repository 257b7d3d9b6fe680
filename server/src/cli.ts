// Command-line entry: `migrationpolicy check`, `match` and `schema`, over the same engine as the
// language server (no LSP here). Exit codes: 0 clean, 1 errors found (check), 2 usage, I/O or cluster error.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Diagnostic } from 'vscode-languageserver-types';
import { Inventory } from './cluster/inventory';
import { computeDrift, describeOutcome, snapshotMigrationRecords } from './cluster/drift';
import type { DriftKind, DriftReport } from './cluster/drift';
import { loadKubeCluster, loadKubeMigrationRecords } from './cluster/live';
import type { MigrationRecord } from './cluster/objects';
import { loadSnapshot, MAX_SNAPSHOT_BYTES } from './cluster/snapshot';
import type { ClusterData, PolicyInfo } from './cluster/types';
import { chartTemplateFiles, RepositoryContext } from './context';
import { languageOf, LineIndex, moveLines, parsedFile, parseFile } from './document/file';
import { isPolicyDocument, mentionsMigrationPolicy } from './document/policies';
import { splitDocuments } from './document/yamlParser';
import { clusterValidationOptions, filePolicies, selectWhatIfPolicies } from './features/clusterView';
import type { WhatIfFile } from './features/clusterView';
import { explainVmi } from './features/workloads';
import { codeSentence, DIAGNOSTIC_CODES } from './features/codes';
import { getFileDiagnostics } from './features/diagnostics';
import { getValuesDiagnostics } from './features/helmValues';
import type { ValidationOptions } from './features/validation';
import { plural } from './text';
import { getJsonSchema } from './policy/schema';
import { readRegularFileSync } from './files';

const VERSION = '0.1.0';
const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
/** How each output format names an LSP DiagnosticSeverity (1 error, 2 warning, 3 information, 4 hint). */
const SEVERITY_WORDS: Readonly<Record<1 | 2 | 3 | 4, { text: string; sarif: 'error' | 'warning' | 'note'; github: 'error' | 'warning' | 'notice' }>> = {
  1: { text: 'error', sarif: 'error', github: 'error' },
  2: { text: 'warning', sarif: 'warning', github: 'warning' },
  3: { text: 'info', sarif: 'note', github: 'notice' },
  4: { text: 'hint', sarif: 'note', github: 'notice' },
};
/** Files above this size are reported and skipped rather than read into memory. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

const USAGE = `Usage:
  migrationpolicy check [--format text|json|sarif|github] [--kubevirt-version V] [--feature-gates G1,G2] [--allow-empty] PATH... | -
  migrationpolicy match --cluster SOURCE [--context NAME] [--format text|json] [POLICY_PATH...]
  migrationpolicy match --vmi NAMESPACE/NAME --cluster SOURCE [--context NAME] [--format text|json] [POLICY_PATH...]
  migrationpolicy drift --cluster SOURCE [--context NAME] [--format text|json] [--page-size N] [POLICY_PATH...]
  migrationpolicy schema
  migrationpolicy --help | --version

check     Validates every MigrationPolicy in the files and directories given (directories are
          searched recursively for *.yaml, *.yml and *.json). Other documents are left alone.
          Exit status: 0 no errors, 1 errors found, 2 usage or I/O error, or no
          MigrationPolicy found in the PATHs (a mistyped path must not pass).
          Files are read the way their repository uses them: a template of a Helm chart (templates/
          beside a Chart.yaml) with its actions masked, a patch named by a kustomization.yaml as
          partial, a chart's values.yaml through the policy fields its templates fill from it.
          - reads rendered manifests from standard input (kubectl kustomize DIR, helm template DIR);
          findings in a document under a "# Source: FILE" comment name that file.
  --format text   compiler style: path:line:col: severity code: message (default)
  --format json   {"files":[{"path":...,"diagnostics":[LSP Diagnostic...]}]}
  --format sarif  SARIF 2.1.0 for code-scanning uploads (one rule per diagnostic code)
  --format github GitHub Actions workflow commands (::error file=…,line=…::message)
  --kubevirt-version V   warn about fields newer than this KubeVirt version (e.g. v1.8.0)
  --feature-gates G,...  feature gates the cluster enables (default: unknown, gated fields warn)
  --allow-empty          exit 0 when the PATHs hold no MigrationPolicy at all
match     Predicts which policy each VMI of a cluster gets at its next migration (KubeVirt's matching
          and precedence rules). Policies in the POLICY_PATHs (files or directories) replace the
          cluster's policies of the same name, or are added. Exit status: 0 done, 2 usage, I/O or
          cluster error, or a SOURCE that holds no cluster data.
  --cluster SOURCE   a snapshot file (kubectl get ns,vmi,migrationpolicies,kubevirt -A -o yaml)
                     or kube to read the cluster of the kubeconfig
  --context NAME     the kubeconfig context (with --cluster kube; default: the current one)
  --format text      per policy "name: matches N VMIs, wins M", then "namespace/name → winner"
  --format json      {"vmis":[{"namespace","name","policy"}],"policies":[{"name","matched","won","lostTo"}]}
  --vmi NS/NAME      one VMI instead: every policy's score (total matched labels, VMI labels, then
                     name order decide), the winner and why. JSON: {"vmi":{"namespace","name","labels"},
                     "namespaceLabels","winner","reason","policies":[{"name","matches","rank","total",
                     "vmiLabels","namespaceLabels","reason"?}]}. Exit status 2 when the VMI is not there.
drift     VMIs whose last migration (status.migrationState.migrationPolicyName) used another policy
          than the one that wins them now, or a policy that no longer exists, grouped by the
          recorded policy, with the outcome the VMI records. Reads VMIs in full, N per page
          (--page-size, default 100), keeping only their migration state. Policies in the
          POLICY_PATHs replace or join the cluster's. Exit status: 0 no drift, 1 drift found, 2
          usage, I/O or cluster error.
  --format json      {"migrated","consistent","undetermined","groups":[{"recorded","exists",
                     "vmis":[{"namespace","name","recorded","now","kind","outcome","mode"?,
                     "endTimestamp"?,"failureReason"?}]}]}
schema    Prints the JSON Schema of MigrationPolicy, derived from the field catalogue.
`;

class UsageError extends Error {}

/** A KubeVirt release (`v1.8.0`, `1.8`, `v1.9.0-rc.1`) or `main`. */
const KUBEVIRT_VERSION = /^(main|v?\d+\.\d+(\.\d+)?(-[0-9A-Za-z.]+)?)$/;

/** node:util's parseArgs with messages of our own (its own quote the option unevenly). */
function parseCommandArgs<T extends Record<string, { type: 'string' | 'boolean'; default?: string | boolean }>>(args: string[], options: T) {
  try {
    return parseArgs({ args, allowPositionals: true, options });
  } catch (e) {
    const code = (e as { code?: string }).code;
    const option = /'(-[^' ]*)/.exec((e as Error).message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option ${option ?? ''}`.trimEnd());
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(`option ${option ?? ''} needs a value`);
    throw new UsageError((e as Error).message);
  }
}

interface Output {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** Runs the CLI and returns the exit status (a promise only for `match --cluster kube`). */
export function main(argv: string[], io: Output = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }): number | Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === '--help' || command === '-h' || command === 'help') {
      io.out(USAGE);
      return 0;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(USAGE);
      return 0;
    }
    if (command === '--version' || command === '-v') {
      io.out(`${VERSION}\n`);
      return 0;
    }
    if (command === 'check') return check(rest, io);
    if (command === 'match') return match(rest, io);
    if (command === 'drift') return drift(rest, io);
    if (command === 'schema') {
      if (rest.length) throw new UsageError(`schema takes no arguments, got ${rest[0]}`);
      io.out(`${JSON.stringify(getJsonSchema(), null, 2)}\n`);
      return 0;
    }
    throw new UsageError(command ? `unknown command ${JSON.stringify(command)}` : 'no command given');
  } catch (e) {
    return failed(e, io);
  }
}

function failed(e: unknown, io: Output): number {
  if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    io.err(`migrationpolicy: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  io.err(`migrationpolicy: ${(e as Error).message}\n`);
  return 2;
}

function check(args: string[], io: Output): number {
  const { values, positionals } = parseCommandArgs(args, {
    format: { type: 'string', default: 'text' },
    'kubevirt-version': { type: 'string' },
    'feature-gates': { type: 'string' },
    'allow-empty': { type: 'boolean', default: false },
  });
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'sarif' && format !== 'github') throw new UsageError(`--format must be text, json, sarif or github, not ${JSON.stringify(format)}`);
  if (positionals.length === 0) throw new UsageError('check needs at least one file or directory, or - for standard input');
  if (positionals.filter((p) => p === '-').length > 1) throw new UsageError('- (standard input) can be given once');
  const options: ValidationOptions = {};
  const version = values['kubevirt-version'];
  if (version !== undefined && !KUBEVIRT_VERSION.test(version)) throw new UsageError(`--kubevirt-version takes a KubeVirt release such as v1.8.0, or main; not ${JSON.stringify(version)}`);
  if (version) options.kubevirtVersion = version;
  if (values['feature-gates'] !== undefined) options.featureGates = values['feature-gates'].split(',').map((g) => g.trim()).filter(Boolean);

  const { files, ioFailed } = readInputs(positionals.filter((p) => p !== '-'), io);
  if (ioFailed) return 2;
  let stdin: string | undefined;
  if (positionals.includes('-')) {
    try {
      stdin = readStdin();
    } catch (e) {
      io.err(`migrationpolicy: cannot read standard input: ${describeIoError(e)}\n`);
      return 2;
    }
  }
  const repository = new RepositoryContext();
  let policyFiles = 0;
  const results: CheckResult[] = files.map((f) => {
    const checked = checkFile(f.path, f.text, repository, options);
    if (checked.hasPolicies) policyFiles++;
    return { path: f.path, diagnostics: checked.diagnostics };
  });
  if (stdin !== undefined) {
    const rendered = checkRendered(stdin, options);
    if (rendered.hasPolicies) policyFiles++;
    results.splice(positionals.indexOf('-') > 0 ? results.length : 0, 0, ...rendered.results);
  }
  if (policyFiles === 0 && !values['allow-empty']) {
    const named = positionals.map((p) => (p === '-' ? 'standard input' : p)).join(', ');
    const what = files.length === 0 && stdin === undefined ? 'no *.yaml, *.yml or *.json file in' : files.length === 0 ? 'no MigrationPolicy in' : `no MigrationPolicy in the ${files.length === 1 ? 'file' : `${files.length} files of`}`;
    io.err(`migrationpolicy: ${what} ${named}: give the paths of your MigrationPolicy manifests (or pass --allow-empty)\n`);
    return 2;
  }

  const errors = results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 1).length, 0);
  if (format === 'json') {
    io.out(`${JSON.stringify({ files: results.map((r) => ({ path: r.path, diagnostics: r.diagnostics.map(publicDiagnostic) })) }, null, 2)}\n`);
  } else if (format === 'sarif') {
    io.out(`${JSON.stringify(toSarif(results), null, 2)}\n`);
  } else if (format === 'github') {
    for (const r of results) for (const d of r.diagnostics) io.out(`${githubCommand(r.path, d)}\n`);
  } else {
    for (const r of results) {
      for (const d of r.diagnostics) {
        io.out(`${r.path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${SEVERITY_WORDS[d.severity ?? 1].text} ${d.code}: ${d.message}\n`);
      }
    }
    const count = (s: number) => results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === s).length, 0);
    io.err(`${plural(results.length, 'file')} checked: ${plural(errors, 'error')}, ${plural(count(2), 'warning')}, ${count(3) + count(4)} info\n`);
  }
  return errors > 0 ? 1 : 0;
}

function match(args: string[], io: Output): number | Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    cluster: { type: 'string' },
    context: { type: 'string' },
    format: { type: 'string', default: 'text' },
    vmi: { type: 'string' },
  });
  const format = values.format;
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not ${JSON.stringify(format)}`);
  const source = values.cluster;
  if (!source) throw new UsageError('match needs --cluster SOURCE: a snapshot file, or `kube` for the kubeconfig\'s cluster');
  if (values.context !== undefined && source !== 'kube') throw new UsageError('--context applies only to --cluster kube');
  const vmi = values.vmi === undefined ? undefined : parseVmiRef(values.vmi);
  const files = readPolicies(positionals, io);
  if (files.ioFailed) return 2;
  const finish = (data: ClusterData) => {
    if (vmi) return printVmi(data, vmi, whatIfPolicies(files.files, data, io), format, io) ? 0 : 2;
    printMatch(data, source === 'kube' ? `the cluster of context ${values.context ?? '(current)'}` : source, whatIfPolicies(files.files, data, io), format, io);
    return 0;
  };
  if (source === 'kube') return fromCluster(loadKubeCluster(values.context), finish, io);
  return finish(readSnapshotFile(source).data);
}

/** Finishes a command on a live cluster's reading; a failure to read it or to finish is exit 2. */
function fromCluster<T>(reading: Promise<T>, finish: (value: T) => number, io: Output): Promise<number> {
  return reading.then(
    (value) => {
      try {
        return finish(value);
      } catch (e) {
        return failed(e, io);
      }
    },
    (e: unknown) => failed(new Error(`cannot read the cluster: ${(e as Error)?.message ?? e}`), io),
  );
}

/** A snapshot file's text and cluster data; a file that holds no cluster data is an error. */
function readSnapshotFile(source: string): { text: string; data: ClusterData } {
  let text: string;
  try {
    text = readRegularFileSync(source, MAX_SNAPSHOT_BYTES);
  } catch (e) {
    throw new Error(`cannot read ${source}: ${describeIoError(e)}`);
  }
  const data = loadSnapshot(text, source);
  if (!data.namespaces.length && !data.vmis.length && !data.policies.length && !data.kubevirt) {
    throw new Error(`${source} holds no cluster data: no Namespace, VirtualMachineInstance, MigrationPolicy or KubeVirt object. Make a snapshot with: kubectl get ns,vmi,migrationpolicies,kubevirt -A -o yaml > cluster.yaml`);
  }
  return { text, data };
}

function drift(args: string[], io: Output): number | Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    cluster: { type: 'string' },
    context: { type: 'string' },
    format: { type: 'string', default: 'text' },
    'page-size': { type: 'string', default: '100' },
  });
  const format = values.format;
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not ${JSON.stringify(format)}`);
  const source = values.cluster;
  if (!source) throw new UsageError('drift needs --cluster SOURCE: a snapshot file, or `kube` for the kubeconfig\'s cluster');
  if (values.context !== undefined && source !== 'kube') throw new UsageError('--context applies only to --cluster kube');
  const pageSize = Number(values['page-size']);
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new UsageError(`--page-size must be a whole number ≥ 1, not ${JSON.stringify(values['page-size'])}`);
  const files = readPolicies(positionals, io);
  if (files.ioFailed) return 2;
  const finish = (data: ClusterData, records: MigrationRecord[], read: string) => {
    const policies = new Inventory(data).evaluate().withPolicies(whatIfPolicies(files.files, data, io)).policies;
    const report = computeDrift(records, policies, data.namespaces, data.kubevirt?.version);
    const drifted = report.groups.reduce((n, g) => n + g.vmis.length, 0);
    if (format === 'json') io.out(`${JSON.stringify(report, null, 2)}\n`);
    else printDrift(report, drifted, read, io);
    return drifted ? 1 : 0;
  };
  if (source === 'kube') {
    const reading = loadKubeMigrationRecords(values.context, undefined, pageSize);
    return fromCluster(reading, ({ data, records, read, pages }) => finish(data, records, `the cluster of context ${values.context ?? '(current)'}: ${read} VMIs read in full in ${plural(pages, 'page')} of ${pageSize}`), io);
  }
  const { text, data } = readSnapshotFile(source);
  return finish(data, snapshotMigrationRecords(text, source), `${source}: ${data.vmis.length} VMIs`);
}

function printDrift(report: DriftReport, drifted: number, read: string, io: Output): void {
  io.out(`Cluster: ${read}; ${plural(report.migrated, 'VMI')} recorded a migration: ${report.consistent} as now, ${drifted} drifted${report.undetermined ? `, ${report.undetermined} undetermined (migrated under ≤ v1.8, which wrote no name for a policy that overrides nothing)` : ''}\n`);
  const kinds: Record<DriftKind, string> = { 'policy-gone': 'policy gone', 'other-policy-wins': 'another policy wins now', 'no-policy-wins-now': 'no policy wins now', 'policy-wins-now': 'a policy wins now' };
  for (const g of report.groups) {
    io.out(`\n${g.recorded === null ? '(no policy recorded)' : g.recorded}${g.exists ? '' : ' (no longer exists)'}: ${plural(g.vmis.length, 'VMI')}\n`);
    for (const v of g.vmis) io.out(`  ${v.namespace}/${v.name} \u2192 now ${v.now ?? 'cluster defaults'} (${kinds[v.kind]}) · last migration ${describeOutcome(v)}\n`);
  }
}

interface CheckResult {
  path: string;
  diagnostics: Diagnostic[];
}

/**
 * Diagnostics of one file, read the way its repository uses it (chart template, Kustomize patch, values
 * file), and whether it holds a policy (or a patch of one). Files that cannot hold one are not parsed.
 */
function checkFile(file: string, text: string, repository: RepositoryContext, options: ValidationOptions): { diagnostics: Diagnostic[]; hasPolicies: boolean } {
  const mode = repository.modeOf(file);
  const chart = repository.chartOfValues(file);
  if (!mentionsMigrationPolicy(text) && mode !== 'patch' && !chart) return { diagnostics: [], hasPolicies: false };
  const model = parseFile(text, languageOf(file), undefined, mode);
  const document = parsedFile(model, file);
  const diagnostics = getFileDiagnostics(document, options);
  const hasPolicies = model.documents.some((d) => isPolicyDocument(d.model) || (mode === 'patch' && d.model.root?.kind === 'seq'));
  if (chart) {
    const templates = chartTemplateFiles(chart).flatMap((t) => {
      try {
        if (fs.statSync(t).size > MAX_FILE_BYTES) return [];
        return [{ name: path.relative(chart, t).split(path.sep).join('/'), file: parseFile(fs.readFileSync(t, 'utf8'), 'yaml', undefined, 'helm-template') }];
      } catch {
        return [];
      }
    });
    diagnostics.push(...getValuesDiagnostics(document, templates, options));
  }
  return { diagnostics, hasPolicies };
}

const STDIN = '<stdin>';
const SOURCE_COMMENT = /^# Source: (.+?)\s*$/m;

function readStdin(): string {
  const chunks: Buffer[] = [];
  const buffer = Buffer.alloc(1 << 16);
  let total = 0;
  for (;;) {
    let n: number;
    try {
      n = fs.readSync(0, buffer, 0, buffer.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      if ((e as NodeJS.ErrnoException).code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    total += n;
    if (total > MAX_FILE_BYTES) throw new Error(`input is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`);
    chunks.push(Buffer.from(buffer.subarray(0, n)));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Rendered manifests (kubectl kustomize, helm template) are complete objects. A document under a
 * `# Source: FILE` comment (helm template) names FILE: a finding whose line reads the same in FILE
 * is placed there; any other stays at its place in the input, naming FILE in its message.
 */
function checkRendered(text: string, options: ValidationOptions): { results: CheckResult[]; hasPolicies: boolean } {
  const file = parseFile(text, 'yaml');
  const hasPolicies = file.documents.some((d) => isPolicyDocument(d.model));
  const lines = new LineIndex(text);
  const byPath = new Map<string, Diagnostic[]>();
  const add = (p: string, d: Diagnostic) => {
    const list = byPath.get(p) ?? [];
    list.push(d);
    byPath.set(p, list);
  };
  // helm template names `CHART/templates/x.yaml`: from inside the chart (`helm template .`) that is `templates/x.yaml`.
  const sources = new Map<string, { path: string; lines: string[] } | null>();
  const sourceFile = (source: string) => {
    if (!sources.has(source)) {
      let found: { path: string; lines: string[] } | null = null;
      for (const candidate of [source, source.split('/').slice(1).join('/')]) {
        try {
          if (candidate && fs.statSync(candidate).isFile() && fs.statSync(candidate).size <= MAX_FILE_BYTES) {
            found = { path: candidate, lines: fs.readFileSync(candidate, 'utf8').split('\n') };
            break;
          }
        } catch {
          // Not there: try the next reading, else keep the finding in the input.
        }
      }
      sources.set(source, found);
    }
    return sources.get(source) ?? null;
  };
  const slices = splitDocuments(text);
  const all = getFileDiagnostics({ file, lines }, options);
  for (const d of all) {
    const offset = lines.offsetAt(d.range.start);
    const slice = slices.find((s) => offset >= s.start && offset < Math.max(s.end, s.start + 1)) ?? slices[slices.length - 1];
    const source = SOURCE_COMMENT.exec(text.slice(slice.start, slice.end))?.[1];
    if (!source) {
      add(STDIN, d);
      continue;
    }
    const rendered = text.split('\n')[d.range.start.line] ?? '';
    const original = sourceFile(source);
    const matches = original && rendered.trim() ? original.lines.flatMap((l, i) => (l === rendered ? [i] : [])) : [];
    if (original && matches.length === 1) {
      const delta = matches[0] - d.range.start.line;
      add(original.path, { ...d, range: moveLines(d.range, delta) });
    } else {
      add(STDIN, { ...d, message: `${messageOf(d)} (rendered from ${source})` });
    }
  }
  const results = [...byPath.entries()].map(([p, diagnostics]) => ({ path: p, diagnostics }));
  if (!byPath.has(STDIN)) results.unshift({ path: STDIN, diagnostics: [] });
  return { results, hasPolicies };
}

function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

/** A SARIF 2.1.0 log: one run, one rule per diagnostic code (with its help text), one result per diagnostic. */
function toSarif(results: CheckResult[]) {
  const codes = Object.keys(DIAGNOSTIC_CODES) as (keyof typeof DIAGNOSTIC_CODES)[];
  const rules = codes.map((id) => {
    const sentence = codeSentence(id);
    return { id, name: id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()), shortDescription: { text: sentence }, fullDescription: { text: sentence }, help: { text: `${sentence} Each finding's message says what to write instead. Per-code severities: the migrationpolicy.severity setting; codes are listed in the README.` } };
  });
  const index = new Map<string, number>(codes.map((c, i) => [c, i]));
  const sarifResults = results.flatMap((r) =>
    r.diagnostics.map((d) => ({
      ruleId: String(d.code),
      ...(index.has(String(d.code)) ? { ruleIndex: index.get(String(d.code)) } : {}),
      level: SEVERITY_WORDS[d.severity ?? 1].sarif,
      message: { text: messageOf(d) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: artifactUri(r.path) },
            region: { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 },
          },
        },
      ],
    })),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'migrationpolicy', semanticVersion: VERSION, version: VERSION, rules } }, columnKind: 'utf16CodeUnits', results: sarifResults }],
  };
}

/** A path as a SARIF artifact URI: relative paths stay relative (to the checkout), with forward slashes. */
function artifactUri(p: string): string {
  if (p === STDIN) return 'stdin';
  if (path.isAbsolute(p)) return pathToFileURL(p).href;
  return p.split(path.sep).map(encodeURIComponent).join('/');
}


/** A GitHub Actions workflow command that annotates the line (escaped as the runner expects). */
function githubCommand(file: string, d: Diagnostic): string {
  const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const property = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const where = file === STDIN ? '' : `file=${property(file.split(path.sep).join('/'))},line=${d.range.start.line + 1},col=${d.range.start.character + 1},endLine=${d.range.end.line + 1},endColumn=${d.range.end.character + 1},`;
  return `::${SEVERITY_WORDS[d.severity ?? 1].github} ${where}title=${property(`migrationpolicy ${d.code}`)}::${data(messageOf(d))}`;
}

/** The policy files of the paths given (directories recursively), parsed; not yet judged. */
function readPolicies(paths: string[], io: Output): { files: WhatIfFile[]; ioFailed: boolean } {
  const { files, ioFailed } = readInputs(paths, io);
  return {
    files: files.filter((f) => mentionsMigrationPolicy(f.text)).map((f) => ({ uri: pathToFileURL(path.resolve(f.path)).href, file: parseFile(f.text, languageOf(f.path)), name: f.path })),
    ioFailed,
  };
}

/** The policies that take part (the server's rule, selectWhatIfPolicies); the others are named on stderr. */
function whatIfPolicies(files: WhatIfFile[], data: ClusterData, io: Output): PolicyInfo[] {
  const perFile = new Map(files.map((f) => [f, filePolicies(f.file, f.uri)]));
  const chosen = selectWhatIfPolicies(files, clusterValidationOptions(data.kubevirt), (f) => perFile.get(f) ?? []);
  const where = new Map<PolicyInfo, string>();
  for (const [f, policies] of perFile) for (const p of policies) where.set(p.info, f.name);
  for (const [info, reason] of chosen.leftOut) io.err(`migrationpolicy: ${where.get(info) ?? ''}: policy ${info.name} is left out: ${reason}\n`);
  return chosen.policies;
}

const WINS_SHOWN = 8;

function parseVmiRef(text: string): { namespace: string; name: string } {
  const parts = text.split('/');
  if (parts.length !== 2 || !parts[0] || !parts[1]) throw new UsageError(`--vmi wants NAMESPACE/NAME, not ${JSON.stringify(text)}`);
  return { namespace: parts[0], name: parts[1] };
}

/**
 * `match --vmi`: every policy's score for one VMI and the winner, from the same code the language
 * server's migrationpolicy.explainVmi runs (features/workloads.ts explainVmi). False when the VMI is not there.
 */
function printVmi(data: ClusterData, ref: { namespace: string; name: string }, overrides: PolicyInfo[], format: 'text' | 'json', io: Output): boolean {
  const inventory = new Inventory(data);
  const id = inventory.vmiId(ref.namespace, ref.name);
  if (id === undefined) {
    io.err(`migrationpolicy: no VMI ${ref.namespace}/${ref.name} in the cluster data (${inventory.vmis.length} VMIs)\n`);
    return false;
  }
  const policies = inventory.evaluate().withPolicies(overrides).policies;
  const report = explainVmi(policies, inventory.vmis[id], inventory.namespaceLabels(id));
  if (format === 'json') {
    io.out(`${JSON.stringify(report, null, 2)}\n`);
    return true;
  }
  const labels = (l: Record<string, string>) => Object.keys(l).sort().map((k) => `${k}=${l[k]}`).join(', ') || '(none)';
  io.out(`VMI ${ref.namespace}/${ref.name}\n  labels: ${labels(report.vmi.labels)}\n  namespace ${ref.namespace}${inventory.assumedNamespaces.includes(ref.namespace) ? ' (not in the data; assumed)' : ''}: ${labels(report.namespaceLabels)}\n\n`);
  const width = Math.max(6, ...report.policies.map((p) => p.name.length));
  io.out(`${'rank'.padEnd(5)} ${'policy'.padEnd(width)}  total  VMI  namespace\n`);
  for (const p of report.policies) {
    if (p.matches) io.out(`${String(p.rank).padEnd(5)} ${p.name.padEnd(width)}  ${String(p.total).padEnd(5)}  ${String(p.vmiLabels).padEnd(3)}  ${p.namespaceLabels}\n`);
    else io.out(`${'-'.padEnd(5)} ${p.name.padEnd(width)}  does not match: ${p.reason}\n`);
  }
  io.out(`\nWinner: ${report.winner ?? '(no policy: cluster defaults)'} (${report.reason})\n`);
  const last = inventory.vmis[id].lastMigrationPolicy;
  if (last !== undefined) io.out(`Last migration used: ${last}${policies.some((p) => p.name === last) ? '' : ' (no longer exists)'}${last === report.winner ? ' (same as now)' : ''}\n`);
  return true;
}

function printMatch(data: ClusterData, source: string, overrides: PolicyInfo[], format: 'text' | 'json', io: Output): void {
  const inventory = new Inventory(data);
  const evaluation = inventory.evaluate().withPolicies(overrides);
  const vmis = inventory.vmis.map((v, id) => ({ namespace: v.namespace, name: v.name, policy: evaluation.winnerOf(id)?.name ?? null }));
  const stats = evaluation.allStats();
  if (format === 'json') {
    // An object without a prototype starts as a dictionary: Object.fromEntries would have V8 make a hidden
    // class per key of each policy's losses (41,825 for the 1,000-policy snapshot). Same JSON either way.
    const lostTo = (s: (typeof stats)[number]) => {
      const losses: Record<string, number> = Object.create(null);
      for (const [name, count] of [...s.lostTo].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) losses[name] = count;
      return losses;
    };
    io.out(`${JSON.stringify({ vmis, policies: stats.map((s) => ({ name: s.name, matched: s.matched, won: s.won, lostTo: lostTo(s) })) }, null, 2)}\n`);
    return;
  }
  const kv = data.kubevirt?.version ? `, KubeVirt ${data.kubevirt.version}` : '';
  io.out(`Cluster: ${source}: ${plural(data.namespaces.length, 'namespace')}, ${plural(inventory.vmis.length, 'VMI')}, ${plural(inventory.policies.length, 'policy', 'policies')}${kv}\n`);
  if (inventory.assumedNamespaces.length) io.out(`Namespaces not in the data (assumed to carry only kubernetes.io/metadata.name): ${inventory.assumedNamespaces.join(', ')}\n`);
  if (overrides.length) {
    const cluster = new Set(inventory.policies.map((p) => p.name));
    io.out(`From files: ${overrides.map((p) => `${p.name} (${cluster.has(p.name) ? 'replaces the cluster\'s' : 'new'})`).sort().join(', ')}\n`);
  }
  io.out('\n');
  for (const s of stats) {
    const losses = [...s.lostTo].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([name, n]) => `${n} to ${name}`);
    const from = s.policy.origin.kind === 'workspace' ? ' [file]' : '';
    io.out(`${s.name}${from}: matches ${plural(s.matched, 'VMI')}, wins ${s.won}${losses.length ? ` (loses ${losses.join(', ')})` : ''}\n`);
    if (s.atMigration) io.out(`  only at migration time: ${plural(s.atMigration.vmis, 'VMI')} match the other selectors when migrating to node ${s.atMigration.targetNode}\n`);
    const won = evaluation.matchesOf(s.name).filter((id) => evaluation.winnerOf(id)?.name === s.name);
    if (won.length) {
      const shown = won.slice(0, WINS_SHOWN).map((id) => `${inventory.vmis[id].namespace}/${inventory.vmis[id].name}`);
      io.out(`  wins ${shown.join(', ')}${won.length > WINS_SHOWN ? `, … and ${won.length - WINS_SHOWN} more` : ''}\n`);
    }
  }
  io.out('\nVMIs:\n');
  for (const v of vmis) io.out(`  ${v.namespace}/${v.name} \u2192 ${v.policy ?? '(no policy: cluster defaults)'}\n`);
}

/** Reads the files of the given paths (directories recursively); unreadable ones are reported on stderr. */
function readInputs(paths: string[], io: Output): { files: { path: string; text: string }[]; ioFailed: boolean } {
  let ioFailed = false;
  const found: string[] = [];
  for (const p of paths) {
    try {
      collect(p, found, true);
    } catch (e) {
      io.err(`migrationpolicy: cannot read ${p}: ${describeIoError(e)}\n`);
      ioFailed = true;
    }
  }
  const files: { path: string; text: string }[] = [];
  for (const file of found) {
    try {
      files.push({ path: file, text: readRegularFileSync(file, MAX_FILE_BYTES) });
    } catch (e) {
      io.err(`migrationpolicy: cannot read ${file}: ${describeIoError(e)}\n`);
      ioFailed = true;
    }
  }
  return { files, ioFailed };
}

/** The JSON contract: an LSP Diagnostic with range, severity, code, source and message. */
function publicDiagnostic(d: Diagnostic) {
  return { range: d.range, severity: d.severity, code: d.code, source: d.source, message: d.message };
}

function collect(p: string, into: string[], explicit: boolean): void {
  const stat = fs.statSync(p);
  if (stat.isDirectory()) {
    const entries = fs.readdirSync(p, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const child = path.join(p, entry.name);
      if (entry.isDirectory()) collect(child, into, false);
      else if (entry.isFile() && EXTENSIONS.has(path.extname(entry.name).toLowerCase())) into.push(child);
    }
  } else if (explicit || EXTENSIONS.has(path.extname(p).toLowerCase())) {
    into.push(p);
  }
}

function describeIoError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return 'no such file or directory';
  if (err.code === 'EACCES') return 'permission denied';
  if (err.code === 'EISDIR') return 'is a directory';
  return err.message;
}

/** Runs the CLI as a process: on process.argv, exit status as process.exitCode (dist/cli.js calls it). */
export function run(): void {
  // A reader that stops early (`migrationpolicy match … | head`) closes the pipe: stop quietly, as Unix tools do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  void Promise.resolve(main(process.argv.slice(2))).then((status) => {
    process.exitCode = status;
  });
}

if (require.main === module) run();
