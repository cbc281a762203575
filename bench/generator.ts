/**
 * A seeded generator of realistic clusters for the benchmark: Gateways with several listeners,
 * HTTP/GRPC/TLS/TCP routes with several rules over many labelled namespaces, ReferenceGrants, and
 * BackendTrafficPolicies at every scope (route rule, route, Gateway listener, Gateway), by
 * `targetRef(s)` and by `targetSelectors`, with `mergeType` and with conflicts — about one policy
 * per five routes.
 *
 * The output is a plain array of Kubernetes objects, as `kubectl get -o json` lists them: grouped
 * by kind, every object with a `creationTimestamp` (some policies share a second, so the
 * namespace/name tie-break matters).
 */
import { tlsSecret } from '../test/support/tls-material.js';
import { parseBackendTrafficPolicy } from '../src/model/parse.js';

export type Variant = 'mixed' | 'selector-heavy' | 'merge-heavy';

export interface ClusterOptions {
  routes: number;
  /** Policies per route (default 1/5). */
  policyRatio?: number;
  variant?: Variant;
  seed?: number;
}

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { namespace?: string; name: string; labels?: Record<string, string>; creationTimestamp: string; generation?: number };
  spec?: Record<string, unknown>;
};

export interface Cluster {
  objects: K8sObject[];
  counts: { namespaces: number; gateways: number; routes: number; policies: number; referenceGrants: number };
}

/** mulberry32: small, fast, deterministic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GW = 'gateway.networking.k8s.io';
const EG = 'gateway.envoyproxy.io';
const BASE_TIME = Date.UTC(2025, 0, 1);
const TEAM_AREAS = ['payments', 'search', 'identity', 'catalog', 'checkout', 'media', 'ads', 'platform', 'growth', 'support'];
/** Namespaces per team: teams grow with the cluster, so a team's routes stay a few hundred at most. */
const NAMESPACES_PER_TEAM = 4;
const ENVS = ['prod', 'prod', 'staging', 'dev'];
const TIERS = ['frontend', 'api', 'backend'];
const RULE_NAMES = ['api', 'static', 'health', 'admin', 'v2', 'webhooks'];

