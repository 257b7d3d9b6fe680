// Running a CommonJS bundle through V8's code cache, so that a start after the first compiles almost
// nothing: the language server's entry (launch.ts) and the CLI's (cliLaunch.ts) use it. Node 22.1+ has
// this built in (module.enableCompileCache); on older Node the bundle is compiled with vm.Script and the
// cache kept in a folder of the user's own under the temp folder (as Node 22 keeps its). No cache
// (NODE_DISABLE_COMPILE_CACHE=1, an unusable folder, a cache V8 rejects) only means a slower start.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as nodeModule from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

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

/**
 * The cache file of a bundle build: its `name` (see cacheName) and a dash, then the build (size and time),
 * Node and V8 version and architecture.
 */
function codeCacheFile(dir: string, name: string, stat: fs.Stats): string {
  const key = [name, stat.size, Math.floor(stat.mtimeMs), process.version, process.versions.v8, process.arch].join('-');
  return path.join(dir, `${key.replace(/[^A-Za-z0-9._-]/g, '_')}.cache`);
}

/**
 * The part of a cache file's name that stays the same across builds of one installed copy: the bundle's
 * name, the variant, and a hash of the folder it is installed in. Two installed copies (say, VS Code's and
 * an editor's npm install) keep caches of their own, so that neither removes the other's.
 */
function cacheName(bundle: string, variant: string | undefined): string {
  let folder = path.dirname(path.resolve(bundle));
  try {
    folder = fs.realpathSync(folder);
  } catch {
    // The resolved path then.
  }
  const where = createHash('sha256').update(folder).digest('hex').slice(0, 8);
  return [path.basename(bundle, '.js'), ...(variant ? [variant.replace(/[^A-Za-z0-9]/g, '_')] : []), where].join('.');
}

/**
 * Compiles and runs a CommonJS bundle with a code cache and returns its exports; when there was no cache
 * or V8 rejected it, `writeLater` is given the function that writes it (call it once the code that
 * matters has run, so that its functions are in the cache).
 */
function runWithCodeCache(bundle: string, variant: string | undefined, writeLater: (write: () => void) => void): unknown {
  const source = fs.readFileSync(bundle, 'utf8');
  const dir = process.env.NODE_DISABLE_COMPILE_CACHE ? undefined : codeCacheDir();
  const name = cacheName(bundle, variant);
  const cacheFile = dir && codeCacheFile(dir, name, fs.statSync(bundle));
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
  if (cacheFile && (!cachedData || script.cachedDataRejected)) writeLater(() => writeCache(cacheFile, name, script.createCachedData()));
  return module.exports;
}

/** Writes the cache atomically (a reader never sees half a file) and removes the caches of `name` of other builds of the same installed copy. */
function writeCache(file: string, name: string, data: Buffer): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, data, { mode: 0o600 });
    fs.renameSync(temp, file);
    const prefix = `${name}-`;
    for (const name of fs.readdirSync(path.dirname(file))) {
      if (name !== path.basename(file) && name.startsWith(prefix) && name.endsWith('.cache')) fs.rmSync(path.join(path.dirname(file), name), { force: true });
    }
  } catch {
    fs.rmSync(temp, { force: true });
  }
}

/**
 * Loads a CommonJS bundle through the code cache (Node's own on 22.1+) and returns its exports; one
 * cache per `variant`. See runWithCodeCache for `writeLater`.
 */
export function loadWithCodeCache(bundle: string, variant: string | undefined, writeLater: (write: () => void) => void): unknown {
  const builtIn = (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache;
  if (typeof builtIn === 'function') {
    if (!process.env.NODE_DISABLE_COMPILE_CACHE) builtIn();
    return require(bundle) as unknown;
  }
  return runWithCodeCache(bundle, variant, writeLater);
}
