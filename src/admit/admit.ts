/**
 * Reading the input of `resolvePolicies`: an array of Kubernetes objects (any kinds, `List`s
 * flattened) or an Envoy Gateway resource bundle (`{ gateways, httpRoutes, … }`, the shape of its
 * `*.in.yaml` test files). Each object is checked against its model; objects that cannot be used
 * become diagnostics and the rest still resolves.
 */
import type { z } from 'zod';
import { checkPlainData } from '../model/parse.js';
import {
  ConfigMapSchema,
  GatewaySchema,
  ListenerSetSchema,
  NamespaceSchema,
  ReferenceGrantSchema,
  RouteSchema,
  ServiceSchema,
  type ConfigMap,
  type Gateway,
  type ListenerSet,
  type Namespace,
  type ReferenceGrant,
  type Route,
} from '../model/gateway-api.js';
import { formatPath } from '../model/issues.js';
import { canonicalizeFieldNames } from '../model/unknown-fields.js';
import { BackendTrafficPolicySchema, type BackendTrafficPolicySpecInput } from '../model/backend-traffic-policy.js';
import { describeThrown } from '../model/limits.js';
import { readWithinLimits } from '../read/limits.js';
import { flatten } from '../read/input.js';
import type { PolicyInput, Resources } from './resources.js';
import type { Diagnostic, ResolveOptions } from '../resolve/types.js';


function timestampOf(meta: { creationTimestamp?: unknown } | undefined): number {
  const ts = meta?.creationTimestamp;
  if (ts instanceof Date) return ts.getTime();
  if (typeof ts === 'string') {
    const t = Date.parse(ts);
    return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
  }
  return Number.NEGATIVE_INFINITY;
}

function parseLenient<S extends z.ZodType>(schema: S, object: unknown, path: string, kind: string, diagnostics: Diagnostic[]): z.output<S> | undefined {
  const r = schema.safeParse(object);
  if (r.success) return r.data;
  const meta = (object as { metadata?: { name?: unknown; namespace?: unknown } }).metadata;
  for (const issue of r.error.issues.slice(0, 5)) {
    diagnostics.push({
      severity: 'error',
      path: `${path}${path ? '.' : ''}${formatPath(issue.path)}`,
      message: `${kind} ignored: ${issue.message}`,
      object: objectRef(kind, meta),
    });
  }
  return undefined;
}

function objectRef(kind: string, meta: { name?: unknown; namespace?: unknown } | undefined): Diagnostic['object'] {
  const ref: NonNullable<Diagnostic['object']> = { kind };
  if (typeof meta?.namespace === 'string') ref.namespace = meta.namespace;
  if (typeof meta?.name === 'string') ref.name = meta.name;
  return ref;
}

const DEFAULT_NAMESPACE = 'default';

/** Give namespaced objects without a namespace the `default` one, as kubectl does. */
function withNamespace<T extends { metadata: { namespace?: string } }>(o: T): T {
  return o.metadata.namespace ? o : { ...o, metadata: { ...o.metadata, namespace: DEFAULT_NAMESPACE } };
}

export function readResources(input: unknown, options: ResolveOptions, allDiagnostics: Diagnostic[]): Resources {
  const res: Resources = { gateways: [], listenerSets: [], routes: [], policies: [], referenceGrants: [], namespaces: [], configMaps: [] };
  // Each object is copied at the boundary and parsed at once, so the copy dies young. Reading
  // reports (flatten, limits) still come before what parsing finds, as if done in two passes.
  const diagnostics: Diagnostic[] = [];
  let index = 0;
  for (const { kind, object, path } of readWithinLimits(flatten(input, allDiagnostics), allDiagnostics)) {
    switch (kind) {
      case 'Gateway': {
        const g = parseLenient(GatewaySchema, object, path, kind, diagnostics);
        if (g) res.gateways.push(withNamespace(g));
        break;
      }
      case 'ListenerSet':
      case 'XListenerSet': {
        const l = parseLenient(ListenerSetSchema, object, path, kind, diagnostics);
        if (l) res.listenerSets.push(withNamespace(l));
        break;
      }
      case 'HTTPRoute':
      case 'GRPCRoute':
      case 'TLSRoute':
      case 'TCPRoute':
      case 'UDPRoute': {
        const r = parseLenient(RouteSchema, object, path, kind, diagnostics);
        if (r) {
          const route = withNamespace(r);
          res.routes.push({ kind, object: route, namespace: route.metadata.namespace!, name: route.metadata.name ?? '', creationTimestamp: timestampOf(route.metadata) });
        }
        break;
      }
      case 'BackendTrafficPolicy': {
        const p = readPolicy(object, path, index, options, diagnostics);
        if (p) res.policies.push(p);
        break;
      }
      case 'ReferenceGrant': {
        const g = parseLenient(ReferenceGrantSchema, object, path, kind, diagnostics);
        if (g) res.referenceGrants.push(withNamespace(g));
        break;
      }
      case 'Namespace': {
        const n = parseLenient(NamespaceSchema, object, path, kind, diagnostics);
        if (n) res.namespaces.push(n);
        break;
      }
      case 'ConfigMap': {
        const c = parseLenient(ConfigMapSchema, object, path, kind, diagnostics);
        if (c) res.configMaps.push(withNamespace(c));
        break;
      }
      case 'Service':
        parseLenient(ServiceSchema, object, path, kind, diagnostics);
        break;
      default:
        break; // kinds resolution does not use are ignored
    }
    index++;
  }
  for (const d of diagnostics) allDiagnostics.push(d);
  if ((options.order ?? 'creationTimestamp') === 'creationTimestamp') sortResources(res);
  return res;
}

