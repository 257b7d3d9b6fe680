// Kubernetes resource.Quantity as KubeVirt sees it: Go-exact parsing and canonical form (BigInt, no
// floats), the CRD pattern, the bandwidth KubeVirt really applies, and plain-words help for misspellings.

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/**
 * A parsed quantity. Its magnitude is exactly `mantissa × 10^exponent` (mantissa ≥ 0 without trailing
 * zeros; zero is `0n × 10^0`), so `1e2000000000` stays cheap. As in Go the value is already rounded up,
 * away from zero, to a multiple of 10^-9, and BinarySI values are capped at 2^63-1.
 */
export interface Quantity {
  mantissa: bigint;
  exponent: number;
  format: QuantityFormat;
  negative: boolean;
}

export type QuantityParseResult = { ok: true; quantity: Quantity } | { ok: false; error: string };

/** A mistake in a quantity string, in plain words, with full replacement strings (best first). */
export interface QuantityMistake {
  message: string;
  suggestions: string[];
}

/** The pattern the Kubernetes OpenAPI generator emits for every `resource.Quantity` (CRD schema). */
export const QUANTITY_CRD_PATTERN =
  /^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;

/** Go `resource.ErrFormatWrong`. */
export const GO_QUANTITY_REGEX_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/** Go `resource.ErrSuffix`. */
export const GO_QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";
/** Go `resource.ErrNumeric`. */
export const GO_QUANTITY_NUMERIC_ERROR = 'unable to parse numeric part of quantity';

const DECIMAL_SUFFIXES = new Map([['n', -9], ['u', -6], ['m', -3], ['', 0], ['k', 3], ['M', 6], ['G', 9], ['T', 12], ['P', 15], ['E', 18]]);
const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const DECIMAL_BY_POWER = ['', 'k', 'M', 'G', 'T', 'P', 'E'];
const DECIMAL_BY_EXPONENT = new Map([...DECIMAL_SUFFIXES].map(([suffix, exponent]) => [exponent, suffix]));
const RADIX_NAMES: Record<string, string> = { x: 'hexadecimal', o: 'octal', b: 'binary' };
const MAX_INT64 = (1n << 63n) - 1n;
const MIB = 1048576;
const SUPERSCRIPT = ['', '', '²', '³', '⁴', '⁵', '⁶'];

const pow10 = (n: number): bigint => 10n ** BigInt(n);
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

function makeQuantity(mantissa: bigint, exponent: number, format: QuantityFormat, negative: boolean): Quantity {
  if (mantissa === 0n) return { mantissa, exponent: 0, format, negative: false };
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  return { mantissa, exponent, format, negative };
}

/** Compares mantissa × 10^exponent with a non-negative integer; exponent must be small. */
function compareWith(mantissa: bigint, exponent: number, n: bigint): number {
  const [a, b] = exponent >= 0 ? [mantissa * pow10(exponent), n] : [mantissa, n * pow10(-exponent)];
  return a < b ? -1 : a > b ? 1 : 0;
}

interface ScannedQuantity {
  negative: boolean;
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

// mirrors kubernetes/apimachinery pkg/api/resource/quantity.go parseQuantityString
function scanQuantity(str: string): ScannedQuantity | undefined {
  const end = str.length;
  let pos = 0;
  let negative = false;
  if (str[0] === '-' || str[0] === '+') negative = str[pos++] === '-';
  for (;; pos++) {
    if (pos >= end) return { negative, value: '0', num: '0', denom: '', suffix: '' };
    if (str[pos] !== '0') break;
  }
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  if (i >= end) return { negative, value: str, num: str.slice(pos), denom: '', suffix: '' };
  const num = str.slice(pos, i) || '0';
  pos = i;
  let denom = '';
  if (str[pos] === '.') {
    for (i = ++pos; i < end && isDigit(str[i]); i++);
    if (i >= end) return { negative, value: str, num, denom: str.slice(pos), suffix: '' };
    denom = str.slice(pos, i);
    pos = i;
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  for (i = pos; i < end && 'eEinumkKMGTP'.includes(str[i]); i++);
  if (i >= end) return { negative, value, num, denom, suffix: str.slice(suffixStart) };
  pos = i;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  for (i = pos; i < end && isDigit(str[i]); i++);
  return i >= end ? { negative, value, num, denom, suffix: str.slice(suffixStart) } : undefined;
}

// mirrors kubernetes/apimachinery pkg/api/resource/suffix.go suffixHandler.interpret (int32(parsed) truncation included)
function interpretSuffix(suffix: string): { base: 2 | 10; exponent: number; format: QuantityFormat } | undefined {
  const decimal = DECIMAL_SUFFIXES.get(suffix);
  if (decimal !== undefined) return { base: 10, exponent: decimal, format: 'DecimalSI' };
  const binary = BINARY_SUFFIXES.indexOf(suffix);
  if (binary > 0) return { base: 2, exponent: binary * 10, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?[0-9]+$/.test(suffix.slice(1))) {
    const parsed = BigInt(suffix.slice(1));
    if (parsed > MAX_INT64 || parsed < -MAX_INT64 - 1n) return undefined;
    return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)), format: 'DecimalExponent' };
  }
  return undefined;
}

