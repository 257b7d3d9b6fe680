// document/yamlParser.ts against the mutants that survived test/mutation/stryker.s23-yamlparser.json
// (issue 16): which reading of a document wins and how that is recorded, the repairs of a missing space
// and of tab indentation (and how offsets of the repaired copy map back), syntax errors next to Helm
// template actions, the model the converter builds (styles, flow, anchors, aliases, pair spans) and the
// tag problems kubectl would meet. Where the behaviour mirrors an upstream, the upstream is named:
// go-yaml v2 (gopkg.in/yaml.v2 decode.go / resolve.go, what kubectl decodes with through sigs.k8s.io/yaml),
// the YAML 1.2.2 specification for styles, tags and anchors. Offsets are counted from the inputs here.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MapNode, Node, ScalarNode, SeqNode } from '../../server/src/document/model';
import { maskTemplate } from '../../server/src/document/template';
import { parseYamlDocument, readingOf, recordReading, repairLine, resolvedScalar, writtenErrorCount } from '../../server/src/document/yamlParser';

const at = (text: string, needle: string, from = 0) => {
  const i = text.indexOf(needle, from);
  assert.ok(i >= 0, `${needle} in ${text}`);
  return i;
};
const rows = (text: string) => parseYamlDocument(text).problems.map((p) => [p.code, p.severity, p.span.start, p.span.end, p.message]);
const asMap = (n: Node | null | undefined): MapNode => {
  assert.ok(n && n.kind === 'map', `a map: ${JSON.stringify(n)}`);
  return n;
};
const asScalar = (n: Node | null | undefined): ScalarNode => {
  assert.ok(n && n.kind === 'scalar', `a scalar: ${JSON.stringify(n)}`);
  return n;
};

test('readingOf: a document read as written without errors shares one frozen record; others get their own', () => {
  const one = parseYamlDocument('a: 1\n');
  const two = parseYamlDocument('b: [x, y]\n');
  assert.deepEqual(readingOf(one), { winner: 'written', errors: 0, compared: false });
  assert.equal(readingOf(one), readingOf(two));
  assert.equal(Object.isFrozen(readingOf(one)), true);
  assert.equal(one.hasSyntaxErrors, false);
  // An unclosed flow sequence and nothing to repair: the text as written, with its one error, not compared.
  const open = parseYamlDocument('a: [1\n');
  assert.deepEqual(readingOf(open), { winner: 'written', errors: 1, compared: false });
  assert.equal(open.hasSyntaxErrors, true);
  // The same error plus a missing space: the repaired copy is read too, but it has as many errors, so the text as written wins.
  const both = parseYamlDocument('a: [1\nb:c\n');
  assert.deepEqual(readingOf(both), { winner: 'written', errors: 1, compared: true });
  assert.deepEqual(both.problems.map((p) => p.code), ['yaml-syntax']);
  // A model of someone else: no record until one is made.
  const other = { ...one };
  assert.equal(readingOf(other), undefined);
  const record = { winner: 'repaired' as const, errors: 2, compared: true };
  recordReading(other, record);
  assert.equal(readingOf(other), record);
});

