// server/src/files.ts: the bounded readers read a whole file into one buffer when its size is known,
// and still count bytes while reading; both readers give the same text.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { FileReadError, readRegularFile, readRegularFileSync } from '../../server/src/files';

function withDir(run: (dir: string) => Promise<void> | void): () => Promise<void> {
  return async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-files-'));
    try {
      await run(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}

test(
  'whole files, empty, small and larger than the 1 MiB chunk with multi-byte characters, read the same by both readers',
  withDir(async (dir) => {
    // é is 2 bytes and € 3 in UTF-8: characters straddle the 1 MiB boundaries of a chunked read.
    const big = 'é€x'.repeat(500_000);
    const cases: [string, string][] = [
      ['empty.json', ''],
      ['small.yaml', 'kind: List\nitems: []\n'],
      ['big.json', big],
    ];
    for (const [name, text] of cases) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      assert.equal(readRegularFileSync(file, 64 * 1024 * 1024), text, name);
      assert.equal(await readRegularFile(file, 64 * 1024 * 1024), text, name);
    }
    assert.equal(Buffer.byteLength(big), 3_000_000);
  }),
);

test(
  'the byte limit: a file of exactly the limit is read, one byte more is refused by both readers',
  withDir(async (dir) => {
    const file = path.join(dir, 'f.yaml');
    fs.writeFileSync(file, 'a'.repeat(2000));
    assert.equal(readRegularFileSync(file, 2000).length, 2000);
    assert.equal((await readRegularFile(file, 2000)).length, 2000);
    assert.throws(() => readRegularFileSync(file, 1999), (e: unknown) => e instanceof FileReadError && e.code === 'too-large' && e.message === 'file is larger than 2 KiB, the most that is read');
    await assert.rejects(readRegularFile(file, 1999), (e: unknown) => e instanceof FileReadError && e.code === 'too-large');
    assert.throws(() => readRegularFileSync(dir, 2000), (e: unknown) => e instanceof FileReadError && e.code === 'not-regular' && e.message === 'a directory, not a regular file: not read');
  }),
);