/**
 * Parses a quantity exactly as Go's `resource.ParseQuantity` does, quirks included: `.`, `+` and `-`
 * are 0, whitespace is rejected, `1e1.5` is rejected, `K` is an unknown suffix. Errors are Go's texts.
 */
// mirrors kubernetes/apimachinery pkg/api/resource/quantity.go ParseQuantity
export function parseQuantity(text: string): QuantityParseResult {
  if (text.length === 0) return { ok: false, error: GO_QUANTITY_REGEX_ERROR };
  if (text === '0') return { ok: true, quantity: makeQuantity(0n, 0, 'DecimalSI', false) };
  const scan = scanQuantity(text);
  if (!scan) return { ok: false, error: GO_QUANTITY_REGEX_ERROR };
  const unit = interpretSuffix(scan.suffix);
  if (!unit) return { ok: false, error: GO_QUANTITY_SUFFIX_ERROR };
  // a number without digits ("." or "+") is 0 on Go's int64 fast path, but inf.Dec.SetString rejects it on the slow path
  const fastPath = unit.base === 2 ? 13 - Math.trunc((unit.exponent * 3) / 10) >= 0 : unit.exponent >= -9;
  if (!/[0-9]/.test(scan.value) && !fastPath) return { ok: false, error: GO_QUANTITY_NUMERIC_ERROR };

  const digits = scan.num + scan.denom;
  const bits = unit.base === 2 ? unit.exponent : 0;
  let exponent = scan.denom.length ? -scan.denom.length : 0;
  if (unit.base === 10) exponent += unit.exponent;
  let mantissa: bigint;
  if (exponent < -9 && /[1-9]/.test(digits)) {
    // Rounded up to nano: ceil(digits × 2^bits / 10^shift), worked out on the text, since converting a million
    // digits to a BigInt and back takes seconds. With 10^shift = 10^(shift-bits) × 2^bits × 5^bits, the quotient
    // is ceil((head + 0.tail) / 5^bits), head being the digits before the last shift-bits and tail those: the
    // tail only decides whether to round up.
    const shift = -9 - exponent;
    const cut = Math.max(0, digits.length - (shift - bits));
    if (shift < bits) {
      const divisor = pow10(shift);
      mantissa = ((BigInt(digits) << BigInt(bits)) + divisor - 1n) / divisor;
    } else {
      const five = 5n ** BigInt(bits);
      const head = BigInt(digits.slice(0, cut)); // BigInt('') is 0n
      mantissa = head / five + (head % five !== 0n || /[1-9]/.test(digits.slice(cut)) ? 1n : 0n);
    }
    exponent = -9;
  } else mantissa = BigInt(digits) << BigInt(bits);
  let format = unit.format;
  if (format === 'BinarySI') {
    if (compareWith(mantissa, exponent, MAX_INT64) > 0) [mantissa, exponent] = [MAX_INT64, 0];
    if (mantissa !== 0n && compareWith(mantissa, exponent, 1n) < 0) format = 'DecimalSI';
  }
  return { ok: true, quantity: makeQuantity(mantissa, exponent, format, scan.negative) };
}

/** True when the text matches the CRD schema pattern that the API server checks. */
export function matchesCrdPattern(text: string): boolean {
  return QUANTITY_CRD_PATTERN.test(text);
}

/** True when both the API server (CRD pattern) and KubeVirt's webhook (Go parser) accept the text. */
export function isValidQuantity(text: string): boolean {
  return matchesCrdPattern(text) && parseQuantity(text).ok;
}

/**
 * The canonical form: no fractional digits, the largest suffix that loses nothing, a sign only when
 * negative, the format family kept (BinarySI below 1024 or fractional prints as DecimalSI). This is the
 * true canonical form, not `Quantity.String()`, which echoes inputs it judges canonical already.
 */
// mirrors kubernetes/apimachinery pkg/api/resource/quantity.go Quantity.CanonicalizeBytes
export function canonicalQuantity(q: Quantity): string {
  let { mantissa, exponent } = makeQuantity(q.mantissa, q.exponent, q.format, q.negative);
  if (mantissa === 0n) return '0';
  const sign = q.negative ? '-' : '';
  let format = q.format;
  if (format === 'BinarySI') {
    if (exponent < 0 || compareWith(mantissa, exponent, 1024n) < 0) format = 'DecimalSI';
    else {
      let value = mantissa * pow10(exponent);
      let power = 0;
      for (; power < 6 && value % 1024n === 0n; power++) value /= 1024n;
      return `${sign}${value}${BINARY_SUFFIXES[power]}`;
    }
  }
  for (; exponent % 3 !== 0; exponent--) mantissa *= 10n;
  const suffix = format === 'DecimalSI' ? DECIMAL_BY_EXPONENT.get(exponent) : undefined;
  return `${sign}${mantissa}${suffix ?? (exponent === 0 ? '' : `e${exponent}`)}`;
}

