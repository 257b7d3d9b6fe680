// The custom protocol between the VS Code client and the server, in one typed module both import.
// Everything here also works from other editors through workspace/executeCommand. Every type that
// crosses the wire is declared here (cluster/ and the client import them; this module imports
// nothing of the project but the command names of commands.ts), and each message is typed the way vscode-eslint types its own: a
// NotificationType with its params, and each command with its arguments and its answer.
import { NotificationType } from 'vscode-languageserver-protocol';

export { Commands, LensCommands } from './commands';
import { Commands } from './commands';

/** Notification the server sends whenever the cluster status changes. */
export const ClusterStatusNotification = new NotificationType<ClusterStatus>('migrationpolicy/clusterStatus');

/** The arguments and the answer of each server command (`workspace/executeCommand`). */
export interface CommandSignatures {
  [Commands.showMatches]: { args: [ShowMatchesArgs]; result: MatchReport };
  [Commands.refreshCluster]: { args: []; result: ClusterStatus | null };
  [Commands.clusterStatus]: { args: []; result: ClusterStatus | null };
  [Commands.listContexts]: { args: []; result: ContextList };
  [Commands.explainVmi]: { args: [ExplainVmiArgs]; result: VmiPolicyReport | null };
  [Commands.drift]: { args: [DriftArgs?]; result: DriftAnswer };
  [Commands.jsonSchema]: { args: []; result: Record<string, unknown> };
}

/** What a server reads from a client: the arguments' shape, every value still to be checked. */
export type Untrusted<T> = { [K in keyof T]?: unknown };

/**
 * The argument of `migrationpolicy.showMatches`: the policy's name, as code lenses send it (the what-if
 * evaluation holds one policy per name), or `{ policy, uri? }` (the uri, the policy's document, is not needed).
 */
export type ShowMatchesArgs = string | { policy: string; uri?: string };

/** Arguments of `migrationpolicy.explainVmi`: the VM or VMI, and the document it is written in, if any. */
export interface ExplainVmiArgs {
  namespace: string;
  name: string;
  uri?: string;
}

/** Arguments of `migrationpolicy.drift`. */
export interface DriftArgs {
  pageSize?: number;
}


/** The answer of `migrationpolicy.listContexts`: never credentials, only names and addresses. */
export interface ContextList {
  current: string | null;
  contexts: { name: string; cluster: string; server?: string }[];
  /** Why the list is empty (no kubeconfig, untrusted workspace, unreadable file). */
  error?: string;
}

export interface MatchedVmi {
  namespace: string;
  name: string;
  /** The policy that wins this VMI (may be the policy asked about). */
  winner: string | null;
  /** The asked policy's score on this VMI: matched VMI and namespace labels. */
  score: { vmiLabels: number; namespaceLabels: number };
  /** Why the winner won, in words (e.g. "more matched labels (3 vs 2)"). */
  reason: string;
}

export interface MatchReport {
  policy: string;
  matched: number;
  won: number;
  vmis: MatchedVmi[];
  status: ClusterStatus;
}

/** One policy's standing for one VMI (the JSON of `migrationpolicy match --vmi`). */
export interface VmiPolicyScore {
  name: string;
  matches: boolean;
  /** 1 for the winner, 2 for the next…; null when the policy does not match. */
  rank: number | null;
  /** Matched labels in all, VMI labels, namespace labels; null when the policy does not match. */
  total: number | null;
  vmiLabels: number | null;
  namespaceLabels: number | null;
  /** Why the policy does not match (the first failing selector entry). */
  reason?: string;
}

/** Which policy a VMI migrates under and every policy's score, in precedence order then by name. */
export interface VmiPolicyReport {
  vmi: { namespace: string; name: string; labels: Record<string, string> };
  namespaceLabels: Record<string, string>;
  winner: string | null;
  /** Why the winner wins, in words. */
  reason: string;
  policies: VmiPolicyScore[];
}

/** The answer of `migrationpolicy.drift`. */
export interface DriftAnswer {
  /** Null when there is no cluster data or it could not be read (see `error`). */
  report: DriftReport | null;
  /** VMIs read in full, and in how many pages (0 for a snapshot file). */
  read: number;
  pages: number;
  status: ClusterStatus;
  error?: string;
}

export type SourceDescription =
  | { kind: 'snapshot'; path: string; demo: boolean }
  | { kind: 'kube'; context: string; server: string; /** The context's namespace, when it sets one. */ namespace?: string }
  /** No cluster data, and why (turned off, no kubeconfig, Restricted Mode, no snapshot set). */
  | { kind: 'none'; reason?: string; off?: boolean };

/** The state of a data source, as the editor shows it. */
export type SourceState =
  | { kind: 'loading'; loaded?: { namespaces: number; vmis: number; policies: number } }
  | { kind: 'ready' }
  | { kind: 'stale'; reason: string }
  | { kind: 'unreachable'; message: string }
  | { kind: 'unauthorized'; message: string }
  | { kind: 'forbidden'; message: string; verb: string; resource: string }
  | { kind: 'error'; message: string }
  | { kind: 'disabled' };

export interface ClusterStatus {
  source: SourceDescription;
  state: SourceState;
  counts: { namespaces: number; vmis: number; policies: number };
  /** ISO time of the last complete reading. */
  loadedAt?: string;
  kubevirtVersion?: string;
  /** ISO time of the next try after a failed reading (live clusters retry with backoff by themselves). */
  nextRetryAt?: string;
}


/** How a recorded migration ended (`status.migrationState`). */
export type MigrationOutcome = 'succeeded' | 'failed' | 'aborted' | 'running' | 'unknown';

/** Why a VMI is listed. */
export type DriftKind = 'policy-gone' | 'other-policy-wins' | 'no-policy-wins-now' | 'policy-wins-now';

export interface DriftEntry {
  namespace: string;
  name: string;
  /** The policy the last migration recorded; null when none was recorded. */
  recorded: string | null;
  /** The policy that wins now; null for cluster defaults. */
  now: string | null;
  kind: DriftKind;
  outcome: MigrationOutcome;
  mode?: string;
  endTimestamp?: string;
  failureReason?: string;
}

export interface DriftGroup {
  /** The recorded policy; null for migrations that recorded none. */
  recorded: string | null;
  /** Whether the recorded policy still exists. */
  exists: boolean;
  vmis: DriftEntry[];
}

export interface DriftReport {
  /** VMIs with a recorded migration that were checked. */
  migrated: number;
  /** Of those, the ones whose record agrees with the winner now. */
  consistent: number;
  /**
   * Migrations recorded under ≤ v1.8 without a name while the policy winning now overrides no field:
   * v1.8 wrote no name in that case, so they cannot be told apart from agreement.
   */
  undetermined: number;
  groups: DriftGroup[];
}