/**
 * Validate a policy as the API server would (findings become diagnostics) and keep what the
 * translator reads. Only a structurally broken policy (wrong types: Envoy Gateway could not even
 * decode it) is dropped.
 */
function readPolicy(raw: unknown, path: string, index: number, options: ResolveOptions, diagnostics: Diagnostic[]): PolicyInput | undefined {
  const object = options.fieldNameMatching === 'caseInsensitive' ? canonicalizeFieldNames(BackendTrafficPolicySchema, raw) : raw;
  const meta = (object as { metadata?: Record<string, unknown> }).metadata;
  const ref = objectRef('BackendTrafficPolicy', meta);
  // `object` is plain data already (read at the boundary): one walk and one zod parse per policy.
  let check: ReturnType<typeof checkPlainData<typeof BackendTrafficPolicySchema>>;
  try {
    check = checkPlainData(BackendTrafficPolicySchema, object, 'warn');
  } catch (err) {
    diagnostics.push({ severity: 'error', path, message: `policy ignored: it could not be validated (${describeThrown(err)})`, object: ref });
    return undefined;
  }
  const { result: checked, cleaned: withoutUnknown } = check;
  const prefix = path ? `${path}.` : '';
  for (const w of checked.warnings) diagnostics.push({ severity: 'warning', path: prefix + w.path, message: w.message, object: ref });
  if (!checked.success) {
    for (const issue of checked.issues) {
      if (issue.code === 'celSkipped') continue;
      diagnostics.push({ severity: 'error', path: prefix + issue.path, message: issue.message, object: ref });
    }
    if (checked.issues.some((i) => i.code === 'type' && i.path.startsWith('spec')) || checked.issues.some((i) => i.path === 'spec' && i.code === 'required')) {
      diagnostics.push({ severity: 'error', path, message: 'policy ignored: its spec has values of the wrong type', object: ref });
      return undefined;
    }
    if (checked.issues.some((i) => i.path.startsWith('metadata'))) return undefined;
  }
  const cleaned = withoutUnknown as {
    metadata?: { name?: string; namespace?: string; generation?: number; creationTimestamp?: unknown };
    spec?: BackendTrafficPolicySpecInput;
  };
  const policy: PolicyInput = {
    namespace: cleaned.metadata?.namespace || DEFAULT_NAMESPACE,
    name: cleaned.metadata?.name ?? '',
    creationTimestamp: timestampOf(cleaned.metadata),
    spec: cleaned.spec ?? ({} as BackendTrafficPolicySpecInput),
    index,
  };
  if (typeof cleaned.metadata?.generation === 'number') policy.generation = cleaned.metadata.generation;
  return policy;
}

/** Production order: creationTimestamp, then namespace, then name (Envoy Gateway's provider sort). */
function sortResources(res: Resources): void {
  const cmp = (ta: number, na: string, ma: string, tb: number, nb: string, mb: string): number =>
    ta !== tb ? (ta < tb ? -1 : 1) : na !== nb ? (na < nb ? -1 : 1) : ma < mb ? -1 : ma > mb ? 1 : 0;
  /** Sorted by keys computed once per object (a stable sort, as `Array.prototype.sort` is). */
  const byMeta = <T extends { metadata: { namespace?: string; name?: string; creationTimestamp?: unknown } }>(list: T[]): void => {
    const keyed = list.map((o) => ({ o, ts: timestampOf(o.metadata), ns: o.metadata.namespace ?? '', name: o.metadata.name ?? '' }));
    keyed.sort((a, b) => cmp(a.ts, a.ns, a.name, b.ts, b.ns, b.name));
    keyed.forEach((k, i) => {
      list[i] = k.o;
    });
  };
  res.policies.sort((a, b) => cmp(a.creationTimestamp, a.namespace, a.name, b.creationTimestamp, b.namespace, b.name));
  byMeta(res.gateways);
  byMeta(res.listenerSets);
  byMeta(res.referenceGrants);
  res.routes.sort((a, b) => cmp(a.creationTimestamp, a.namespace, a.name, b.creationTimestamp, b.namespace, b.name));
}
