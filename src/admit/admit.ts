/**
 * The admission stage: what reaches Envoy Gateway's translator from the input of
 * `resolvePolicies` (an array of Kubernetes objects, `List`s flattened, or an Envoy Gateway
 * resource bundle), per profile (`profile.ts`):
 *
 * - cluster: each object passes the API server (`admit-object.ts`); refused objects become
 *   `rejected` (with error diagnostics) and are never resolved; of several objects with one kind,
 *   namespace and name the cluster holds the last one applied.
 * - harness: Envoy Gateway's golden test loader: objects are read as written (no defaults, CRD
 *   findings reported as diagnostics beside the policy), only what cannot be decoded is dropped,
 *   and repeated names are left to resolution (the first one wins there).
 *
 * Either way each object is read into its model, namespaced and put in order.
 */
import type * as z from 'zod';
import { checkPlainData } from '../model/parse.js';
import {
  ConfigMapSchema,
  GatewaySchema,
  ListenerSetSchema,
  NamespaceSchema,
  ReferenceGrantSchema,
  RouteSchema,
  SecretSchema,
  ServiceSchema,
  type ConfigMap,
  type Gateway,
  type ListenerSet,
  type Namespace,
  type ReferenceGrant,
  type Route,
  type Secret,
} from '../model/gateway-api.js';
import { formatIssueBody, formatPath } from '../model/issues.js';
import { canonicalizeFieldNames, withoutFields } from '../model/unknown-fields.js';
import { BackendTrafficPolicySchema, type BackendTrafficPolicy, type BackendTrafficPolicySpecInput } from '../model/backend-traffic-policy.js';
import { describeThrown, newValueBudget } from '../model/limits.js';
import { isRouteKind } from '../model/kinds.js';
import { isRecord } from '../lang/json.js';
import { joinPath, readWithinLimits } from '../read/limits.js';
import { readTimestamp, timestampMillis } from '../values/timestamp.js';
import { flatten, type TypeHint } from '../read/input.js';
import { apiVersionOf, kindRule } from '../model/envelope.js';
import { admitPlain, DEFAULT_NAMESPACE } from './admit-object.js';
import { effectiveOptions, type EffectiveOptions } from './profile.js';
import type { PolicyInput, Resources } from './resources.js';
import type { Diagnostic, RejectedObject, ResolveOptions } from '../resolve/types.js';

/** What admission hands to resolution: the admitted objects, and those the API server refused. */
export interface Admitted {
  resources: Resources;
  rejected: RejectedObject[];
  options: EffectiveOptions;
}

function timestampOf(meta: { creationTimestamp?: unknown } | undefined): number {
  return timestampMillis(meta?.creationTimestamp);
}

/** The kinds resolution orders by `creationTimestamp`. */
const ORDERED_KINDS = new Set(['Gateway', 'ListenerSet', 'XListenerSet', 'BackendTrafficPolicy', 'ReferenceGrant', 'HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute']);

/**
 * A warning for a `creationTimestamp` the API server would not read (anything but RFC 3339): it is
 * read in UTC where it can be (never in the local time zone, so the order does not depend on `TZ`),
 * and ordered first otherwise.
 */
