// What the parsed model of a big file costs in memory: every scalar node of every document shares a
// handful of V8 hidden classes. (Built with a spread of a base object, each scalar had a map of its own,
// half of the model's retained heap on a 2,000-document file.) Checked in a child Node with
// --allow-natives-syntax, whose %HaveSameMap compares two objects' hidden classes.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';

test('the scalar nodes of a 200-document file share a handful of hidden classes', () => {
  const file = JSON.stringify(path.join(__dirname, '..', '..', 'server', 'src', 'document', 'file.js'));
  const inputs = JSON.stringify(path.join(__dirname, '..', 'bench', 'inputs.js'));
  const script = `
    const { parseFile } = require(${file});
    const { fleetFile } = require(${inputs});
    const model = parseFile(fleetFile(200).text, 'yaml');
    const scalars = [];
    const walk = (n) => {
      if (!n) return;
      if (n.kind === 'scalar') scalars.push(n);
      else if (n.kind === 'map') for (const p of n.pairs) { walk(p.key); walk(p.value); }
      else if (n.kind === 'seq') n.items.forEach(walk);
    };
    for (const d of model.documents) walk(d.model.root);
    const classes = [];
    for (const s of scalars) if (!classes.some((c) => %HaveSameMap(c, s))) classes.push(s);
    console.log(JSON.stringify({ scalars: scalars.length, classes: classes.length }));`;
  const run = spawnSync(process.execPath, ['--allow-natives-syntax', '-e', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const { scalars, classes } = JSON.parse(run.stdout) as { scalars: number; classes: number };
  assert.ok(scalars > 5000, `${scalars} scalars`);
  assert.ok(classes <= 10, `${classes} hidden classes for ${scalars} scalars`);
});
