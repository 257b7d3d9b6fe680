// What the server lets go of once it is done with it: the text of a snapshot file, which V8 would keep
// alive as the subject of the last regular-expression match (the legacy `RegExp.input`).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { SnapshotSource } from '../../server/src/cluster/snapshot';

const lastMatchSubject = () => (RegExp as unknown as { input: string }).input;

test('SnapshotSource: after a reading, good or broken, the last match is on an empty string, not on the file text', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-release-'));
  try {
    const file = path.join(dir, 'cluster.json');
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns-a' } }, { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstance', metadata: { name: 'vm-1', namespace: 'ns-a', labels: { app: 'db' } } }] }, null, 1);
    fs.writeFileSync(file, text);
    // The reading matches regular expressions on the whole text (splitJsonList's JSON_SPACE).
    /[ \t\n\r]*/y.exec(text);
    assert.equal(lastMatchSubject(), text);
    const source = new SnapshotSource(file, { watch: false });
    await source.refresh();
    assert.deepEqual([source.status().state, source.status().counts], [{ kind: 'ready' }, { namespaces: 1, vmis: 1, policies: 0 }]);
    assert.equal(lastMatchSubject(), '');

    fs.writeFileSync(file, `${text.slice(0, -1)},`);
    /x/.exec(text);
    await source.refresh();
    assert.equal(source.status().state.kind, 'error');
    assert.equal(lastMatchSubject(), '');
    source.stop();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
