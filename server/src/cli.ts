// Command-line entry: `migrationpolicy check` and `migrationpolicy schema`, over the same engine as
// the language server (no LSP here). Exit codes: 0 clean, 1 errors found, 2 usage or I/O error.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { Diagnostic } from 'vscode-languageserver-types';
import { languageOf, parseFile } from './document/file';
import { getFileDiagnostics } from './features/diagnostics';
import type { ValidationOptions } from './features/validation';
import { getJsonSchema } from './policy/schema';

const VERSION = '0.1.0';
const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const SEVERITY_NAMES = ['', 'error', 'warning', 'info', 'hint'];
/** Files above this size are reported and skipped rather than read into memory. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

const USAGE = `Usage:
  migrationpolicy check [--format text|json] [--kubevirt-version V] [--feature-gates G1,G2] PATH...
  migrationpolicy schema
  migrationpolicy --help | --version

check     Validates every MigrationPolicy in the files and directories given (directories are
          searched recursively for *.yaml, *.yml and *.json). Other documents are left alone.
          Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.
  --format text   compiler style: path:line:col: severity code: message (default)
  --format json   {"files":[{"path":...,"diagnostics":[LSP Diagnostic...]}]}
  --kubevirt-version V   warn about fields newer than this KubeVirt version (e.g. v1.8.0)
  --feature-gates G,...  feature gates the cluster enables (default: unknown, gated fields warn)
schema    Prints the JSON Schema of MigrationPolicy, derived from the field catalogue.
`;

class UsageError extends Error {}

interface Output {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** Runs the CLI and returns the exit status. */
export function main(argv: string[], io: Output = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }): number {
  try {
    const [command, ...rest] = argv;
    if (command === '--help' || command === '-h' || command === 'help') {
      io.out(USAGE);
      return 0;
    }
    if (command === '--version' || command === '-v') {
      io.out(`${VERSION}\n`);
      return 0;
    }
    if (command === 'check') return check(rest, io);
    if (command === 'schema') {
      if (rest.length) throw new UsageError(`schema takes no arguments, got ${rest[0]}`);
      io.out(`${JSON.stringify(getJsonSchema(), null, 2)}\n`);
      return 0;
    }
    throw new UsageError(command ? `unknown command ${JSON.stringify(command)}` : 'no command given');
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`migrationpolicy: ${(e as Error).message}\n\n${USAGE}`);
      return 2;
    }
    io.err(`migrationpolicy: ${(e as Error).message}\n`);
    return 2;
  }
}

function check(args: string[], io: Output): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      'kubevirt-version': { type: 'string' },
      'feature-gates': { type: 'string' },
    },
  });
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not ${JSON.stringify(values.format)}`);
  if (positionals.length === 0) throw new UsageError('check needs at least one file or directory');
  const options: ValidationOptions = {};
  if (values['kubevirt-version']) options.kubevirtVersion = values['kubevirt-version'];
  if (values['feature-gates'] !== undefined) options.featureGates = values['feature-gates'].split(',').map((g) => g.trim()).filter(Boolean);

  let ioFailed = false;
  const files: string[] = [];
  for (const p of positionals) {
    try {
      collect(p, files, true);
    } catch (e) {
      io.err(`migrationpolicy: cannot read ${p}: ${describeIoError(e)}\n`);
      ioFailed = true;
    }
  }
  const results: { path: string; diagnostics: Diagnostic[] }[] = [];
  for (const file of files) {
    let text: string;
    try {
      const size = fs.statSync(file).size;
      if (size > MAX_FILE_BYTES) throw new Error(`file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`);
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      io.err(`migrationpolicy: cannot read ${file}: ${describeIoError(e)}\n`);
      ioFailed = true;
      continue;
    }
    const model = parseFile(text, languageOf(file));
    results.push({ path: file, diagnostics: getFileDiagnostics(model, options) });
  }

  const errors = results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 1).length, 0);
  if (values.format === 'json') {
    io.out(`${JSON.stringify({ files: results.map((r) => ({ path: r.path, diagnostics: r.diagnostics.map(publicDiagnostic) })) }, null, 2)}\n`);
  } else {
    for (const r of results) {
      for (const d of r.diagnostics) {
        io.out(`${r.path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${SEVERITY_NAMES[d.severity ?? 1]} ${d.code}: ${d.message}\n`);
      }
    }
    const count = (s: number) => results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === s).length, 0);
    io.err(`${results.length} file${results.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${count(2)} warning${count(2) === 1 ? '' : 's'}, ${count(3) + count(4)} info\n`);
  }
  if (ioFailed) return 2;
  return errors > 0 ? 1 : 0;
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

if (require.main === module) process.exitCode = main(process.argv.slice(2));
