// Lint: typescript-eslint's recommended rules plus the layering of ARCHITECTURE.md as import bans.
import tseslint from 'typescript-eslint';

const io = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'net', 'node:net', 'http', 'node:http', 'https', 'node:https', 'child_process', 'node:child_process', 'tls', 'node:tls'];
const connection = ['vscode-languageserver', 'vscode-languageserver/node', 'vscode-languageserver/browser', 'vscode', 'vscode-languageclient', 'vscode-languageclient/node', '@kubernetes/client-node'];
const ban = (names, message) => names.map((name) => ({ name, message }));
const pure = 'Features, document and policy code are pure (ARCHITECTURE.md invariant 1).';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.cache/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['server/src/features/**/*.ts', 'server/src/document/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: ban([...io, ...connection], pure), patterns: [{ group: ['**/lsp/**', '**/cluster/live', '**/cluster/kubeApi', '**/cluster/kubeconfig', '**/cluster/snapshot', '**/cli', '**/server'], message: 'Layers only point down (ARCHITECTURE.md); features read the pure inventory, never a data source.' }] }],
    },
  },
  {
    files: ['server/src/features/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: ban([...io, ...connection], pure), patterns: [
        { group: ['**/lsp/**', '**/cluster/live', '**/cluster/kubeApi', '**/cluster/kubeconfig', '**/cluster/snapshot', '**/cli', '**/server'], message: 'Layers only point down (ARCHITECTURE.md); features read the pure inventory, never a data source.' },
        { group: ['./hover'], message: 'features/hover.ts is an entry point (lsp/ and the CLI call it); what features share lives in features/markup.ts (ARCHITECTURE.md invariant 11).' },
        { group: ['**/cluster/**'], allowTypeImports: true, message: 'features/ read cluster data as types only; pure converters and helpers live in policy/ (ARCHITECTURE.md invariant 11).' },
      ] }],
    },
  },
  {
    files: ['server/src/document/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: ban([...io, ...connection], pure), patterns: [{ group: ['**/features/**', '**/lsp/**', '**/cluster/**'], message: 'document/ sits below features/ and lsp/.' }] }],
    },
  },
  {
    files: ['server/src/policy/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: ban([...io, ...connection, 'yaml', 'vscode-languageserver-types', 'vscode-json-languageservice'], 'policy/ is the KubeVirt domain: no I/O, no LSP, no parser.'), patterns: [{ group: ['**/document/**', '**/features/**', '**/lsp/**', '**/cluster/**'], message: 'policy/ imports nothing above it.' }] }],
    },
  },
  {
    files: ['client/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['**/server/src/lsp/**', '**/server/src/cluster/**', '**/server/src/features/**', '**/server/src/policy/schema', '**/server/src/policy/catalog'], message: 'The client asks the server (LSP, server commands such as migrationpolicy.jsonSchema); it imports only protocol.ts and the pure helpers it renders with (ARCHITECTURE.md invariant 11).' }] }],
    },
  },
  {
    files: ['server/src/protocol.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: ban(['vscode', 'vscode-languageclient', 'vscode-languageclient/node', 'vscode-languageserver', 'vscode-languageserver/node'], 'protocol.ts is shared by the client and the server: it imports only vscode-languageserver-protocol.'), patterns: [{ group: ['./*', '../*', '!./commands'], message: 'protocol.ts declares every type that crosses the wire and imports nothing of the project but commands.ts (which imports nothing), so cluster/ and the client can import it without a cycle (ARCHITECTURE.md invariant 11).' }] }],
    },
  },
  {
    files: ['server/src/text.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['*', './*', '../*'], message: 'text.ts (counts, plurals, markdown to plain) is shared by every layer and the client: it imports nothing (ARCHITECTURE.md invariant 12).' }] }],
    },
  },
  {
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/features/**', 'server/src/document/**', 'server/src/policy/**', 'server/src/protocol.ts', 'server/src/text.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: ban(['vscode', 'vscode-languageclient', 'vscode-languageclient/node'], 'The server never imports VS Code.') }],
    },
  },
);
