/**
 * Envoy Gateway's xDS IR (`xds/in/<case>.yaml`) → the inputs of `emitEnvoy`: a `Resolution`-shaped
 * object and the `EmitOptions` facts that Envoy Gateway's IR carries beside the BTP settings.
 *
 * Mapping rules:
 * - HTTP listener → gateway listener. When its IR `metadata` names a Gateway and the IR name is
 *   `<ns>/<gw>/<listener>` (or `<ns>/<gw>/<lsns>/<ls>/<listener>` for a ListenerSet), that identity
 *   is used as is, so our names must come out equal to Envoy Gateway's. Hand-written listeners
 *   (`first-listener`) get a synthetic identity `xds/xds/<name>` and a rename back.
 * - HTTP route → one `RouteResult` (listener × route × rule). IR routes named the way Envoy Gateway
 *   names them (`<kind>/<ns>/<name>/rule/<i>/match/<j>/<host>`) are grouped back into their rule
 *   (hostnames × matches) and keep that identity; any other IR route becomes its own synthetic
 *   rule (`httproute/xds/r<n>`, GRPCRoute when `isHTTP2`) renamed back to its IR name, and its
 *   cluster renamed to the IR `destination.name`.
 * - `pathMatch` / `headerMatches` / `queryParamMatches` → one Gateway API match (`Exact`,
 *   `PathPrefix`, `RegularExpression`); an IR route with none of them is a rule without matches
 *   (`match/-1`, as Envoy Gateway names it).
 * - `traffic` → `irTrafficToOurs`, then Go's zero values in the fields the hand-written IR leaves
 *   out (`withGoZeroValues`, test/support/ir-traffic.ts); `useClientProtocol`,
 *   `directResponse`, `metadata.policies` (→ `policies`), `metadata.sectionName` (→ `ruleName`) copied.
 * - `destination.settings[]` → `backendRefs` (weight; `filters` present when the IR setting has
 *   filters) and `EmitOptions.destinations` (protocol, address type, TLS, auto SNI when the TLS
 *   settings name no SNI, dynamic resolver, the backend's own `preferLocal`).
 * - Listener `timeout.http.streamIdleTimeout`, `headers.{disableRateLimitHeaders,
 *   enableEnvoyHeaders}` → `EmitOptions.listeners`; top-level `healthCheckLog` → `EmitOptions.healthCheckLog`.
 * - TCP listeners' routes → TCPRoute rules (their BTP fields, named as on the IR route, form the
 *   traffic); UDP listeners' route → a UDPRoute rule.
 *
 * - The HTTPRoute rule's own `timeout` (→ ms) and `retry` (→ our retry shape) → the route
 *   result's `timeout` / `retry`.
 *
 * What the emitter cannot be told is reported in `unsupported` (the case is then expected to be a
 * known gap): merged backend clusters (`backendClusterRefs`).
 */
import type { EmitOptions, DestinationSetting, ListenerSettings } from '../../src/emit/index.js';
import { clusterNameOf, listenerNameOf } from '../../src/emit/index.js';
import type { ObjectRef, Resolution, RouteResult } from '../../src/resolve/types.js';
import { parseGoDuration } from '../../src/values/duration.js';
import { irTrafficToOurs, withGoZeroValues } from '../support/ir-traffic.js';
import { retryIrToOurs } from '../features/retry/ir.js';

type Json = Record<string, any>;

export interface AdaptedCase {
  resolution: Resolution;
  options: EmitOptions;
  /** Our name → Envoy Gateway's, for listener, route and cluster names (exact strings). */
  renames: Map<string, string>;
  /** EG route names whose IR route had no `metadata`: Envoy Gateway then prints no route metadata. */
  routesWithoutMetadata: Set<string>;
  /** EG listener names whose IR listener had no `metadata`: no virtual-host metadata. */
  listenersWithoutMetadata: Set<string>;
  /** EG listener name → the EG listener whose HCM / route configuration it shares (same plain-HTTP port). */
  hcmOwner: Map<string, string>;
  /** EG names of the route clusters (destinations and their per-backend clusters). */
  routeClusters: Set<string>;
  /** EG names of destination clusters whose IR destination had `metadata` (Envoy Gateway copies it onto the cluster). */
  clustersWithMetadata: Set<string>;
  /**
   * EG listener names with hand-written IR routes. Envoy Gateway sorts a listener's routes when it
   * builds the IR (gatewayapi layer), and the xDS layer keeps the IR order; hand-written IR is not
   * sorted, so only for these listeners route order within a virtual host is not compared.
   */
  unsortedListeners: Set<string>;
  /** Why the emitter cannot reproduce parts of this case (empty when it can). */
  unsupported: string[];
}

