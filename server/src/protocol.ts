// The custom protocol between the VS Code client and the server, in one typed module both import.
// Everything here also works from other editors through workspace/executeCommand.
import type { DriftReport } from './cluster/drift';
import type { ClusterStatus } from './cluster/types';

/** Server commands (workspace/executeCommand), usable from any LSP client. */
export const Commands = {
  /** Arguments: [{ uri: string; policy: string }] → MatchReport. Code lenses run it. */
  showMatches: 'migrationpolicy.showMatches',
  /** Drops the cluster data and loads it again. No arguments. */
  refreshCluster: 'migrationpolicy.refreshCluster',
  /** Returns the ClusterStatus. */
  clusterStatus: 'migrationpolicy.clusterStatus',
  /** Returns the contexts of the kubeconfig in use (ContextList). */
  listContexts: 'migrationpolicy.listContexts',
  /**
   * Arguments: [{ namespace: string; name: string; uri?: string }] → VmiPolicyReport: every policy's
   * score for a VM or VMI (of the document `uri`, else of the cluster) and the winner. VM lenses run it.
   */
  explainVmi: 'migrationpolicy.explainVmi',
  /**
   * Arguments: [{ pageSize?: number }] → DriftAnswer: VMIs whose last migration used another policy
   * than the one that wins now (or one that no longer exists). Reads VMIs in full: on demand only.
   */
  drift: 'migrationpolicy.drift',
} as const;

/**
 * Commands the "no cluster" code lenses run. The VS Code extension implements them (they change its
 * settings); other clients send them to the server, which answers with what to set (window/showMessage).
 */
export const LensCommands = {
  /** The cluster actions (a quick pick in VS Code). */
  clusterActions: 'migrationpolicy.clusterActions',
  /** Pick a kubeconfig context. */
  connect: 'migrationpolicy.selectContext',
  /** Pick a snapshot file. */
  useSnapshot: 'migrationpolicy.useSnapshot',
  /** Use the bundled demo cluster (`cluster.source: demo`). */
  useDemo: 'migrationpolicy.useDemo',
} as const;

/** Notification the server sends whenever the cluster status changes (params: ClusterStatus). */
export const ClusterStatusNotification = 'migrationpolicy/clusterStatus';

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

export type { ClusterStatus, DriftReport };