/** The value as a float (correctly rounded; ±Infinity when out of range). For display only. */
export function quantityToNumber(q: Quantity): number {
  return Number(`${q.negative ? '-' : ''}${q.mantissa}e${q.exponent}`);
}

/**
 * The exact value of a whole-number quantity as a BigInt (`9223372036854775807` stays itself, where a float
 * would read 2^63), or undefined for a fraction or a value of more than 309 digits (beyond any float).
 */
export function quantityToInteger(q: Quantity): bigint | undefined {
  const n = makeQuantity(q.mantissa, q.exponent, q.format, q.negative);
  if (n.exponent < 0 || n.mantissa.toString().length + n.exponent > 309) return undefined;
  const value = n.mantissa * pow10(n.exponent);
  return n.negative ? -value : value;
}

/** True when the value is below zero. */
export function quantityIsNegative(q: Quantity): boolean {
  return q.negative && q.mantissa !== 0n;
}

/** True when the value is zero (`0`, `0Mi`, `-0.0`, `.`). */
export function quantityIsZero(q: Quantity): boolean {
  return q.mantissa === 0n;
}

/** True when the value is not a whole number, such as `500m` or `1.5`; KubeVirt drops the fraction of a byte. */
export function isMilliQuantity(q: Quantity): boolean {
  const n = makeQuantity(q.mantissa, q.exponent, q.format, q.negative);
  return n.mantissa !== 0n && n.exponent < 0;
}

/**
 * The bandwidth KubeVirt really applies for a `bandwidthPerMigration` text, in bytes per second (0 means no
 * limit), with a note whenever that differs from what was written. It follows virt-launcher's conversion
 * (`launcherBandwidth`): positive values below 1 MiB/s become 1 MiB/s, the rest is rounded to whole MiB/s,
 * a value that reaches it below 1 byte (`500m`) is no limit, and one of 2^63 bytes or more, or one Go's
 * conversion wraps below zero, makes the migration fail (`fails`).
 */
// mirrors kubevirt pkg/virt-launcher/virtwrap/converter/vcpu QuantityToByte and QuantityToMebiByte
export function effectiveBandwidthBytes(text: string): { bytesPerSecond: number; note?: string; fails?: string } {
  const parsed = parseQuantity(text);
  if (!parsed.ok) return { bytesPerSecond: 0 };
  const q = parsed.quantity;
  if (quantityIsNegative(q)) return { bytesPerSecond: 0, note: 'KubeVirt\'s webhook rejects a negative bandwidth ("must not be negative").' };
  const launcher = launcherBandwidth(text);
  const go = goQuantity(text);
  const wire = go ? goQuantityString(go) : text;
  const back = parseQuantity(wire);
  const same = back.ok && back.quantity.mantissa === q.mantissa && back.quantity.exponent === q.exponent;
  const via = same ? '' : ` KubeVirt passes it on as \`${wire}\` (Go's Quantity prints decimal values from 10^21 without their suffix).`;
  if (!launcher || launcher.error !== undefined) {
    const why = launcher?.error ?? 'the conversion fails';
    return { bytesPerSecond: 0, fails: why, note: `virt-launcher cannot convert this bandwidth to bytes ("${why}"), so every migration under this policy fails to start.${via}` };
  }
  const exact = quantityToNumber(q);
  const whole = quantityToInteger(q);
  const bytesPerSecond = Number(launcher.mebibytes) * MIB;
  const trip = roundTrip(text, wire, launcher);
  if (bytesPerSecond === 0) {
    if (quantityIsZero(q) && wire === '0') return { bytesPerSecond: 0, note: `0 means no bandwidth limit.${trip}` };
    return { bytesPerSecond: 0, note: `\`${text}\` is less than 1 byte/s: KubeVirt truncates it to 0, which means no limit.${via}` };
  }
  // exact for whole numbers: 2^63-1 bytes/s is 8796093022208 MiB/s less one byte, which a float cannot tell from it
  if (whole !== undefined ? whole === launcher.mebibytes * BigInt(MIB) : bytesPerSecond === exact) return { bytesPerSecond };
  if (exact < MIB) return { bytesPerSecond, note: `KubeVirt raises a limit below 1 MiB/s to 1 MiB/s.${via}${trip}` };
  const mebibytes = Number(launcher.mebibytes);
  const mib = exact / MIB;
  if (Number.isFinite(mib) && Math.abs(mib - mebibytes) < 1) return { bytesPerSecond, note: `KubeVirt rounds the limit to whole MiB/s: ${mebibytesText(q, mebibytes)} MiB/s becomes ${mebibytes} MiB/s.` };
  return { bytesPerSecond, note: `virt-launcher's 64-bit conversion turns this into ${mebibytes} MiB/s.${via}` };
}

/**
 * Why a value whose direct conversion differs does not behave that way: virt-controller writes the policy's
 * quantity onto the VMI in Go's canonical form, and virt-handler hands virt-launcher that text.
 */
