/**
 * Durations in tables: resolved settings carry milliseconds (Envoy Gateway's IR units), which read
 * badly (`900000`). Which settings are durations is taken from the library's JSON Schema of the
 * CRD (fields with the Gateway API duration pattern), matched by path; those are printed the way
 * they are written in a policy (`15m`). Machine output (`-o json|yaml`) keeps milliseconds.
 */
import { backendTrafficPolicyJsonSchema } from '../index.js';
import { isRecord } from '../lang/json.js';

let durationPaths: Set<string> | undefined;

/** Paths under `spec` (list items as `[]`) whose schema is a Gateway API duration. */
function durations(): Set<string> {
  if (durationPaths) return durationPaths;
  const out = new Set<string>();
  const visit = (node: unknown, path: string): void => {
    if (!isRecord(node)) return;
    if (typeof node.pattern === 'string' && node.pattern.includes('(h|m|s|ms)')) out.add(path);
    if (isRecord(node.properties)) for (const [k, v] of Object.entries(node.properties)) visit(v, path ? `${path}.${k}` : k);
    if (node.items !== undefined) visit(node.items, `${path}[]`);
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) if (Array.isArray(node[key])) for (const v of node[key]) visit(v, path);
  };
  const schema = backendTrafficPolicyJsonSchema() as { properties?: { spec?: unknown } };
  visit(schema.properties?.spec, '');
  return (durationPaths = out);
}

/** Milliseconds as a Gateway API duration: 90000 → `1m30s`, 1500 → `1s500ms`, 0 → `0s`. */
function formatDuration(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0) return `${ms}ms`;
  if (ms === 0) return '0s';
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return parts.join('');
}

/** The table form of a setting when it is a duration; `undefined` leaves it to the default. */
export function formatSetting(path: string, value: unknown): string | undefined {
  if (typeof value !== 'number') return undefined;
  return durations().has(path.replace(/\[\d+\]/g, '[]')) ? formatDuration(value) : undefined;
}

/** The legend under a table of settings. */
export const DURATIONS_NOTE = 'Durations as written in a policy (1m30s); sizes in bytes. -o json|yaml gives milliseconds.';