export function generateCluster(options: ClusterOptions): Cluster {
  const rand = rng(options.seed ?? 1);
  const variant = options.variant ?? 'mixed';
  const routeCount = options.routes;
  const policyCount = Math.max(1, Math.round(routeCount * (options.policyRatio ?? 0.2)));
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const chance = (p: number) => rand() < p;
  let clock = 0;
  const stamp = (tieProbability = 0) => {
    if (!chance(tieProbability)) clock += 1 + int(30);
    return new Date(BASE_TIME + clock * 1000).toISOString().replace('.000Z', 'Z');
  };

  // ---------------------------------------------------------------- namespaces
  const namespaces: K8sObject[] = [];
  const nsCount = Math.max(8, Math.round(routeCount / 25));
  const teams = Array.from({ length: Math.max(TEAM_AREAS.length, Math.ceil(nsCount / NAMESPACES_PER_TEAM)) }, (_, i) =>
    i < TEAM_AREAS.length ? TEAM_AREAS[i]! : `${TEAM_AREAS[i % TEAM_AREAS.length]}-${Math.floor(i / TEAM_AREAS.length)}`,
  );
  const appNamespaces: Array<{ name: string; team: string; env: string; access: 'public' | 'internal' }> = [];
  const namespacesOfTeam = new Map<string, typeof appNamespaces>();
  for (let i = 0; i < nsCount; i++) {
    const team = teams[i % teams.length]!;
    const ns = { name: `${team}-${i}`, team, env: pick(ENVS), access: chance(0.6) ? ('public' as const) : ('internal' as const) };
    appNamespaces.push(ns);
    namespacesOfTeam.set(team, [...(namespacesOfTeam.get(team) ?? []), ns]);
    namespaces.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns.name, labels: { 'kubernetes.io/metadata.name': ns.name, team, env: ns.env, 'gateway-access': ns.access }, creationTimestamp: stamp() },
    });
  }

  // ---------------------------------------------------------------- gateways
  const gateways: K8sObject[] = [];
  const gatewayCount = Math.max(2, Math.round(routeCount / 250));
  const infraCount = Math.max(1, Math.ceil(gatewayCount / 10));
  for (let i = 0; i < infraCount; i++) {
    const name = `infra-${i}`;
    namespaces.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name, role: 'infra' }, creationTimestamp: stamp() } });
  }
  interface GatewayInfo {
    namespace: string;
    name: string;
    domain: string;
    listeners: string[];
  }
  const gatewayInfos: GatewayInfo[] = [];
  const secrets: K8sObject[] = [];
  for (let i = 0; i < gatewayCount; i++) {
    const namespace = `infra-${i % infraCount}`;
    const name = `gw-${i}`;
    const domain = `gw${i}.example.com`;
    const full = chance(0.6);
    const listeners: Array<Record<string, unknown>> = [
      { name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces: { from: 'All' } } },
      {
        name: 'https',
        protocol: 'HTTPS',
        port: 443,
        hostname: `*.${domain}`,
        tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: `${name}-cert` }] },
        allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { 'gateway-access': 'public' } } } },
      },
      { name: 'grpc', protocol: 'HTTP', port: 8080, allowedRoutes: { namespaces: { from: 'All' }, kinds: [{ kind: 'GRPCRoute' }] } },
    ];
    if (full) {
      listeners.push({ name: 'tls', protocol: 'TLS', port: 9443, tls: { mode: 'Passthrough' }, allowedRoutes: { namespaces: { from: 'All' } } });
      listeners.push({ name: 'tcp', protocol: 'TCP', port: 5432, allowedRoutes: { namespaces: { from: 'All' } } });
    }
    gatewayInfos.push({ namespace, name, domain, listeners: listeners.map((l) => l.name as string) });
    gateways.push({
      apiVersion: `${GW}/v1`,
      kind: 'Gateway',
      metadata: { namespace, name, labels: { tier: chance(0.5) ? 'edge' : 'internal', 'app.kubernetes.io/part-of': 'envoy-gateway' }, creationTimestamp: stamp() },
      spec: { gatewayClassName: 'eg', listeners },
    });
    // The HTTPS listener's certificate: without it Envoy Gateway would not program the listener.
    secrets.push(tlsSecret(namespace, `${name}-cert`) as K8sObject);
  }

  // ---------------------------------------------------------------- routes
  interface RouteInfo {
    kind: string;
    namespace: string;
    name: string;
    labels: Record<string, string>;
    ruleNames: string[];
  }
  const routes: K8sObject[] = [];
  const routeInfos: RouteInfo[] = [];
  const perNamespace = new Map<string, RouteInfo[]>();
  for (let i = 0; i < routeCount; i++) {
    const ns = appNamespaces[int(appNamespaces.length)]!;
    const gw = gatewayInfos[int(gatewayInfos.length)]!;
    const roll = rand();
    const hasTcp = gw.listeners.includes('tcp');
    const kind = roll < 0.8 || !hasTcp ? (roll < 0.9 ? 'HTTPRoute' : 'GRPCRoute') : roll < 0.9 ? 'GRPCRoute' : roll < 0.95 ? 'TLSRoute' : 'TCPRoute';
    const app = `app-${Math.floor(i / 3)}`;
    const name = `${app}-${kind === 'HTTPRoute' ? 'web' : kind.slice(0, -'Route'.length).toLowerCase()}-${i}`;
    const labels: Record<string, string> = { app, team: ns.team, tier: pick(TIERS), env: ns.env };
    if (chance(0.3)) labels['canary'] = chance(0.5) ? 'true' : 'false';
    if (chance(0.2)) labels['owner'] = `user-${int(50)}`;
    const host = `${app}.${gw.domain}`;
    const parentRef = (sectionName?: string) => ({ group: GW, kind: 'Gateway', namespace: gw.namespace, name: gw.name, ...(sectionName ? { sectionName } : {}) });
    const ruleNames: string[] = [];
    let spec: Record<string, unknown>;
    if (kind === 'HTTPRoute') {
      const p = rand();
      const parentRefs = p < 0.6 ? [parentRef()] : p < 0.8 ? [parentRef('https')] : p < 0.9 ? [parentRef('http')] : [parentRef('http'), parentRef('https')];
      const rules = [];
      const n = 2 + int(3);
      for (let r = 0; r < n; r++) {
        const rule: Record<string, unknown> = {
          matches: [{ path: { type: 'PathPrefix', value: r === 0 ? '/' : `/${RULE_NAMES[r % RULE_NAMES.length]}` } }, ...(chance(0.3) ? [{ headers: [{ name: 'x-canary', value: 'true' }] }] : [])],
          backendRefs: [{ name: `${app}-svc`, port: 8080, weight: 90 }, ...(chance(0.3) ? [{ name: `${app}-canary`, port: 8080, weight: 10 }] : [])],
        };
        if (chance(0.5)) {
          const ruleName = RULE_NAMES[r % RULE_NAMES.length]!;
          rule.name = ruleName;
          ruleNames.push(ruleName);
        }
        rules.push(rule);
      }
      spec = { parentRefs, hostnames: chance(0.2) ? [host, `www.${host}`] : [host], rules };
    } else if (kind === 'GRPCRoute') {
      const rules = [];
      const n = 1 + int(3);
      for (let r = 0; r < n; r++) {
        const rule: Record<string, unknown> = {
          matches: [{ method: { service: `${app}.v1.Service${r}` } }],
          backendRefs: [{ name: `${app}-grpc`, port: 9000 }],
        };
        if (chance(0.4)) {
          rule.name = `method-${r}`;
          ruleNames.push(`method-${r}`);
        }
        rules.push(rule);
      }
      spec = { parentRefs: [parentRef('grpc')], hostnames: [host], rules };
    } else if (kind === 'TLSRoute') {
      spec = { parentRefs: [parentRef('tls')], hostnames: [host], rules: [{ backendRefs: [{ name: `${app}-tls`, port: 8443 }] }] };
    } else {
      spec = { parentRefs: [parentRef('tcp')], rules: [{ backendRefs: [{ name: `${app}-db`, port: 5432 }] }] };
    }
    const info: RouteInfo = { kind, namespace: ns.name, name, labels, ruleNames };
    routeInfos.push(info);
    const list = perNamespace.get(ns.name) ?? [];
    list.push(info);
    perNamespace.set(ns.name, list);
    routes.push({
      apiVersion: kind === 'TLSRoute' || kind === 'TCPRoute' ? `${GW}/v1alpha2` : `${GW}/v1`,
      kind,
      metadata: { namespace: ns.name, name, labels, creationTimestamp: stamp(), generation: 1 + int(4) },
      spec,
    });
  }

  // ---------------------------------------------------------------- policies
  const policies: K8sObject[] = [];
  const grants: K8sObject[] = [];
  let policySeq = 0;
  const policy = (namespace: string, target: Record<string, unknown>, features: Record<string, unknown>, mergeType?: string): K8sObject => {
    const spec: Record<string, unknown> = { ...target, ...features };
    if (mergeType) spec.mergeType = mergeType;
    const p: K8sObject = {
      apiVersion: `${EG}/v1alpha1`,
      kind: 'BackendTrafficPolicy',
      metadata: { namespace, name: `btp-${policySeq++}`, creationTimestamp: stamp(0.15), generation: 1 + int(3) },
      spec,
    };
    policies.push(p);
    return p;
  };
  const ref = (kind: string, name: string, sectionName?: string) => ({ group: GW, kind, name, ...(sectionName ? { sectionName } : {}) });
  const routeRef = (r: RouteInfo, sectionName?: string) => ref(r.kind, r.name, sectionName);
  const randomRoute = (filter?: (r: RouteInfo) => boolean): RouteInfo => {
    for (let tries = 0; tries < 20; tries++) {
      const r = routeInfos[int(routeInfos.length)]!;
      if (!filter || filter(r)) return r;
    }
    return routeInfos[int(routeInfos.length)]!;
  };

  // Gateway and listener policies first: platform teams create them early.
  const scopeShare = variant === 'merge-heavy' ? 1 : 0.7;
  for (const gw of gatewayInfos) {
    if (chance(scopeShare)) {
      const target = chance(0.8) ? { targetRefs: [ref('Gateway', gw.name)] } : { targetSelectors: [{ kind: 'Gateway', matchLabels: { 'app.kubernetes.io/part-of': 'envoy-gateway' } }] };
      policy(gw.namespace, target, features(rand, 'gateway'));
    }
    if (chance(variant === 'merge-heavy' ? 0.8 : 0.5)) policy(gw.namespace, { targetRefs: [ref('Gateway', gw.name, 'https')] }, features(rand, 'listener'));
    if (chance(0.3)) policy(gw.namespace, { targetRefs: [ref('Gateway', gw.name, 'grpc')] }, features(rand, 'listener'));
    if (gw.listeners.includes('tcp') && chance(0.3)) policy(gw.namespace, { targetRef: ref('Gateway', gw.name, 'tcp') }, features(rand, 'tcp'));
  }

  const shares: Record<Variant, Array<[string, number]>> = {
    mixed: [
      ['rule', 0.2],
      ['route', 0.35],
      ['selector', 0.15],
      ['merge', 0.15],
      ['conflict', 0.1],
      ['cross-namespace', 0.05],
    ],
    'selector-heavy': [
      ['rule', 0.1],
      ['route', 0.1],
      ['selector', 0.55],
      ['merge', 0.05],
      ['conflict', 0.05],
      ['cross-namespace', 0.15],
    ],
    'merge-heavy': [
      ['rule', 0.1],
      ['route', 0.1],
      ['selector', 0.1],
      ['merge', 0.6],
      ['conflict', 0.05],
      ['cross-namespace', 0.05],
    ],
  };
  const chooseShape = (): string => {
    let x = rand();
    for (const [shape, share] of shares[variant]) {
      if (x < share) return shape;
      x -= share;
    }
    return 'route';
  };
  const grantedPairs = new Set<string>();
  while (policies.length < policyCount) {
    const shape = chooseShape();
    switch (shape) {
      case 'rule': {
        const r = randomRoute((x) => x.ruleNames.length > 0);
        // Now and then a rule that does not exist (TargetNotFound).
        const section = r.ruleNames.length > 0 && chance(0.95) ? pick(r.ruleNames) : 'no-such-rule';
        policy(r.namespace, { targetRefs: [routeRef(r, section)] }, features(rand, 'route'));
        break;
      }
      case 'route': {
        const r = randomRoute();
        const refs = [routeRef(r)];
        if (chance(0.2)) {
          // A team policy over several of its routes.
          for (const other of (perNamespace.get(r.namespace) ?? []).slice(0, 1 + int(3))) if (other !== r) refs.push(routeRef(other));
        }
        policy(r.namespace, chance(0.1) ? { targetRef: refs[0] } : { targetRefs: refs }, features(rand, r.kind === 'TCPRoute' || r.kind === 'TLSRoute' ? 'tcp' : 'route'));
        break;
      }
      case 'selector': {
        const r = randomRoute();
        const sel: Record<string, unknown> = { kind: r.kind };
        const s = rand();
        if (s < 0.5) sel.matchLabels = { app: r.labels.app! };
        else if (s < 0.75) sel.matchLabels = { tier: r.labels.tier!, team: r.labels.team! };
        else if (s < 0.9) sel.matchExpressions = [{ key: 'tier', operator: 'In', values: [r.labels.tier!, pick(TIERS)] }, { key: 'canary', operator: 'DoesNotExist' }];
        else {
          sel.matchLabels = { app: r.labels.app! };
          sel.matchExpressions = [{ key: 'env', operator: 'NotIn', values: ['dev'] }];
        }
        const target: Record<string, unknown> = { targetSelectors: [sel] };
        if (chance(0.15)) target.targetRefs = [routeRef(randomRoute((x) => x.namespace === r.namespace))];
        // A merging policy keeps to features that merge into any parent validly (an `httpUpgrade`
        // merged over a parent's `requestBuffer` is Invalid, and Envoy then answers 500).
        const merges = chance(0.2);
        const scope = r.kind === 'TCPRoute' || r.kind === 'TLSRoute' ? 'tcp' : merges ? 'merge' : 'route';
        policy(r.namespace, target, features(rand, scope), merges ? 'StrategicMerge' : undefined);
        break;
      }
      case 'merge': {
        const r = randomRoute((x) => x.kind === 'HTTPRoute' || x.kind === 'GRPCRoute');
        policy(r.namespace, { targetRefs: [routeRef(r)] }, features(rand, 'merge'), chance(0.8) ? 'StrategicMerge' : 'JSONMerge');
        break;
      }
      case 'conflict': {
        // A second policy on a route (or rule) someone already targets: Conflicted.
        const earlier = policies[int(policies.length)]!;
        const spec = earlier.spec as { targetRefs?: unknown[]; targetRef?: unknown };
        const first = spec.targetRef ?? spec.targetRefs?.[0];
        if (!first) break;
        policy(earlier.metadata.namespace!, { targetRefs: [first] }, features(rand, 'route'));
        break;
      }
      case 'cross-namespace': {
        // A platform policy selecting routes in other namespaces, allowed by ReferenceGrants in some of them.
        const owner = pick(appNamespaces);
        const team = pick(teams);
        const sel = { kind: 'HTTPRoute', matchLabels: { team, tier: pick(TIERS) }, namespaces: chance(0.5) ? { from: 'All' } : { from: 'Selector', selector: { matchLabels: { team, env: 'prod' } } } };
        policy(owner.name, { targetSelectors: [sel] }, features(rand, 'route'));
        for (const ns of namespacesOfTeam.get(team) ?? []) {
          if (!chance(0.5)) continue;
          const key = `${owner.name}>${ns.name}`;
          if (grantedPairs.has(key)) continue;
          grantedPairs.add(key);
          grants.push({
            apiVersion: `${GW}/v1beta1`,
            kind: 'ReferenceGrant',
            metadata: { namespace: ns.name, name: `allow-btp-from-${owner.name}`, creationTimestamp: stamp() },
            spec: { from: [{ group: EG, kind: 'BackendTrafficPolicy', namespace: owner.name }], to: [{ group: GW, kind: 'HTTPRoute' }] },
          });
        }
        break;
      }
    }
  }

  // Listing order: by kind, and within a kind not by creation (the resolver sorts).
  shuffle(policies, rand);
  shuffle(routes, rand);
  // Policies as a cluster holds them (what `kubectl get -o yaml` prints): with the CRD's defaults.
  const stored = policies.map((p) => {
    const parsed = parseBackendTrafficPolicy(p);
    return parsed.success ? ({ ...p, spec: parsed.data.spec } as K8sObject) : p;
  });
  const objects = [...namespaces, ...secrets, ...gateways, ...routes, ...grants, ...stored];
  return {
    objects,
    counts: { namespaces: namespaces.length, gateways: gateways.length, routes: routes.length, policies: policies.length, referenceGrants: grants.length },
  };
}

