// lsp/encoder.ts: every message is JSON.stringify's value, whether the list elements come from the
// cache (the same objects sent again), are new objects reusing their fields' JSON (a moved lens keeps
// its command), or are encoded for the first time; a message with a long repeated list (publishDiagnostics,
// code lenses) is ASCII alone, other messages are JSON.stringify's bytes.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Message } from 'vscode-languageserver/node';
import { MessageEncoder } from '../../server/src/lsp/encoder';

const decode = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');
/** The same JSON value as JSON.stringify's, in bytes of ASCII alone; the text it decodes to. */
function sameValueInAscii(bytes: Uint8Array, msg: unknown): string {
  assert.ok(bytes.every((b) => b < 0x80), 'a byte beyond ASCII');
  const text = decode(bytes);
  assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(msg)));
  return text;
}
const range = (line: number) => ({ start: { line, character: 2 }, end: { line, character: 9 } });

function diagnostics(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    range: range(i),
    severity: 1 + (i % 3),
    code: i % 2 ? 'unknown-field' : 'bandwidth-small',
    source: 'migrationpolicy',
    message: `Problem ${i}: "quoted" \\ back\u00e9 \u{1F600} \ud800 \u2212 tab\t`,
    data: i % 4 ? { kind: 'replace', replacements: [`${i}Mi`, null] } : undefined,
  }));
}

test('a publish of many diagnostics: JSON.stringify\'s value in ASCII, first and again from the cache', () => {
  const encoder = new MessageEncoder();
  const list = diagnostics(200);
  const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///tmp/a%20b.yaml', version: 7, diagnostics: list } } as Message;
  const text = sameValueInAscii(encoder.encode(msg), msg);
  // Escapes as JSON.stringify writes a lone surrogate; a pair as two escapes.
  assert.ok(text.includes('back\\u00e9 \\ud83d\\ude00 \\ud800 \\u2212 tab\\t'), text.slice(0, 300));
  assert.deepEqual(encoder.counts, { elements: 200, cached: 0 });
  // The next edit: one diagnostic replaced, one added, the rest the same objects.
  const next = [...list.slice(0, 50), { ...list[50], message: 'changed' }, ...list.slice(51), ...diagnostics(1)];
  const msg2 = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///tmp/a%20b.yaml', version: 8, diagnostics: next } } as Message;
  sameValueInAscii(encoder.encode(msg2), msg2);
  assert.deepEqual(encoder.counts, { elements: 401, cached: 199 });
});

test('code lenses: a moved lens (new object, same command) and lenses sent again are JSON.stringify\'s value in ASCII', () => {
  const encoder = new MessageEncoder();
  const lenses = Array.from({ length: 100 }, (_, i) => ({ range: { start: range(i).start, end: range(i).start }, command: { title: `matches ${i} VMIs · wins ${i}`, command: 'migrationpolicy.showMatches', arguments: [`p${i}`], tooltip: i % 2 ? 'Click for the list of VMIs.' : undefined } }));
  const response = { jsonrpc: '2.0', id: 12, result: lenses } as Message;
  assert.match(sameValueInAscii(encoder.encode(response), response), /"title":"matches 0 VMIs \\u00b7 wins 0"/);
  const moved = lenses.map((l) => ({ range: { start: { line: l.range.start.line + 1, character: 0 }, end: { line: l.range.start.line + 1, character: 0 } }, command: l.command }));
  const response2 = { jsonrpc: '2.0', id: 13, result: moved } as Message;
  sameValueInAscii(encoder.encode(response2), response2);
  const response3 = { jsonrpc: '2.0', id: 14, result: moved } as Message;
  sameValueInAscii(encoder.encode(response3), response3);
  assert.deepEqual(encoder.counts, { elements: 300, cached: 100 });
});

test('short lists, other messages, arrays of non-objects and a list held twice are JSON.stringify exactly', () => {
  const encoder = new MessageEncoder();
  const shared = diagnostics(40);
  const messages = [
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a', diagnostics: diagnostics(3) } },
    { jsonrpc: '2.0', id: 'x', result: null },
    { jsonrpc: '2.0', id: 1, result: Array.from({ length: 50 }, (_, i) => (i % 3 ? i : i % 2 ? null : `s${i}`)) },
    { jsonrpc: '2.0', id: 2, result: [...Array.from({ length: 40 }, () => ({ a: undefined, b: () => 1, c: [undefined, 1] })), new Date(0), [1, [2]]] },
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a', diagnostics: shared, again: shared } },
    { jsonrpc: '2.0', id: 3, error: { code: -32602, message: 'bad' } },
  ] as unknown as Message[];
  for (const msg of messages) assert.equal(decode(encoder.encode(msg)), JSON.stringify(msg));
  // Only diagnostics (of the publish with 40) and code lenses are kept: other answers are built anew per request.
  assert.deepEqual(encoder.counts, { elements: 0, cached: 0 });
  const hints = Array.from({ length: 40 }, (_, i) => ({ position: { line: i, character: 3 }, label: `${i} MiB/s` }));
  const actions = Array.from({ length: 40 }, (_, i) => ({ title: `fix ${i}`, range: range(i), command: { title: 'x', command: 'y' } }));
  for (const result of [hints, actions]) assert.equal(decode(encoder.encode({ jsonrpc: '2.0', id: 9, result } as Message)), JSON.stringify({ jsonrpc: '2.0', id: 9, result }));
  assert.deepEqual(encoder.counts, { elements: 0, cached: 0 });
});
