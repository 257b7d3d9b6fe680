// Edges of document/template.ts (Helm's Go text/template actions masked so the YAML around them parses),
// for mutation testing: which text is an action (Go text/template: `{{` to the first `}}` outside a
// string, raw string or comment), how lines of actions only and actions inside a line are masked, which
// lines are control actions, slices, unmasking and `.Values` references. Expected values follow the doc
// comments of template.ts and text/template's lexer (go/src/text/template/parse/lex.go: quoted strings
// end at a newline, raw strings and comments may hold `}}`); offsets are counted from the inputs here.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { isInTemplateAction, isTemplated, maskTemplate, readByKustomize, sliceTemplate, unmask, valuesReference } from '../../server/src/document/template';
import type { TemplateInfo } from '../../server/src/document/template';

const blank = (s: string) => s.replace(/[^\r\n]/g, ' ');
const under = (s: string) => s.replace(/[^\r\n]/g, '_');
const none: TemplateInfo = { inline: [], holes: [], controls: [] };

test('maskTemplate: a text without actions is returned as is', () => {
  assert.deepEqual(maskTemplate('a: 1\nb: {x}\n'), { text: 'a: 1\nb: {x}\n', template: none });
  assert.deepEqual(maskTemplate(''), { text: '', template: none });
});

test('maskTemplate: an action inside a line becomes underscores of its length, with its text kept', () => {
  const action = '{{ .Values.name }}';
  const text = `name: ${action}\n`;
  assert.deepEqual(maskTemplate(text), { text: `name: ${under(action)}\n`, template: { inline: [{ start: 6, end: 6 + action.length, action }], holes: [], controls: [] } });
  // Two actions joined by text on one line: both inline, the text between kept.
  const two = 'image: {{ .Values.repo }}:{{ .Values.tag }}\n';
  const masked = maskTemplate(two);
  assert.equal(masked.text, `image: ${under('{{ .Values.repo }}')}:${under('{{ .Values.tag }}')}\n`);
  assert.deepEqual(masked.template.inline, [
    { start: 7, end: 25, action: '{{ .Values.repo }}' },
    { start: 26, end: 43, action: '{{ .Values.tag }}' },
  ]);
  assert.deepEqual([masked.template.holes, masked.template.controls], [[], []]);
});

test('maskTemplate: lines of control actions become blank and count as controls; every offset keeps its place', () => {
  const text = '{{- if .Values.x }}\na: 1\n  {{- end }}\n';
  const { text: masked, template } = maskTemplate(text);
  assert.equal(masked, `${blank('{{- if .Values.x }}')}\na: 1\n${blank('  {{- end }}')}\n`);
  assert.equal(masked.length, text.length);
  assert.deepEqual(template, { inline: [], holes: [], controls: [{ start: 0, end: 19 }, { start: 25, end: 37 }] });
  // Each control keyword, comments and variable declarations and assignments produce no output.
  for (const action of ['{{ else }}', '{{ else if .x }}', '{{ range .Values.list }}', '{{ with .x }}', '{{ define "a" }}', '{{ break }}', '{{ continue }}', '{{/* a note */}}', '{{- /* a note */ -}}', '{{ $x := 1 }}', '{{ $x = 2 }}', '{{ $ := . }}', '{{ $x:= 1 }}', '{{ $x=2 }}', '{{end}}']) {
    assert.deepEqual(maskTemplate(`${action}\n`).template, { inline: [], holes: [], controls: [{ start: 0, end: action.length }] }, action);
  }
});

test('maskTemplate: lines of actions that produce output are holes; a line mixing both is a hole', () => {
  // A function whose name only starts with a keyword (`ifThen`, `endpoint`, `withDefault`) is a call: output.
  for (const action of ['{{ include "chart.labels" . | nindent 4 }}', '{{ toYaml .Values.spec }}', '{{ .Values.x }}', '{{- .Values.x -}}', '{{ $x }}', '{{ "if" }}', '{{ ifThen }}', '{{ endpoint .x }}', '{{ withDefault 3 }}', '{{ defineX }}', '{{ ranger }}', '{{ elsewhere }}', '{{ breaker }}', '{{ continued }}']) {
    const text = `spec:\n    ${action}\n`;
    assert.deepEqual(maskTemplate(text), { text: `spec:\n${blank(`    ${action}`)}\n`, template: { inline: [], holes: [{ start: 6, end: 10 + action.length }], controls: [] } }, action);
  }
  const mixed = '{{ if .a }}{{ .Values.b }}{{ end }}\n';
  assert.deepEqual(maskTemplate(mixed).template, { inline: [], holes: [{ start: 0, end: mixed.length - 1 }], controls: [] });
});

