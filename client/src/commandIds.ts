// The extension's own command ids (contributes.commands). The server's ids live in
// server/src/protocol.ts; these differ from them, because the language client registers those itself.

import { LensCommands } from '../../server/src/protocol';

export const ClientCommands = {
  showMatches: 'migrationpolicy.showVmis',
  /** The "no cluster" lenses run these three and clusterActions (server/src/protocol.ts LensCommands). */
  selectContext: LensCommands.connect,
  useSnapshot: LensCommands.useSnapshot,
  useDemo: LensCommands.useDemo,
  refresh: 'migrationpolicy.refresh',
  insertPolicy: 'migrationpolicy.insertPolicy',
  exportSchema: 'migrationpolicy.exportSchema',
  /** What a click on the status bar item runs: a quick pick of cluster actions. */
  clusterActions: LensCommands.clusterActions,
  restartServer: 'migrationpolicy.restartServer',
  showOutput: 'migrationpolicy.showOutput',
  showDrift: 'migrationpolicy.showDrift',
} as const;
