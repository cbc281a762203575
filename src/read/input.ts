/**
 * Reading the input of `resolvePolicies`: an array of Kubernetes objects (any kinds, `List`s
 * flattened) or an Envoy Gateway resource bundle (`{ gateways, httpRoutes, … }`, the shape of its
 * `*.in.yaml` test files), flattened into (kind, object, path) entries.
 */
import { describeThrown, LIMITS, newValueBudget, type ValueBudget } from '../model/limits.js';
import type { Diagnostic } from '../resolve/types.js';

/** Bundle keys, matched case-insensitively as Envoy Gateway's loader (Go `encoding/json`) does. */
export const BUNDLE_KINDS: Readonly<Record<string, string>> = {
  gateways: 'Gateway',
  gatewayclasses: 'GatewayClass',
  listenersets: 'ListenerSet',
  xlistenersets: 'ListenerSet',
  httproutes: 'HTTPRoute',
  grpcroutes: 'GRPCRoute',
  tlsroutes: 'TLSRoute',
  tcproutes: 'TCPRoute',
  udproutes: 'UDPRoute',
  backendtrafficpolicies: 'BackendTrafficPolicy',
  referencegrants: 'ReferenceGrant',
  namespaces: 'Namespace',
  services: 'Service',
  configmaps: 'ConfigMap',
  secrets: 'Secret',
};

const MAX_LIST_DEPTH = 8;

/**
 * Where an object's kind and version come from when it does not state them: the list type of a
 * typed `List` (`HTTPRouteList` with its `apiVersion`), or the key of a resource bundle (a Go
 * field of one type, so of one version).
 */
export interface TypeHint {
  kind: string;
  /** The typed List's `apiVersion`; `undefined` for a bundle key. */
  apiVersion?: string;
  from: 'list' | 'bundle';
}

export interface FlatEntry {
  kind: string;
  object: unknown;
  path: string;
  /** Set when the kind came from the object's container, not the object. */
  hint?: TypeHint;
}

/**
 * Flatten the input into (kind, object, path) entries. Items that are not objects (in the input
 * array or a `List`) are charged to `budget`, one value each (their characters too), as
 * `readPlainData` charges the objects later: once it is spent the rest of the input is skipped. Each
 * list reports its non-object items in one diagnostic, however many there are.
 */
export function flatten(input: unknown, diagnostics: Diagnostic[], budget: ValueBudget = newValueBudget()): FlatEntry[] {
  const out: FlatEntry[] = [];
  let spent = false;
  /** Visits a list's items; its non-object items make one diagnostic. */
  const visitItems = (items: readonly unknown[], pathOf: (i: number) => string, depth: number, hint?: TypeHint): void => {
    let scalars = 0;
    let first = '';
    for (let i = 0; i < items.length && !spent; i++) {
      const item = items[i];
      if (item !== null && typeof item === 'object') {
        visit(item, pathOf(i), depth, hint);
        continue;
      }
      if (scalars++ === 0) first = pathOf(i);
      budget.remaining -= 1;
      if (typeof item === 'string') budget.chars -= item.length;
      if (budget.remaining < 0 || budget.chars < 0) {
        spent = true;
        const what = budget.remaining < 0 ? `more than ${LIMITS.maxValuesPerInput} values` : `more than ${LIMITS.maxCharsPerInput} characters of strings`;
        diagnostics.push({ severity: 'error', path: pathOf(i), message: `the input holds ${what}; the rest of it was skipped` });
      }
    }
    if (scalars === 1) diagnostics.push({ severity: 'error', path: first, message: 'expected a Kubernetes object' });
    else if (scalars > 1) diagnostics.push({ severity: 'error', path: first, message: `expected a Kubernetes object; ${scalars - 1} more items of this list are not objects either (all ignored)` });
  };
  const visit = (value: unknown, path: string, depth: number, hint?: TypeHint): void => {
    try {
      visitUnguarded(value, path, depth, hint);
    } catch (err) {
      diagnostics.push({ severity: 'error', path, message: `object could not be read (${describeThrown(err)}); ignored` });
    }
  };
  const visitUnguarded = (value: unknown, path: string, depth: number, hint?: TypeHint): void => {
    if (value === null || typeof value !== 'object') {
      diagnostics.push({ severity: 'error', path, message: 'expected a Kubernetes object' });
      return;
    }
    const obj = value as Record<string, unknown>;
    const kind = typeof obj.kind === 'string' ? obj.kind : hint?.kind;
    if (kind === 'List' || (kind !== undefined && kind.endsWith('List') && Array.isArray(obj.items))) {
      if (depth >= MAX_LIST_DEPTH) {
        diagnostics.push({ severity: 'error', path, message: `List nesting deeper than ${MAX_LIST_DEPTH} levels` });
        return;
      }
      const items = Array.isArray(obj.items) ? obj.items : [];
      const itemHint: TypeHint | undefined =
        kind === 'List' ? undefined : { kind: kind.slice(0, -'List'.length), from: 'list', ...(typeof obj.apiVersion === 'string' ? { apiVersion: obj.apiVersion } : {}) };
      visitItems(items, (i) => `${path}.items[${i}]`, depth + 1, itemHint);
      return;
    }
    if (kind === undefined) {
      diagnostics.push({ severity: 'warning', path, message: 'object has no kind; ignored' });
      return;
    }
    out.push(typeof obj.kind === 'string' || !hint ? { kind, object: value, path } : { kind, object: value, path, hint });
  };
  try {
    if (Array.isArray(input)) {
      visitItems(input, (i) => `[${i}]`, 0);
    } else if (input !== null && typeof input === 'object') {
      const bundle = input as Record<string, unknown>;
      if (typeof bundle.kind === 'string') {
        visit(bundle, '', 0);
        return out;
      }
      for (const key of Object.keys(bundle)) {
        const kind = Object.hasOwn(BUNDLE_KINDS, key.toLowerCase()) ? BUNDLE_KINDS[key.toLowerCase()] : undefined;
        const list = bundle[key];
        if (kind === undefined || !Array.isArray(list)) continue;
        visitItems(list, (i) => `${key}[${i}]`, 0, { kind, from: 'bundle' });
        if (spent) break;
      }
    } else {
      diagnostics.push({ severity: 'error', path: '', message: 'input must be an array of Kubernetes objects or a resource bundle object' });
    }
  } catch (err) {
    diagnostics.push({ severity: 'error', path: '', message: `input could not be read (${describeThrown(err)}); objects after this point ignored` });
  }
  return out;
}