test('a tab-indented line with a missing space: the repaired reading wins; its spans point into the text as written', () => {
  const text = 'a:\n\tb:c\n';
  const model = parseYamlDocument(text);
  assert.equal(writtenErrorCount(text), 1, 'the yaml package refuses the tab indentation once');
  assert.equal(writtenErrorCount('a: 1\n'), 0);
  assert.deepEqual(readingOf(model), { winner: 'repaired', errors: 0, compared: true });
  assert.equal(model.hasSyntaxErrors, false, 'the repaired copy reads without errors; the repairs are reported');
  assert.deepEqual(rows(text), [
    ['yaml-syntax', 'error', 3, 4, 'Tabs are not allowed for indentation in YAML: indent with spaces.'],
    ['yaml-syntax', 'error', 5, 6, 'Missing space after \':\' in "b:c": write "b: c", with a space after the colon.'],
  ]);
  const inner = asMap(asMap(model.root).pairs[0].value);
  assert.deepEqual(inner.span, { start: 4, end: 8 });
  assert.deepEqual(inner.pairs[0].key?.span, { start: 4, end: 5 });
  assert.deepEqual(inner.pairs[0].value?.span, { start: 6, end: 7 });
  assert.equal(asScalar(inner.pairs[0].value).value, 'c');
  // Several repairs on several lines: every later span moves back by the characters inserted before it.
  const many = 'x:\n\t\ta:1\n\t\tb:2\n\t\tc: [3]\n';
  const root = asMap(parseYamlDocument(many).root);
  const pairs = asMap(root.pairs[0].value).pairs;
  assert.deepEqual(pairs.map((p) => [p.key?.span.start, p.value?.span.start, p.value?.span.end]), [
    [at(many, 'a:1'), at(many, 'a:1') + 2, at(many, 'a:1') + 3],
    [at(many, 'b:2'), at(many, 'b:2') + 2, at(many, 'b:2') + 3],
    [at(many, 'c: [3]'), at(many, '[3]'), at(many, '[3]') + 3],
  ]);
  assert.deepEqual(pairs.map((p) => asScalar(p.value?.kind === 'seq' ? p.value.items[0] : p.value).value), [1, 2, 3]);
});

test('repairLine: tabs in the indentation become two spaces each, a missing space after a key is inserted', () => {
  assert.deepEqual(repairLine('\tname:x\n', 10), {
    line: '  name: x\n',
    problems: [
      { code: 'yaml-syntax', severity: 'error', span: { start: 10, end: 11 }, message: 'Tabs are not allowed for indentation in YAML: indent with spaces.' },
      { code: 'yaml-syntax', severity: 'error', span: { start: 15, end: 16 }, message: 'Missing space after \':\' in "name:x": write "name: x", with a space after the colon.' },
    ],
    inserts: [{ at: 11, count: 1 }, { at: 16, count: 1 }],
  });
  // Spaces, then tabs mixed with spaces: the problem covers the indentation from its first tab.
  assert.deepEqual(repairLine('  \t \tk: v\n', 0), {
    line: '       k: v\n',
    problems: [{ code: 'yaml-syntax', severity: 'error', span: { start: 2, end: 5 }, message: 'Tabs are not allowed for indentation in YAML: indent with spaces.' }],
    inserts: [{ at: 3, count: 1 }, { at: 5, count: 1 }],
  });
  // Sequence entries before the key; dots, slashes and dashes inside the key.
  assert.deepEqual(repairLine('- - app.kubernetes.io/name:web', 100).problems.map((p) => [p.span.start, p.message]), [
    [126, 'Missing space after \':\' in "- - app.kubernetes.io/name:web": write "app.kubernetes.io/name: web", with a space after the colon.'],
  ]);
  assert.equal(repairLine('- - app.kubernetes.io/name:web', 100).line, '- - app.kubernetes.io/name: web');
  // Left alone: a space after the colon, a URL, a double colon, a colon at the end, a comment, a quoted key, a tab inside the line.
  for (const line of ['a: b\n', 'url: http://x\n', 'http://x\n', 'a::b\n', 'a:\n', 'a:', '# a:b\n', '  # a:b\n', '"a":b\n', 'a: b\tc\n', '-a:b\n', '']) {
    assert.deepEqual(repairLine(line, 7), { line, problems: [], inserts: [] }, JSON.stringify(line));
  }
});

