// Promises to users and to ourselves: the upstream vectors we test against are the shared ones,
// every diagnostic code is documented in the README and exercised by a fixture.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DIAGNOSTIC_CODES } from '../../server/src/features/codes';
import { repoRoot } from '../support/fixture';

test('the vendored upstream cases equal ../shared/cases when it is present', (t) => {
  const shared = path.resolve(repoRoot, '..', 'shared', 'cases');
  if (!fs.existsSync(shared)) return t.skip('no ../shared/cases beside this checkout');
  for (const name of fs.readdirSync(shared).filter((n) => n.endsWith('.json'))) {
    assert.equal(fs.readFileSync(path.join(repoRoot, 'test', 'cases', name), 'utf8'), fs.readFileSync(path.join(shared, name), 'utf8'), `test/cases/${name} is stale: copy it again from ../shared/cases`);
  }
});

test('every diagnostic code has a row in the README table', () => {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  for (const code of Object.keys(DIAGNOSTIC_CODES)) assert.match(readme, new RegExp(`^\\| \`${code}\` \\|`, 'm'), code);
});

test('every diagnostic code is exercised by a test or fixture', () => {
  const roots = ['fixtures', 'unit', 'protocol'].map((dir) => path.join(repoRoot, 'test', dir));
  let corpus = '';
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir)) {
      const p = path.join(dir, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (name !== 'contracts.test.ts') corpus += fs.readFileSync(p, 'utf8');
    }
  };
  roots.forEach(walk);
  const missing = Object.keys(DIAGNOSTIC_CODES).filter((code) => !new RegExp(`(error|warning|info|hint|[1-4]) ${code}\\b|'${code}'`).test(corpus));
  assert.deepEqual(missing, []);
});
