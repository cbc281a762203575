/**
 * The property that makes global rate limiting work: the descriptors Envoy's routes send and the
 * descriptor trees of the rate limit service's configuration agree.
 *
 * For generated manifests (a Gateway with two listeners, two HTTPRoutes with hostnames and
 * matches, and up to three BackendTrafficPolicies with global rules on the Gateway, a listener or
 * a route, shared or not, in shadow mode or not, with any mix of header, method, path, source CIDR
 * and query parameter selectors, distinct or inverted, and `mergeType`), resolved and emitted:
 *
 * 1. every action list a route sends (`RateLimitPerRoute.rate_limits`, read as Envoy reads the
 *    actions) reaches, in the configuration of its domain, a descriptor holding a limit — looked
 *    up the way the service looks a descriptor up, entry by entry, a node with the entry's key and
 *    value, else one with its key and no value; and that limit is the limit of one of the route's
 *    rules in that domain (of some rule in the domain when the emitter reported two rules on one
 *    descriptor);
 * 2. every descriptor of the configuration that holds a limit is reached by some action list;
 * 3. every configuration is a valid `RateLimitConfig` (rls_conf.proto) that the service's loader
 *    rules accept, also as YAML files.
 *
 * The actions are read here from Envoy's documented semantics, independently of the emitter.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  emitEnvoy,
  emitRateLimitConfigs,
  loadRateLimitServiceFiles,
  rateLimitConfigFiles,
  rateLimitServiceConfigProblems,
  rateLimitServiceFile,
  resolvePolicies,
  type RateLimitConfig,
  type RateLimitDescriptor,
} from '../../../src/index.js';
import { checkEnvoyResource, loadRateLimitServiceProto, RATE_LIMIT_CONFIG_TYPE } from '../../support/envoy-proto.js';
import { hasConformance } from '../../support/conformance-dir.js';

type Json = Record<string, any>;

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const invert = opt(fc.boolean());
const headerName = fc.constantFrom('x-user-id', 'x-org', 'x-plan');
const header = fc.oneof(
  fc.record({ name: headerName, type: fc.constant('Exact'), value: fc.constantFrom('a', 'b'), invert }),
  fc.record({ name: headerName, type: fc.constant('RegularExpression'), value: fc.constantFrom('^a.*', 'b+'), invert }),
  fc.record({ name: headerName, type: fc.constant('Distinct') }),
);
const query = fc.oneof(
  fc.record({ name: fc.constantFrom('page', 'q'), type: fc.constant('Exact'), value: fc.constantFrom('1', 'x'), invert }),
  fc.record({ name: fc.constantFrom('page', 'q'), type: fc.constant('Distinct') }),
);
const selector = fc.record(
  {
    headers: fc.array(header, { minLength: 1, maxLength: 2 }),
    methods: fc.array(fc.record({ value: fc.constantFrom('GET', 'POST', 'PUT'), invert }), { minLength: 1, maxLength: 2 }),
    path: fc.record({ type: fc.constantFrom('Exact', 'PathPrefix', 'RegularExpression'), value: fc.constantFrom('/', '/api', '/v1/items'), invert }),
    sourceCIDR: fc.record({ type: fc.constantFrom('Exact', 'Distinct'), value: fc.constantFrom('10.0.0.0/8', '192.168.1.5/16', '0.0.0.0/0', '2001:db8::/32'), invert }),
    queryParams: fc.array(query, { minLength: 1, maxLength: 2 }),
  },
  { requiredKeys: [] },
);
const rule = fc.record(
  {
    clientSelectors: fc.array(selector, { maxLength: 2 }),
    limit: fc.record({ requests: fc.integer({ min: 0, max: 4294967295 }), unit: fc.constantFrom('Second', 'Minute', 'Hour', 'Day', 'Week', 'Month', 'Year') }),
    shared: fc.boolean(),
    shadowMode: fc.boolean(),
    cost: fc.record({ request: fc.record({ from: fc.constant('Number'), number: fc.integer({ min: 0, max: 10 }) }) }),
  },
  { requiredKeys: ['limit'] },
);
const policyArb = fc.record({
  target: fc.constantFrom('gateway', 'listener', 'a', 'b'),
  mergeType: opt(fc.constantFrom('StrategicMerge', 'JSONMerge')),
  rules: fc.array(rule, { minLength: 1, maxLength: 3 }),
});
const routeArb = fc.record({
  hostnames: fc.subarray(['a.example.com', 'b.example.com']),
  rules: fc.array(fc.subarray([{ path: { type: 'Exact', value: '/exact' } }, { path: { type: 'PathPrefix', value: '/p' } }]), { minLength: 1, maxLength: 2 }),
});
const manifestArb = fc.record({ routes: fc.tuple(routeArb, routeArb), policies: fc.array(policyArb, { minLength: 1, maxLength: 3 }) });

const GATEWAY_API = 'gateway.networking.k8s.io';

type Manifest = typeof manifestArb extends fc.Arbitrary<infer T> ? T : never;

function manifests(m: Manifest): Json[] {
  const gateway = {
    apiVersion: `${GATEWAY_API}/v1`,
    kind: 'Gateway',
    metadata: { namespace: 'infra', name: 'eg' },
    spec: {
      gatewayClassName: 'eg',
      listeners: [
        { name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces: { from: 'All' } } },
        { name: 'alt', protocol: 'HTTP', port: 8080, allowedRoutes: { namespaces: { from: 'All' } } },
      ],
    },
  };
  const routes = m.routes.map((r, i) => ({
    apiVersion: `${GATEWAY_API}/v1`,
    kind: 'HTTPRoute',
    metadata: { namespace: 'app', name: 'ab'[i] },
    spec: {
      parentRefs: [{ name: 'eg', namespace: 'infra' }],
      hostnames: r.hostnames,
      rules: r.rules.map((matches) => ({ ...(matches.length > 0 ? { matches } : {}), backendRefs: [{ name: 'svc', port: 80 }] })),
    },
  }));
  const policies = m.policies.map((p, i) => {
    const onGateway = p.target === 'gateway' || p.target === 'listener';
    const targetRef = onGateway
      ? { group: GATEWAY_API, kind: 'Gateway', name: 'eg', ...(p.target === 'listener' ? { sectionName: 'http' } : {}) }
      : { group: GATEWAY_API, kind: 'HTTPRoute', name: p.target };
    return {
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'BackendTrafficPolicy',
      metadata: { namespace: onGateway ? 'infra' : 'app', name: `p${i}` },
      spec: { targetRefs: [targetRef], ...(p.mergeType && !onGateway ? { mergeType: p.mergeType } : {}), rateLimit: { global: { rules: p.rules } } },
    };
  });
  return [gateway, ...routes, ...policies];
}

/** A descriptor entry as Envoy sends it: a fixed value, or one the request supplies (`undefined`). */
interface Sent {
  key: string;
  value: string | undefined;
}

