// document/yamlParser.ts allowedAliasRatio, the share of a document's decodes that may come from alias
// expansion before kubectl refuses it as "excessive aliasing". Expected values are go-yaml v2's, from
// gopkg.in/yaml.v2 decode.go (the copy kubectl reads YAML with, through sigs.k8s.io/yaml):
//   alias_ratio_range_low = 400000, alias_ratio_range_high = 4000000,
//   allowedAliasRatio: <= low -> 0.99; >= high -> 0.1; else 0.99 - 0.89*(float64(n-low)/float64(high-low)).
// The formula at n = high gives 0.09999999999999998 in float64, so the explicit `>= high` case decides the
// boundary; past it the formula would fall below 0.1 and then below 0. (Written for the session-25 survivors
// at line 536 of test/mutation/stryker.s25-yamlparser.json; a whole document of 4 million decodes took
// minutes to parse, so the function is asked directly.)
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { allowedAliasRatio } from '../../server/src/document/yamlParser';

test('allowedAliasRatio is 0.99 up to 400,000 decodes and 0.1 from 4,000,000 on, as go-yaml v2', () => {
  assert.equal(allowedAliasRatio(0), 0.99);
  assert.equal(allowedAliasRatio(400_000), 0.99);
  assert.equal(allowedAliasRatio(4_000_000), 0.1);
  assert.equal(allowedAliasRatio(4_000_001), 0.1);
  assert.equal(allowedAliasRatio(5_000_000), 0.1);
  assert.equal(allowedAliasRatio(100_000_000), 0.1);
});

test('allowedAliasRatio falls linearly between the two ends, in float64 as Go computes it', () => {
  // Go: 0.99 - 0.89*(float64(2200000-400000)/float64(3600000)) = 0.99 - 0.89*0.5 = 0.545 (in float64).
  assert.equal(allowedAliasRatio(2_200_000), 0.99 - 0.89 * 0.5);
  assert.equal(allowedAliasRatio(400_001), 0.99 - 0.89 * (1 / 3_600_000));
  assert.equal(allowedAliasRatio(3_999_999), 0.99 - 0.89 * (3_599_999 / 3_600_000));
  // just below the upper end the formula is still above 0.1
  assert.ok(allowedAliasRatio(3_999_999) > 0.1);
});