test('syntax errors next to Helm template actions: one warning per action, on the action or on its line', () => {
  const render = 'Check the rendered output: `helm template . | migrationpolicy check -`.';
  const unreadable = (why: string) => `This template action makes the YAML around it unreadable before rendering (${why}), so this part is not checked here. ${render}`;
  const nested = 'Nested mappings are not allowed in compact mappings. Check the indentation: keys of one mapping must start in the same column';
  // An action inside a line: the warning is on the action, the last one on the line before the error.
  const inline = 'a: 1\n{{ .Values.key }}: {{ .Values.value }}: oops\nb: 2\n';
  const masked = maskTemplate(inline);
  const model = parseYamlDocument(masked.text, masked.template);
  assert.equal(model.template, masked.template);
  assert.equal(readingOf(model), undefined, 'templates are never edited in place');
  assert.equal(model.hasSyntaxErrors, true);
  assert.deepEqual(model.problems.map((p) => ({ ...p, span: { start: p.span.start, end: p.span.end } })), [{ code: 'template-unreadable', severity: 'warning', span: { start: at(inline, '{{ .Values.value'), end: at(inline, ': oops') }, message: unreadable(nested) }]);
  // Errors on the action's line and the line after: still one warning for the one action.
  const twice = 'x: {{ .Values.a }}: b\ny: c: d\nz: 1\n';
  const m2 = maskTemplate(twice);
  assert.deepEqual(parseYamlDocument(m2.text, m2.template).problems.map((p) => [p.code, p.span.start, p.span.end]), [['template-unreadable', 3, 18]]);
  // Two lines after the action: the error is the YAML's own.
  const later = 'x: {{ .Values.a }}\ny: c: d\nz: e: f\n';
  const m3 = maskTemplate(later);
  assert.deepEqual(parseYamlDocument(m3.text, m3.template).problems.map((p) => [p.code, p.severity, p.span.start, p.span.end]), [
    ['template-unreadable', 'warning', 3, 18],
    ['yaml-syntax', 'error', at(later, 'e: f'), at(later, 'e: f') + 1],
  ]);
  // A line that is only an action (a hole): the warning covers the line with the error, without its line break.
  const hole = 'a:\n{{ include "x" . }}\n  b: c: d\ne: 1\n';
  const m4 = maskTemplate(hole);
  assert.deepEqual(parseYamlDocument(m4.text, m4.template).problems, [{ code: 'template-unreadable', severity: 'warning', span: { start: at(hole, '  b: c'), end: at(hole, '\ne: 1') }, message: unreadable(nested) }]);
  // An error further down than the line after a control line is the YAML's own.
  const control = 'a:\n{{- if .Values.x }}\n  - 1\n b: 2\n{{- end }}\n';
  const m5 = maskTemplate(control);
  assert.deepEqual(parseYamlDocument(m5.text, m5.template).problems.map((p) => [p.code, p.span.start]), [['yaml-syntax', at(control, ' b: 2')]]);
  // No actions at all: the errors as they are.
  assert.deepEqual(parseYamlDocument('a: 1\n b: 2\n', { inline: [], holes: [], controls: [] }).problems.map((p) => p.code), ['yaml-syntax']);
});

test('the converter: scalar styles, flow collections, anchors on collections, pair spans of keys without values', () => {
  const text = 'a: "x\\ty"\nb: |\n  lit\nc: >\n  fold\nd: \'q\'\ne: plain\n';
  const pairs = asMap(parseYamlDocument(text).root).pairs;
  assert.deepEqual(pairs.map((p) => { const s = asScalar(p.value); return [s.style, s.text, s.value]; }), [
    ['double', 'x\ty', 'x\ty'],
    ['block', 'lit\n', 'lit\n'],
    ['block', 'fold\n', 'fold\n'],
    ['single', 'q', 'q'],
    ['plain', 'plain', 'plain'],
  ]);
  assert.deepEqual(pairs[0].span, { start: 0, end: at(text, '\nb:') });
  assert.deepEqual(pairs[1].value?.span, { start: at(text, '|'), end: at(text, 'c:') });
  // Flow and block collections; anchors on collections are kept (YAML 1.2.2 §6.9.2 node properties).
  const seqText = '- &s [1]\n- &m {a: 1}\n- plain\n';
  const root = parseYamlDocument(seqText).root as SeqNode;
  assert.equal(root.kind, 'seq');
  assert.deepEqual([root.flow, root.anchor, root.span], [false, undefined, { start: 0, end: seqText.length }]);
  assert.deepEqual([root.items[0].kind, (root.items[0] as SeqNode).flow, (root.items[0] as SeqNode).anchor, root.items[0].span], ['seq', true, 's', { start: 5, end: 8 }]);
  assert.deepEqual([root.items[1].kind, (root.items[1] as MapNode).flow, (root.items[1] as MapNode).anchor], ['map', true, 'm']);
  assert.equal(asMap(parseYamlDocument('a: 1\n').root).flow, false);
  // `a:` has an empty (null) value at the colon; `? b` has no value at all: the pair spans the key.
  const keys = 'a:\n? b\n';
  const kp = asMap(parseYamlDocument(keys).root).pairs;
  assert.deepEqual([kp[0].span, kp[0].value?.span, asScalar(kp[0].value).type], [{ start: 0, end: 2 }, { start: 2, end: 2 }, 'null']);
  assert.deepEqual([kp[1].span, kp[1].value], [{ start: 5, end: 6 }, null]);
  // Flow sequence items that are empty are left out; an empty document has no root.
  assert.equal(parseYamlDocument('').root, null);
  assert.equal(parseYamlDocument('# only a comment\n').root, null);
});

