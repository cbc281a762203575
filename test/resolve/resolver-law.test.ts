/**
 * The resolver's law, as a property: after every change of a random sequence (new objects, edits
 * of labels and specs, deletes; by upsert, delete and watch events), `resolver.resolution()`
 * deep-equals `resolvePolicies(resolver.objects(), options)` and `resolvePolicies` of this test's
 * own model of the objects; the change's lists are exactly the difference between the resolution
 * before and after; and an Envoy emitter fed each change (`createEnvoyEmitter`) holds exactly
 * `emitEnvoy(resolver.resolution())`. Both profiles.
 *
 * The clusters are small on purpose, over a few names, so that changes collide: Gateways with
 * listeners of every protocol (an HTTPS one reading a Secret, maybe across namespaces with a
 * ReferenceGrant), a ListenerSet, labelled Namespaces, HTTP/GRPC/TCP routes with named rules
 * attaching by sectionName (some with hostnames a listener's does not match), and policies
 * targeting by ref and by selector (namespace selectors included), with `mergeType` and
 * conflicts, and GatewayClasses of two controllers. Changes include one listener of a Gateway
 * coming, going or changing while the others stay as they were. A second property draws route
 * policies that merge into policies on Gateways, listeners and the ListenerSet, under such
 * listener edits: the whole space above meets those merges too seldom. A third runs the first one's
 * scenarios with limits these clusters cross (a few selector matches, a conflict or two listed per
 * slot: `resolveWithin` and `createResolverWithin`), where the real ones take a million objects.
 *
 * Runs: BTP_FUZZ_RUNS (default 10 per profile); seed: BTP_FUZZ_SEED (printed); BTP_FUZZ_PATH replays
 * one failure (with its seed). `npm run fuzz:law` (part of `npm run fuzz`) runs it with 2000.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEnvoyEmitter, createResolver, emitEnvoy, type EnvoyEmitter, type Resolution, type ResolveOptions, type Resolver, type ResolverChange, type RouteResult } from '../../src/index.js';
import { tlsSecret } from '../support/tls-material.js';
import { jsonEqual } from '../../src/lang/json.js';
import { LIMITS, type ResolutionLimits } from '../../src/model/limits.js';
import { createResolverWithin } from '../../src/resolve/resolver.js';
import { resolveWithin } from '../../src/resolve/resolve-policies.js';

const RUNS = Number(process.env.BTP_FUZZ_RUNS ?? 10);
const SEED = process.env.BTP_FUZZ_SEED !== undefined ? Number(process.env.BTP_FUZZ_SEED) : Date.now() % 2 ** 31;
const GW_API = 'gateway.networking.k8s.io';

type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; creationTimestamp?: string }; [k: string]: unknown };

/** One of `values`, each as likely (fast-check's bias would pick the first far more often). */
const pick = <T,>(...values: T[]): fc.Arbitrary<T> => fc.noBias(fc.constantFrom(...values));

const NAMESPACES = ['a', 'b', 'c'] as const;
const labelsArb = fc.option(fc.record({ env: pick('prod', 'dev'), team: pick('x', 'y') }, { requiredKeys: [] }), { nil: undefined });
const nsArb = pick(...NAMESPACES.slice(0, 2));
const timeArb = fc.option(pick('2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z'), { nil: undefined });

function meta(name: string, namespace: string | undefined, labels: Record<string, string> | undefined, ts: string | undefined): K8sObject['metadata'] {
  const m: K8sObject['metadata'] = { name };
  if (namespace !== undefined) m.namespace = namespace;
  if (labels !== undefined) m.labels = labels;
  if (ts !== undefined) m.creationTimestamp = ts;
  return m;
}

const namespaceArb = fc.record({ name: pick(...NAMESPACES), labels: labelsArb }).map(({ name, labels }): K8sObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: meta(name, undefined, labels, undefined) }));

const allowedRoutesArb = fc.option(
  fc.oneof(fc.constant({ namespaces: { from: 'All' } }), fc.constant({ namespaces: { from: 'Same' } }), fc.constant({ namespaces: { from: 'Selector', selector: { matchLabels: { team: 'x' } } } })),
  { nil: undefined },
);

