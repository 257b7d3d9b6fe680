// The extension's own command ids (contributes.commands). The server's ids live in
// server/src/protocol.ts; these differ from them, because the language client registers those itself.

export const ClientCommands = {
  showMatches: 'migrationpolicy.showVmis',
  selectContext: 'migrationpolicy.selectContext',
  useSnapshot: 'migrationpolicy.useSnapshot',
  refresh: 'migrationpolicy.refresh',
  insertPolicy: 'migrationpolicy.insertPolicy',
  exportSchema: 'migrationpolicy.exportSchema',
  /** What a click on the status bar item runs: a quick pick of cluster actions. */
  clusterActions: 'migrationpolicy.clusterActions',
  restartServer: 'migrationpolicy.restartServer',
  showOutput: 'migrationpolicy.showOutput',
  showDrift: 'migrationpolicy.showDrift',
} as const;