function roundTrip(text: string, wire: string, launcher: LauncherBandwidth): string {
  const direct = directBandwidth(text);
  if (!direct || wire === text || (direct.error === undefined && direct.mebibytes === launcher.mebibytes)) return '';
  const would = direct.error !== undefined ? `that would fail: "${direct.error}"` : direct.mebibytes === 0n ? 'that would mean no limit' : `that would give ${direct.mebibytes} MiB/s`;
  return ` virt-launcher never converts \`${text}\` as written (${would}): KubeVirt records the policy's value on the VMI as \`${wire}\`, and virt-launcher converts that.`;
}

/**
 * A rate in MiB/s with 2 decimals, or as many more as it takes not to read as the whole number it is rounded
 * to (`1048577` is 1.000001 MiB/s, not 1; `1073741824.01` is 1024.00000001, not 1024). Exact (BigInt): a
 * quantity is a multiple of 10^-9 bytes, so 16 decimals of a MiB always tell it from a whole number.
 */
function mebibytesText(q: Quantity, rounded: number): string {
  const numerator = q.mantissa * pow10(Math.max(q.exponent, 0));
  const denominator = BigInt(MIB) * pow10(Math.max(-q.exponent, 0));
  let text = '';
  for (let digits = 2; digits <= 16 && (text === '' || text === String(rounded)); digits++) {
    text = exactFixed(numerator, denominator, digits);
  }
  return text;
}

/** numerator / denominator rounded half up to `digits` decimals, trailing zeros trimmed (BigInt, no floats). */
function exactFixed(numerator: bigint, denominator: bigint, digits: number): string {
  const scale = pow10(digits);
  const scaled = (numerator * scale * 2n + denominator) / (denominator * 2n);
  const fraction = (scaled % scale).toString().padStart(digits, '0').replace(/0+$/, '');
  return `${scaled / scale}${fraction ? `.${fraction}` : ''}`;
}

/**
 * `x` with at most `digits` decimals, trailing zeros dropped. From 10^21 up, where `toFixed` switches to
 * exponent notation (and dropping zeros would cut the exponent: `1.6e+290` is not `1.6e+29`), three
 * significant digits times a power of ten: `1.73 × 10^289`.
 */
function trimFixed(x: number, digits: number): string {
  if (Math.abs(x) >= 1e21) {
    const [mantissa, exponent] = x.toExponential(2).split('e');
    return `${mantissa.replace(/\.?0+$/, '')} × 10^${Number(exponent)}`;
  }
  return x.toFixed(digits).replace(/\.?0+$/, '');
}

function groupDigits(x: number | bigint): string {
  const [whole, fraction] = typeof x === 'bigint' ? [x.toString()] : Number.isInteger(x) ? [BigInt(x).toString()] : trimFixed(x, 3).split('.');
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction ? `.${fraction}` : '');
}

/** `x * factor` in the largest unit it reaches; scaled before the factor, so 8 bits a byte never overflow to Infinity. */
function scaleUnits(x: number, base: number, units: string[], digits: number, factor = 1): string {
  let i = 0;
  for (; i < units.length - 1 && x >= base / factor; i++) x /= base;
  return `${trimFixed(x * factor, digits)} ${units[i]}`;
}

/**
 * Human text for a rate in bytes per second: `64 MiB/s (67,108,864 bytes/s, 536.9 Mbit/s)`,
 * `512 bytes/s (4.1 kbit/s)`; 0 is `unlimited`. A negative rate gets a leading minus sign. A BigInt (see
 * `quantityToInteger`) keeps its exact digits beyond 2^53; the scaled figures are rounded anyway.
 */
export function formatBandwidth(bytesPerSecond: number | bigint): string {
  const x = Number(bytesPerSecond);
  if (x === 0) return 'unlimited';
  if (Number.isNaN(x)) return 'not a number';
  if (x === Infinity) return 'more than 10^308 bytes/s';
  if (x === -Infinity) return 'less than -10^308 bytes/s';
  if (x < 0) return `-${formatBandwidth(-bytesPerSecond)}`;
  const plain = `${groupDigits(bytesPerSecond)} ${x === 1 ? 'byte/s' : 'bytes/s'}`;
  const bits = scaleUnits(x, 1000, ['bit/s', 'kbit/s', 'Mbit/s', 'Gbit/s', 'Tbit/s', 'Pbit/s', 'Ebit/s'], 1, 8);
  if (x < 1024) return `${plain} (${bits})`;
  return `${scaleUnits(x, 1024, ['bytes/s', 'KiB/s', 'MiB/s', 'GiB/s', 'TiB/s', 'PiB/s', 'EiB/s'], 2)} (${plain}, ${bits})`;
}

const NUMBER_THEN_UNIT = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(.+)$/;
const UNIT_WORDS = /^([kmgtpe]?)(i?)(bytes?|bits?|b)?(ps|\/s|\/sec|\/second)?$/i;
const FRACTIONAL_EXPONENT = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))[eE]([+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+))$/;

