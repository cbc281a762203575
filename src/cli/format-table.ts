/**
 * Presentation helpers shared by the commands: colours (only when asked), aligned columns,
 * settings flattened to `path value` rows, the machine formats (`-o json|yaml`), and text that is
 * safe for a terminal.
 *
 * Names, values and messages come from the input, and may hold escape sequences or newlines that
 * would move the cursor, recolour or forge lines of the report. So table output goes through
 * {@link terminalLines}, which escapes every control character (`\u001b`, `\n`, …). The colours
 * the painter adds survive it because they are written as markers carrying a random tag drawn for
 * each painter, which input cannot guess, and turned into ANSI codes only at the very end.
 */
import { randomBytes } from 'node:crypto';
import { stringify } from 'yaml';
import { RATE_LIMIT_RULE_PATH, userRateLimitRule } from './rate-limit-settings.js';
import { escapeControl } from './escape-control.js';

export { escapeControl };

/** The colours the commands use; identity functions when colour is off. */
export interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  green(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

/** A colour marker: private-use characters around the painter's tag and an SGR code. */
const MARKER = /\uE000([0-9a-f]{16})(\d+)\uE001/g;

/** The colours, or identity functions when `colour` is false. */
export function painter(colour: boolean): Paint {
  if (!colour) {
    const same = (s: string) => s;
    return { bold: same, dim: same, green: same, red: same, yellow: same, cyan: same };
  }
  const tag = randomBytes(8).toString('hex');
  const mark = (code: number) => `\uE000${tag}${code}\uE001`;
  const code = (open: number, close: number) => (s: string) => (s !== '' ? `${mark(open)}${s}${mark(close)}` : s);
  return { bold: code(1, 22), dim: code(2, 22), green: code(32, 39), red: code(31, 39), yellow: code(33, 39), cyan: code(36, 39) };
}

/** The tag of a painter's markers, read off a marker it makes; none when it does not colour. */
const tagOf = (paint: Paint): string | undefined => /\uE000([0-9a-f]{16})/.exec(paint.bold('x'))?.[1];

/**
 * Lines of a report as written to a terminal or a log: control characters escaped in each line,
 * then this painter's colour markers turned into ANSI codes. Ends with a newline.
 */
export function terminalLines(lines: readonly string[], paint: Paint): string {
  const text = lines.map(escapeControl).join('\n');
  const own = tagOf(paint);
  const coloured = own === undefined ? text : text.replace(MARKER, (whole, tag: string, code: string) => (tag === own ? `\u001b[${code}m` : whole));
  return `${coloured}\n`;
}

/** Printed width of a string (colour markers take no room; control characters count as their escapes). */
const width = (s: string): number => escapeControl(s.replace(MARKER, '')).length;

/**
 * Rows laid out in columns separated by two spaces, each line prefixed by `indent`; the last
 * column is not padded. Cells may carry colour markers.
 */
export function table(rows: readonly (readonly string[])[], indent = ''): string[] {
  const widths: number[] = [];
  const escaped = rows.map((row) => row.map(escapeControl));
  for (const row of escaped) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, width(cell))));
  return escaped.map((row) => {
    const cells = row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - width(cell))));
    return `${indent}${cells.join('  ')}`.trimEnd();
  });
}

/** A value in a table cell: strings bare (quoted when empty or multi-line), everything else as JSON. */
function formatValue(value: unknown): string {
  if (typeof value === 'string') return value === '' || /[\n\r\t]/.test(value) || value.trim() !== value ? JSON.stringify(value) : value;
  if (value === undefined) return '';
  return JSON.stringify(value);
}

/** One row of effective settings: a leaf path of `traffic`, its value and (when known) the policy that set it. */
export interface SettingRow {
  path: string;
  /** The value as printed. */
  value: string;
  /** The value as resolved (a list for a row that stands for a list of scalars). */
  raw: unknown;
  /** `namespace/name` of the policy, from `provenance`. */
  from?: string;
}

/** Formats a setting for a table; `undefined` falls back to `formatValue`. */
export type SettingFormat = (path: string, value: unknown) => string | undefined;

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isScalar = (v: unknown) => v === null || typeof v !== 'object';

