// Writes what package.json restates from the code: the `migrationpolicy.severity` setting lists one
// property per diagnostic code of server/src/features/codes.ts, with that code's description.
// `npm run sync-manifest` rewrites package.json; `--check` only reports (exit 1) when it differs.
// test/unit/clientManifest.test.ts runs the check, so a code added to codes.ts fails the tests until
// this script has been run.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = path.join(root, 'package.json');

/** The diagnostic codes with their sentences, read from the TypeScript source (no build needed). */
async function loadCodes() {
  const out = await esbuild.build({ entryPoints: [path.join(root, 'server/src/features/codes.ts')], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'error' });
  const module = { exports: {} };
  new Function('module', 'exports', out.outputFiles[0].text)(module, module.exports);
  const { DIAGNOSTIC_CODES, codeSentence } = module.exports;
  return Object.keys(DIAGNOSTIC_CODES).map((code) => [code, codeSentence(code)]);
}

/** package.json's text with the severity properties generated from the codes. */
export async function syncedManifest(text = fs.readFileSync(manifestPath, 'utf8')) {
  const manifest = JSON.parse(text);
  const severity = manifest.contributes.configuration.properties['migrationpolicy.severity'];
  severity.properties = Object.fromEntries((await loadCodes()).map(([code, description]) => [code, { type: 'string', enum: ['error', 'warning', 'information', 'hint', 'off'], description }]));
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const current = fs.readFileSync(manifestPath, 'utf8');
  const wanted = await syncedManifest(current);
  if (process.argv.includes('--check')) {
    if (current !== wanted) {
      console.error('package.json: the migrationpolicy.severity properties differ from server/src/features/codes.ts. Run: npm run sync-manifest');
      process.exit(1);
    }
  } else if (current !== wanted) {
    fs.writeFileSync(manifestPath, wanted);
    console.log('package.json: migrationpolicy.severity written from server/src/features/codes.ts');
  }
}