// A listener edited in place: `http`'s port and routes allowed, `web`'s hostname.
type Listener = { name: string; [k: string]: unknown };
const webListenerArb = fc.record({ hostname: pick('web.example.com', '*.example.com') }).map(({ hostname }) => ({ name: 'web', protocol: 'HTTP', port: 8080, hostname }));
const listenerArb: fc.Arbitrary<Listener> = fc.oneof(
  fc.record({ allowed: allowedRoutesArb, port: pick(80, 81) }).map(({ allowed, port }) => ({ name: 'http', protocol: 'HTTP', port, ...(allowed ? { allowedRoutes: allowed } : {}) })),
  webListenerArb,
  fc.record({ ns: fc.option(pick(...NAMESPACES), { nil: undefined }) }).map(({ ns }) => ({
    name: 'https',
    protocol: 'HTTPS',
    port: 443,
    tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: 'cert', ...(ns ? { namespace: ns } : {}) }] },
  })),
  fc.constant({ name: 'tcp', protocol: 'TCP', port: 9000 }),
);

/** Gateway gw1 lives in namespace a, gw2 in b, so that parentRefs and targetRefs find them. */
const GATEWAY_NS: Record<string, string> = { gw1: 'a', gw2: 'b' };

const gatewayArb = fc
  .record({
    name: pick('gw1', 'gw2'),
    labels: labelsArb,
    ts: timeArb,
    listeners: fc.uniqueArray(listenerArb, { minLength: 1, maxLength: 3, selector: (l) => l.name }).map((ls) => (ls.some((l) => l.name === 'http') ? ls : [{ name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces: { from: 'All' } } }, ...ls])),
    allowedListeners: fc.option(pick('All', 'Same'), { nil: undefined, freq: 4 }),
    className: pick('eg', 'eg', 'eg', 'other'),
  })
  .map(({ name, labels, ts, listeners, allowedListeners, className }): K8sObject => ({
    apiVersion: `${GW_API}/v1`,
    kind: 'Gateway',
    metadata: meta(name, GATEWAY_NS[name], labels, ts),
    spec: { gatewayClassName: className, listeners, ...(allowedListeners ? { allowedListeners: { namespaces: { from: allowedListeners } } } : {}) },
  }));

/** A GatewayClass, ours or another controller's: its Gateways come and go with it. */
const gatewayClassArb = fc
  .record({ name: pick('eg', 'other'), controllerName: pick('gateway.envoyproxy.io/gatewayclass-controller', 'istio.io/gateway-controller') })
  .map(({ name, controllerName }): K8sObject => ({ apiVersion: `${GW_API}/v1`, kind: 'GatewayClass', metadata: meta(name, undefined, undefined, undefined), spec: { controllerName } }));

const listenerSetArb = fc
  .record({ ns: pick('a', 'a', 'a', 'b'), labels: labelsArb, ts: timeArb, parent: pick('gw1', 'gw1', 'gw2'), parentNs: fc.option(nsArb, { nil: undefined, freq: 4 }), two: fc.boolean() })
  .map(({ ns, labels, ts, parent, parentNs, two }): K8sObject => ({
    apiVersion: `${GW_API}/v1`,
    kind: 'ListenerSet',
    metadata: meta('ls1', ns, labels, ts),
    spec: {
      parentRef: { name: parent, ...(parentNs ? { namespace: parentNs } : {}) },
      listeners: [{ name: 'team-a', protocol: 'HTTP', port: 8001 }, ...(two ? [{ name: 'team-b', protocol: 'HTTP', port: 8002 }] : [])],
    },
  }));

const parentRefArb = fc.oneof(
  fc.record({ name: pick('gw1', 'gw2'), section: fc.option(pick('http', 'web', 'https', 'tcp'), { nil: undefined, freq: 2 }) }).map(({ name, section }) => ({
    name,
    namespace: GATEWAY_NS[name],
    ...(section ? { sectionName: section } : {}),
  })),
  fc.record({ section: fc.option(pick('team-a', 'team-b'), { nil: undefined }) }).map(({ section }) => ({
    group: GW_API,
    kind: 'ListenerSet',
    name: 'ls1',
    namespace: 'a',
    ...(section ? { sectionName: section } : {}),
  })),
);