/**
 * The objects as a cluster lists them (`kubectl get -o json`, an informer's cache): each also has
 * what the API server and controllers write, a `uid`, `resourceVersion`, `generation`,
 * `managedFields` (which manager set which field), kubectl's `last-applied-configuration`
 * annotation (the object again, as JSON) and, on Gateways, routes and policies, a `status`. None of
 * it changes the resolution. Deterministic, and new objects: `objects` is not changed.
 */
export function asListed(objects: readonly K8sObject[]): K8sObject[] {
  const time = '2025-01-01T00:00:00Z';
  const condition = (type: string, message: string) => ({ type, status: 'True', reason: type, message, lastTransitionTime: time, observedGeneration: 3 });
  const parentStatus = { parentRef: { group: GW, kind: 'Gateway', namespace: 'infra-0', name: 'gw-0' }, controllerName: `${EG}/gatewayclass-controller`, conditions: [condition('Accepted', 'Route is accepted'), condition('ResolvedRefs', 'Resolved all the Object references for the Route')] };
  return objects.map((o, i) => {
    // A FieldsV1 set of an object's own keys, one level deep.
    const fields = (value: unknown): Record<string, unknown> => (value !== null && typeof value === 'object' ? Object.fromEntries(Object.keys(value).map((k) => [`f:${k}`, {}])) : {});
    const managedFields: Array<Record<string, unknown>> = [
      { manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: o.apiVersion, time, fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:annotations': { '.': {}, 'f:kubectl.kubernetes.io/last-applied-configuration': {} }, 'f:labels': fields(o.metadata.labels) }, 'f:spec': fields(o.spec) } },
    ];
    const listed: Record<string, unknown> = {
      ...o,
      metadata: {
        ...o.metadata,
        uid: `0b4c7a52-1c2d-4e5f-9a8b-${String(i).padStart(12, '0')}`,
        resourceVersion: String(100_000 + i),
        generation: o.metadata.generation ?? 3,
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.metadata.name, namespace: o.metadata.namespace }, spec: o.spec }) },
        managedFields,
      },
    };
    const status =
      o.kind === 'Gateway'
        ? { conditions: [condition('Accepted', 'The Gateway has been scheduled by Envoy Gateway'), condition('Programmed', 'Address assigned to the Gateway, 1/1 envoy replicas available')], addresses: [{ type: 'IPAddress', value: '10.0.0.1' }] }
        : o.kind.endsWith('Route')
          ? { parents: [parentStatus] }
          : o.kind === 'BackendTrafficPolicy'
            ? { ancestors: [{ ancestorRef: parentStatus.parentRef, controllerName: parentStatus.controllerName, conditions: [condition('Accepted', 'Policy has been accepted.')] }] }
            : undefined;
    if (status) {
      managedFields.push({ manager: 'envoy-gateway', operation: 'Update', apiVersion: o.apiVersion, time, fieldsType: 'FieldsV1', subresource: 'status', fieldsV1: { 'f:status': { '.': {} } } });
      listed.status = status;
    }
    return listed as K8sObject;
  });
}

