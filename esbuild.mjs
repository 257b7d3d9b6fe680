// Bundles the three entry points: the language server, the CLI and the VS Code client. Libraries that
// answering `initialize` does not need are bundled into files of their own beside them and loaded on
// first use (see LAZY below), so that starting the server parses about a third of the code.
import * as esbuild from 'esbuild';
import { bundledPackages, writeNotices } from './scripts/notices.mjs';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // vscode-json-languageservice ships a UMD/ESM pair; prefer the ESM entry so esbuild can tree-shake it.
  mainFields: ['module', 'main'],
  metafile: true,
};

/**
 * Libraries loaded on first use, each bundled into dist/<file>: the kubeconfig reader of
 * @kubernetes/client-node (with its HTTP, proxy and auth dependencies: about 1.8 MB) when a live cluster
 * is read, and vscode-json-languageservice when a JSON file is parsed. The sources reach them only through
 * a `require()` or `import()` inside a function, which the bundles keep as a call to the sibling file.
 */
export const LAZY = [
  { module: '@kubernetes/client-node/dist/config.js', file: 'kubeconfig-client.js' },
  { module: 'vscode-json-languageservice', file: 'json-languageservice.js' },
];

/** Sends the lazy modules to their sibling files; a static import of one would load it at start, so it fails the build. */
const lazyModules = {
  name: 'lazy-modules',
  setup(build) {
    for (const { module, file } of LAZY) {
      const filter = new RegExp(`^${module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
      build.onResolve({ filter }, (args) => {
        if (args.kind !== 'require-call' && args.kind !== 'dynamic-import') {
          return { errors: [{ text: `${module} is loaded on first use (esbuild.mjs LAZY): reach it through require() or import() inside a function, not a static import` }] };
        }
        return { path: `./${file}`, external: true };
      });
    }
  },
};

const results = await Promise.all([
  esbuild.build({
    ...common,
    // dist/server.js and dist/cli.js are the small entries that run dist/language-server.js and
    // dist/cli-main.js through V8's code cache (launch.ts, cliLaunch.ts).
    entryPoints: { server: 'server/src/launch.ts', 'language-server': 'server/src/server.ts', cli: 'server/src/cliLaunch.ts', 'cli-main': 'server/src/cli.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [lazyModules],
    // import() of a lazy file becomes a require() of it (a CommonJS bundle): no ES module loader at run time.
    supported: { 'dynamic-import': false },
  }),
  esbuild.build({
    ...common,
    entryPoints: Object.fromEntries(LAZY.map(({ module, file }) => [file.replace(/\.js$/, ''), module])),
    outdir: 'dist',
  }),
  esbuild.build({
    ...common,
    entryPoints: { client: 'client/src/extension.ts' },
    outdir: 'dist',
    external: ['vscode'],
  }),
]);
writeNotices(bundledPackages(results.map((r) => r.metafile)), 'dist/ThirdPartyNotices.txt');
