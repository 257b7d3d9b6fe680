// What dist/server.js is: it runs the language server bundle (dist/language-server.js, built from
// server.ts) through V8's code cache, so that a start after the first compiles almost nothing: about
// half of what starting the server costs above Node's own start is compiling its code. Node 22.1+ has
// this built in (module.enableCompileCache); on older Node the bundle is compiled with vm.Script and the
// cache kept in a folder of the user's own under the temp folder (as Node 22 keeps its). No cache
// (NODE_DISABLE_COMPILE_CACHE=1, an unusable folder, a cache V8 rejects) only means a slower start.
import * as fs from 'node:fs';
import * as nodeModule from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { answerInitializeEarly, answerInitializeEarlyOverIpc } from './lsp/earlyInitialize';

/** The bundle this entry runs, beside it. */
const SERVER_BUNDLE = 'language-server.js';
/** Milliseconds after the start when the cache is written: the code run by then (initialize, the first requests) is in it. */
const WRITE_AFTER_MS = Number(process.env.MIGRATIONPOLICY_CODE_CACHE_DELAY_MS) || 5000;

/**
 * The cache folder: `<tmp>/kubevirt-migrationpolicy-code-cache-<user>`, made private (0700) and used
 * only when it is a real folder of this user that no one else can write. Undefined otherwise.
 */
function codeCacheDir(tmp = os.tmpdir()): string | undefined {
  const uid = process.getuid?.();
  const dir = path.join(tmp, `kubevirt-migrationpolicy-code-cache-${uid ?? os.userInfo().username}`);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = fs.lstatSync(dir);
    if (!stat.isDirectory()) return undefined;
    if (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o077) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/** The cache file of a bundle: one per bundle build (size and time), Node and V8 version and architecture. */
function codeCacheFile(dir: string, bundle: string, stat: fs.Stats): string {
  const key = [path.basename(bundle, '.js'), stat.size, Math.floor(stat.mtimeMs), process.version, process.versions.v8, process.arch].join('-');
  return path.join(dir, `${key.replace(/[^A-Za-z0-9._-]/g, '_')}.cache`);
}

/** Compiles and runs a CommonJS bundle with a code cache; writes the cache later when there was none or V8 rejected it. */
function runWithCodeCache(bundle: string): void {
  const source = fs.readFileSync(bundle, 'utf8');
  const dir = process.env.NODE_DISABLE_COMPILE_CACHE ? undefined : codeCacheDir();
  const cacheFile = dir && codeCacheFile(dir, bundle, fs.statSync(bundle));
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile) cachedData = fs.readFileSync(cacheFile);
  } catch {
    // No cache yet.
  }
  // The shebang line stays a line (a comment), so line numbers in stack traces stay the bundle's.
  const wrapped = nodeModule.wrap(source.replace(/^#!/, '//'));
  const script = new vm.Script(wrapped, { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  const run = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  const module = { exports: {} };
  run.call(module.exports, module.exports, nodeModule.createRequire(bundle), module, bundle, path.dirname(bundle));
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    setTimeout(() => writeCache(cacheFile, script.createCachedData()), WRITE_AFTER_MS).unref();
  }
}

/** Writes the cache atomically (a reader never sees half a file) and removes the caches of other builds. */
function writeCache(file: string, data: Buffer): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, data, { mode: 0o600 });
    fs.renameSync(temp, file);
    const prefix = `${path.basename(file).split('-')[0]}-`;
    for (const name of fs.readdirSync(path.dirname(file))) {
      if (name !== path.basename(file) && name.startsWith(prefix) && name.endsWith('.cache')) fs.rmSync(path.join(path.dirname(file), name), { force: true });
    }
  } catch {
    fs.rmSync(temp, { force: true });
  }
}

/** Runs the server bundle, through the code cache. */
function load(): void {
  const bundle = path.join(__dirname, SERVER_BUNDLE);
  const builtIn = (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache;
  if (typeof builtIn === 'function') {
    if (!process.env.NODE_DISABLE_COMPILE_CACHE) builtIn();
    require(bundle);
  } else {
    runWithCodeCache(bundle);
  }
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
