/**
 * A slow, obviously-correct reference for the benchmark's answers, written from the rules rather
 * than from the resolver: every question is answered by scanning every object.
 *
 * - Route entries: for every route, every parentRef is looked up by scanning all Gateways, and every
 *   listener is checked (section, port, readiness, kinds, namespaces, hostnames).
 * - Effective settings of a route entry: scan all policies (in creation order) for the first one
 *   targeting its rule, then its route, then its listener, then its Gateway; a route policy with
 *   `mergeType` takes, leaf by leaf, its own value or else its parent's (the listener's policy,
 *   else the Gateway's). TCP/TLS routes take each feature from the first of route, listener and
 *   Gateway policy that sets it.
 *
 * Only the subset of Gateway API the generator writes is covered, and only a few settings whose
 * translation is plain (durations in ms, counts, the load-balancer member) are compared.
 */
import type { K8sObject } from './generator.js';

const GW = 'gateway.networking.k8s.io';
const EG = 'gateway.envoyproxy.io';

type Labels = Record<string, string> | undefined;
type Obj = K8sObject & { spec: Record<string, any> };

export interface ExpectedEntry {
  gateway: string;
  listener: string;
  ruleIndex: number;
  /** `namespace/name` of the policies in the entry's `policies`, in order. */
  policies: string[];
  /** Leaf path in `traffic` → expected value (undefined: must be absent). */
  settings: Record<string, unknown>;
  /** Leaf path → `namespace/name` of the policy that supplied it. */
  provenance: Record<string, string>;
}

/** The leaves compared: path in the policy spec → path in the resolved traffic and how it translates. */
const CHECKED: Array<{ spec: string[]; traffic: string; translate: (v: unknown) => unknown }> = [
  { spec: ['timeout', 'tcp', 'connectTimeout'], traffic: 'timeout.tcp.connectTimeout', translate: (v) => ms(v as string) },
  { spec: ['timeout', 'http', 'requestTimeout'], traffic: 'timeout.http.requestTimeout', translate: (v) => ms(v as string) },
  { spec: ['timeout', 'http', 'connectionIdleTimeout'], traffic: 'timeout.http.connectionIdleTimeout', translate: (v) => ms(v as string) },
  { spec: ['timeout', 'http', 'maxConnectionDuration'], traffic: 'timeout.http.maxConnectionDuration', translate: (v) => ms(v as string) },
  { spec: ['circuitBreaker', 'maxConnections'], traffic: 'circuitBreaker.maxConnections', translate: (v) => v },
  { spec: ['circuitBreaker', 'maxPendingRequests'], traffic: 'circuitBreaker.maxPendingRequests', translate: (v) => v },
  { spec: ['circuitBreaker', 'maxParallelRequests'], traffic: 'circuitBreaker.maxParallelRequests', translate: (v) => v },
  { spec: ['retry', 'numRetries'], traffic: 'retry.numRetries', translate: (v) => v },
  { spec: ['loadBalancer', 'type'], traffic: 'loadBalancer', translate: (v) => (v as string).charAt(0).toLowerCase() + (v as string).slice(1) },
];

/** What TCP and TLS routes take from a policy (retries, rate limits, … are HTTP-only). */
const TCP_FEATURES = ['loadBalancer', 'proxyProtocol', 'healthCheck', 'circuitBreaker', 'tcpKeepalive', 'timeout', 'backendConnection', 'dns'];

/** Go-style duration (`1h30m`, `500ms`) in milliseconds. */
function ms(d: string): number {
  let total = 0;
  for (const m of d.matchAll(/(\d+)(ms|h|m|s)/g)) total += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
  return total;
}

const get = (o: unknown, path: readonly string[]): unknown => path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);
const key = (o: { metadata: { namespace?: string; name: string } }) => `${o.metadata.namespace}/${o.metadata.name}`;
const groupOf = (apiVersion: string) => apiVersion.split('/')[0];

function matchesSelector(sel: { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> } | undefined, labels: Labels): boolean {
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const e of sel?.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, e.key);
    if (e.operator === 'In' && !(has && e.values!.includes(l[e.key]!))) return false;
    if (e.operator === 'NotIn' && has && e.values!.includes(l[e.key]!)) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

export class Reference {
  private readonly all: Obj[];
  private readonly policies: Obj[];
  private readonly namespaces: Obj[];
  private readonly gateways: Obj[];
  private readonly grants: Obj[];