/** Routes of these kinds, names and namespaces, each parentRef drawn from `parentRef`. */
const routesOf = (kinds: string[], names: string[], namespaces: string[], parentRef: fc.Arbitrary<object>) =>
  fc
    .record({
      kind: pick(...kinds),
      name: pick(...names),
      ns: pick(...namespaces),
      labels: labelsArb,
      ts: timeArb,
      parentRefs: fc.array(parentRef, { minLength: 1, maxLength: 2 }),
      rules: fc.array(fc.option(pick('rule-a', 'rule-b'), { nil: undefined }), { minLength: 1, maxLength: 2 }),
      // Hostnames that listener `web` (web.example.com or *.example.com) takes, or not: a listener
      // that accepts a route and makes no entry for it.
      hostnames: fc.option(pick(['web.example.com'], ['shop.example.com'], ['*.example.com']), { nil: undefined }),
    })
    .map(({ kind, name, ns, labels, ts, parentRefs, rules, hostnames }): K8sObject => ({
      apiVersion: kind === 'TCPRoute' ? `${GW_API}/v1alpha2` : `${GW_API}/v1`,
      kind,
      metadata: meta(name, ns, labels, ts),
      spec: {
        parentRefs,
        ...(hostnames && kind !== 'TCPRoute' ? { hostnames } : {}),
        rules: rules.map((ruleName, i) => ({ ...(ruleName ? { name: ruleName } : {}), backendRefs: [{ name: `svc${i}`, port: 80 }] })),
      },
    }));

const routeArb = routesOf(['HTTPRoute', 'HTTPRoute', 'GRPCRoute', 'TCPRoute'], ['r1', 'r2', 'r3', 'r4', 'r5'], ['a', 'a', 'a', 'b', 'c'], parentRefArb);

const targetRefArb = fc.oneof(
  fc.record({ name: pick('gw1', 'gw2'), section: fc.option(pick('http', 'https', 'tcp', 'web'), { nil: undefined }) }).map(({ name, section }) => ({ group: GW_API, kind: 'Gateway', name, ...(section ? { sectionName: section } : {}) })),
  fc.record({ section: fc.option(pick('team-a', 'team-b'), { nil: undefined }) }).map(({ section }) => ({ group: GW_API, kind: 'ListenerSet', name: 'ls1', ...(section ? { sectionName: section } : {}) })),
  fc.record({ kind: pick('HTTPRoute', 'GRPCRoute', 'TCPRoute'), name: pick('r1', 'r2', 'r3'), section: fc.option(pick('rule-a', 'rule-b'), { nil: undefined }) }).map(({ kind, name, section }) => ({
    group: GW_API,
    kind,
    name,
    ...(section ? { sectionName: section } : {}),
  })),
);

const selectorArb = fc
  .record({
    kind: pick('HTTPRoute', 'Gateway', 'ListenerSet', 'TCPRoute'),
    labels: fc.oneof(
      fc.record({ matchLabels: fc.record({ env: pick('prod', 'dev') }) }),
      fc.record({ matchExpressions: fc.constant([{ key: 'team', operator: 'NotIn', values: ['y'] }]) }),
      fc.record({ matchExpressions: fc.constant([{ key: 'env', operator: 'DoesNotExist' }]) }),
    ),
    from: fc.option(pick('Same', 'All', 'Selector'), { nil: undefined }),
  })
  .map(({ kind, labels, from }) => ({
    group: GW_API,
    kind,
    ...labels,
    ...(from ? { namespaces: from === 'Selector' ? { from, selector: { matchLabels: { team: 'x' } } } : { from } } : {}),
  }));