test('maskTemplate: an action spanning lines masks every line it joins, keeping the line breaks', () => {
  const text = 'a: 1\n{{- include "x" (dict\n  "k" 1) }}\nb: 2\n';
  const { text: masked, template } = maskTemplate(text);
  assert.equal(masked, `a: 1\n${blank('{{- include "x" (dict')}\n${blank('  "k" 1) }}')}\nb: 2\n`);
  assert.deepEqual(template, { inline: [], holes: [{ start: 5, end: 38 }], controls: [] });
  // An action that ends on the line where the next one starts joins it into one run.
  const joined = '{{ if .a }}{{ .b\n}}{{ end }}\nc: 3\n';
  assert.deepEqual(maskTemplate(joined).template, { inline: [], holes: [{ start: 0, end: 28 }], controls: [] });
  // Text before an action on its first line makes the whole run inline; CRLF line breaks are kept.
  const crlf = 'key: {{ .a\r\n}} x\r\n';
  assert.deepEqual(maskTemplate(crlf), { text: `key: ${under('{{ .a')}\r\n__ x\r\n`, template: { inline: [{ start: 5, end: 14, action: '{{ .a\r\n}}' }], holes: [], controls: [] } });
});

test('maskTemplate: `}}` inside strings, raw strings and comments does not end an action', () => {
  for (const action of ['{{ "}}" }}', "{{ '}' }}", '{{ "a\\"}}" }}', '{{ `}}` }}', '{{ `a\n}}` }}', '{{/* }} */}}', '{{ printf "%s}}" .x | quote }}']) {
    const text = `k: ${action} z\n`;
    assert.deepEqual(maskTemplate(text).template.inline, [{ start: 3, end: 3 + action.length, action }], action);
  }
  // A quoted string ends at a line break; the action then ends at the next `}}`.
  const broken = 'k: {{ "abc\nx }} y\n';
  assert.deepEqual(maskTemplate(broken).template.inline, [{ start: 3, end: 15, action: '{{ "abc\nx }}' }]);
  // A single `}` or `{` does not end or start an action.
  assert.deepEqual(maskTemplate('k: {{ .a } b }} {x}\n').template.inline, [{ start: 3, end: 15, action: '{{ .a } b }}' }]);
  assert.deepEqual(maskTemplate('k: {x} { {y} }\n'), { text: 'k: {x} { {y} }\n', template: none });
});

test('maskTemplate: an unclosed action, string, raw string or comment runs to the end of the text', () => {
  for (const rest of ['{{ .Values.x', '{{ "abc', '{{ `abc', '{{/* abc', '{{ "a\\', '{{']) {
    const text = `k: ${rest}\nb: 1\n`;
    const { text: masked, template } = maskTemplate(text);
    assert.deepEqual(template, { inline: [{ start: 3, end: text.length, action: text.slice(3) }], holes: [], controls: [] }, rest);
    assert.equal(masked, `k: ${under(text.slice(3))}`, rest);
  }
  const alone = 'a: 1\n{{ if .x\n';
  assert.deepEqual(maskTemplate(alone), { text: `a: 1\n${blank('{{ if .x')}\n`, template: { inline: [], holes: [], controls: [{ start: 5, end: alone.length }] } });
});

test('maskTemplate: actions after the first, on later lines, are each found', () => {
  const text = 'a: {{ .x }}\n{{ end }}\nb: {{ .y }}\n{{ .z }}\n';
  assert.deepEqual(maskTemplate(text).template, {
    inline: [
      { start: 3, end: 11, action: '{{ .x }}' },
      { start: 25, end: 33, action: '{{ .y }}' },
    ],
    holes: [{ start: 34, end: 42 }],
    controls: [{ start: 12, end: 21 }],
  });
});

