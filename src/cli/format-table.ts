/**
 * Presentation helpers shared by the commands: colours (only when the io says so), aligned
 * columns, settings flattened to `path value` rows, and the machine formats (`-o json|yaml`).
 */
import { stringify } from 'yaml';

/** The colours the commands use; identity functions when colour is off. */
export interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  green(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

/** The colours, or identity functions when `colour` is false. */
export function painter(colour: boolean): Paint {
  const code = (open: number, close: number) => (s: string) => (colour && s !== '' ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return { bold: code(1, 22), dim: code(2, 22), green: code(32, 39), red: code(31, 39), yellow: code(33, 39), cyan: code(36, 39) };
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** Printed width of a string (ANSI colour codes take no room). */
export const width = (s: string): number => s.replace(ANSI, '').length;

/**
 * Rows laid out in columns separated by two spaces, each line prefixed by `indent`; the last
 * column is not padded. Cells may carry colour codes.
 */
export function table(rows: readonly (readonly string[])[], indent = ''): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, width(cell))));
  return rows.map((row) => {
    const cells = row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - width(cell))));
    return `${indent}${cells.join('  ')}`.trimEnd();
  });
}

/** A value in a table cell: strings bare (quoted when empty or multi-line), everything else as JSON. */
export function formatValue(value: unknown): string {
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
 * item leaf (`compression[0].type`), as provenance names them.
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
  const push = (path: string, raw: unknown, source: string | undefined): void => {
    const row: SettingRow = { path, value: displayValue(path, raw, format), raw };
    if (source !== undefined) row.from = source;
    rows.push(row);
  };
  const visit = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      if (value.length === 0) return push(path, value, from(path));
      const sources = value.map((_, i) => from(`${path}[${i}]`));
      if (value.every(isScalar) && sources.every((s) => s === sources[0])) return push(path, value, sources[0]);
      value.forEach((item, i) => visit(item, `${path}[${i}]`));
      return;
    }
    if (isPlainObject(value)) {
      const keys = Object.keys(value);
      // An empty object is a setting (`compression: {}`), except the whole of an empty `traffic`.
      if (keys.length === 0) return path ? push(path, value, from(path)) : undefined;
      for (const k of keys) visit(value[k], path ? `${path}.${k}` : k);
      return;
    }
    if (path) push(path, value, from(path));
  };
  visit(traffic, '');
  return rows;
}

/** The output formats every command accepts with `-o`. */
export type OutputFormat = 'table' | 'json' | 'yaml';

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