function shuffle<T>(xs: T[], rand: () => number): void {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
}

// ---------------------------------------------------------------- policy specs

type Scope = 'gateway' | 'listener' | 'route' | 'merge' | 'tcp';

const dur = (rand: () => number, choices: readonly string[]) => choices[Math.floor(rand() * choices.length)]!;

/** A realistic spec body: a few features, with values drawn from what clusters actually set. */
export function features(rand: () => number, scope: Scope): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const int = (n: number) => Math.floor(rand() * n);
  const want = scope === 'gateway' ? 3 + int(3) : scope === 'listener' ? 2 + int(2) : 1 + int(3);
  const pool = scope === 'tcp' ? TCP_FEATURES : scope === 'merge' ? MERGE_FEATURES : HTTP_FEATURES;
  for (let i = 0; i < want * 2 && Object.keys(out).length < want; i++) {
    const f = pool[int(pool.length)]!;
    if (out[f] !== undefined) continue;
    if (f === 'requestBuffer' && out.httpUpgrade !== undefined) continue;
    if (f === 'httpUpgrade' && out.requestBuffer !== undefined) continue;
    out[f] = FEATURE_VALUES[f]!(rand);
  }
  return out;
}

const HTTP_FEATURES = ['timeout', 'timeout', 'retry', 'retry', 'circuitBreaker', 'circuitBreaker', 'loadBalancer', 'healthCheck', 'rateLimit', 'tcpKeepalive', 'connection', 'compressor', 'faultInjection', 'http2', 'dns', 'httpUpgrade', 'requestBuffer'];
const MERGE_FEATURES = ['timeout', 'timeout', 'retry', 'circuitBreaker', 'circuitBreaker', 'loadBalancer', 'rateLimit', 'compressor', 'healthCheck'];
const TCP_FEATURES = ['timeout', 'circuitBreaker', 'loadBalancer', 'tcpKeepalive', 'healthCheck', 'proxyProtocol', 'dns'];