test('aliases: the most recent anchor of the name before the alias (YAML 1.2.2 §7.1); none before it fails kubectl', () => {
  const text = 'a: &x 1\nb: &x 2\nc: *x\n';
  const pairs = asMap(parseYamlDocument(text).root).pairs;
  const alias = pairs[2].value;
  assert.ok(alias && alias.kind === 'alias');
  assert.equal(alias.name, 'x');
  assert.equal(alias.target, pairs[1].value);
  assert.deepEqual(alias.span, { start: at(text, '*x'), end: at(text, '*x') + 2 });
  // gopkg.in/yaml.v2 decode.go: an alias before its anchor is an unknown anchor, and the whole file fails.
  const early = 'a: *y\nb: &y 1\n';
  const model = parseYamlDocument(early);
  assert.equal(model.hasSyntaxErrors, true, 'kubectl refuses the file');
  assert.deepEqual(rows(early), [['alias-unknown', 'error', 3, 5, 'kubectl cannot read this file: the alias *y refers to no anchor defined before it ("yaml: unknown anchor \'y\' referenced"). Define &y on an earlier value, or write the value out.']]);
  const unknown = asMap(model.root).pairs[0].value;
  assert.ok(unknown && unknown.kind === 'alias');
  assert.equal(unknown.target, undefined);
  // An anchored map is the alias's target too.
  const mapText = 'base: &b {k: v}\ncopy: *b\n';
  const mp = asMap(parseYamlDocument(mapText).root).pairs;
  assert.equal((mp[1].value as { target?: Node }).target, mp[0].value);
});

test('tags kubectl meets: a value its tag refuses is an error on the tag, an unknown tag a warning, `!` and `!!str` nothing', () => {
  const text = 'a: !<tag:yaml.org,2002:int> x\nb: !foo\t1\nc: ! 1\nd: !!str 1\ne: !!int 12\n';
  const model = parseYamlDocument(text);
  // go-yaml v2 decode.go (*decoder).scalar via resolve: a !!int tag on `x` fails ("cannot decode !!str `x` as a !!int").
  assert.deepEqual(rows(text), [
    ['yaml-tag', 'error', 3, at(text, ' x\n'), 'kubectl cannot read this file: "yaml: cannot decode !!str `x` as a !!int". Remove the tag !!int or write a value it accepts.'],
    ['yaml-tag', 'warning', at(text, '!foo'), at(text, '!foo') + 4, 'kubectl ignores the tag !foo (go-yaml v2 resolves only the standard !! tags) and sends the string "1".'],
  ]);
  assert.equal(model.hasSyntaxErrors, true);
  const values = asMap(model.root).pairs.map((p) => asScalar(p.value));
  assert.deepEqual(values.map((v) => [v.tag, v.value, v.type, v.kubectlError]), [
    ['tag:yaml.org,2002:int', 'x', 'string', 'cannot decode !!str `x` as a !!int'],
    ['!foo', '1', 'string', undefined],
    ['!', '1', 'string', undefined],
    ['tag:yaml.org,2002:str', '1', 'string', undefined],
    ['tag:yaml.org,2002:int', 12, 'integer', undefined],
  ]);
  // A tag on the line above its value: the problem is on the tag too (since session 27; it was on the value, 11-12).
  const above = 'a: !!int\n  x\n';
  assert.deepEqual(parseYamlDocument(above).problems.map((p) => [p.code, p.span.start, p.span.end]), [['yaml-tag', 3, 8]]);
  // A !!binary value that is not base64 (go-yaml v2 decode.go: "!!binary value contains invalid base64 data").
  const binary = 'a: !!binary "***"\n';
  assert.deepEqual(rows(binary), [['yaml-tag', 'error', 3, 11, 'kubectl cannot read this file: "yaml: !!binary value contains invalid base64 data". Remove the tag !!binary or write a value it accepts.']]);
});