const settingsArb = pick<Record<string, unknown>>(
  { timeout: { http: { requestTimeout: '1s' } } },
  { timeout: { http: { requestTimeout: '2s' } } },
  { loadBalancer: { type: 'Random' } },
  { retry: { numRetries: 3 } },
  { circuitBreaker: { maxConnections: 10 } },
  { circuitBreaker: { maxConnections: 5000000000 } },
  { telemetry: { metrics: { routeStatName: '%ROUTE_NAMESPACE%/%ROUTE_NAME%' } } },
  { compression: [{ type: 'Gzip' }] },
  {},
);

const ROUTE_KINDS = new Set(['HTTPRoute', 'GRPCRoute', 'TCPRoute']);

/** Targets as the CRD allows them (`targetRef` alone, or `targetRefs` and/or `targetSelectors`), and now and then not. */
const targetingArb = fc.oneof(
  { arbitrary: fc.record({ targetRefs: fc.array(targetRefArb, { minLength: 1, maxLength: 2 }) }), weight: 4 },
  { arbitrary: fc.record({ targetSelectors: fc.array(selectorArb, { minLength: 1, maxLength: 2 }) }), weight: 2 },
  { arbitrary: fc.record({ targetRefs: fc.array(targetRefArb, { minLength: 1, maxLength: 2 }), targetSelectors: fc.array(selectorArb, { minLength: 1, maxLength: 1 }) }), weight: 1 },
  { arbitrary: fc.record({ targetRef: targetRefArb }), weight: 1 },
  { arbitrary: fc.record({ targetRef: targetRefArb, targetRefs: fc.array(targetRefArb, { minLength: 1, maxLength: 1 }) }), weight: 1 },
);

const backendTrafficPolicy = (metadata: K8sObject['metadata'], spec: Record<string, unknown>): K8sObject => ({ apiVersion: 'gateway.envoyproxy.io/v1alpha1', kind: 'BackendTrafficPolicy', metadata, spec });

const policyArb = fc
  .record({
    name: pick('p1', 'p2', 'p3', 'p4'),
    ns: pick('a', 'a', 'a', 'b'),
    ts: timeArb,
    targeting: targetingArb,
    mergeType: fc.option(pick('StrategicMerge', 'JSONMerge'), { nil: undefined, freq: 3 }),
    settings: settingsArb,
    // Read into the conditions' observedGeneration.
    generation: fc.option(pick(1, 2), { nil: undefined, freq: 2 }),
  })
  .map(({ name, ns, ts, targeting, mergeType, settings, generation }): K8sObject => {
    // `mergeType` is for route targets only (the CRD refuses it elsewhere): mostly kept to those.
    const refs = [...((targeting as { targetRefs?: Array<{ kind: string }> }).targetRefs ?? []), ...((targeting as { targetRef?: { kind: string } }).targetRef ? [(targeting as { targetRef: { kind: string } }).targetRef] : [])];
    const routesOnly = refs.length > 0 && refs.every((r) => ROUTE_KINDS.has(r.kind)) && !('targetSelectors' in targeting);
    return backendTrafficPolicy(
      { ...meta(name, ns, undefined, ts), ...(generation !== undefined ? { generation } : {}) },
      { ...targeting, ...(mergeType && (routesOnly || name === 'p4') ? { mergeType } : {}), ...settings },
    );
  });

const grantArb = fc.record({ ns: pick(...NAMESPACES), fromNs: nsArb, to: pick('Secret', 'HTTPRoute') }).map(
  ({ ns, fromNs, to }): K8sObject => ({
    apiVersion: `${GW_API}/v1beta1`,
    kind: 'ReferenceGrant',
    metadata: meta(`grant-${to.toLowerCase()}`, ns, undefined, undefined),
    spec: {
      from: [to === 'Secret' ? { group: GW_API, kind: 'Gateway', namespace: fromNs } : { group: 'gateway.envoyproxy.io', kind: 'BackendTrafficPolicy', namespace: fromNs }],
      to: [to === 'Secret' ? { group: '', kind: 'Secret' } : { group: GW_API, kind: 'HTTPRoute' }],
    },
  }),
);

const secretArb = pick(...NAMESPACES).map((ns) => tlsSecret(ns, 'cert') as K8sObject);