function multiplier(suffix: string): string {
  const binary = BINARY_SUFFIXES.indexOf(suffix);
  if (binary > 0) return `×1024${SUPERSCRIPT[binary]}`;
  const power = DECIMAL_BY_POWER.indexOf(suffix);
  return power > 0 ? `×1000${SUPERSCRIPT[power]}` : '×1/1000';
}

/** A quantity string for an approximate number, rounded to 3 significant digits (and to a whole number from 1 up). */
function quantityNear(x: number): string | undefined {
  if (!Number.isFinite(x)) return undefined;
  let r = Number(x.toPrecision(3));
  if (Math.abs(r) >= 1) r = Math.round(r);
  const parsed = parseQuantity(String(r));
  return parsed.ok ? canonicalQuantity({ ...parsed.quantity, format: 'DecimalSI' }) : undefined;
}

function formatByteRate(bytes: number, binary: boolean): string {
  return binary
    ? scaleUnits(bytes, 1024, ['B/s', 'KiB/s', 'MiB/s', 'GiB/s', 'TiB/s', 'PiB/s', 'EiB/s'], 3)
    : scaleUnits(bytes, 1000, ['B/s', 'kB/s', 'MB/s', 'GB/s', 'TB/s', 'PB/s', 'EB/s'], 3);
}

function explainUnit(number: string, unit: string): QuantityMistake | undefined {
  const m = UNIT_WORDS.exec(unit);
  if (!m) return undefined;
  const [, letter, binary, base = '', perSecond = ''] = m;
  if ((perSecond.toLowerCase() === 'ps' && !base) || (!letter && binary) || (letter === 'e' && !binary && !base)) return undefined;
  const power = letter ? 'kmgtpe'.indexOf(letter.toLowerCase()) + 1 : 0;
  const parsed = parseQuantity(number);
  if (!parsed.ok) return undefined;

  if (/^bits?$/i.test(base) || (base === 'b' && perSecond)) {
    const q = parsed.quantity;
    const unitBytes = (binary ? 1024n : 1000n) ** BigInt(power);
    const numerator = q.mantissa * unitBytes * pow10(Math.max(q.exponent, 0));
    const denominator = 8n * pow10(Math.max(-q.exponent, 0));
    const bytes = (numerator + denominator - 1n) / denominator;
    const suggestion = canonicalQuantity(makeQuantity(bytes, 0, binary ? 'BinarySI' : 'DecimalSI', q.negative));
    const rate = formatByteRate(Number(numerator) / Number(denominator), !!binary);
    const bitUnit = `${binary ? BINARY_SUFFIXES[power] : DECIMAL_BY_POWER[power]}bit/s`;
    return {
      message: `\`${unit}\` counts bits, but bandwidthPerMigration is in bytes per second: ${number.replace(/^\+/, '')} ${bitUnit} is ${rate}, so write \`${suggestion}\`.`,
      suggestions: [suggestion],
    };
  }

  const reasons: string[] = [];
  if (perSecond) reasons.push('the value is already in bytes per second');
  if (base) reasons.push('quantities have no byte unit');
  let targets: string[];
  if (binary) {
    targets = [BINARY_SUFFIXES[power]];
    if (letter + binary !== targets[0]) reasons.push(letter === 'm' ? 'suffixes are case-sensitive, and a lowercase `m` means milli' : 'suffixes are case-sensitive');
  } else if (base || !DECIMAL_SUFFIXES.has(letter)) {
    targets = power ? [DECIMAL_BY_POWER[power], BINARY_SUFFIXES[power]] : [''];
    if (!base && letter !== 'K') reasons.push('suffixes are case-sensitive');
  } else {
    targets = [letter];
  }
  const why = reasons.length ? ` (${reasons.join('; ')})` : '';
  const advice = targets[0] === ''
    ? `write the plain number \`${number}\``
    : `${targets.length > 1 ? 'use' : 'write'} ${targets.map((s) => `\`${s}\` (${multiplier(s)})`).join(' or ')}`;
  return { message: `\`${unit}\` is not a Kubernetes suffix${why}: ${advice}.`, suggestions: targets.map((s) => number + s) };
}

interface TextFix {
  apply(text: string): string | undefined;
  problem(text: string, fixed: string): string;
}