const EG_ROUTE_NAME = /^(httproute|grpcroute)\/([^/]+)\/([^/]+)\/rule\/(\d+)\/match\/(-?\d+)\/(.+)$/;
const KINDS: Record<string, string> = { httproute: 'HTTPRoute', grpcroute: 'GRPCRoute' };

const ms = (d: unknown): number | undefined => {
  if (typeof d !== 'string') return undefined;
  const r = parseGoDuration(d);
  return r.success ? r.data / 1e6 : undefined;
};

function stringMatchType(m: Json): { type: string; value: string } | undefined {
  if (typeof m.exact === 'string') return { type: 'Exact', value: m.exact };
  if (typeof m.safeRegex === 'string') return { type: 'RegularExpression', value: m.safeRegex };
  return undefined;
}

/** IR matches → one Gateway API HTTPRoute match, or undefined for "match everything". */
function gatewayApiMatch(r: Json, unsupported: string[]): Json | undefined {
  if (!r.pathMatch && !r.headerMatches?.length && !r.queryParamMatches?.length) return undefined;
  const match: Json = {};
  if (r.pathMatch) {
    const p = r.pathMatch;
    if (typeof p.exact === 'string') match.path = { type: 'Exact', value: p.exact };
    else if (typeof p.prefix === 'string') match.path = { type: 'PathPrefix', value: p.prefix };
    else if (typeof p.safeRegex === 'string') match.path = { type: 'RegularExpression', value: p.safeRegex };
    else unsupported.push(`route ${r.name}: path match ${JSON.stringify(p)}`);
  }
  for (const [irKey, key] of [
    ['headerMatches', 'headers'],
    ['queryParamMatches', 'queryParams'],
  ] as const) {
    for (const h of r[irKey] ?? []) {
      const sm = stringMatchType(h);
      if (!sm || h.invert || h.distinct) {
        unsupported.push(`route ${r.name}: ${irKey} ${JSON.stringify(h)}`);
        continue;
      }
      (match[key] ??= []).push({ type: sm.type, name: h.name, value: sm.value });
    }
  }
  return match;
}

function destinationSettings(dest: Json): DestinationSetting[] {
  return (dest?.settings ?? []).map((s: Json) => {
    const out: DestinationSetting = {};
    if (typeof s.protocol === 'string') out.protocol = s.protocol;
    if (typeof s.addressType === 'string') out.addressType = s.addressType as DestinationSetting['addressType'];
    if (s.tls) {
      out.tls = true;
      if (!s.tls.sni) out.autoSni = true;
    }
    if (s.isDynamicResolver) out.dynamicResolver = true;
    if (s.preferLocal) out.preferLocal = s.preferLocal;
    if (typeof s.ipFamily === 'string') out.ipFamily = s.ipFamily as DestinationSetting['ipFamily'];
    return out;
  });
}

function backendRefs(dest: Json): Json[] {
  return (dest?.settings ?? []).map((s: Json) => {
    const ref: Json = { name: s.name ?? '', weight: typeof s.weight === 'number' ? s.weight : 1 };
    // Only presence matters to the emitter (per-backend filters split the cluster).
    if (s.filters && Object.keys(s.filters).length > 0) ref.filters = [{ type: 'RequestHeaderModifier' }];
    return ref;
  });
}

function policiesOf(r: Json): ObjectRef[] {
  return (r.metadata?.policies ?? []).map((p: Json) => ({ namespace: p.namespace, name: p.name }));
}

interface ListenerIdentity {
  gateway: ObjectRef;
  listener: string;
  listenerSet?: ObjectRef;
  synthetic: boolean;
}

function listenerIdentity(l: Json): ListenerIdentity {
  const md = l.metadata;
  const parts = String(l.name).split('/');
  if (md?.kind === 'Gateway' && typeof md.sectionName === 'string') {
    if (parts.length === 3 && parts[0] === md.namespace && parts[1] === md.name && parts[2] === md.sectionName) {
      return { gateway: { namespace: md.namespace, name: md.name }, listener: md.sectionName, synthetic: false };
    }
    if (parts.length === 5 && parts[0] === md.namespace && parts[1] === md.name && parts[4] === md.sectionName) {
      return {
        gateway: { namespace: md.namespace, name: md.name },
        listener: md.sectionName,
        listenerSet: { namespace: parts[2]!, name: parts[3]! },
        synthetic: false,
      };
    }
  }
  return { gateway: { namespace: 'xds', name: 'xds' }, listener: String(l.name), synthetic: true };
}

function baseResult(id: ListenerIdentity): Pick<RouteResult, 'gateway' | 'listener' | 'listenerSet'> {
  const out: Pick<RouteResult, 'gateway' | 'listener' | 'listenerSet'> = { gateway: id.gateway, listener: id.listener };
  if (id.listenerSet) out.listenerSet = id.listenerSet;
  return out;
}