  constructor(objects: readonly K8sObject[]) {
    this.all = objects as Obj[];
    this.namespaces = this.all.filter((o) => o.kind === 'Namespace');
    this.gateways = this.all.filter((o) => o.kind === 'Gateway');
    this.grants = this.all.filter((o) => o.kind === 'ReferenceGrant');
    const ts = (o: Obj) => Date.parse(o.metadata.creationTimestamp);
    // Creation order, then namespace, then name.
    this.policies = this.all
      .filter((o) => o.kind === 'BackendTrafficPolicy')
      .sort((a, b) => ts(a) - ts(b) || cmp(a.metadata.namespace!, b.metadata.namespace!) || cmp(a.metadata.name, b.metadata.name));
  }

  private namespaceLabels(ns: string): Labels {
    return this.namespaces.find((o) => o.metadata.name === ns)?.metadata.labels;
  }

  // ---------------------------------------------------------------- route attachment

  /** `[gateway key, listener name, rule index]` of every entry the route produces. */
  entriesOf(route: Obj): Array<{ gateway: Obj; listener: Record<string, any>; ruleIndex: number }> {
    const out: Array<{ gateway: Obj; listener: Record<string, any>; ruleIndex: number }> = [];
    const seen = new Set<string>();
    for (const pr of route.spec.parentRefs ?? []) {
      if ((pr.group ?? GW) !== GW || (pr.kind ?? 'Gateway') !== 'Gateway') continue;
      const ns = pr.namespace || route.metadata.namespace;
      const gateway = this.gateways.find((o) => o.metadata.namespace === ns && o.metadata.name === pr.name);
      if (!gateway) continue;
      for (const l of gateway.spec.listeners) {
        if (pr.sectionName && pr.sectionName !== l.name) continue;
        if (pr.port && pr.port !== l.port) continue;
        if (!this.accepts(gateway, l, route)) continue;
        const rules = route.kind === 'HTTPRoute' || route.kind === 'GRPCRoute' ? route.spec.rules.length : 1;
        for (let i = 0; i < rules; i++) {
          const id = `${key(gateway)}/${l.name}|${i}`;
          if (seen.has(id)) continue;
          seen.add(id);
          out.push({ gateway, listener: l, ruleIndex: i });
        }
      }
    }
    return out;
  }

  private accepts(gateway: Obj, l: Record<string, any>, route: Obj): boolean {
    const kinds: Record<string, string[]> = { HTTP: ['HTTPRoute', 'GRPCRoute'], HTTPS: ['HTTPRoute', 'GRPCRoute'], TLS: ['TLSRoute', 'TCPRoute'], TCP: ['TCPRoute'], UDP: ['UDPRoute'] };
    if (!(kinds[l.protocol] ?? []).includes(route.kind)) return false;
    if (l.allowedRoutes?.kinds?.length && !l.allowedRoutes.kinds.some((k: { kind: string }) => k.kind === route.kind)) return false;
    const ready = (l.protocol !== 'HTTPS' && l.protocol !== 'TLS') || l.tls?.mode === 'Passthrough' || l.tls?.certificateRefs?.length > 0;
    if (!ready) return false;
    const from = l.allowedRoutes?.namespaces?.from ?? 'Same';
    if (from === 'Same' && route.metadata.namespace !== gateway.metadata.namespace) return false;
    if (from === 'Selector') {
      const labels = this.namespaceLabels(route.metadata.namespace!);
      if (!labels || !matchesSelector(l.allowedRoutes.namespaces.selector, labels)) return false;
    }
    if (route.kind === 'TCPRoute' || route.kind === 'UDPRoute' || !l.hostname || !route.spec.hostnames?.length) return true;
    return (route.spec.hostnames as string[]).some((h) => h === l.hostname || (l.hostname.startsWith('*.') && h.endsWith(l.hostname.slice(1))));
  }

  /**
   * Whether a policy reaches at least one target (and so appears in the result): a plain ref (to
   * anything), or a selector matching a Gateway or a route with a parentRef to an existing Gateway.
   */
  reachesTarget(policy: K8sObject): boolean {
    const p = policy as Obj;
    if (this.plainRefs(p).length > 0) return true;
    const attached = (o: Obj) =>
      (o.spec.parentRefs ?? []).some((pr: Record<string, string>) => this.gateways.some((g) => g.metadata.namespace === (pr.namespace || o.metadata.namespace) && g.metadata.name === pr.name));
    return this.all.some((o) => (o.kind === 'Gateway' || (o.kind.endsWith('Route') && attached(o))) && this.targetsWhole(p, o));
  }