const objectArb: fc.Arbitrary<K8sObject> = fc.oneof(
  { arbitrary: namespaceArb, weight: 2 },
  { arbitrary: gatewayArb, weight: 2 },
  { arbitrary: listenerSetArb, weight: 1 },
  { arbitrary: routeArb, weight: 4 },
  { arbitrary: policyArb, weight: 4 },
  { arbitrary: grantArb, weight: 1 },
  { arbitrary: secretArb, weight: 1 },
  { arbitrary: gatewayClassArb, weight: 1 },
);

type Op =
  | { op: 'upsert'; objects: K8sObject[]; asEvents: boolean }
  | { op: 'delete'; picks: number[]; asEvents: boolean }
  | { op: 'relabel'; pick: number; labels: Record<string, string> | undefined }
  | { op: 'rewrite'; pick: number; version: number; generation: number | undefined }
  | { op: 'listener'; gateway: string; listener: Listener }
  | { op: 'resync'; asEvents: boolean };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('upsert' as const), objects: fc.array(objectArb, { minLength: 1, maxLength: 3 }), asEvents: fc.boolean() }), weight: 5 },
  { arbitrary: fc.record({ op: fc.constant('delete' as const), picks: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }), asEvents: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('relabel' as const), pick: fc.nat(), labels: labelsArb }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('rewrite' as const), pick: fc.nat(), version: fc.nat(), generation: fc.option(pick(1, 2, 3), { nil: undefined }) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('listener' as const), gateway: pick('gw1', 'gw2'), listener: listenerArb }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('resync' as const), asEvents: fc.boolean() }), weight: 1 },
);

/** A first cluster: both Gateways, some routes and policies, and whatever else, in a random order. */
const initialArb = fc
  .tuple(
    gatewayArb.filter((g) => g.metadata.name === 'gw1'),
    gatewayArb.filter((g) => g.metadata.name === 'gw2'),
    fc.array(routeArb, { minLength: 4, maxLength: 10 }),
    fc.array(policyArb, { minLength: 2, maxLength: 6 }),
    fc.array(objectArb, { maxLength: 10 }),
    fc.subarray(['a', 'b'].map((ns) => tlsSecret(ns, 'cert') as K8sObject)),
  )
  .chain(([gw1, gw2, routes, policies, rest, secrets]) => {
    const all = [gw1, gw2, ...routes, ...policies, ...rest, ...secrets];
    return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length });
  });

const scenarioArb = fc.record({ initial: initialArb, ops: fc.array(opArb, { minLength: 1, maxLength: 12 }) });

/**
 * Merges through listeners, on purpose: route policies with `mergeType` and policies on the
 * Gateways, their listeners and the ListenerSet's, while listeners come, go and change one at a
 * time. Drawn from the whole space above, a merging policy on a route that a listener accepts
 * without making entries for it (its hostnames miss), with a policy on that listener, is too rare
 * for the law to meet; here most runs hold one.
 */
const mergingPolicyArb = fc
  .record({
    name: pick('p1', 'p2', 'p3', 'p4'),
    ns: pick('a', 'a', 'a', 'b'),
    ts: timeArb,
    route: pick('r1', 'r2', 'r3'),
    kind: pick('HTTPRoute', 'HTTPRoute', 'GRPCRoute'),
    section: fc.option(pick('rule-a', 'rule-b'), { nil: undefined, freq: 3 }),
    mergeType: pick('StrategicMerge', 'JSONMerge'),
    settings: settingsArb,
  })
  .map(({ name, ns, ts, route, kind, section, mergeType, settings }) =>
    backendTrafficPolicy(meta(name, ns, undefined, ts), { targetRefs: [{ group: GW_API, kind, name: route, ...(section ? { sectionName: section } : {}) }], mergeType, ...settings }),
  );

const parentPolicyArb = fc
  .record({ name: pick('q1', 'q2', 'q3'), ns: pick('a', 'a', 'b'), ts: timeArb, target: targetRefArb.filter((t) => !ROUTE_KINDS.has(t.kind)), settings: settingsArb })
  .map(({ name, ns, ts, target, settings }) => backendTrafficPolicy(meta(name, ns, undefined, ts), { targetRefs: [target], ...settings }));