function sameJson(values: unknown[]): boolean {
  return values.every((v) => JSON.stringify(v) === JSON.stringify(values[0]));
}

/** The IR of one case → our inputs. */
export function adaptXdsIr(ir: Json): AdaptedCase {
  const routes: RouteResult[] = [];
  const options: EmitOptions = { destinations: {}, listeners: {} };
  const renames = new Map<string, string>();
  const routesWithoutMetadata = new Set<string>();
  const listenersWithoutMetadata = new Set<string>();
  const hcmOwner = new Map<string, string>();
  const routeClusters = new Set<string>();
  const clustersWithMetadata = new Set<string>();
  const unsortedListeners = new Set<string>();
  const unsupported: string[] = [];
  let synthetic = 0;

  if (ir.healthCheckLog) options.healthCheckLog = ir.healthCheckLog;

  // Plain-HTTP listeners on one port share one HCM and route configuration (the first one's).
  const portOwner = new Map<number, string>();
  for (const l of ir.http ?? []) {
    if (l.tls) hcmOwner.set(l.name, l.name);
    else {
      if (!portOwner.has(l.port)) portOwner.set(l.port, l.name);
      hcmOwner.set(l.name, portOwner.get(l.port)!);
    }
  }

  const registerDestination = (ours: RouteResult, dest: Json, perBackendNames: boolean) => {
    const ourCluster = clusterNameOf(ours);
    if (dest?.backendClusterRefs) unsupported.push(`merged backend clusters (${dest.name})`);
    if (typeof dest?.name === 'string') {
      routeClusters.add(dest.name);
      if (dest.metadata) clustersWithMetadata.add(dest.name);
      if (ourCluster !== dest.name) renames.set(ourCluster, dest.name);
    }
    const settings: Json[] = dest?.settings ?? [];
    settings.forEach((s, k) => {
      if (typeof s.name !== 'string') return;
      routeClusters.add(s.name);
      const ourBackend = `${ourCluster}/backend/${k}`;
      if (perBackendNames && ourBackend !== s.name) renames.set(ourBackend, s.name);
    });
    options.destinations![ourCluster] = destinationSettings(dest);
  };

  for (const l of ir.http ?? []) {
    const id = listenerIdentity(l);
    const probe = { ...baseResult(id), route: { kind: 'HTTPRoute', namespace: 'x', name: 'x' }, ruleIndex: 0 } as RouteResult;
    const ourListener = listenerNameOf(probe);
    if (ourListener !== l.name) renames.set(ourListener, l.name);
    if (id.synthetic || !l.metadata) listenersWithoutMetadata.add(l.name);
    const settings: ListenerSettings = {};
    const idle = ms(l.timeout?.http?.streamIdleTimeout);
    if (idle !== undefined) settings.streamIdleTimeout = idle;
    if (l.headers?.disableRateLimitHeaders === true) settings.disableRateLimitHeaders = true;
    if (l.headers?.enableEnvoyHeaders === true) settings.enableEnvoyHeaders = true;
    options.listeners![ourListener] = settings;

    // Group EG-named IR routes back into their rules; everything else is synthetic.
    const groups = new Map<string, Json[]>();
    const order: Array<{ key: string } | { single: Json }> = [];
    for (const r of l.routes ?? []) {
      const m = EG_ROUTE_NAME.exec(r.name);
      const host = typeof r.hostname === 'string' ? r.hostname : '*';
      const ok = m && m[6] === host.replace(/\./g, '_') && (r.destination?.name === `${m[1]}/${m[2]}/${m[3]}/rule/${m[4]}` || r.destination?.backendClusterRefs);
      if (!ok) {
        order.push({ single: r });
        continue;
      }
      const key = `${m![1]}/${m![2]}/${m![3]}/rule/${m![4]}`;
      if (!groups.has(key)) {
        groups.set(key, []);
        order.push({ key });
      }
      groups.get(key)!.push(r);
    }

    const emitSynthetic = (r: Json) => {
      unsortedListeners.add(l.name);
      const kind = r.isHTTP2 ? 'GRPCRoute' : 'HTTPRoute';
      const match = gatewayApiMatch(r, unsupported);
      if (kind === 'GRPCRoute' && match) unsupported.push(`route ${r.name}: matches on an HTTP/2 route`);
      const result: RouteResult = {
        ...baseResult(id),
        route: { kind, namespace: 'xds', name: `r${synthetic++}` },
        ruleIndex: 0,
        hostnames: [typeof r.hostname === 'string' ? r.hostname : '*'],
        policies: policiesOf(r),
        provenance: {},
        outcomes: [],
        backendRefs: backendRefs(r.destination),
      };
      if (match) result.matches = [match];
      fillCommon(result, r);
      const ourName = `${kind.toLowerCase()}/xds/${result.route.name}/rule/0/match/${match ? 0 : -1}/${result.hostnames[0]!.replace(/\./g, '_')}`;
      renames.set(ourName, r.name);
      if (!r.metadata) routesWithoutMetadata.add(r.name);
      registerDestination(result, r.destination, true);
      routes.push(result);
    };

    const fillCommon = (result: RouteResult, r: Json) => {
      if (r.traffic !== undefined) result.traffic = withGoZeroValues(irTrafficToOurs(r.traffic)) as RouteResult['traffic'];
      if (typeof r.useClientProtocol === 'boolean') result.useClientProtocol = r.useClientProtocol;
      if (r.directResponse) result.directResponse = { statusCode: r.directResponse.statusCode };
      const section = r.metadata?.sectionName;
      if (typeof section === 'string' && section !== '') result.ruleName = section;
      // The HTTPRoute rule's own request timeout and retry (Gateway API, not BTP).
      const timeout = ms(r.timeout);
      if (timeout !== undefined) result.timeout = timeout;
      if (r.retry) result.retry = retryIrToOurs(r.retry) as RouteResult['retry'];
    };

    for (const item of order) {
      if ('single' in item) {
        emitSynthetic(item.single);
        continue;
      }
      const group = groups.get(item.key)!;
      const parsed = group.map((r) => ({ r, m: EG_ROUTE_NAME.exec(r.name)! }));
      const hostnames = [...new Set(group.map((r) => (typeof r.hostname === 'string' ? r.hostname : '*')))];
      const indices = [...new Set(parsed.map((p) => Number(p.m[5])))].sort((a, b) => a - b);
      const complete =
        (indices.length === 1 && indices[0] === -1) || indices.every((j, k) => j === k);
      const full = complete && group.length === hostnames.length * indices.length;
      const consistent = sameJson(group.map((r) => [r.traffic, r.useClientProtocol, r.directResponse, r.destination, r.metadata]));
      if (!full || !consistent) {
        for (const r of group) emitSynthetic(r);
        continue;
      }
      const first = parsed[0]!;
      const result: RouteResult = {
        ...baseResult(id),
        route: { kind: KINDS[first.m[1]!]!, namespace: first.m[2]!, name: first.m[3]! },
        ruleIndex: Number(first.m[4]),
        hostnames,
        policies: policiesOf(first.r),
        provenance: {},
        outcomes: [],
        backendRefs: backendRefs(first.r.destination),
      };
      if (indices[0] !== -1) {
        result.matches = indices.map((j) => {
          const r = parsed.find((p) => Number(p.m[5]) === j)!.r;
          return gatewayApiMatch(r, unsupported) ?? {};
        });
      }
      fillCommon(result, first.r);
      for (const r of group) if (!r.metadata) routesWithoutMetadata.add(r.name);
      registerDestination(result, first.r.destination, true);
      routes.push(result);
    }
  }

  const TCP_FIELDS = ['loadBalancer', 'proxyProtocol', 'healthCheck', 'circuitBreaker', 'tcpKeepalive', 'timeout', 'backendConnection', 'dns'];
  for (const proto of ['tcp', 'udp'] as const) {
    for (const l of ir[proto] ?? []) {
      const irRoutes: Json[] = proto === 'udp' ? (l.route ? [l.route] : []) : (l.routes ?? []);
      for (const r of irRoutes) {
        const traffic = Object.fromEntries(TCP_FIELDS.filter((f) => r[f] !== undefined).map((f) => [f, r[f]]));
        const result: RouteResult = {
          gateway: { namespace: 'xds', name: 'xds' },
          listener: String(l.name),
          route: { kind: proto === 'udp' ? 'UDPRoute' : l.tls ? 'TLSRoute' : 'TCPRoute', namespace: 'xds', name: `r${synthetic++}` },
          ruleIndex: 0,
          hostnames: ['*'],
          policies: [],
          provenance: {},
        outcomes: [],
          backendRefs: backendRefs(r.destination),
          traffic: withGoZeroValues(irTrafficToOurs(traffic)) as RouteResult['traffic'],
        };
        registerDestination(result, r.destination, false);
        routes.push(result);
      }
    }
  }

  return {
    resolution: { policies: [], routes, diagnostics: [], attachments: [] },
    options,
    renames,
    routesWithoutMetadata,
    listenersWithoutMetadata,
    hcmOwner,
    routeClusters,
    clustersWithMetadata,
    unsortedListeners,
    unsupported,
  };
}
