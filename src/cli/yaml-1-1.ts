/**
 * Plain YAML scalars read as kubectl reads them. kubectl (and Envoy Gateway's file loader) read
 * manifests with sigs.k8s.io/yaml, which parses with go-yaml v2: YAML 1.1's scalars, not YAML
 * 1.2's. So, in a plain (unquoted) scalar:
 *
 * - `y`, `Y`, `yes`, `on`, `true` (and their `Yes`/`YES`, … forms) are `true`; `n`, `no`, `off`,
 *   `false` (…) are `false`; `~`, `null`, `Null`, `NULL` and nothing at all are `null`;
 * - integers are read by Go's `strconv.ParseInt(s, 0, 64)` after dropping every `_`: `010` is 8
 *   (a leading `0` means octal), `0o17`, `0x1F` and `0b101` too, `1_024` is 1024; past int64, an
 *   unsigned value up to 2^64-1;
 * - other numbers are floats when they look like `[-+]?(.d+|d+(.d*)?)([eE][-+]?d+)?` (again with
 *   `_` dropped): `08` is 8, `1e3` is 1000; `.nan`, `.inf` and `-.inf` (and `.NaN`, `.Inf`, …);
 * - everything else is a string, including what YAML 1.1 would call a timestamp (go-yaml hands
 *   those to an untyped field as the text), a sexagesimal number (`1:30`, which go-yaml v2 does not
 *   read as a number) and a number too large for a float (`1e400`).
 *
 * Merge keys (`<<: *defaults`) are go-yaml's too; they are the `yaml` package's `merge` option.
 * Quoted scalars are always strings. Explicit tags (`!!int "010"`) resolve the same way.
 * Source: go-yaml v2's `resolve.go`, which sigs.k8s.io/yaml vendors as `goyaml.v2`.
 */
import type { ParseOptions, ScalarTag, SchemaOptions } from 'yaml';

const words = (value: unknown, list: string): Array<[string, unknown]> => list.split(' ').map((w) => [w, value]);

/** go-yaml v2's `resolveMap`: the plain scalars with a fixed meaning. */
const FIXED = new Map<string, unknown>([
  ...words(true, 'y Y yes Yes YES true True TRUE on On ON'),
  ...words(false, 'n N no No NO false False FALSE off Off OFF'),
  ...words(null, '~ null Null NULL'),
  ['', null],
  ...words(Number.NaN, '.nan .NaN .NAN'),
  ...words(Number.POSITIVE_INFINITY, '.inf .Inf .INF +.inf +.Inf +.INF'),
  ...words(Number.NEGATIVE_INFINITY, '-.inf -.Inf -.INF'),
]);

/** What Go's `strconv.ParseInt(s, 0, 64)` accepts (after `_` are dropped): sign, base prefix, digits. */
const GO_INT = /^([-+]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|0([0-7]*)|([1-9][0-9]*))$/;
/** go-yaml v2's `yamlStyleFloat`. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** A float go-yaml reads through `strconv.ParseFloat` when the scalar starts with `.`. */
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;

const INT64_MIN = -(2n ** 63n);
const INT64_END = 2n ** 63n;
const UINT64_END = 2n ** 64n;

/** The integer Go's ParseInt (or, unsigned, ParseUint) reads from `plain`; `undefined` when neither does. */
function goInteger(plain: string): number | undefined {
  const m = GO_INT.exec(plain);
  if (!m) return undefined;
  const [, sign, hex, oct, bin, leadingZeroOctal, decimal] = m;
  const [digits, prefix] =
    hex !== undefined ? [hex, '0x'] : oct !== undefined ? [oct, '0o'] : bin !== undefined ? [bin, '0b'] : decimal !== undefined ? [decimal, ''] : [leadingZeroOctal ?? '', '0o'];
  // Leading zeros cannot matter, and more than 64 significant digits cannot fit 64 bits: this also
  // keeps BigInt from parsing a megabyte of digits.
  const significant = digits.replace(/^0+/, '');
  if (significant.length > 64) return undefined;
  const magnitude = significant === '' ? 0n : BigInt(`${prefix}${significant}`);
  const value = sign === '-' ? -magnitude : magnitude;
  if (value >= INT64_MIN && value < INT64_END) return Number(value);
  if (sign === '' && value < UINT64_END) return Number(value);
  return undefined;
}

/** go-yaml v2's reading of a plain scalar that starts like a number (`0-9`, `+`, `-`, `.`). */
export function resolveNumberLike(source: string): unknown {
  if (FIXED.has(source)) return FIXED.get(source);
  if (source.startsWith('.')) return DOT_FLOAT.test(source) ? Number(source) : source;
  const plain = source.replaceAll('_', '');
  const integer = goInteger(plain);
  if (integer !== undefined) return integer;
  if (YAML_STYLE_FLOAT.test(plain)) {
    const float = Number(plain);
    if (Number.isFinite(float)) return float; // Go's ParseFloat fails on overflow; the text stays a string
  }
  return source;
}

const NULL_WORDS = /^(?:~|null|Null|NULL)?$/;
const BOOL_WORDS = /^(?:y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON|n|N|no|No|NO|false|False|FALSE|off|Off|OFF)$/;

const nullTag: ScalarTag = {
  tag: 'tag:yaml.org,2002:null',
  default: true,
  identify: (value) => value === null || value === undefined,
  test: NULL_WORDS,
  resolve: (source) => (NULL_WORDS.test(source) ? null : source),
};

const boolTag: ScalarTag = {
  tag: 'tag:yaml.org,2002:bool',
  default: true,
  identify: (value) => typeof value === 'boolean',
  test: BOOL_WORDS,
  resolve: (source) => (BOOL_WORDS.test(source) ? FIXED.get(source) : source),
};

const NUMBER_LIKE = /^[-+.0-9]/;

const intTag: ScalarTag = {
  tag: 'tag:yaml.org,2002:int',
  default: true,
  identify: (value) => typeof value === 'number',
  test: NUMBER_LIKE,
  resolve: resolveNumberLike,
};

/** Only for an explicit `!!float`: plain scalars are resolved by `intTag`, which reads floats too. */
const floatTag: ScalarTag = { ...intTag, tag: 'tag:yaml.org,2002:float', default: false };

/**
 * Options for the `yaml` package that read plain scalars as go-yaml v2 does: the failsafe schema
 * (maps, sequences, strings) plus these tags, and merge keys.
 */
export const KUBECTL_YAML_OPTIONS: Readonly<Pick<ParseOptions & SchemaOptions, 'schema' | 'customTags' | 'merge'>> = {
  schema: 'failsafe',
  customTags: [nullTag, boolTag, intTag, floatTag],
  merge: true,
};