test('sliceTemplate: spans of one slice, in slice offsets, cut at both ends', () => {
  const template: TemplateInfo = {
    inline: [
      { start: 5, end: 12, action: '{{ .a }}' },
      { start: 15, end: 18, action: '{{b' },
      { start: 40, end: 45, action: '{{ c' },
    ],
    holes: [{ start: 30, end: 40 }],
    controls: [{ start: 0, end: 8 }, { start: 35, end: 36 }],
  };
  assert.deepEqual(sliceTemplate(template, 8, 35), {
    inline: [
      { start: 0, end: 4, action: '{{ .a }}' },
      { start: 7, end: 10, action: '{{b' },
    ],
    holes: [{ start: 22, end: 27 }],
    controls: [],
  });
  assert.deepEqual(sliceTemplate(template, 0, 100), { inline: template.inline, holes: template.holes, controls: template.controls });
  assert.deepEqual(sliceTemplate(template, 12, 15), none);
});

test('isTemplated and isInTemplateAction: overlap, touching and the empty span', () => {
  const template: TemplateInfo = { inline: [{ start: 10, end: 20, action: 'x' }], holes: [{ start: 30, end: 40 }], controls: [{ start: 50, end: 60 }] };
  assert.equal(isTemplated(undefined, { start: 0, end: 100 }), false);
  assert.equal(isTemplated(template, { start: 5, end: 11 }), true);
  assert.equal(isTemplated(template, { start: 19, end: 25 }), true);
  assert.equal(isTemplated(template, { start: 12, end: 14 }), true);
  assert.equal(isTemplated(template, { start: 5, end: 10 }), false);
  assert.equal(isTemplated(template, { start: 20, end: 25 }), false);
  assert.equal(isTemplated(template, { start: 30, end: 40 }), false, 'holes are not values');
  assert.equal(isTemplated(template, { start: 10, end: 10 }), true);
  assert.equal(isTemplated(template, { start: 20, end: 20 }), true);
  assert.equal(isTemplated(template, { start: 9, end: 9 }), false);
  assert.equal(isTemplated(template, { start: 21, end: 21 }), false);
  assert.equal(isInTemplateAction(undefined, 15), false);
  for (const [offset, inside] of [[10, false], [11, true], [19, true], [20, false], [30, false], [35, true], [40, false], [51, true], [60, false], [45, false]] as const) {
    assert.equal(isInTemplateAction(template, offset), inside, String(offset));
  }
});

test('unmask: the masked characters of a span put back from the actions it touches', () => {
  const text = 'image: {{ .Values.repo }}:{{ .Values.tag }} # c\n';
  const { text: masked, template } = maskTemplate(text);
  assert.equal(unmask(template, masked, { start: 0, end: text.length }), text);
  assert.equal(unmask(template, masked, { start: 7, end: 43 }), '{{ .Values.repo }}:{{ .Values.tag }}');
  assert.equal(unmask(template, masked, { start: 10, end: 30 }), '.Values.repo }}:{{ .');
  assert.equal(unmask(template, masked, { start: 0, end: 7 }), 'image: ');
  assert.equal(unmask(template, masked, { start: 44, end: 47 }), '# c');
  assert.equal(unmask(none, 'abc', { start: 1, end: 3 }), 'bc');
});

test('valuesReference: the .Values path of a whole-value action, quoted or not; nothing for anything else', () => {
  assert.deepEqual(valuesReference('{{ .Values.a.b }}'), { path: ['a', 'b'], quoted: false });
  assert.deepEqual(valuesReference('{{- .Values.a_1 -}}'), { path: ['a_1'], quoted: false });
  assert.deepEqual(valuesReference('{{.Values.a}}'), { path: ['a'], quoted: false });
  assert.deepEqual(valuesReference('{{ .Values.a.b | quote }}'), { path: ['a', 'b'], quoted: true });
  assert.deepEqual(valuesReference('{{ .Values.x|squote }}'), { path: ['x'], quoted: true });
  assert.deepEqual(valuesReference('{{ quote .Values.a.b }}'), { path: ['a', 'b'], quoted: true });
  assert.deepEqual(valuesReference('{{ squote .Values.c }}'), { path: ['c'], quoted: true });
  for (const action of ['{{ .Values.a | default 3 }}', '{{ .Values }}', '{{ .Values.1a }}', '{{ include "x" . }}', '{{ .Values.a | upper }}', '{{ quote .Values.a | upper }}', '{{ x.Values.a }}', '{{ .Values.a.b | quote | x }}', '{{ upper .Values.a }}', '{{ .Release.Name }}']) {
    assert.equal(valuesReference(action), undefined, action);
  }
});