/** What one rate limit action adds to the descriptor (Envoy's `RateLimit.Action` semantics). */
function entryOf(action: Json): Sent {
  const [kind, body] = Object.entries(action)[0] as [string, Json];
  switch (kind) {
    case 'genericKey':
      return { key: body.descriptorKey ?? 'generic_key', value: body.descriptorValue };
    case 'headerValueMatch':
      return { key: body.descriptorKey ?? 'header_match', value: body.descriptorValue };
    case 'queryParameterValueMatch':
      return { key: body.descriptorKey ?? 'query_match', value: body.descriptorValue };
    case 'requestHeaders':
    case 'queryParameters':
      return { key: body.descriptorKey, value: undefined };
    case 'remoteAddressMatch':
      // A substitution format (the client's address) is the request's own value.
      return { key: body.descriptorKey, value: /%[A-Z_]+%/.test(body.descriptorValue) ? undefined : body.descriptorValue };
    default:
      throw new Error(`an action this test does not know: ${kind}`);
  }
}

/** The service's lookup: the node of the last entry, or undefined when an entry has none. */
function lookup(config: RateLimitConfig | undefined, entries: readonly Sent[]): RateLimitDescriptor | undefined {
  let level = config?.descriptors ?? [];
  let node: RateLimitDescriptor | undefined;
  for (const e of entries) {
    node = (e.value !== undefined ? level.find((d) => d.key === e.key && d.value === e.value) : undefined) ?? level.find((d) => d.key === e.key && !d.value);
    if (!node) return undefined;
    level = node.descriptors ?? [];
  }
  return node;
}

const limitText = (l: { requestsPerUnit?: number; unit?: string } | undefined) => `${l?.requestsPerUnit ?? 0}/${l?.unit ?? ''}`;

function* descriptorsWithLimits(nodes: readonly RateLimitDescriptor[], at: string): Generator<[RateLimitDescriptor, string]> {
  for (const [i, n] of nodes.entries()) {
    if (n.rateLimit) yield [n, `${at}[${i}]`];
    yield* descriptorsWithLimits(n.descriptors ?? [], `${at}[${i}].descriptors`);
  }
}

