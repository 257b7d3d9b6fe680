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

function loadGrammar(inject: boolean, theme?: textmate.IRawTheme): Promise<{ grammar: textmate.IGrammar; registry: textmate.Registry }> {
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
    theme,
  });
  return registry.loadGrammar('source.yaml').then((grammar) => {
    if (!grammar) throw new Error('the YAML grammar did not load');
    return { grammar, registry };
  });
}

/** The tokens of each line of a YAML text; `inject: false` tokenises with VS Code's YAML grammar alone. */
export async function tokenize(text: string, options: { inject?: boolean } = {}): Promise<Token[][]> {
  const inject = options.inject ?? true;
  if (!grammars.has(inject)) grammars.set(inject, loadGrammar(inject).then((loaded) => loaded.grammar));
  const g = await grammars.get(inject)!;
  let state = textmate.INITIAL;
  return text.split('\n').map((line) => {
    const result = g.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t, i) => ({ text: line.slice(t.startIndex, result.tokens[i + 1]?.startIndex ?? line.length), scopes: t.scopes }));
  });
}

const THEME_DIR = path.join(repoRoot, 'test', 'grammar', 'themes');

/** VS Code's default themes (vendored in test/grammar/themes), by the label its theme picker shows. */
export const THEMES: Record<string, string> = {
  'Light 2026': '2026-light.json',
  'Dark 2026': '2026-dark.json',
  'Light Modern': 'light_modern.json',
  'Dark Modern': 'dark_modern.json',
  'Light+': 'light_plus.json',
  'Dark+': 'dark_plus.json',
  'Light (Visual Studio)': 'light_vs.json',
  'Dark (Visual Studio)': 'dark_vs.json',
  'Light High Contrast': 'hc_light.json',
  'Dark High Contrast': 'hc_black.json',
};

interface ThemeFile {
  include?: string;
  colors?: Record<string, string>;
  tokenColors?: textmate.IRawTheme["settings"];
}

/** A theme file with its `include` chain resolved the way VS Code does: the including file's rules come last. */
function readTheme(file: string): textmate.IRawTheme {
  const rules: textmate.IRawTheme["settings"] = [];
  let foreground: string | undefined;
  const visit = (name: string) => {
    const theme = JSON.parse(fs.readFileSync(path.join(THEME_DIR, name), 'utf8')) as ThemeFile;
    if (theme.include) visit(path.basename(theme.include));
    rules.push(...(theme.tokenColors ?? []));
    foreground = theme.colors?.['editor.foreground'] ?? foreground;
  };
  visit(file);
  return { settings: [{ settings: { foreground: foreground ?? '#000000' } }, ...rules] };
}

// vscode-textmate's EncodedTokenAttributes (not exported by its typings): bits 11-14 font style, 15-23 foreground.
const FONT_STYLE_MASK = 0b0111_1000_0000_0000;
const FOREGROUND_MASK = 0b1111_1111_1000_0000_0000_0000;
const ITALIC = 1;

export interface ColoredToken {
  text: string;
  /** The foreground colour, upper-case `#RRGGBB`. */
  color: string;
  italic: boolean;
}

/** The tokens of each line of a YAML text, coloured by one of VS Code's default themes (a THEMES label). */
export async function colorize(text: string, themeLabel: string): Promise<ColoredToken[][]> {
  const { grammar, registry } = await loadGrammar(true, readTheme(THEMES[themeLabel]));
  const colors = registry.getColorMap();
  let state = textmate.INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine2(line, state);
    state = result.ruleStack;
    const tokens: ColoredToken[] = [];
    for (let i = 0; i < result.tokens.length; i += 2) {
      const start = result.tokens[i];
      const end = i + 2 < result.tokens.length ? result.tokens[i + 2] : line.length;
      const metadata = result.tokens[i + 1];
      tokens.push({
        text: line.slice(start, end),
        color: colors[(metadata & FOREGROUND_MASK) >>> 15].toUpperCase().slice(0, 7),
        italic: ((metadata & FONT_STYLE_MASK) >>> 11 & ITALIC) !== 0,
      });
    }
    return tokens;
  });
}
