// Grammar-based generators of the inputs the fidelity tests send to the Go oracle and the real API server:
// quantities (signs, exponents, suffixes in every case) and YAML scalars (tags, quoting, huge integers,
// octal/hex/binary, YAML 1.1 words, unicode digits). Deterministic for a given PRNG.

export type Rng = () => number;
export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
export const digits = (r: Rng, n: number, alphabet = '0123456789') => Array.from({ length: n }, () => pick(r, [...alphabet])).join('');
export const chance = (r: Rng, p: number) => r() < p;

const SUFFIXES = ['', '', 'k', 'K', 'm', 'M', 'G', 'g', 'T', 'P', 'E', 'n', 'u', 'Ki', 'ki', 'KI', 'Mi', 'mi', 'MI', 'Gi', 'Ti', 'Pi', 'Ei', 'i', 'Kb', 'MB', 'e', 'E', 'e+', 'e-'];

export function generateQuantity(r: Rng): string {
  let s = chance(r, 0.2) ? pick(r, ['+', '-']) : '';
  const form = Math.floor(r() * 5);
  const whole = chance(r, 0.15) ? '0'.repeat(1 + Math.floor(r() * 3)) + digits(r, 1 + Math.floor(r() * 4)) : digits(r, 1 + Math.floor(r() * (chance(r, 0.2) ? 24 : 6)));
  if (form === 0) s += whole;
  else if (form === 1) s += `${whole}.${digits(r, Math.floor(r() * 12))}`;
  else if (form === 2) s += `.${digits(r, 1 + Math.floor(r() * 6))}`;
  else if (form === 3) s += `${whole}.`;
  else s += chance(r, 0.5) ? whole : pick(r, ['', '.', '0', '00']);
  if (chance(r, 0.3)) {
    const e = pick(r, ['e', 'E']) + pick(r, ['', '+', '-']) + digits(r, 1 + Math.floor(r() * 3));
    s += chance(r, 0.1) ? `${e}.${digits(r, 1)}` : e;
  } else s += pick(r, SUFFIXES);
  if (chance(r, 0.03)) s = pick(r, [' ', '\t']) + s;
  if (chance(r, 0.03)) s += ' ';
  if (chance(r, 0.02)) s = s.replace(/[0-9]/, pick(r, ['٣', '３', '²']));
  return s;
}

const WORDS = ['y', 'Y', 'yes', 'Yes', 'YES', 'yEs', 'n', 'NO', 'no', 'true', 'True', 'TRUE', 'tRUE', 'false', 'on', 'On', 'ON', 'oN', 'off', 'Off', 'null', 'Null', 'NULL', 'nULL', '~', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', 'abc', '64Mi', '12:30', '2024-01-01', '2001-12-14t21:59:43.10-05:00', '1e1.5', 'db'];
const TAGS = ['!!int', '!!float', '!!bool', '!!str', '!!null', '!!binary', '!!timestamp', '!vault', '!', '!!foo'];

export function generateNumberText(r: Rng): string {
  const sign = chance(r, 0.3) ? pick(r, ['+', '-']) : '';
  switch (Math.floor(r() * 7)) {
    case 0: return sign + pick(r, ['9223372036854775807', '9223372036854775808', '18446744073709551615', '18446744073709551616', '9007199254740993', '2147483647', '2147483648', '4294967296']);
    case 1: return sign + pick(r, ['0x', '0X', '0o', '0b', '0']) + digits(r, 1 + Math.floor(r() * 18), '0123456789abcdef'.slice(0, pick(r, [2, 8, 10, 16])));
    case 2: return sign + digits(r, 1 + Math.floor(r() * 22)) + (chance(r, 0.5) ? `.${digits(r, Math.floor(r() * 10))}` : '');
    case 3: return `${sign}${digits(r, 1 + Math.floor(r() * 6))}${chance(r, 0.5) ? `.${digits(r, Math.floor(r() * 6))}` : ''}${pick(r, ['e', 'E'])}${pick(r, ['', '+', '-'])}${digits(r, 1 + Math.floor(r() * 3))}`;
    case 4: return sign + digits(r, 1 + Math.floor(r() * 4)) + '_' + digits(r, 3) + (chance(r, 0.3) ? '_' : '');
    case 5: return `${sign}.${digits(r, 1 + Math.floor(r() * 5))}${chance(r, 0.3) ? `e${digits(r, 1)}` : ''}`;
    default: return sign + digits(r, 1 + Math.floor(r() * 3)) + pick(r, ['٣', '３', '', '']);
  }
}

export function generateScalar(r: Rng): string {
  let text = chance(r, 0.6) ? generateNumberText(r) : pick(r, WORDS);
  let tag = chance(r, 0.3) ? pick(r, TAGS) : '';
  if (tag === '!!binary') text = chance(r, 0.7) ? btoa(pick(r, ['64Mi', 'true', '1', 'hello', 'x'])) : pick(r, ['abc', 'aGVsbG8', 'a=b']);
  const style = chance(r, 0.65) ? 'plain' : pick(r, ['single', 'double']);
  const quoted = style === 'single' ? `'${text.replace(/'/g, "''")}'` : style === 'double' ? JSON.stringify(text) : text;
  if (style === 'plain' && /^[!&*]/.test(text)) tag = '';
  return tag ? `${tag} ${quoted}` : quoted;
}

