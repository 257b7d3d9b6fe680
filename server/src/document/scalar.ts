// Scalar resolution as kubectl does it: sigs.k8s.io/yaml converts YAML to JSON with go.yaml.in/yaml/v2,
// which resolves plain scalars with YAML 1.1 rules. Also says how a YAML 1.2 tool would read them.
import type { ScalarType, ScalarValue } from './model';

export interface ResolvedScalar {
  value: ScalarValue;
  type: ScalarType;
  unencodable?: boolean;
}

// go.yaml.in/yaml/v2 resolve.go: the resolveMap table.
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const TRUES = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSES = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const SPECIAL_FLOATS = new Set(['.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF']);
// go.yaml.in/yaml/v2 resolve.go: yamlStyleFloat.
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** Go strconv.ParseInt/ParseUint with base 0 (sign, 0x, 0o, 0b, leading-0 octal); undefined on error. */
function parseGoInt(text: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!m) return undefined;
  const body = m[2];
  let magnitude: bigint;
  if (/^0[oO]/.test(body)) magnitude = BigInt('0o' + body.slice(2));
  else if (/^0[xXbB]/.test(body)) magnitude = BigInt(body);
  else if (body.length > 1 && body[0] === '0') magnitude = BigInt('0o' + body.slice(1));
  else magnitude = BigInt(body);
  const value = m[1] === '-' ? -magnitude : magnitude;
  if (value > UINT64_MAX || value < -INT64_MAX - 1n) return undefined;
  return value;
}

/** Resolves a plain scalar the way go.yaml.in/yaml/v2 `resolve()` does (resolve.go), then as JSON. */
export function resolveKubectl(text: string): ResolvedScalar {
  if (NULLS.has(text)) return { value: null, type: 'null' };
  if (TRUES.has(text)) return { value: true, type: 'boolean' };
  if (FALSES.has(text)) return { value: false, type: 'boolean' };
  if (SPECIAL_FLOATS.has(text)) {
    const value = text.toLowerCase().includes('nan') ? NaN : text.startsWith('-') ? -Infinity : Infinity;
    return { value, type: 'number', unencodable: true };
  }
  const hint = text[0];
  if (hint === '.' || hint === '+' || hint === '-' || (hint >= '0' && hint <= '9')) {
    if (hint !== '.') {
      const plain = text.replace(/_/g, '');
      const int = parseGoInt(plain);
      if (int !== undefined) return { value: Number(int), type: 'integer' };
      if (YAML_STYLE_FLOAT.test(plain)) return floatResult(Number(plain));
      const bin = /^(-?)0b([01]+)$/.exec(plain);
      if (bin) return { value: Number(BigInt('0b' + bin[2])) * (bin[1] ? -1 : 1), type: 'integer' };
    } else if (YAML_STYLE_FLOAT.test(text) || /^\.[0-9]/.test(text)) {
      const n = Number(text);
      if (!Number.isNaN(n)) return floatResult(n);
    }
  }
  return { value: text, type: 'string' };
}

// encoding/json prints a float64 without a fraction as an integer, so the API server sees `23` for `23.0`.
function floatResult(n: number): ResolvedScalar {
  return { value: n, type: Number.isInteger(n) ? 'integer' : 'number' };
}

// YAML 1.2 core schema (the yaml package's default, and most editors').
export function resolveYaml12(text: string): ResolvedScalar {
  if (/^(|~|null|Null|NULL)$/.test(text)) return { value: null, type: 'null' };
  if (/^(true|True|TRUE)$/.test(text)) return { value: true, type: 'boolean' };
  if (/^(false|False|FALSE)$/.test(text)) return { value: false, type: 'boolean' };
  if (/^[-+]?[0-9]+$/.test(text)) return { value: Number(text), type: 'integer' };
  if (/^0o[0-7]+$/.test(text)) return { value: Number(text), type: 'integer' };
  if (/^0x[0-9a-fA-F]+$/.test(text)) return { value: Number(text), type: 'integer' };
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(text)) return floatResult(Number(text));
  if (/^[-+]?\.(inf|Inf|INF)$/.test(text) || /^\.(nan|NaN|NAN)$/.test(text)) return { value: Number(text.replace('.', '')), type: 'number' };
  return { value: text, type: 'string' };
}

/** True when the two readings differ in a way a user would notice (type or value). */
export function readsDifferently(a: ResolvedScalar, b: ResolvedScalar): boolean {
  if (a.type !== b.type) {
    const numeric = (t: ScalarType) => t === 'integer' || t === 'number';
    if (numeric(a.type) && numeric(b.type)) return a.value !== b.value;
    return true;
  }
  return !Object.is(a.value, b.value) && !(Number.isNaN(a.value) && Number.isNaN(b.value));
}