/** A setting's value as printed: lists of scalars joined by commas, each item formatted. */
export function displayValue(path: string, value: unknown, format: SettingFormat = () => undefined): string {
  if (Array.isArray(value) && value.length > 0 && value.every(isScalar)) return value.map((v, i) => format(`${path}[${i}]`, v) ?? formatValue(v)).join(', ');
  if (Array.isArray(value) && value.length === 0) return '[]';
  if (isPlainObject(value) && Object.keys(value).length === 0) return '{}';
  return format(path, value) ?? formatValue(value);
}

/**
 * The leaves of a settings object, in its key order, with their provenance. A list of scalars
 * whose items all come from one policy is one row (`triggers  a, b, c`); other lists get a row per
 * item leaf (`compression[0].type`), as provenance names them. Rate limit rules are shown in the
 * CRD's words (rate-limit-settings.ts). No settings at all make no rows.
 */
export function settingRows(
  traffic: unknown,
  provenance: Record<string, { namespace: string; name: string }> = {},
  format: SettingFormat = () => undefined,
): SettingRow[] {
  const rows: SettingRow[] = [];
  const from = (path: string): string | undefined => {
    const ref = provenance[path];
    return ref ? `${ref.namespace}/${ref.name}` : undefined;
  };
  /** The policy behind any leaf under `path` (a translated rule has no leaf paths of its own). */
  const fromUnder = (path: string): string | undefined => {
    const key = Object.keys(provenance).find((k) => k.startsWith(`${path}.`) || k.startsWith(`${path}[`));
    return key === undefined ? from(path) : from(key);
  };
  const push = (path: string, raw: unknown, source: string | undefined): void => {
    const row: SettingRow = { path, value: displayValue(path, raw, format), raw };
    if (source !== undefined) row.from = source;
    rows.push(row);
  };
  /** `rule`: inside a translated rate limit rule, whose leaves all come from `source`. */
  const visit = (value: unknown, path: string, rule?: { source: string | undefined }): void => {
    const sourceOf = (p: string) => (rule ? rule.source : from(p));
    if (!rule && RATE_LIMIT_RULE_PATH.test(path) && isPlainObject(value)) {
      return visit(userRateLimitRule(value), path, { source: fromUnder(path) });
    }
    if (Array.isArray(value)) {
      if (value.length === 0) return push(path, value, sourceOf(path));
      const sources = value.map((_, i) => sourceOf(`${path}[${i}]`));
      if (value.every(isScalar) && sources.every((s) => s === sources[0])) return push(path, value, sources[0]);
      value.forEach((item, i) => visit(item, `${path}[${i}]`, rule));
      return;
    }
    if (isPlainObject(value)) {
      const keys = Object.keys(value);
      // An empty object is a setting (`compression: {}`), except the whole of an empty `traffic`.
      if (keys.length === 0) return path ? push(path, value, sourceOf(path)) : undefined;
      for (const k of keys) visit(value[k], path ? `${path}.${k}` : k, rule);
      return;
    }
    if (path) push(path, value, sourceOf(path));
  };
  visit(traffic, '');
  return rows;
}

/** Whether a table of these rows shows a duration (so that it needs the legend about units). */
export function showsDuration(rows: readonly SettingRow[], format: SettingFormat): boolean {
  return rows.some((row) =>
    Array.isArray(row.raw) ? row.raw.some((v, i) => format(`${row.path}[${i}]`, v) !== undefined) : format(row.path, row.raw) !== undefined,
  );
}

/** A value as `-o json` (two-space indent) or `-o yaml` (no line folding) prints it. */
export function machineOutput(value: unknown, format: 'json' | 'yaml'): string {
  return format === 'json' ? `${JSON.stringify(value, null, 2)}\n` : stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** `kind` pluralised for a count: 1 HTTPRoute, 2 HTTPRoutes, 3 BackendTrafficPolicies. */
export function plural(word: string, n: number): string {
  if (n === 1) return word;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

/** `n word(s)`. */
export const count = (n: number, word: string): string => `${n} ${plural(word, n)}`;