/** Checks the property on one generated input; throws with what went wrong. */
function checkConsistency(objects: Json[], checkProto: boolean): void {
  const resolution = resolvePolicies(objects, { order: 'input' });
  const envoy = emitEnvoy(resolution);
  const { configs, diagnostics } = emitRateLimitConfigs(resolution);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const conflicted = new Set(diagnostics.map((d) => /in domain "([^"]*)"/.exec(d.message)?.[1]));
  const byDomain = new Map(configs.map((c) => [c.domain, c]));

  // The limits each Envoy route's rules set, per domain (from the Resolution, not the emitter).
  const ruleLimits = new Map<string, Set<string>>();
  const domainLimits = new Map<string, Set<string>>();
  for (const r of resolution.routes) {
    for (const g of (r.traffic as Json | undefined)?.rateLimit?.global?.rules ?? []) {
      const domain = g.shared ? g.name.slice(0, g.name.lastIndexOf('/rule/')) : `${r.gateway.namespace}/${r.gateway.name}/${r.listener}`;
      const text = limitText({ requestsPerUnit: g.limit.requests, unit: String(g.limit.unit).toUpperCase() });
      const key = `${r.route.namespace}/${r.route.name}/${r.ruleIndex} ${domain}`;
      ruleLimits.set(key, (ruleLimits.get(key) ?? new Set()).add(text));
      domainLimits.set(domain, (domainLimits.get(domain) ?? new Set()).add(text));
    }
  }

  const reached = new Set<RateLimitDescriptor>();
  for (const rc of envoy.routeConfigurations) {
    for (const vh of rc.virtualHosts as Json[]) {
      for (const route of vh.routes as Json[]) {
        const [, ns, name, rule] = /^httproute\/([^/]+)\/([^/]+)\/rule\/(\d+)\//.exec(route.name) ?? [];
        for (const perRoute of Object.values((route.typedPerFilterConfig ?? {}) as Json)) {
          if (!String(perRoute['@type']).endsWith('ratelimit.v3.RateLimitPerRoute')) continue;
          const config = byDomain.get(perRoute.domain);
          expect(config, `no configuration for domain ${perRoute.domain}`).toBeDefined();
          for (const rateLimit of perRoute.rateLimits as Json[]) {
            const entries = (rateLimit.actions as Json[]).map(entryOf);
            const node = lookup(config, entries);
            const where = `${route.name} → ${perRoute.domain}: ${JSON.stringify(entries)}`;
            expect(node?.rateLimit, `no limit for ${where}`).toBeDefined();
            const allowed = conflicted.has(perRoute.domain) ? domainLimits.get(perRoute.domain) : ruleLimits.get(`${ns}/${name}/${rule} ${perRoute.domain}`);
            expect([...(allowed ?? [])], `the limit of ${where}`).toContain(limitText(node!.rateLimit));
            reached.add(node!);
          }
        }
      }
    }
  }

  for (const config of configs) {
    for (const [node, at] of descriptorsWithLimits(config.descriptors ?? [], `${config.domain} descriptors`)) {
      expect(reached.has(node), `${at} (${node.key}=${node.value ?? ''}) is reached by no route`).toBe(true);
    }
    expect(rateLimitServiceConfigProblems(rateLimitServiceFile(config))).toEqual([]);
    if (checkProto) expect(checkEnvoyResource(RATE_LIMIT_CONFIG_TYPE, config)).toEqual([]);
  }
  const files = rateLimitConfigFiles(configs);
  expect(loadRateLimitServiceFiles(files.map((f) => ({ name: f.fileName, content: f.content })))).toEqual({ ok: true, domains: configs.map((c) => c.domain) });
}

describe('route actions and the rate limit service configuration agree', () => {
  const checkProto = hasConformance() && loadRateLimitServiceProto();

  it('for generated policies: every action list is matched, every configured limit is reachable, every configuration loads', () => {
    fc.assert(
      fc.property(manifestArb, (m) => {
        checkConsistency(manifests(m), checkProto);
      }),
      { numRuns: 150, seed: 20260822 },
    );
  });

  it('the generator reaches shared and per-route domains, distinct and fixed entries, several routes on one shared rule', () => {
    // Guards the property above against a generator that stopped producing the interesting cases.
    const seen = new Set<string>();
    fc.assert(
      fc.property(manifestArb, (m) => {
        const resolution = resolvePolicies(manifests(m), { order: 'input' });
        const { configs } = emitRateLimitConfigs(resolution);
        const routesPerDomain = new Map<string, number>();
        for (const rc of emitEnvoy(resolution).routeConfigurations) {
          for (const vh of rc.virtualHosts as Json[]) {
            for (const route of vh.routes as Json[]) {
              for (const perRoute of Object.values((route.typedPerFilterConfig ?? {}) as Json)) {
                if (perRoute.domain !== undefined) routesPerDomain.set(perRoute.domain, (routesPerDomain.get(perRoute.domain) ?? 0) + 1);
              }
            }
          }
        }
        for (const c of configs) {
          if (!c.domain.startsWith('infra/eg/') && (routesPerDomain.get(c.domain) ?? 0) > 1) seen.add('shared rule on several routes');
          seen.add(c.domain.startsWith('infra/eg/') ? 'listener domain' : 'shared domain');
          const walk = (ds: readonly RateLimitDescriptor[], depth: number): void => {
            for (const d of ds) {
              if (depth > 0) seen.add(d.value ? 'fixed entry' : 'distinct entry');
              if (d.key === 'masked_remote_address' && d.value?.startsWith('invert:')) seen.add('inverted CIDR');
              if (d.key.endsWith('-method')) seen.add('method');
              if (d.shadowMode) seen.add('shadow mode');
              walk(d.descriptors ?? [], depth + 1);
            }
          };
          walk(c.descriptors ?? [], 0);
        }
      }),
      { numRuns: 150, seed: 20260822 },
    );
    expect([...seen].sort()).toEqual(['distinct entry', 'fixed entry', 'inverted CIDR', 'listener domain', 'method', 'shadow mode', 'shared domain', 'shared rule on several routes']);
  });
});
