// The toolbox's fixture tag: an indented block in a test becomes the exact text of a file.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkDiagnostics, checkFix, yaml } from '../support/check';

test('yaml`…` drops the opening and closing lines and the common indentation, keeps inner indentation and blank lines', () => {
  const name = 'fast';
  assert.equal(
    yaml`
      kind: MigrationPolicy
      metadata:
        name: ${name}

      spec: {}
    `,
    'kind: MigrationPolicy\nmetadata:\n  name: fast\n\nspec: {}\n',
  );
  assert.equal(yaml`one line`, 'one line');
});

test('yaml`…` measures indentation on its own text and indents a multi-line value to the column where it stands', () => {
  const H = 'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\n';
  assert.equal(
    yaml`
      ${H}
      spec:
        selectors: {}
    `,
    'apiVersion: migrations.kubevirt.io/v1alpha1\nkind: MigrationPolicy\nspec:\n  selectors: {}\n',
  );
  const labels = 'a: "1"\n\nb: "2"';
  assert.equal(
    yaml`
      spec:
        selectors:
          ${labels}
    `,
    'spec:\n  selectors:\n    a: "1"\n\n    b: "2"\n',
  );
});

test('yaml`…` puts a value inside a line as it is, and indents its further lines to where it starts', () => {
  const name = 'fast';
  assert.equal(
    yaml`
      metadata: {name: ${name}, namespace: ${'ns'}}
      spec: {}
    `,
    'metadata: {name: fast, namespace: ns}\nspec: {}\n',
  );
  assert.equal(
    yaml`
      spec:
        note: ${'|\nline one\nline two'}
    `,
    'spec:\n  note: |\n        line one\n        line two\n',
  );
});

test('a fixture written as a block: its annotations are the diagnostics, and its quick fix gives the block after', () => {
  checkDiagnostics(yaml`
    apiVersion: migrations.kubevirt.io/v1alpha1
    kind: MigrationPolicy
    metadata:
      name: fast
    spec:
      selectors: {}
    # ^^^^^^^^^ info catch-all: matches every VMI
      bandwidthPerMigration: 1K
    #                        ^^ error quantity-invalid: use k
  `);
  const head = yaml`
    apiVersion: migrations.kubevirt.io/v1alpha1
    kind: MigrationPolicy
    metadata:
      name: fast
    spec:
      selectors: {}
  `;
  checkFix(`${head}  bandwidthPerMigration: 1K\n`, 'quantity-invalid', 'Change to 1Ki', `${head}  bandwidthPerMigration: 1Ki\n`);
});