  /** Number of route entries across the cluster, by route kind. */
  countEntries(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of this.all) {
      if (!r.kind.endsWith('Route')) continue;
      counts[r.kind] = (counts[r.kind] ?? 0) + this.entriesOf(r).length;
    }
    return counts;
  }

  // ---------------------------------------------------------------- targeting

  private plainRefs(p: Obj): Array<Record<string, string>> {
    return p.spec.targetRef ? [p.spec.targetRef] : (p.spec.targetRefs ?? []);
  }

  /** Whether policy `p` targets the whole object (no section), by ref or by selector. */
  private targetsWhole(p: Obj, o: Obj): boolean {
    const ns = o.metadata.namespace!;
    if (this.plainRefs(p).some((r) => !r.sectionName && r.kind === o.kind && r.name === o.metadata.name && p.metadata.namespace === ns)) return true;
    for (const sel of p.spec.targetSelectors ?? []) {
      if (sel.kind !== o.kind || (sel.group || GW) !== groupOf(o.apiVersion)) continue;
      const from = sel.namespaces?.from ?? 'Same';
      if (from === 'Same' && ns !== p.metadata.namespace) continue;
      if (from === 'Selector') {
        const labels = this.namespaceLabels(ns);
        if (!labels || !matchesSelector(sel.namespaces.selector, labels)) continue;
      }
      if (!matchesSelector(sel, o.metadata.labels)) continue;
      if (ns !== p.metadata.namespace && !this.granted(p, o)) continue;
      return true;
    }
    return false;
  }

  private granted(p: Obj, o: Obj): boolean {
    return this.grants.some(
      (g) =>
        g.metadata.namespace === o.metadata.namespace &&
        g.spec.from.some((f: Record<string, string>) => f.group === EG && f.kind === 'BackendTrafficPolicy' && f.namespace === p.metadata.namespace) &&
        g.spec.to.some((t: Record<string, string>) => t.group === groupOf(o.apiVersion) && t.kind === o.kind && (!t.name || t.name === o.metadata.name)),
    );
  }

  private targetsSection(p: Obj, o: Obj, section: string): boolean {
    return this.plainRefs(p).some((r) => r.sectionName === section && r.kind === o.kind && r.name === o.metadata.name && p.metadata.namespace === o.metadata.namespace);
  }

  // ---------------------------------------------------------------- effective settings

  /** The expected entries of one route, with the policies and settings that apply to each. */
  expect(route: Obj): ExpectedEntry[] {
    const http = route.kind === 'HTTPRoute' || route.kind === 'GRPCRoute';
    const routeWinner = this.policies.find((p) => this.targetsWhole(p, route));
    return this.entriesOf(route).map(({ gateway, listener, ruleIndex }) => {
      const ruleName: string | undefined = http ? route.spec.rules[ruleIndex]?.name : undefined;
      const ruleWinner = ruleName ? this.policies.find((p) => this.targetsSection(p, route, ruleName)) : undefined;
      const listenerWinner = this.policies.find((p) => this.targetsSection(p, gateway, listener.name));
      const gatewayWinner = this.policies.find((p) => this.targetsWhole(p, gateway));
      const own = ruleWinner ?? routeWinner;
      const parent = listenerWinner ?? gatewayWinner;
      const merges = own !== undefined && typeof own.spec.mergeType === 'string' && own.spec.mergeType !== '' && parent !== undefined;
      /** A leaf of the route-level policy's effective spec, and who supplied it. */
      const routeLeaf = (path: string[]): [unknown, Obj] | undefined => {
        if (!own) return undefined;
        const mine = get(own.spec, path);
        if (mine !== undefined) return [mine, own];
        const theirs = merges ? get(parent!.spec, path) : undefined;
        return theirs !== undefined ? [theirs, parent!] : undefined;
      };
      const entry: ExpectedEntry = { gateway: key(gateway), listener: listener.name, ruleIndex, policies: [], settings: {}, provenance: {} };
      if (http) {
        const winner = own ?? listenerWinner ?? gatewayWinner;
        if (winner) entry.policies.push(key(winner));
        for (const c of CHECKED) {
          const leaf = own ? routeLeaf(c.spec) : winner && get(winner.spec, c.spec) !== undefined ? ([get(winner.spec, c.spec), winner] as [unknown, Obj]) : undefined;
          entry.settings[c.traffic] = leaf && c.translate(leaf[0]);
          if (leaf && c.traffic !== 'loadBalancer') entry.provenance[c.traffic] = key(leaf[1]);
        }
      } else {
        for (const p of [own, listenerWinner, gatewayWinner]) if (p) entry.policies.push(key(p));
        for (const c of CHECKED) {
          // Each top-level feature a TCP route takes comes whole from the first scope that sets it.
          const feature = c.spec[0]!;
          if (!TCP_FEATURES.includes(feature)) continue;
          let leaf: [unknown, Obj] | undefined;
          if (own && (get(own.spec, [feature]) !== undefined || (merges && get(parent!.spec, [feature]) !== undefined))) leaf = routeLeaf(c.spec);
          else {
            const p = [listenerWinner, gatewayWinner].find((x) => x && get(x.spec, [feature]) !== undefined);
            const v = p && get(p.spec, c.spec);
            leaf = p && v !== undefined ? [v, p] : undefined;
          }
          entry.settings[c.traffic] = leaf && c.translate(leaf[0]);
          if (leaf && c.traffic !== 'loadBalancer') entry.provenance[c.traffic] = key(leaf[1]);
        }
      }
      return entry;
    });
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The same view of a resolver's route entry, for comparison with `ExpectedEntry`. */
export function observedEntry(r: {
  gateway: { namespace: string; name: string };
  listener: string;
  ruleIndex: number;
  policies: Array<{ namespace: string; name: string }>;
  traffic?: Record<string, unknown>;
  provenance: Record<string, { namespace: string; name: string }>;
}): ExpectedEntry {
  const entry: ExpectedEntry = { gateway: `${r.gateway.namespace}/${r.gateway.name}`, listener: r.listener, ruleIndex: r.ruleIndex, policies: r.policies.map((p) => `${p.namespace}/${p.name}`), settings: {}, provenance: {} };
  for (const c of CHECKED) {
    const v = c.traffic === 'loadBalancer' ? Object.keys((r.traffic?.loadBalancer as object | undefined) ?? {})[0] : get(r.traffic, c.traffic.split('.'));
    entry.settings[c.traffic] = v;
    const from = r.provenance[c.traffic];
    if (from && c.traffic !== 'loadBalancer') entry.provenance[c.traffic] = `${from.namespace}/${from.name}`;
  }
  return entry;
}

/**
 * Compare a resolution with the reference: route-entry counts by kind, whether `sample` policies
 * are listed, and every entry of `sample` routes, both drawn with a fixed seed. Returns the
 * mismatches (empty when the answer is right).
 */
export function check(
  objects: readonly K8sObject[],
  resolution: {
    routes: Array<Parameters<typeof observedEntry>[0] & { route: { kind: string; namespace: string; name: string } }>;
    policies: Array<{ ref: { namespace: string; name: string } }>;
  },
  sample: number,
  seed = 7,
): string[] {
  const ref = new Reference(objects);
  const problems: string[] = [];
  const expectedCounts = ref.countEntries();
  const observedCounts: Record<string, number> = {};
  for (const r of resolution.routes) observedCounts[r.route.kind] = (observedCounts[r.route.kind] ?? 0) + 1;
  for (const kind of new Set([...Object.keys(expectedCounts), ...Object.keys(observedCounts)])) {
    if ((expectedCounts[kind] ?? 0) !== (observedCounts[kind] ?? 0)) problems.push(`${kind} entries: expected ${expectedCounts[kind] ?? 0}, got ${observedCounts[kind] ?? 0}`);
  }
  const listed = new Set(resolution.policies.map((p) => `${p.ref.namespace}/${p.ref.name}`));
  const policies = objects.filter((o) => o.kind === 'BackendTrafficPolicy');
  if (listed.size > policies.length) problems.push(`policies: ${listed.size} listed, only ${policies.length} in the input`);
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648);
  for (let i = 0; i < Math.min(sample, policies.length); i++) {
    const p = policies[next() % policies.length]!;
    const expected = ref.reachesTarget(p);
    if (listed.has(key(p)) !== expected) problems.push(`policy ${key(p)}: expected ${expected ? '' : 'not '}to be listed`);
  }

  const byRoute = new Map<string, Array<(typeof resolution.routes)[number]>>();
  for (const r of resolution.routes) {
    const k = `${r.route.kind}/${r.route.namespace}/${r.route.name}`;
    const list = byRoute.get(k) ?? [];
    list.push(r);
    byRoute.set(k, list);
  }
  const routes = (objects as Obj[]).filter((o) => o.kind.endsWith('Route'));
  for (let i = 0; i < Math.min(sample, routes.length); i++) {
    const route = routes[next() % routes.length]!;
    const expected = ref.expect(route);
    const observed = (byRoute.get(`${route.kind}/${route.metadata.namespace}/${route.metadata.name}`) ?? []).map(observedEntry);
    const sortKey = (e: ExpectedEntry) => `${e.gateway}/${e.listener}|${e.ruleIndex}`;
    expected.sort((a, b) => cmp(sortKey(a), sortKey(b)));
    observed.sort((a, b) => cmp(sortKey(a), sortKey(b)));
    const a = JSON.stringify(expected);
    const b = JSON.stringify(observed);
    if (a !== b) problems.push(`${route.kind} ${route.metadata.namespace}/${route.metadata.name}:\n  expected ${a}\n  observed ${b}`);
  }
  return problems;
}
