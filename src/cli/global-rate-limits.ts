/**
 * The global rate limit part of `btp explain`: for a route rule, each global rule's limit, and the
 * descriptors its Envoy routes send to the rate limit service to reach it (`globalRateLimitRows`).
 *
 * A descriptor prints as its entries joined by `→`: `key` for an entry whose value is its key
 * (generic keys and value matches), with what it matches in brackets; `key=value` for a fixed
 * value of its own (a source CIDR); `key=<…>` for a value the request supplies (distinct
 * selectors), one counter per value.
 */
import { globalRateLimitRows, type GlobalRateLimitRow, type Resolution, type RouteResult } from '../index.js';
import type { Paint } from './format-table.js';

const SELF_EVIDENT = new Set(['the route', 'the shared rule', 'every request']);

function entryText(e: GlobalRateLimitRow['descriptor'][number]): string {
  if (e.value === undefined) return `${e.key}=<${e.from}>`;
  const base = e.value === e.key ? e.key : `${e.key}=${e.value}`;
  return SELF_EVIDENT.has(e.from) ? base : `${base} [${e.from}]`;
}

function limitText(row: GlobalRateLimitRow, paint: Paint): string {
  if (!row.limit) return paint.red("no limit: the domain's configuration is refused (see btp envoy)");
  const limit = `${row.limit.requestsPerUnit} per ${row.limit.unit}`;
  return row.limit.shadowMode ? `${limit} ${paint.yellow('(shadow mode: counted, not enforced)')}` : limit;
}

/** The lines for one route rule: empty when it has no global rate limits. */
export function globalRateLimitLines(resolution: Resolution, entry: RouteResult, paint: Paint): string[] {
  const rows = globalRateLimitRows(resolution, entry);
  if (rows.length === 0) return [];
  const lines = ['', paint.bold('Global rate limits'), paint.dim('  each rule, its limit in the rate limit service, and the descriptors the routes send for it')];
  const groups = new Map<string, GlobalRateLimitRow[]>();
  for (const row of rows) {
    const key = `${row.ruleName}\u0000${row.domain}\u0000${limitText(row, paint)}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  for (const group of groups.values()) {
    const first = group[0]!;
    lines.push(`  ${paint.bold(first.ruleName || '(unnamed rule)')}${first.shared ? ' (shared)' : ''} → ${limitText(first, paint)}, domain ${first.domain}`);
    for (const row of group) lines.push(`    ${row.descriptor.map(entryText).join(' → ')}`);
  }
  return lines;
}

/** The machine-output field: `{ globalRateLimits }` when the rule has global rate limits. */
export function globalRateLimitField(resolution: Resolution, entry: RouteResult): { globalRateLimits?: GlobalRateLimitRow[] } {
  const rows = globalRateLimitRows(resolution, entry);
  return rows.length > 0 ? { globalRateLimits: rows } : {};
}