const TEXT_FIXES: TextFix[] = [
  {
    apply: (t) => /^(["'`])(.*)\1$/s.exec(t)?.[2],
    problem: () => 'The quotation marks are part of the value',
  },
  {
    apply: (t) => t.replace(/\s+/g, ''),
    problem: (t, fixed) => (t.trim() === fixed ? 'Quantities cannot have leading or trailing spaces' : 'Quantities cannot contain spaces'),
  },
  {
    apply: (t) => {
      const m = /^([+-]?)(0[xXoObB][0-9a-fA-F]+)$/.exec(t);
      if (!m) return undefined;
      try {
        return m[1] + BigInt(m[2]).toString();
      } catch {
        return undefined;
      }
    },
    problem: (t) => `Quantities are decimal, and \`${t}\` is ${RADIX_NAMES[t.replace(/^[+-]/, '')[1].toLowerCase()]}`,
  },
  {
    apply: (t) => (/^[+-]?[0-9]{1,3}(?:[,_'][0-9]{3})+(?:\.[0-9]*)?(?:[^0-9,_'.].*)?$/s.test(t) ? t.replace(/[,_']/g, '') : undefined),
    problem: () => 'Quantities cannot contain thousands separators',
  },
  {
    apply: (t) => (/^[+-]?[0-9]*,[0-9]+(?:[^0-9].*)?$/s.test(t) ? t.replace(',', '.') : undefined),
    problem: () => 'Quantities use a decimal point, not a comma',
  },
];

function describeMistake(text: string): QuantityMistake {
  if (text.trim() === '') return { message: 'An empty value is not a quantity: write a number such as `0`.', suggestions: ['0'] };
  for (const fix of TEXT_FIXES) {
    const fixed = fix.apply(text);
    if (fixed === undefined || fixed === text) continue;
    const problem = fix.problem(text, fixed);
    if (isValidQuantity(fixed)) return { message: `${problem}: write \`${fixed}\`.`, suggestions: [fixed] };
    const inner = describeMistake(fixed);
    return { message: `${problem}. ${inner.message}`, suggestions: inner.suggestions };
  }
  const parsed = parseQuantity(text);
  if (/^[+-]?\.?$/.test(text)) {
    return { message: `\`${text}\` has no digits: Go's parser reads it as 0, but the CRD pattern rejects it, so write \`0\`.`, suggestions: ['0'] };
  }
  const bare = /^[+-]?\.?([A-Za-z]+)$/.exec(text);
  if (bare && (DECIMAL_SUFFIXES.has(bare[1]) || BINARY_SUFFIXES.includes(bare[1]))) {
    return { message: `\`${text}\` has no number before the suffix: write one, e.g. \`1${bare[1]}\`.`, suggestions: [`1${bare[1]}`] };
  }
  const fractional = FRACTIONAL_EXPONENT.exec(text);
  if (fractional) {
    const [, mantissa, exponent] = fractional;
    const whole = Number.isInteger(Number(exponent)) ? `${mantissa}e${Number(exponent)}` : undefined;
    const suggestion = whole ?? quantityNear(Number(mantissa) * 10 ** Number(exponent));
    return {
      message: `\`${text}\` has a fractional exponent: the CRD pattern accepts it, but KubeVirt's webhook parses it with Go's ParseQuantity, which allows only whole-number exponents.${suggestion ? ` Write \`${suggestion}\`${whole ? '' : ' (rounded)'}.` : ''}`,
      suggestions: suggestion ? [suggestion] : [],
    };
  }
  if (!parsed.ok && matchesCrdPattern(text)) {
    return { message: `\`${text}\` matches the CRD pattern, but KubeVirt's webhook rejects it (Go's ParseQuantity says "${parsed.error}").`, suggestions: [] };
  }
  const split = NUMBER_THEN_UNIT.exec(text);
  const unitMistake = split ? explainUnit(split[1], split[2]) : undefined;
  if (unitMistake) return unitMistake;
  if (parsed.ok) {
    const canonical = canonicalQuantity(parsed.quantity);
    return { message: `\`${text}\` is accepted by Go's parser but not by the CRD pattern: write \`${canonical}\`.`, suggestions: [canonical] };
  }
  return {
    message: `\`${text}\` is not a Kubernetes quantity: write a decimal number with an optional suffix (\`k\`, \`M\`, \`G\` for ×1000 steps, \`Ki\`, \`Mi\`, \`Gi\` for ×1024 steps), such as \`64Mi\`.`,
    suggestions: [],
  };
}

/**
 * For a string that the API server or KubeVirt's webhook rejects, names the mistake in plain words and
 * offers valid replacements, best first (`1K` → `1k` or `1Ki`, `100Mbps` → `12500k`). Undefined when the
 * text is a valid quantity.
 */
export function explainQuantityMistake(text: string): QuantityMistake | undefined {
  if (isValidQuantity(text)) return undefined;
  const { message, suggestions } = describeMistake(text);
  return { message, suggestions: [...new Set(suggestions)].filter(isValidQuantity) };
}

/** Rounding digits (goRoundingDigits) from which Go's ParseQuantity outlasts the webhook's 10 s timeout here. */
export const GO_PARSE_TIMEOUT_DIGITS = 8_000_000;
/** Rounding digits from which Go's ParseQuantity takes noticeably long (0.3 s at 1,000,000). */
export const GO_PARSE_SLOW_DIGITS = 1_000_000;

/** How Go's `resource.Quantity` holds a parsed value: which matters to KubeVirt's integer conversions. */
export interface GoQuantity {
  /** int64Amount (the parser's fast path) or inf.Dec (the slow path). */
  kind: 'int64' | 'dec';
  /** The value is unscaled × 10^exponent (int64Amount: value and scale; inf.Dec: unscaled and -scale). */
  unscaled: bigint;
  exponent: number;
  quantity: Quantity;
  /** The text Go keeps and prints back unchanged, when the fast path judges it canonical. */
  cached?: string;
}

const INT64_MIN = -(1n << 63n);
const int64 = (n: bigint): bigint => BigInt.asIntN(64, n);

/**
 * How many decimal digits Go's ParseQuantity must shift when it rounds a slow-path value to 1n. Its run
 * time grows with the square of this: measured on a 2-core CI machine, 1,000,000 digits take 0.3 s,
 * 3,000,000 take 1.5 s, so about 8,000,000 exceed the 10 s KubeVirt gives its admission webhook.
 */
// mirrors kubernetes/apimachinery pkg/api/resource/quantity.go ParseQuantity (the inf.Dec Round to Nano)
export function goRoundingDigits(text: string): number {
  const scan = text === '0' ? undefined : scanQuantity(text);
  const unit = scan && interpretSuffix(scan.suffix);
  if (!scan || !unit || !/[1-9]/.test(scan.num + scan.denom)) return 0;
  if (unit.base === 2) {
    // Binary suffixes take the int64 path only without fraction digits (and few integer digits); otherwise the
    // inf.Dec keeps the fraction digits as its scale (the suffix multiplies the unscaled value) and is rounded
    // to 9 like a decimal one: the Go oracle takes as long for `0.1…Ki` as for `0.1…` with as many digits.
    if (scan.denom.length === 0) return 15 - scan.num.length - Math.trunc((unit.exponent * 3) / 10) - 1 >= 0 ? 0 : 9;
    return Math.abs(scan.denom.length - 9);
  }
  const digits = scan.num.length + scan.denom.length;
  const scale = (unit.exponent - scan.denom.length) | 0;
  if (18 - digits >= 0 && scale >= -9) return 0;
  return Math.abs(scan.denom.length - unit.exponent - 9);
}

/** Go's representation of a quantity that `parseQuantity` accepts (undefined when it does not). */
// mirrors kubernetes/apimachinery pkg/api/resource/quantity.go ParseQuantity (fast path and inf.Dec path)
export function goQuantity(text: string): GoQuantity | undefined {
  const parsed = parseQuantity(text);
  if (!parsed.ok) return undefined;
  const quantity = parsed.quantity;
  if (text === '0') return { kind: 'int64', unscaled: 0n, exponent: 0, quantity, cached: '0' };
  const scan = scanQuantity(text);
  const unit = scan && interpretSuffix(scan.suffix);
  if (!scan || !unit) return undefined;
  let precision: number;
  let scale = 0;
  let multiplier = 1n;
  if (unit.base === 10) {
    scale = unit.exponent;
    precision = 18 - (scan.num.length + scan.denom.length);
  } else if (scan.denom.length === 0) {
    multiplier = 1n << BigInt(unit.exponent);
    precision = 15 - scan.num.length - Math.trunc((unit.exponent * 3) / 10) - 1;
  } else {
    precision = -1;
  }
  if (precision >= 0) {
    scale = (scale - scan.denom.length) | 0;
    if (scale >= -9) {
      const shifted = scan.num + scan.denom;
      const value = BigInt(shifted);
      const product = value * multiplier;
      if (product <= MAX_INT64) {
        const result = scan.negative ? -product : product;
        const canonical = unit.base === 2 ? (value & 7n) !== 0n : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        return { kind: 'int64', unscaled: result, exponent: scale, quantity, cached: canonical ? text : undefined };
      }
    }
  }
  if (quantity.mantissa === 0n) return { kind: 'dec', unscaled: 0n, exponent: 0, quantity };
  const sign = quantity.negative ? -1n : 1n;
  if (quantity.exponent >= 0 && unit.base === 2 && quantity.mantissa * pow10(quantity.exponent) === MAX_INT64) {
    return { kind: 'dec', unscaled: sign * MAX_INT64, exponent: 0, quantity };
  }
  // inf.Dec Round(amount, 9, RoundUp) leaves the value at scale 9 exactly; `unscaled` is only spelled out
  // while it is small (goValue works from `quantity` otherwise).
  const unscaled = quantity.exponent <= 40 ? quantity.mantissa * pow10(quantity.exponent + 9) : 0n;
  return { kind: 'dec', unscaled: sign * unscaled, exponent: -9, quantity };
}

/** The text `Quantity.MarshalJSON` writes: the kept text, else CanonicalizeBytes (DecimalSI of 10^21 and up loses its suffix, as in Go). */
// mirrors kubernetes/apimachinery pkg/api/resource/quantity.go Quantity.CanonicalizeBytes and suffix.go constructBytes
export function goQuantityString(q: GoQuantity): string {
  if (q.cached !== undefined) return q.cached;
  const canonical = canonicalQuantity(q.quantity);
  if (q.quantity.format !== 'DecimalSI') return canonical;
  const m = /^(-?[0-9]+)e([0-9]+)$/.exec(canonical);
  return m ? m[1] : canonical;
}

// math.go positiveScaleInt64: the scales 1, 2, 3, 6 and 9 return the wrapped product on overflow, the others 0.
function goPositiveScale(base: bigint, scale: number): { value: bigint; ok: boolean } {
  if (scale === 0) return { value: base, ok: true };
  const times = (a: bigint, b: bigint) => {
    if (a === 0n || a === 1n) return { value: a * b, ok: true };
    if (a === INT64_MIN) return { value: 0n, ok: false };
    const c = int64(a * b);
    const q = c / b;
    return { value: c, ok: q === a };
  };
  if (scale === 1 || scale === 2 || scale === 3 || scale === 6 || scale === 9) return times(base, pow10(scale));
  let value = base;
  for (let i = 0; i < scale; i++) {
    const r = times(value, 10n);
    if (!r.ok) return { value: 0n, ok: false };
    value = r.value;
  }
  return { value, ok: true };
}

// Quantity.AsInt64 (int64Amount.AsInt64; an inf.Dec never counts as an int64).
function goAsInt64(q: GoQuantity): bigint | undefined {
  if (q.kind === 'dec' || q.exponent < 0) return undefined;
  const r = goPositiveScale(q.unscaled, q.exponent);
  return r.ok ? r.value : undefined;
}

// Quantity.Value: int64Amount.AsScaledInt64(0) or scaledValue of the inf.Dec (int64 wrap-around included).
function goValue(q: GoQuantity): bigint {
  if (q.kind === 'int64') {
    if (q.exponent >= 0) return goPositiveScale(q.unscaled, q.exponent).value;
    const divisor = pow10(-q.exponent);
    const whole = q.unscaled / divisor;
    return q.unscaled % divisor === 0n ? whole : whole + (q.unscaled > 0n ? 1n : -1n);
  }
  if (q.exponent === 0 || q.quantity.mantissa === 0n) return int64(q.unscaled);
  // scaledValue(unscaled, 9, 0): the int64 fast path below maxInt64, else big.Int DivMod and a wrapping Int64().
  const { mantissa, exponent, negative } = q.quantity;
  if (negative || (exponent <= 40 && q.unscaled < MAX_INT64)) {
    // every negative value takes this path too, with unscaled.Int64() wrapped to 64 bits
    const u = exponent <= 40 ? int64(q.unscaled) : int64(-((mantissa % (1n << 64n)) * modPow10(exponent + 9)));
    const whole = u / 1000000000n;
    return u % 1000000000n !== 0n ? whole + 1n : whole;
  }
  if (exponent >= 0) {
    const low = (mantissa % (1n << 64n)) * modPow10(exponent);
    return int64(negative ? -low : low);
  }
  const divisor = 1000000000n;
  let whole = q.unscaled / divisor;
  const rem = q.unscaled % divisor;
  if (rem < 0n) whole -= 1n;
  return int64(rem !== 0n ? whole + 1n : whole);
}

// 10^n modulo 2^64, by squaring (n may be in the billions).
function modPow10(n: number): bigint {
  const m = 1n << 64n;
  let result = 1n;
  let base = 10n;
  for (let e = BigInt(n); e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * base) % m;
    base = (base * base) % m;
  }
  return result;
}

/**
 * What virt-launcher makes of a `bandwidthPerMigration`: the policy's quantity reaches it through JSON
 * twice (the VMI's status.migrationState.migrationConfiguration, then virt-handler's migration options),
 * so it converts the re-parsed marshalled text. `mebibytes` 0 means no limit; `error` means the migration
 * fails to start.
 */
// mirrors kubevirt pkg/virt-launcher/virtwrap/converter/vcpu QuantityToByte and QuantityToMebiByte
export function launcherBandwidth(text: string): LauncherBandwidth | undefined {
  const parsed = goQuantity(text);
  if (!parsed) return undefined;
  const q = parsed.cached !== undefined ? parsed : goQuantity(goQuantityString(parsed));
  return q ? quantityToMebiByte(q) : undefined;
}

/**
 * QuantityToMebiByte applied to the text as written, with no JSON round trip. KubeVirt never does this
 * with a policy's value (it always reaches virt-launcher re-parsed); it is here to say why a value such as
 * `0.0` (which would fail) or `1.0` (which would be no limit) does not behave that way.
 */
export function directBandwidth(text: string): LauncherBandwidth | undefined {
  const q = goQuantity(text);
  return q ? quantityToMebiByte(q) : undefined;
}

export type LauncherBandwidth = { mebibytes: bigint; error?: undefined } | { error: string; mebibytes?: undefined };

// mirrors kubevirt pkg/virt-launcher/virtwrap/converter/vcpu QuantityToByte and QuantityToMebiByte
function quantityToMebiByte(q: GoQuantity): LauncherBandwidth {
  const exact = goAsInt64(q);
  const size = exact ?? int64(goValue(q) - 1n);
  if (size < 0n) return { error: `Memory size '${goQuantityString(q)}' must be greater than or equal to 0` };
  if (size === 0n) return { mebibytes: 0n };
  if (size < BigInt(MIB)) return { mebibytes: 1n };
  return { mebibytes: BigInt(Math.floor(Number(size) / MIB + 0.5)) };
}