test('readByKustomize: kustomize resources and patches only', () => {
  assert.equal(readByKustomize('kustomize'), true);
  assert.equal(readByKustomize('patch'), true);
  assert.equal(readByKustomize('complete'), false);
  assert.equal(readByKustomize('helm-template'), false);
  assert.equal(readByKustomize(undefined), false);
});

test('maskTemplate: CR stays in a blanked run; quotes, raw strings and comments that hold `}}` or run to the end', () => {
  const crlf = '{{ if .a }}\r\nb: 1\r\n{{ end }}\r\n';
  assert.deepEqual(maskTemplate(crlf), { text: `${blank('{{ if .a }}')}\r\nb: 1\r\n${blank('{{ end }}')}\r\n`, template: { inline: [], holes: [], controls: [{ start: 0, end: 12 }, { start: 19, end: 29 }] } });
  const joined = '{{ if .a }}{{ .b\r\n}}\r\n';
  assert.equal(maskTemplate(joined).text, `${blank('{{ if .a }}{{ .b')}\r\n  \r\n`);
  // A character constant holding `}}` (text/template's lexChar reads to the closing quote).
  assert.deepEqual(maskTemplate("k: {{ '}}' }} z\n").template.inline, [{ start: 3, end: 13, action: "{{ '}}' }}" }]);
  // A quoted string open at the very end of the text.
  assert.deepEqual(maskTemplate('k: {{ "abc').template.inline, [{ start: 3, end: 10, action: '{{ "abc' }]);
  assert.deepEqual(maskTemplate("k: {{ 'abc").template.inline, [{ start: 3, end: 10, action: "{{ 'abc" }]);
  // `*` or `/` alone is no comment.
  assert.deepEqual(maskTemplate('k: {{ x* }} y */ }}\n').template.inline, [{ start: 3, end: 11, action: '{{ x* }}' }]);
  assert.deepEqual(maskTemplate('k: {{ a/b }} y */ }}\n').template.inline, [{ start: 3, end: 12, action: '{{ a/b }}' }]);
  // A comment runs to its `*/`, past any `}}` in it, wherever that `}}` sits.
  assert.deepEqual(maskTemplate('k: {{/* a }} b */}} z\n').template.inline, [{ start: 3, end: 19, action: '{{/* a }} b */}}' }]);
  assert.deepEqual(maskTemplate('k: {{/* a }}*/}} z\n').template.inline, [{ start: 3, end: 16, action: '{{/* a }}*/}}' }]);
  assert.deepEqual(maskTemplate('k: {{/*}} x */}} z\n').template.inline, [{ start: 3, end: 16, action: '{{/*}} x */}}' }]);
});

test('isTemplated and isInTemplateAction look at every span, not only the first', () => {
  const template: TemplateInfo = {
    inline: [{ start: 0, end: 5, action: 'x' }, { start: 10, end: 20, action: 'y' }],
    holes: [{ start: 30, end: 35 }, { start: 40, end: 45 }],
    controls: [{ start: 50, end: 55 }, { start: 60, end: 65 }],
  };
  assert.equal(isTemplated(template, { start: 12, end: 13 }), true);
  assert.equal(isTemplated(template, { start: 15, end: 15 }), true);
  assert.equal(isTemplated(template, { start: 7, end: 7 }), false);
  assert.equal(isTemplated(template, { start: 20, end: 20 }), true, 'an empty span at the end of the second action');
  for (const offset of [2, 12, 32, 42, 52, 62]) assert.equal(isInTemplateAction(template, offset), true, String(offset));
  for (const offset of [7, 25, 37, 47, 57, 67]) assert.equal(isInTemplateAction(template, offset), false, String(offset));
});

test('valuesReference: longer names, more spaces, and a function whose name only ends in quote', () => {
  assert.deepEqual(valuesReference('{{ quote  .Values.image.tag }}'), { path: ['image', 'tag'], quoted: true });
  assert.deepEqual(valuesReference('{{ .Values.image.pullPolicy }}'), { path: ['image', 'pullPolicy'], quoted: false });
  assert.equal(valuesReference('{{ xquote .Values.a }}'), undefined);
  assert.equal(valuesReference('{{ quote .Values.a-b }}'), undefined);
});
