// Bundles the three entry points: the language server, the CLI and the VS Code client.
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

const results = await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: { server: 'server/src/server.ts', cli: 'server/src/cli.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
  }),
  esbuild.build({
    ...common,
    entryPoints: { client: 'client/src/extension.ts' },
    outdir: 'dist',
    external: ['vscode'],
  }),
]);
writeNotices(bundledPackages(results.map((r) => r.metafile)), 'dist/ThirdPartyNotices.txt');
