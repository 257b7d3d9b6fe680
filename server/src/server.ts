// Process entry of the language server: picks the transport from argv (--stdio, --node-ipc,
// --socket=PORT) and starts the server on it.
import { SERVER_NAME, SERVER_VERSION, startServer } from './lsp/startServer';
import { createGuardedConnection } from './lsp/transport';

const USAGE = `Usage: ${SERVER_NAME} --stdio | --node-ipc | --socket=PORT

The KubeVirt MigrationPolicy language server. Start it from your editor's LSP client; it reads
settings from the "migrationpolicy" section through workspace/configuration.
`;

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${SERVER_VERSION}\n`);
} else if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(USAGE);
} else if (!args.some((a) => a === '--stdio' || a === '--node-ipc' || /^--socket=\d+$/.test(a) || a === '--socket')) {
  process.stderr.write(USAGE);
  process.exitCode = 2;
} else {
  // Keep stdout clean for the protocol: anything printed with console.log goes to stderr instead.
  console.log = (...parts: unknown[]) => process.stderr.write(`${parts.join(' ')}\n`);
  process.on('uncaughtException', (e) => process.stderr.write(`${SERVER_NAME}: uncaught ${e.stack ?? e}\n`));
  process.on('unhandledRejection', (e) => process.stderr.write(`${SERVER_NAME}: unhandled rejection ${(e as Error)?.stack ?? e}\n`));
  startServer(createGuardedConnection(args, (message) => process.stderr.write(`${SERVER_NAME}: ${message}\n`)));
}