/** Routes the policies above target, most reaching a whole Gateway (every listener that takes them). */
const mergedRouteArb = routesOf(
  ['HTTPRoute', 'HTTPRoute', 'GRPCRoute'],
  ['r1', 'r2', 'r3'],
  ['a', 'a', 'b'],
  fc.oneof({ arbitrary: pick('gw1', 'gw2').map((name) => ({ name, namespace: GATEWAY_NS[name]! })), weight: 3 }, { arbitrary: parentRefArb, weight: 1 }),
);

const mergingObjectArb: fc.Arbitrary<K8sObject> = fc.oneof(
  { arbitrary: mergingPolicyArb, weight: 2 },
  { arbitrary: parentPolicyArb, weight: 2 },
  { arbitrary: mergedRouteArb, weight: 2 },
  { arbitrary: gatewayArb, weight: 1 },
  { arbitrary: listenerSetArb, weight: 1 },
  { arbitrary: namespaceArb, weight: 1 },
);

const mergingScenarioArb = fc.record({
  initial: fc
    .tuple(
      gatewayArb.filter((g) => g.metadata.name === 'gw1'),
      gatewayArb.filter((g) => g.metadata.name === 'gw2'),
      fc.array(mergedRouteArb, { minLength: 3, maxLength: 8 }),
      fc.array(mergingPolicyArb, { minLength: 1, maxLength: 4 }),
      fc.array(parentPolicyArb, { minLength: 1, maxLength: 4 }),
      fc.option(listenerSetArb, { nil: undefined }),
    )
    .map(([gw1, gw2, routes, merging, parents, ls]) => [gw1, gw2, ...routes, ...merging, ...parents, ...(ls ? [ls] : [])]),
  ops: fc.array(
    fc.oneof(
      { arbitrary: fc.record({ op: fc.constant('listener' as const), gateway: pick('gw1', 'gw2'), listener: fc.oneof(listenerArb, webListenerArb) }), weight: 4 },
      { arbitrary: fc.record({ op: fc.constant('upsert' as const), objects: fc.array(mergingObjectArb, { minLength: 1, maxLength: 2 }), asEvents: fc.boolean() }), weight: 3 },
      { arbitrary: fc.record({ op: fc.constant('delete' as const), picks: fc.array(fc.nat(), { minLength: 1, maxLength: 1 }), asEvents: fc.boolean() }), weight: 1 },
      { arbitrary: fc.record({ op: fc.constant('relabel' as const), pick: fc.nat(), labels: labelsArb }), weight: 1 },
    ) as fc.Arbitrary<Op>,
    { minLength: 1, maxLength: 12 },
  ),
});

/** The test's own model of the objects held: by key, in the order they were first given. */
class Model {
  readonly objects = new Map<string, K8sObject>();
  static key(o: { kind: string; metadata: { namespace?: string; name: string } }): string {
    const namespaced = o.kind !== 'Namespace' && o.kind !== 'GatewayClass';
    return `${o.kind}|${namespaced ? (o.metadata.namespace ?? 'default') : ''}|${o.metadata.name}`;
  }
  upsert(o: K8sObject): void {
    this.objects.set(Model.key(o), o);
  }
  pick(n: number): K8sObject | undefined {
    const all = [...this.objects.values()];
    return all.length === 0 ? undefined : all[n % all.length];
  }
  delete(o: K8sObject): void {
    this.objects.delete(Model.key(o));
  }
  list(): K8sObject[] {
    return [...this.objects.values()];
  }
}

const entryKey = (r: RouteResult): string =>
  [r.gateway.namespace, r.gateway.name, r.listenerSet ? `${r.listenerSet.namespace}/${r.listenerSet.name}` : '', r.listener, r.route.kind, r.route.namespace, r.route.name, r.ruleIndex].join('|');
const policyKey = (ref: { namespace: string; name: string }): string => `${ref.namespace}/${ref.name}`;

