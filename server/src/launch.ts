// What dist/server.js is: it runs the language server bundle (dist/language-server.js, built from
// server.ts) through V8's code cache (codeCache.ts), so that a start after the first compiles almost
// nothing: about half of what starting the server costs above Node's own start is compiling its code.
import * as path from 'node:path';
import { loadWithCodeCache } from './codeCache';
import { answerInitializeEarly, answerInitializeEarlyOverIpc } from './lsp/earlyInitialize';

/** The bundle this entry runs, beside it. */
const SERVER_BUNDLE = 'language-server.js';
/** Milliseconds after the start when the cache is written: the code run by then (initialize, the first requests) is in it. */
const WRITE_AFTER_MS = Number(process.env.MIGRATIONPOLICY_CODE_CACHE_DELAY_MS) || 5000;

/** Runs the server bundle, through the code cache. */
function load(): void {
  loadWithCodeCache(path.join(__dirname, SERVER_BUNDLE), undefined, (write) => setTimeout(write, WRITE_AFTER_MS).unref());
}

/**
 * Over stdio and IPC, `initialize` is answered before the bundle is loaded (earlyInitialize.ts),
 * unless MIGRATIONPOLICY_EARLY_INITIALIZE=0. Over a socket the server answers it when loaded.
 */
const args = process.argv.slice(2);
const early = process.env.MIGRATIONPOLICY_EARLY_INITIALIZE !== '0' && !args.some((a) => ['--version', '-v', '--help', '-h'].includes(a));
const socket = args.some((a) => a === '--socket' || a.startsWith('--socket='));
if (early && args.includes('--node-ipc') && typeof process.send === 'function') answerInitializeEarlyOverIpc(load);
else if (early && args.includes('--stdio') && !args.includes('--node-ipc') && !socket) answerInitializeEarly(load);
else load();
