// Tokenises YAML the way VS Code does: its own YAML grammar (vendored in test/grammar/yaml) with our
// injection grammar (syntaxes/) injected into `source.yaml`, through vscode-textmate and Oniguruma.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { repoRoot } from '../support/fixture';

/** Our injection grammars by scope name, as package.json contributes them. */
export const INJECTIONS: Record<string, string> = {
  'source.yaml.injection.migrationpolicy.keys': path.join(repoRoot, 'syntaxes', 'migrationpolicy-keys.injection.tmLanguage.json'),
  'source.yaml.injection.migrationpolicy.values': path.join(repoRoot, 'syntaxes', 'migrationpolicy-values.injection.tmLanguage.json'),
};
const YAML_DIR = path.join(repoRoot, 'test', 'grammar', 'yaml');
const YAML_FILES: Record<string, string> = {
  'source.yaml': 'yaml.tmLanguage.json',
  'source.yaml.1.0': 'yaml-1.0.tmLanguage.json',
  'source.yaml.1.1': 'yaml-1.1.tmLanguage.json',
  'source.yaml.1.2': 'yaml-1.2.tmLanguage.json',
  'source.yaml.1.3': 'yaml-1.3.tmLanguage.json',
  'source.yaml.embedded': 'yaml-embedded.tmLanguage.json',
};

export interface Token {
  text: string;
  scopes: string[];
}

const grammars = new Map<boolean, Promise<textmate.IGrammar>>();

function loadGrammar(inject: boolean): Promise<textmate.IGrammar> {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer as ArrayBuffer;
  const onigLib = oniguruma.loadWASM(wasm).then(() => ({
    createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
    createOnigString: (s: string) => new oniguruma.OnigString(s),
  }));
  const registry = new textmate.Registry({
    onigLib,
    loadGrammar: async (scopeName) => {
      const file = INJECTIONS[scopeName] ?? (YAML_FILES[scopeName] ? path.join(YAML_DIR, YAML_FILES[scopeName]) : undefined);
      return file ? textmate.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scopeName) => (inject && scopeName === 'source.yaml' ? Object.keys(INJECTIONS) : undefined),
  });
  return registry.loadGrammar('source.yaml').then((g) => {
    if (!g) throw new Error('the YAML grammar did not load');
    return g;
  });
}

/** The tokens of each line of a YAML text; `inject: false` tokenises with VS Code's YAML grammar alone. */
export async function tokenize(text: string, options: { inject?: boolean } = {}): Promise<Token[][]> {
  const inject = options.inject ?? true;
  if (!grammars.has(inject)) grammars.set(inject, loadGrammar(inject));
  const g = await grammars.get(inject)!;
  let state = textmate.INITIAL;
  return text.split('\n').map((line) => {
    const result = g.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t, i) => ({ text: line.slice(t.startIndex, result.tokens[i + 1]?.startIndex ?? line.length), scopes: t.scopes }));
  });
}