function checkTimestamp(kind: string, object: unknown, path: string, diagnostics: Diagnostic[]): void {
  if (!ORDERED_KINDS.has(kind) || !isRecord(object) || !isRecord(object.metadata)) return;
  const ts = object.metadata.creationTimestamp;
  if (typeof ts !== 'string' && !(ts instanceof Date)) return;
  const reading = readTimestamp(ts);
  if (reading.kind === 'rfc3339') return;
  const shown = ts instanceof Date ? 'an invalid Date' : JSON.stringify(ts);
  const how = reading.kind === 'lenient' ? `read as ${new Date(reading.millis).toISOString()} (UTC)` : 'it cannot be read, so the object is ordered before those with a time';
  diagnostics.push({
    severity: 'warning',
    path: joinPath(path, ['metadata', 'creationTimestamp']),
    message: `${kind} creationTimestamp ${shown} is not an RFC 3339 time such as 2025-01-31T12:00:00Z; ${how}`,
    object: objectRef(kind, object.metadata as { name?: unknown; namespace?: unknown }),
  });
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

/** Give namespaced objects without a namespace the `default` one, as kubectl does. */
function withNamespace<T extends { metadata: { namespace?: string } }>(o: T): T {
  return o.metadata.namespace ? o : { ...o, metadata: { ...o.metadata, namespace: DEFAULT_NAMESPACE } };
}

const emptyResources = (): Resources => ({
  gateways: [],
  listenerSets: [],
  routes: [],
  policies: [],
  referenceGrants: [],
  namespaces: [],
  configMaps: [],
  secrets: [],
  paths: new Map(),
});

/** Admit the input under the profile `options` select; reading and admission findings go to `allDiagnostics`. */
export function admitResources(input: unknown, options: ResolveOptions, allDiagnostics: Diagnostic[]): Admitted {
  const effective = effectiveOptions(options);
  const admitted = effective.apiServer ? admitThroughApiServer(input, effective, allDiagnostics) : { resources: readAsWritten(input, effective, allDiagnostics), rejected: [] };
  if (effective.order === 'creationTimestamp') sortResources(admitted.resources);
  return { ...admitted, options: effective };
}

/** An object the API server stored, read into its model, with where it came from. */
interface Stored {
  kind: string;
  model: unknown;
  path: string;
  index: number;
}

/** The cluster profile: every object through the API server; the last of one name is kept. */
function admitThroughApiServer(input: unknown, options: EffectiveOptions, allDiagnostics: Diagnostic[]): { resources: Resources; rejected: RejectedObject[] } {
  const diagnostics: Diagnostic[] = [];
  const rejected: RejectedObject[] = [];
  const stored: Stored[] = [];
  const position = new Map<string, number>();
  let index = 0;
  // One value budget for the input: the items flattening skips and the objects it copies.
  const budget = newValueBudget();
  for (const { kind, object, path, hint } of readWithinLimits(flatten(input, allDiagnostics, budget), allDiagnostics, budget)) {
    const i = index++;
    checkTimestamp(kind, object, path, diagnostics);
    const typed = withImpliedType(object, hint);
    const raw = kind === 'BackendTrafficPolicy' && options.fieldNameMatching === 'caseInsensitive' ? canonicalizeFieldNames(BackendTrafficPolicySchema, typed) : typed;
    const { admission, model, rule } = admitPlain(kind, raw, 'warn');
    if (admission.outcome === 'ignored' || !rule) continue;
    const meta = (admission.outcome === 'admitted' ? admission.object.metadata : (raw as { metadata?: unknown })?.metadata) as { name?: unknown; namespace?: unknown } | undefined;
    const ref = objectRef(kind, meta);
    for (const w of admission.warnings) diagnostics.push({ severity: 'warning', path: joinPath(path, pathSegments(w.path)), message: w.message, object: ref });
    if (admission.outcome === 'rejected') {
      const r: RejectedObject = { kind, path, issues: admission.issues, message: admission.message };
      const apiVersion = (raw as { apiVersion?: unknown })?.apiVersion;
      if (typeof apiVersion === 'string') r.apiVersion = apiVersion;
      if (ref?.namespace !== undefined) r.namespace = ref.namespace;
      if (ref?.name !== undefined) r.name = ref.name;
      rejected.push(r);
      for (const issue of admission.issues) {
        diagnostics.push({ severity: 'error', path: joinPath(path, pathSegments(issue.path)), message: formatIssueBody(issue), object: ref, issue });
      }
      continue;
    }
    const key = `${rule.group}|${kind === 'XListenerSet' ? 'XListenerSet' : rule.kind}|${ref?.namespace ?? ''}|${ref?.name ?? ''}`;
    const entry: Stored = { kind, model, path, index: i };
    const earlier = position.get(key);
    if (earlier === undefined) {
      position.set(key, stored.length);
      stored.push(entry);
      continue;
    }
    // `kubectl apply` of both leaves the last one; it keeps the first one's place (and age).
    const first = stored[earlier]!;
    stored[earlier] = { ...entry, index: first.index };
    diagnostics.push({
      severity: 'warning',
      path: first.path,
      message: `${kind} ${ref?.namespace ? `${ref.namespace}/` : ''}${ref?.name ?? ''} appears more than once; the cluster holds the last one applied (${path || 'the input'}), which is used`,
      object: ref,
    });
  }
  for (const d of diagnostics) allDiagnostics.push(d);
  const res = emptyResources();
  for (const { kind, model, path, index } of stored) {
    switch (kind) {
      case 'Gateway':
        res.gateways.push(model as Gateway);
        res.paths.set(model as object, path);
        break;
      case 'ListenerSet':
      case 'XListenerSet':
        res.listenerSets.push(model as ListenerSet);
        res.paths.set(model as object, path);
        break;
      case 'BackendTrafficPolicy': {
        const p = model as BackendTrafficPolicy;
        const policy: PolicyInput = {
          namespace: p.metadata?.namespace || DEFAULT_NAMESPACE,
          name: p.metadata?.name ?? '',
          creationTimestamp: timestampOf(p.metadata),
          // As stored: pruned and defaulted, which is what the translator reads in a cluster.
          spec: p.spec as BackendTrafficPolicySpecInput,
          index,
        };
        if (typeof p.metadata?.generation === 'number') policy.generation = p.metadata.generation;
        res.policies.push(policy);
        break;
      }
      case 'ReferenceGrant':
        res.referenceGrants.push(model as ReferenceGrant);
        break;
      case 'Namespace':
        res.namespaces.push(model as Namespace);
        break;
      case 'ConfigMap':
        res.configMaps.push(model as ConfigMap);
        break;
      case 'Secret':
        res.secrets.push(model as Secret);
        break;
      default:
        if (isRouteKind(kind)) {
          const route = model as Route;
          res.routes.push({ kind, object: route, namespace: route.metadata.namespace!, name: route.metadata.name ?? '', creationTimestamp: timestampOf(route.metadata) });
        }
    }
  }
  return { resources: res, rejected };
}

/**
 * An item that omits its kind and version gets them from its container: a typed List's kind and
 * `apiVersion`, or a bundle key's kind (a Go field of one type, so its version is the kind's
 * preferred one). A standalone object gets nothing: without them kubectl cannot send it.
 */
function withImpliedType(object: unknown, hint: TypeHint | undefined): unknown {
  if (!hint || !isRecord(object)) return object;
  const rule = kindRule(hint.kind);
  const apiVersion = hint.from === 'list' ? hint.apiVersion : rule && apiVersionOf(rule, rule.versions[0]!);
  const typed: Record<string, unknown> = { ...object, kind: hint.kind };
  if (typed.apiVersion === undefined && apiVersion !== undefined) typed.apiVersion = apiVersion;
  return typed;
}

/** `spec.x[0].y` → `['spec', 'x', 0, 'y']`, for `joinPath`. */
function pathSegments(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/** The harness profile: objects read as written, as Envoy Gateway's test loader reads its files. */
function readAsWritten(input: unknown, options: EffectiveOptions, allDiagnostics: Diagnostic[]): Resources {
  const res = emptyResources();
  // Each object is copied at the boundary and parsed at once, so the copy dies young. Reading
  // reports (flatten, limits) still come before what parsing finds, as if done in two passes.
  const diagnostics: Diagnostic[] = [];
  let index = 0;
  const budget = newValueBudget();
  for (const { kind, object: read, path } of readWithinLimits(flatten(input, allDiagnostics, budget), allDiagnostics, budget)) {
    checkTimestamp(kind, read, path, diagnostics);
    // Go decodes a null as an unset field.
    const object = kind === 'BackendTrafficPolicy' ? read : withoutFields(read, []);
    switch (kind) {
      case 'Gateway': {
        const g = parseLenient(GatewaySchema, object, path, kind, diagnostics);
        if (g) {
          const gateway = withNamespace(g);
          res.gateways.push(gateway);
          res.paths.set(gateway, path);
        }
        break;
      }
      case 'ListenerSet':
      case 'XListenerSet': {
        const l = parseLenient(ListenerSetSchema, object, path, kind, diagnostics);
        if (l) {
          const listenerSet = withNamespace(l);
          res.listenerSets.push(listenerSet);
          res.paths.set(listenerSet, path);
        }
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
      case 'Secret': {
        const c = parseLenient(SecretSchema, object, path, kind, diagnostics);
        if (c) res.secrets.push(withNamespace(c));
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
  return res;
}

/**
 * Validate a policy as the API server would (findings become diagnostics) and keep what the
 * translator reads. Only a structurally broken policy (wrong types: Envoy Gateway could not even
 * decode it) is dropped.
 */
function readPolicy(raw: unknown, path: string, index: number, options: EffectiveOptions, diagnostics: Diagnostic[]): PolicyInput | undefined {
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
