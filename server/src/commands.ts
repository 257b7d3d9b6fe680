// The command names of the custom protocol (protocol.ts re-exports them), in a module that imports
// nothing: the capability table lists them, and dist/server.js answers `initialize` from that table
// before the LSP libraries are loaded (lsp/earlyInitialize.ts).

/** Server commands (workspace/executeCommand), usable from any LSP client; CommandSignatures types them. */
export const Commands = {
  /** Arguments: [policy name] (or [{ policy: string; uri?: string }]) → MatchReport. Code lenses run it. */
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
  /** Returns the MigrationPolicy JSON Schema (draft-07) derived from the field catalogue; no arguments. */
  jsonSchema: 'migrationpolicy.jsonSchema',
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
