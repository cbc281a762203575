/**
 * The input boundary of `resolvePolicies`: every Kubernetes object found in the input is read once
 * through `readPlainData` (depth, size, string-length and cycle limits; getters and proxies read
 * exactly once), and its label selectors and Gateway API lists are measured. An object over a limit is skipped with a
 * diagnostic naming the path; the rest still resolves. The limits themselves are in
 * `model/limits.ts`.
 */
import { formatPath } from '../model/issues.js';
import { LIMITS, newValueBudget, readPlainData, type ValueBudget } from '../model/limits.js';
import type { Diagnostic } from '../resolve/types.js';
import { isRecord } from '../lang/json.js';
import { isRouteKind } from '../model/kinds.js';
import type { TypeHint } from './input.js';

export { LIMITS } from '../model/limits.js';

export interface InputEntry {
  kind: string;
  object: unknown;
  path: string;
  hint?: TypeHint;
  /** Set by the boundary when no object property of `object` is `null`, so admission need not copy it to drop them. */
  nullFree?: boolean;
}

/** `base` + a relative path: `[2]` + `spec.x` → `[2].spec.x`, `` + `spec` → `spec`. */
export function joinPath(base: string, rel: ReadonlyArray<string | number>): string {
  const tail = formatPath(rel);
  if (base === '' || tail === '') return base + tail;
  return tail.startsWith('[') ? base + tail : `${base}.${tail}`;
}

/**
 * Replace each entry's object with its plain-data copy, dropping (with a diagnostic) those over a
 * limit. Once the whole input's value budget is spent, the remaining objects are skipped with one
 * diagnostic.
 */
export function withinLimits(entries: ReadonlyArray<InputEntry>, diagnostics: Diagnostic[], budget: ValueBudget = newValueBudget()): InputEntry[] {
  return [...readWithinLimits(entries, diagnostics, budget)];
}

/**
 * `withinLimits`, one entry at a time: a caller that parses each copy as it comes lets the copy die
 * young instead of holding the whole input's copies at once.
 */
export function* readWithinLimits(
  entries: ReadonlyArray<InputEntry>,
  diagnostics: Diagnostic[],
  budget: ValueBudget = newValueBudget(),
): Generator<InputEntry, void, undefined> {
  for (let i = 0; i < entries.length; i++) {
    const { kind, object, path, hint } = entries[i]!;
    const read = readPlainData(object, budget, { kubernetesObject: true });
    if (!read.ok) {
      const { violation } = read;
      if (violation.budgetExhausted) {
        const rest = entries.length - i - 1;
        diagnostics.push({
          severity: 'error',
          path: joinPath(path, violation.path),
          message: `${kind} ignored: ${violation.message}${rest > 0 ? `; the ${rest} object(s) after it were skipped too` : ''}`,
        });
        break;
      }
      diagnostics.push({ severity: 'error', path: joinPath(path, violation.path), message: `${kind} ignored: ${violation.message}` });
      continue;
    }
    const oversized = oversizedSelector(kind, read.value) ?? oversizedList(kind, read.value);
    if (oversized) {
      diagnostics.push({ severity: 'error', path: joinPath(path, oversized.path), message: `${kind} ignored: ${oversized.message}` });
      continue;
    }
    const entry: InputEntry = { kind, object: read.value, path, nullFree: read.nullFree };
    if (hint) entry.hint = hint;
    yield entry;
  }
}

const NO_FIELDS: ReadonlyArray<[string, unknown]> = Object.freeze([]);

/**
 * Values of the keys of `o` equal to `name` ignoring case (Envoy Gateway's loader matches so).
 * Every object of the input passes here, so a key is lowered only when its length is the name's:
 * a key that lowers to an ASCII name has that name's length (the one lowering that changes length,
 * `İ`, gives a non-ASCII `i̇`).
 */
function fields(o: unknown, name: string): ReadonlyArray<[string, unknown]> {
  if (!isRecord(o)) return NO_FIELDS;
  let out: Array<[string, unknown]> | undefined;
  // `for…in` walks the keys without making a list of them (own keys only: the copy is a plain object).
  for (const k in o) {
    if (!isField(k, name) || !Object.hasOwn(o, k)) continue;
    // Usually the one key: a list made at its size (a first `push` reserves room for 16).
    if (out) out.push([k, o[k]]);
    else out = [[k, o[k]]];
  }
  return out ?? NO_FIELDS;
}