test('resolvedScalar: YAML 1.1 as kubectl reads it, the YAML 1.2 reading beside it, and kyaml (go-yaml v3) booleans', () => {
  const span = { start: 4, end: 7 };
  assert.deepEqual(resolvedScalar(span, 'plain', undefined, undefined, 'yes', false).scalar, { kind: 'scalar', span, style: 'plain', tag: undefined, anchor: undefined, text: 'yes', value: true, type: 'boolean', yaml12: { value: 'yes', type: 'string' } });
  // YAML 1.2 core schema booleans (go-yaml v3, kustomize's kyaml): true/True/TRUE, false/False/FALSE only.
  for (const [text, value, type] of [['yes', 'yes', 'string'], ['on', 'on', 'string'], ['y', 'y', 'string'], ['True', true, 'boolean'], ['FALSE', false, 'boolean'], ['false', false, 'boolean'], ['TRUE', true, 'boolean'], ['False', false, 'boolean'], ['true', true, 'boolean']] as const) {
    const { scalar } = resolvedScalar(span, 'plain', undefined, undefined, text, true);
    assert.deepEqual([scalar.value, scalar.type, scalar.yaml12], [value, type, undefined], text);
  }
  // A tag decides in kyaml too; a quoted value is a string in both.
  assert.equal(resolvedScalar(span, 'plain', 'tag:yaml.org,2002:bool', undefined, 'yes', true).scalar.value, true);
  assert.deepEqual(resolvedScalar(span, 'double', undefined, undefined, 'yes', false).scalar.value, 'yes');
  // The YAML 1.2 reading is kept only for plain, untagged scalars that read differently.
  assert.equal(resolvedScalar(span, 'plain', 'tag:yaml.org,2002:bool', undefined, 'yes', false).scalar.yaml12, undefined);
  assert.equal(resolvedScalar(span, 'single', undefined, undefined, 'yes', false).scalar.yaml12, undefined);
  assert.equal(resolvedScalar(span, 'plain', undefined, undefined, 'true', false).scalar.yaml12, undefined);
  assert.deepEqual(resolvedScalar(span, 'plain', undefined, undefined, '0755', false).scalar.yaml12, { value: 755, type: 'integer' });
  // What kubectl's conversion adds: the JSON text, the Go type (go-yaml v2 resolve.go reads 1e3 as a float64,
  // which JSON writes as 1000), unencodable floats, errors.
  const int = resolvedScalar(span, 'plain', undefined, 'n', '1e3', false).scalar;
  assert.deepEqual([int.value, int.type, int.json, int.goType, int.anchor], [1000, 'integer', '1000', 'float64', 'n']);
  assert.equal(resolvedScalar(span, 'plain', undefined, undefined, '.inf', false).scalar.unencodable, true);
  assert.equal('unencodable' in resolvedScalar(span, 'plain', undefined, undefined, '1.5', false).scalar, false);
  assert.equal('kubectlError' in resolvedScalar(span, 'plain', undefined, undefined, 'x', false).scalar, false);
  assert.equal(resolvedScalar(span, 'plain', 'tag:yaml.org,2002:int', undefined, 'x', false).scalar.kubectlError, 'cannot decode !!str `x` as a !!int');
});
