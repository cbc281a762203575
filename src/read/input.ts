/**
 * Reading the input of `resolvePolicies`: an array of Kubernetes objects (any kinds, `List`s
 * flattened) or an Envoy Gateway resource bundle (`{ gateways, httpRoutes, … }`, the shape of its
 * `*.in.yaml` test files), flattened into (kind, object, path) entries.
 */
import { describeThrown } from '../model/limits.js';
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
};

const MAX_LIST_DEPTH = 8;

/** Flatten the input into (kind, object, path) triples. */
export function flatten(input: unknown, diagnostics: Diagnostic[]): Array<{ kind: string; object: unknown; path: string }> {
  const out: Array<{ kind: string; object: unknown; path: string }> = [];
  const visit = (value: unknown, path: string, depth: number, kindHint?: string): void => {
    try {
      visitUnguarded(value, path, depth, kindHint);
    } catch (err) {
      diagnostics.push({ severity: 'error', path, message: `object could not be read (${describeThrown(err)}); ignored` });
    }
  };
  const visitUnguarded = (value: unknown, path: string, depth: number, kindHint?: string): void => {
    if (value === null || typeof value !== 'object') {
      diagnostics.push({ severity: 'error', path, message: 'expected a Kubernetes object' });
      return;
    }
    const obj = value as Record<string, unknown>;
    const kind = typeof obj.kind === 'string' ? obj.kind : kindHint;
    if (kind === 'List' || (kind !== undefined && kind.endsWith('List') && Array.isArray(obj.items))) {
      if (depth >= MAX_LIST_DEPTH) {
        diagnostics.push({ severity: 'error', path, message: `List nesting deeper than ${MAX_LIST_DEPTH} levels` });
        return;
      }
      const items = Array.isArray(obj.items) ? obj.items : [];
      const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
      items.forEach((item, i) => visit(item, `${path}.items[${i}]`, depth + 1, itemKind));
      return;
    }
    if (kind === undefined) {
      diagnostics.push({ severity: 'warning', path, message: 'object has no kind; ignored' });
      return;
    }
    out.push({ kind, object: value, path });
  };
  try {
    if (Array.isArray(input)) {
      input.forEach((item, i) => visit(item, `[${i}]`, 0));
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
        list.forEach((item, i) => visit(item, `${key}[${i}]`, 0, kind));
      }
    } else {
      diagnostics.push({ severity: 'error', path: '', message: 'input must be an array of Kubernetes objects or a resource bundle object' });
    }
  } catch (err) {
    diagnostics.push({ severity: 'error', path: '', message: `input could not be read (${describeThrown(err)}); objects after this point ignored` });
  }
  return out;
}