/** `matchLabels` entries + `matchExpressions` + their `values`. */
export function selectorTerms(selector: unknown): number {
  let n = 0;
  for (const [, labels] of fields(selector, 'matchLabels')) if (isRecord(labels)) n += Object.keys(labels).length;
  for (const [, exprs] of fields(selector, 'matchExpressions')) {
    if (!Array.isArray(exprs)) continue;
    for (const e of exprs) {
      n += 1;
      for (const [, values] of fields(e, 'values')) if (Array.isArray(values)) n += values.length;
    }
  }
  return n;
}

/** Every label selector of an object, with its path: BTP `targetSelectors`, listeners' `allowedRoutes`. */
function selectorsOf(kind: string, object: unknown): Array<{ path: Array<string | number>; selector: unknown }> {
  const found: Array<{ path: Array<string | number>; selector: unknown }> = [];
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  for (const [specKey, spec] of fields(object, 'spec')) {
    if (kind === 'BackendTrafficPolicy') {
      for (const [tsKey, selectors] of fields(spec, 'targetSelectors')) {
        list(selectors).forEach((sel, i) => {
          found.push({ path: [specKey, tsKey, i], selector: sel });
          for (const [nsKey, ns] of fields(sel, 'namespaces')) for (const [sKey, s] of fields(ns, 'selector')) found.push({ path: [specKey, tsKey, i, nsKey, sKey], selector: s });
        });
      }
    } else {
      for (const [lKey, listeners] of fields(spec, 'listeners')) {
        list(listeners).forEach((l, i) => {
          for (const [arKey, ar] of fields(l, 'allowedRoutes'))
            for (const [nsKey, ns] of fields(ar, 'namespaces')) for (const [sKey, s] of fields(ns, 'selector')) found.push({ path: [specKey, lKey, i, arKey, nsKey, sKey], selector: s });
        });
      }
    }
  }
  return found;
}

const SELECTOR_KINDS = new Set(['BackendTrafficPolicy', 'Gateway', 'ListenerSet', 'XListenerSet']);

/** The first label selector of `object` over `LIMITS.maxSelectorTerms`, if any. */
function oversizedSelector(kind: string, object: unknown): { path: Array<string | number>; message: string } | undefined {
  if (!SELECTOR_KINDS.has(kind)) return undefined;
  for (const { path, selector } of selectorsOf(kind, object)) {
    const terms = selectorTerms(selector);
    if (terms > LIMITS.maxSelectorTerms) return { path, message: `label selector has ${terms} terms, more than the limit of ${LIMITS.maxSelectorTerms}` };
  }
  return undefined;
}

/** The `spec` lists of each kind that Gateway API bounds and resolution multiplies. */
const ROUTE_LISTS = ['parentRefs', 'rules', 'hostnames'] as const;

function boundedLists(kind: string): ReadonlyArray<keyof typeof LIMITS.gatewayApiMaxItems> {
  if (kind === 'Gateway' || kind === 'ListenerSet' || kind === 'XListenerSet') return ['listeners'];
  if (isRouteKind(kind)) return ROUTE_LISTS;
  return [];
}

/**
 * The first `spec` list of `object` longer than Gateway API allows, if any (the API server would
 * have refused the object; the message is its own). Every route of the input passes here, so the
 * keys are walked in place rather than gathered (`fields` makes a list per match).
 */
function oversizedList(kind: string, object: unknown): { path: Array<string | number>; message: string } | undefined {
  const names = boundedLists(kind);
  if (names.length === 0 || !isRecord(object)) return undefined;
  for (const name of names) {
    const max = LIMITS.gatewayApiMaxItems[name];
    for (const specKey in object) {
      const spec = object[specKey];
      if (!isField(specKey, 'spec') || !Object.hasOwn(object, specKey) || !isRecord(spec)) continue;
      for (const key in spec) {
        const list = spec[key];
        if (isField(key, name) && Object.hasOwn(spec, key) && Array.isArray(list) && list.length > max) return { path: [specKey, key], message: `Too many: ${list.length}: must have at most ${max} items` };
      }
    }
  }
  return undefined;
}

/** `key` is the field `name` (an ASCII name) ignoring case; see `fields` for why length is compared first. */
function isField(key: string, name: string): boolean {
  return key.length === name.length && (key === name || key.toLowerCase() === name.toLowerCase());
}
