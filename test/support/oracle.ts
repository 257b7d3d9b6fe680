// The Go oracle (scripts/go-oracle.sh): the real Kubernetes code from Debian's `kubernetes` source package,
// asked in batches over stdin/stdout. Tests that need it skip, naming the command that builds it.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ORACLE_SKIP = 'the Go oracle is not built: run `bash scripts/go-oracle.sh` (Debian golang-go and the kubernetes source package; about 2 minutes)';

const repoRoot = path.resolve(__dirname, '../../..');

/** The oracle binary for the current scripts/go-oracle/main.go, or undefined when it is not built. */
export function findOracle(): string | undefined {
  if (process.env.GO_ORACLE) return fs.existsSync(process.env.GO_ORACLE) ? process.env.GO_ORACLE : undefined;
  const cache = process.env.GO_ORACLE_CACHE ?? path.join(os.homedir(), '.cache', 'kubevirt-migrationpolicy', 'go-oracle');
  const hash = createHash('sha256').update(fs.readFileSync(path.join(repoRoot, 'scripts/go-oracle/main.go'))).digest('hex').slice(0, 12);
  if (!fs.existsSync(cache)) return undefined;
  const found = fs.readdirSync(cache).map((v) => path.join(cache, v, `oracle-${hash}`)).filter((p) => fs.existsSync(p)).sort();
  return found[found.length - 1];
}

export interface OracleRequest {
  op: 'quantity' | 'labelKey' | 'labelValue' | 'yaml' | 'version';
  in: string;
}

/** Asks the oracle a batch of questions; answers come back in order. */
export function askOracle<T = Record<string, unknown>>(binary: string, requests: OracleRequest[]): T[] {
  const input = requests.map((r) => JSON.stringify(r)).join('\n') + '\n';
  const result = spawnSync(binary, { input, maxBuffer: 1 << 30, timeout: 300_000 });
  if (result.status !== 0) throw new Error(`oracle failed (${result.status ?? result.signal}): ${result.stderr.toString().slice(0, 500)}`);
  const lines = result.stdout.toString().trim().split('\n');
  if (lines.length !== requests.length) throw new Error(`oracle answered ${lines.length} of ${requests.length} questions`);
  return lines.map((l) => JSON.parse(l) as T);
}

/** How many generated cases a property test runs: its default, times FIDELITY_SCALE (`npm run fuzz`). */
export function caseCount(base: number): number {
  return Math.round(base * Number(process.env.FIDELITY_SCALE ?? '1'));
}