/** The change the law expects between two resolutions. */
function expectedChange(before: Resolution, after: Resolution): Omit<ResolverChange, 'diagnostics'> {
  const prev = new Map(before.routes.map((r) => [entryKey(r), r]));
  const next = new Map(after.routes.map((r) => [entryKey(r), r]));
  const prevPolicies = new Map(before.policies.map((p) => [policyKey(p.ref), p]));
  const nextPolicies = new Set(after.policies.map((p) => policyKey(p.ref)));
  return {
    routes: {
      added: after.routes.filter((r) => !prev.has(entryKey(r))),
      changed: after.routes.filter((r) => prev.has(entryKey(r)) && !jsonEqual(prev.get(entryKey(r)), r)),
      removed: before.routes.filter((r) => !next.has(entryKey(r))),
    },
    policies: {
      changed: after.policies.filter((p) => !jsonEqual(prevPolicies.get(policyKey(p.ref)), p)),
      removed: before.policies.filter((p) => !nextPolicies.has(policyKey(p.ref))).map((p) => p.ref),
    },
  };
}

function checkLaw(resolver: Resolver, emitter: EnvoyEmitter, model: Model, options: ResolveOptions, limits: ResolutionLimits, before: Resolution, change: ResolverChange, step: string): Resolution {
  const resolvePolicies = (input: unknown[], o: ResolveOptions) => resolveWithin(input, o, limits);
  const now = resolver.resolution();
  // The incremental Envoy output, fed the change, equals emitEnvoy of the whole Resolution.
  emitter.update(change, now.routes);
  const emitted = emitEnvoy(now);
  if (!jsonEqual(emitter.config(), emitted)) expect(emitter.config(), `${step}: emitter.config() = emitEnvoy(resolution())`).toEqual(emitted);
  const keys = now.routes.map(entryKey);
  expect(new Set(keys).size, `${step}: entry keys are unique`).toBe(keys.length);
  const fromObjects = resolvePolicies(resolver.objects(), options);
  if (!jsonEqual(now, fromObjects)) expect(now, `${step}: resolution() = resolvePolicies(objects())`).toEqual(fromObjects);
  const fromModel = resolvePolicies(model.list(), options);
  if (!jsonEqual(now, fromModel)) expect(now, `${step}: resolution() = resolvePolicies(model)`).toEqual(fromModel);
  const { diagnostics: _, ...lists } = change;
  const expected = expectedChange(before, now);
  if (!jsonEqual(lists, expected)) expect(lists, `${step}: the change's lists are the diff`).toEqual(expected);
  return now;
}

