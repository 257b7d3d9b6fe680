// Third-party notices for the bundles: every npm package esbuild put into dist/*.js, with its version,
// license and the license text it ships (MIT, ISC, BSD and Apache-2.0 all ask for the notice to travel
// with the code). Written to dist/ThirdPartyNotices.txt, which the .vsix ships beside LICENSE.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The package folders (node_modules/a or node_modules/@s/a, innermost) of a metafile's inputs. */
export function bundledPackages(metafiles) {
  const dirs = new Set();
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (m) dirs.add(m[1]);
    }
  }
  return [...dirs];
}

const MIT_TEXT = `Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction, including
without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the
following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial
portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT
LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO
EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN
AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE
USE OR OTHER DEALINGS IN THE SOFTWARE.`;

const LICENSE_FILE = /^(licen[sc]e|copying|notice)(\.(md|txt))?$/i;

/** Writes the notices file for the given package folders; returns how many packages it names. */
export function writeNotices(packageDirs, out) {
  const byName = new Map();
  for (const dir of packageDirs) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    let texts = readdirSync(dir).filter((f) => LICENSE_FILE.test(f)).sort().map((f) => readFileSync(join(dir, f), 'utf8').trim());
    // A few packages keep their license one folder up (a monorepo's sub-package).
    if (!texts.length && existsSync(join(dirname(dir), 'LICENSE'))) texts = [readFileSync(join(dirname(dir), 'LICENSE'), 'utf8').trim()];
    const license = typeof pkg.license === 'string' ? pkg.license : pkg.license?.type ?? 'see the package';
    // The package states MIT but ships no text: the MIT terms, with the author its package.json names.
    const author = typeof pkg.author === 'string' ? pkg.author : pkg.author?.name;
    if (!texts.length && license === 'MIT') texts = [`MIT License\n\nCopyright (c) ${author ?? `the authors of ${pkg.name}`}\n\n${MIT_TEXT}`];
    byName.set(`${pkg.name}@${pkg.version}`, { license, texts });
  }
  const names = [...byName.keys()].sort();
  const parts = [
    'Third-party notices',
    '',
    'The bundles dist/server.js (with dist/language-server.js), dist/cli.js (with dist/cli-main.js) and',
    'dist/client.js of kubevirt-migrationpolicy, and the files they load on first use (dist/kubeconfig-client.js,',
    'dist/json-languageservice.js), include code from the',
    'npm packages below, under their own licenses. kubevirt-migrationpolicy itself is under the Apache',
    'License 2.0 (LICENSE).',
    '',
    ...names.map((n) => `- ${n} (${byName.get(n).license})`),
  ];
  for (const n of names) {
    const { license, texts } = byName.get(n);
    parts.push('', '='.repeat(78), `${n} (${license})`, '='.repeat(78), '', texts.length ? texts.join('\n\n') : `No license file ships in the package; its package.json states: ${license}.`);
  }
  writeFileSync(out, `${parts.join('\n')}\n`);
  return names.length;
}
