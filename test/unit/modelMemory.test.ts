// What the parsed model of a big file costs in memory: every scalar node of every document shares a
// handful of V8 hidden classes. (Built with a spread of a base object, each scalar had a map of its own,
// half of the model's retained heap on a 2,000-document file.) Checked in a child Node with
// --allow-natives-syntax, whose %HaveSameMap compares two objects' hidden classes.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
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

test('after edits in 30 documents, the models hold no copy of an earlier whole text (no V8 sliced strings)', () => {
  // A V8 slice of a string keeps its whole parent alive: a model per edited document parsed from a
  // slice of the edited file would each hold a whole version of the file. Counted in a heap snapshot.
  const file = JSON.stringify(path.join(__dirname, '..', '..', 'server', 'src', 'document', 'file.js'));
  const inputs = JSON.stringify(path.join(__dirname, '..', 'bench', 'inputs.js'));
  const script = `
    const v8 = require('node:v8');
    const { parseFile } = require(${file});
    const { fleetFile } = require(${inputs});
    const fleet = fleetFile(300);
    let text = fleet.text;
    let model = parseFile(text, 'yaml');
    for (let i = 0; i < 30; i++) {
      const at = model.documents[i * 9].offset + model.documents[i * 9].model.text.indexOf('\\n') ;
      const next = text.slice(0, at) + ' ' + text.slice(at);
      model = parseFile(next, 'yaml', model, 'complete', { start: at, oldEnd: at, newEnd: at + 1 });
      text = next;
    }
    const length = text.length;
    text = undefined;
    const fs = require('node:fs');
    const written = v8.writeHeapSnapshot(require('node:path').join(require('node:os').tmpdir(), 'mp-model-memory-' + process.pid + '.heapsnapshot'));
    const snapshot = JSON.parse(fs.readFileSync(written, 'utf8'));
    fs.unlinkSync(written);
    const fields = snapshot.snapshot.meta.node_fields;
    const type = fields.indexOf('type'), size = fields.indexOf('self_size');
    const stringType = snapshot.snapshot.meta.node_types[0].indexOf('string');
    let whole = 0;
    for (let i = 0; i < snapshot.nodes.length; i += fields.length) if (snapshot.nodes[i + type] === stringType && snapshot.nodes[i + size] >= length - 100) whole++;
    console.log(JSON.stringify({ whole, documents: model.documents.length, length }));`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: os.tmpdir() });
  assert.equal(run.status, 0, run.stderr);
  const { whole, documents } = JSON.parse(run.stdout) as { whole: number; documents: number };
  assert.equal(documents, 300);
  // The model's own text (file.text) and the original text of the file that the script still holds.
  assert.ok(whole <= 2, `${whole} strings of the file's size are alive`);
});