function runScenario(options: ResolveOptions, scenario: { initial: K8sObject[]; ops: Op[] }, limits: ResolutionLimits = LIMITS): void {
  const resolver = limits === LIMITS ? createResolver(options) : createResolverWithin(options, limits);
  const emitter = createEnvoyEmitter();
  const model = new Model();
  let before = resolver.resolution();
  const first = resolver.upsert(scenario.initial);
  for (const o of scenario.initial) model.upsert(o);
  before = checkLaw(resolver, emitter, model, options, limits, before, first, 'initial upsert');
  scenario.ops.forEach((op, i) => {
    let change: ResolverChange;
    if (op.op === 'upsert') {
      change = op.asEvents ? resolver.apply(op.objects.map((object) => ({ type: model.objects.has(Model.key(object)) ? 'MODIFIED' : 'ADDED', object }))) : resolver.upsert(op.objects);
      for (const o of op.objects) model.upsert(o);
    } else if (op.op === 'delete') {
      const victims = op.picks.map((n) => model.pick(n)).filter((o): o is K8sObject => o !== undefined);
      change = op.asEvents
        ? resolver.apply(victims.map((object) => ({ type: 'DELETED', object })))
        : resolver.delete(victims.map((o) => ({ kind: o.kind, name: o.metadata.name, ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}) })));
      for (const o of victims) model.delete(o);
    } else if (op.op === 'resync') {
      // Every object held, given again as it is (an informer's resync, a relist): nothing changes.
      const all = model.list();
      change = op.asEvents ? resolver.apply(all.map((object) => ({ type: 'MODIFIED', object }))) : resolver.upsert(all);
    } else if (op.op === 'listener') {
      // One listener of a Gateway held comes, goes or is edited, the others kept as they are:
      // the edit a controller meets, where every other listener still reads the same.
      const key = Model.key({ kind: 'Gateway', metadata: { namespace: GATEWAY_NS[op.gateway]!, name: op.gateway } });
      const gw = model.objects.get(key) as (K8sObject & { spec: { listeners: Listener[] } }) | undefined;
      if (!gw) return;
      const listeners = gw.spec.listeners;
      const at = listeners.findIndex((l) => l.name === op.listener.name);
      const next = at < 0 ? [...listeners, op.listener] : jsonEqual(listeners[at], op.listener) && listeners.length > 1 ? listeners.filter((_, j) => j !== at) : listeners.map((l, j) => (j === at ? op.listener : l));
      const edited = { ...gw, spec: { ...gw.spec, listeners: next } };
      change = resolver.upsert([edited]);
      model.upsert(edited);
    } else if (op.op === 'rewrite') {
      // An object back from a write: a new resourceVersion and a status (a status written), and
      // sometimes a new generation (which a policy's conditions observe).
      const target = model.pick(op.pick);
      if (!target) return;
      const metadata = { ...target.metadata, resourceVersion: String(op.version), ...(op.generation !== undefined ? { generation: op.generation } : {}) };
      const rewritten = { ...target, metadata, status: { written: op.version } } as K8sObject;
      change = resolver.apply([{ type: 'MODIFIED', object: rewritten }]);
      model.upsert(rewritten);
      // What the resolver holds is the object as written last.
      const held = resolver.objects().find((o) => Model.key(o as K8sObject) === Model.key(rewritten)) as K8sObject | undefined;
      expect(held?.metadata, `op ${i} (rewrite): objects() holds the last write`).toMatchObject({ resourceVersion: String(op.version) });
    } else {
      const target = model.pick(op.pick);
      if (!target) return;
      const { labels: _, ...rest } = target.metadata;
      const edited = { ...target, metadata: { ...rest, ...(op.labels ? { labels: op.labels } : {}) } };
      change = resolver.upsert([edited]);
      model.upsert(edited);
    }
    before = checkLaw(resolver, emitter, model, options, limits, before, change, `op ${i} (${op.op})`);
  });
}

describe('createResolver: the law', () => {
  console.log(`resolver law: ${RUNS} runs per profile, seed ${SEED} (BTP_FUZZ_RUNS / BTP_FUZZ_SEED to change)`);
  for (const [name, options] of [
    ['cluster profile', { controllerName: 'example.com/btp' }],
    ['harness profile', { profile: 'harness', now: '2025-01-01T00:00:00Z' }],
  ] as Array<[string, ResolveOptions]>) {
    it(`holds after every change (${name})`, () => {
      fc.assert(
        fc.property(scenarioArb, (scenario) => runScenario(options, scenario)),
        { numRuns: RUNS, seed: SEED, ...(process.env.BTP_FUZZ_PATH ? { path: process.env.BTP_FUZZ_PATH } : {}) },
      );
    }, 600_000);

    it(`holds under listener edits, with policies merging through listeners (${name})`, () => {
      fc.assert(
        fc.property(mergingScenarioArb, (scenario) => runScenario(options, scenario)),
        { numRuns: RUNS, seed: SEED, ...(process.env.BTP_FUZZ_PATH ? { path: process.env.BTP_FUZZ_PATH } : {}) },
      );
    }, 600_000);

    // The limits on selector matches and listed conflicts, at sizes these small clusters cross
    // all the time: the real ones take a million objects to reach.
    it(`holds past the limits on selector matches and listed conflicts (${name})`, () => {
      fc.assert(
        fc.property(scenarioArb, fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 2 }), (scenario, maxSelectorMatches, maxConflictedOutcomes) =>
          runScenario(options, scenario, { maxSelectorMatches, maxConflictedOutcomes }),
        ),
        { numRuns: RUNS, seed: SEED, ...(process.env.BTP_FUZZ_PATH ? { path: process.env.BTP_FUZZ_PATH } : {}) },
      );
    }, 600_000);
  }
});
