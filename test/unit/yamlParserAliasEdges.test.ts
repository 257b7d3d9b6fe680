// Excessive aliasing in document/yamlParser.ts (countExpandedNodes), against go-yaml v2's rule, for
// mutation testing (test/mutation/stryker.s23-yamlparser.json, issue 16). Kept apart from
// yamlParserEdges.test.ts because its documents of 400,000 decodes take seconds to read.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseYamlDocument } from '../../server/src/document/yamlParser';

// go-yaml v2 (gopkg.in/yaml.v2 v2.4.0 decode.go, (*decoder).unmarshal and allowedAliasRatio; kubectl
// decodes through it via sigs.k8s.io/yaml): every node decoded counts, the document node included, and
// nodes decoded inside an alias count as aliased; after each node, aliasCount > 100 && decodeCount > 1000
// && aliasCount/decodeCount > allowedAliasRatio(decodeCount) fails with "document contains excessive
// aliasing". allowedAliasRatio is 0.99 up to 400,000 decodes. The documents below are counted by hand:
//   a: &a [x ×6]   the map, key a, the sequence and 6 scalars: size(a) = 7
//   b: &b [*a ×9]  9 alias nodes, each expanding a: 9 × 7 = 63 aliased; size(b) = 1 + 9 × (1 + 7) = 73
//   c: &c [*b ×7]  7 × 73 = 511 aliased; size(c) = 1 + 7 × (1 + 73) = 519
//   d: [*c ×m]     m × 519 aliased
// Not aliased: the document, the root map, 4 keys, 4 sequences, 6 scalars, 9 + 7 + m alias nodes = 32 + m.
const seqOf = (n: number, item: string) => `[${Array(n).fill(item).join(', ')}]`;
const laughs = (m: number) => `a: &a ${seqOf(6, 'x')}\nb: &b ${seqOf(9, '*a')}\nc: &c ${seqOf(7, '*b')}\nd: ${seqOf(m, '*c')}\n`;
const bombs = (text: string) => parseYamlDocument(text).problems.filter((p) => p.code === 'alias-bomb');

test('excessive aliasing: the document node counts, so 3,688 aliased of 3,726 decodes (98.98%) pass', () => {
  // m = 6: aliased 63 + 511 + 3,114 = 3,688; decodes 3,688 + 37 + 1 = 3,726; 3,688 / 3,726 = 0.98980 <= 0.99.
  const six = parseYamlDocument(laughs(6));
  assert.equal(six.expandedNodeCount, 3725, 'the nodes of the document, aliases expanded (the document node is not one)');
  assert.deepEqual(six.problems, []);
  assert.equal(six.hasSyntaxErrors, false);
  // m = 7: aliased 4,207 of 4,246 decodes = 0.99081 > 0.99: refused, reported at the first alias (*a on line 2).
  const text = laughs(7);
  const seven = parseYamlDocument(text);
  assert.equal(seven.expandedNodeCount, 4245);
  assert.deepEqual(seven.problems, [{
    code: 'alias-bomb',
    severity: 'error',
    span: { start: text.indexOf('*a'), end: text.indexOf('*a') + 2 },
    message: 'This document expands to 4,245 nodes through aliases; kubectl refuses it with "document contains excessive aliasing". Write the values out instead of nesting aliases.',
  }]);
  assert.equal(seven.hasSyntaxErrors, true);
});

test('excessive aliasing is checked as go-yaml decodes, in document order: plain values after the aliases do not save it', () => {
  // go-yaml fails at the last node of d (4,207 / 4,246), before it reads e; 50 plain values after it change nothing.
  const tail = `e: ${seqOf(50, 'x')}\n`;
  assert.equal(bombs(laughs(7) + tail).length, 1);
  // The same 50 values before the aliases: at the end of d, 4,207 / (4,246 + 52) = 0.9788 <= 0.99, accepted.
  assert.deepEqual(bombs(tail + laughs(7)), []);
});

test('excessive aliasing past 400,000 decodes: the allowed share falls from 99% towards 10% (allowedAliasRatio)', () => {
  // T plain values first (key e, its sequence and T scalars), then the laughs with m = 780: aliased
  // 574 + 780 × 519 = 405,394; not aliased 2 + T + 32 + 780. Under 400,000 decodes the share stays under 0.99.
  // T = 4,300: at the end of the last *c, 405,394 aliased of 410,508 decodes = 0.987543 > 0.99 - 0.89 ×
  // (10,508 / 3,600,000) = 0.987402: refused. T = 4,400: 405,394 / 410,608 = 0.987302 <= 0.987377, and never
  // over the allowed share before: accepted.
  const plain = (t: number) => `e: ${seqOf(t, 'x')}\n${laughs(780)}`;
  const refused = parseYamlDocument(plain(4300));
  assert.equal(refused.expandedNodeCount, 410507);
  assert.deepEqual(refused.problems.map((p) => [p.code, p.message.slice(0, 48)]), [['alias-bomb', 'This document expands to 410,507 nodes through a']]);
  const accepted = parseYamlDocument(plain(4400));
  assert.equal(accepted.expandedNodeCount, 410607);
  assert.deepEqual(accepted.problems, []);
});