const FEATURE_VALUES: Record<string, (rand: () => number) => unknown> = {
  timeout: (rand) => {
    const t: Record<string, unknown> = {};
    if (rand() < 0.6) t.tcp = { connectTimeout: dur(rand, ['1s', '2s', '5s', '10s', '500ms']) };
    if (rand() < 0.8 || t.tcp === undefined) {
      const http: Record<string, unknown> = { requestTimeout: dur(rand, ['5s', '15s', '30s', '1m', '2m30s']) };
      if (rand() < 0.5) http.connectionIdleTimeout = dur(rand, ['1m', '5m', '1h']);
      if (rand() < 0.3) http.maxConnectionDuration = dur(rand, ['10m', '1h']);
      t.http = http;
    }
    return t;
  },
  retry: (rand) => {
    const r: Record<string, unknown> = { numRetries: 1 + Math.floor(rand() * 5) };
    if (rand() < 0.7) r.retryOn = { triggers: rand() < 0.5 ? ['connect-failure', 'retriable-status-codes'] : ['5xx', 'reset'], httpStatusCodes: [502, 503, 504].slice(0, 1 + Math.floor(rand() * 3)) };
    if (rand() < 0.5) r.perRetry = { timeout: dur(rand, ['250ms', '500ms', '1s']), backOff: { baseInterval: '100ms', maxInterval: dur(rand, ['1s', '10s']) } };
    return r;
  },
  circuitBreaker: (rand) => {
    const c: Record<string, unknown> = { maxConnections: [64, 256, 1024, 2048][Math.floor(rand() * 4)], maxPendingRequests: [32, 128, 1024][Math.floor(rand() * 3)] };
    if (rand() < 0.5) c.maxParallelRequests = [100, 512, 4096][Math.floor(rand() * 3)];
    if (rand() < 0.3) c.maxParallelRetries = 3 + Math.floor(rand() * 10);
    return c;
  },
  loadBalancer: (rand) => {
    const x = rand();
    if (x < 0.35) return { type: 'RoundRobin', ...(rand() < 0.4 ? { slowStart: { window: dur(rand, ['30s', '60s', '300s']) } } : {}) };
    if (x < 0.6) return { type: 'LeastRequest' };
    if (x < 0.75) return { type: 'Random' };
    if (x < 0.9) return { type: 'ConsistentHash', consistentHash: { type: 'Header', header: { name: 'x-user-id' } } };
    return { type: 'ConsistentHash', consistentHash: { type: 'Cookie', cookie: { name: 'session', ttl: '1h' } } };
  },
  healthCheck: (rand) => {
    if (rand() < 0.5) return { passive: { consecutive5XxErrors: 3 + Math.floor(rand() * 5), interval: dur(rand, ['2s', '5s', '10s']), baseEjectionTime: '30s', maxEjectionPercent: [10, 20, 50][Math.floor(rand() * 3)] } };
    return {
      active: { type: 'HTTP', timeout: '1s', interval: dur(rand, ['3s', '5s', '10s']), unhealthyThreshold: 3, healthyThreshold: 1, http: { path: '/healthz', method: 'GET', expectedStatuses: [200] } },
      ...(rand() < 0.3 ? { panicThreshold: 50 } : {}),
    };
  },
  rateLimit: (rand) => {
    const unit = rand() < 0.5 ? 'Second' : 'Minute';
    return {
      type: 'Local',
      local: {
        rules: [
          { limit: { requests: [10, 100, 1000][Math.floor(rand() * 3)], unit } },
          ...(rand() < 0.5 ? [{ clientSelectors: [{ headers: [{ name: 'x-tenant', type: 'Exact', value: `tenant-${Math.floor(rand() * 20)}` }] }], limit: { requests: 50, unit } }] : []),
        ],
      },
    };
  },
  tcpKeepalive: (rand) => ({ probes: 3 + Math.floor(rand() * 6), idleTime: dur(rand, ['10s', '1m', '5m']), interval: dur(rand, ['5s', '10s']) }),
  connection: (rand) => ({ bufferLimit: ['32Ki', '1Mi', '4Mi'][Math.floor(rand() * 3)] }),
  compressor: (rand) => (rand() < 0.5 ? [{ type: 'Gzip' }] : [{ type: 'Brotli' }, { type: 'Gzip' }]),
  faultInjection: (rand) => (rand() < 0.5 ? { abort: { httpStatus: 503, percentage: 1 } } : { delay: { fixedDelay: dur(rand, ['100ms', '1s']), percentage: 5 } }),
  http2: (rand) => ({ initialStreamWindowSize: '64Ki', initialConnectionWindowSize: '1Mi', maxConcurrentStreams: [100, 250, 1000][Math.floor(rand() * 3)] }),
  dns: (rand) => ({ dnsRefreshRate: dur(rand, ['5s', '30s']), respectDnsTtl: rand() < 0.5 }),
  httpUpgrade: () => [{ type: 'websocket' }],
  requestBuffer: (rand) => ({ limit: ['4Ki', '1Mi'][Math.floor(rand() * 2)] }),
  proxyProtocol: (rand) => ({ version: rand() < 0.5 ? 'V1' : 'V2' }),
};
