/**
 * Lenient input never gives Envoy a value it rejects. Resolution lets CRD-invalid policies through
 * as Envoy Gateway's translator sees them (a fault abort `httpStatus: 14`, a `0s` timeout, a
 * negative probe count); whatever reaches a route, every resource `emitEnvoy` produces passes the
 * strict proto checker (test/support/envoy-proto.ts: field types and ranges, `validate.rules`), and
 * what the emitter leaves out instead is reported with the policy that set it.
 *
 * Policies come from the CRD-driven generator of the differential test, mutated the ways the API
 * server would refuse (out of bounds, bad patterns, missing required fields, …) but keeping the
 * JSON types the translator decodes. Rate limits, which that generator rarely makes translatable,
 * also come from a generator of their own (`rateLimitArb`).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { emitEnvoy, parseBackendTrafficPolicy, resolvePolicies, type EmitOptions, type EnvoyConfig } from '../../src/index.js';
import { hasConformance } from '../support/conformance-dir.js';
import { crdOpenApiSchema } from '../support/crd.js';
import { MUTATION_KINDS, SpecGenerator, mutate, type Json } from '../support/btp-generator.js';
import { checkEnvoyConfig, loadEnvoyProtos } from '../support/envoy-proto.js';

const GATEWAY_API = 'gateway.networking.k8s.io/v1';

/** A gateway with an HTTP and a TCP listener, and an HTTPRoute, a GRPCRoute and a TCPRoute on it. */
const BASE = [
  {
    apiVersion: GATEWAY_API,
    kind: 'Gateway',
    metadata: { name: 'eg', namespace: 'default' },
    spec: {
      gatewayClassName: 'eg',
      listeners: [
        { name: 'http', port: 80, protocol: 'HTTP' },
        { name: 'tcp', port: 9000, protocol: 'TCP' },
      ],
    },
  },
  {
    apiVersion: GATEWAY_API,
    kind: 'HTTPRoute',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      parentRefs: [{ name: 'eg', sectionName: 'http' }],
      hostnames: ['www.example.com'],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: [{ name: 'web', port: 8080 }, { name: 'web-2', port: 8080 }] }],
    },
  },
  {
    apiVersion: GATEWAY_API,
    kind: 'GRPCRoute',
    metadata: { name: 'grpc', namespace: 'default' },
    spec: { parentRefs: [{ name: 'eg', sectionName: 'http' }], rules: [{ backendRefs: [{ name: 'grpc', port: 9090 }] }] },
  },
  {
    apiVersion: 'gateway.networking.k8s.io/v1alpha2',
    kind: 'TCPRoute',
    metadata: { name: 'tcp', namespace: 'default' },
    spec: { parentRefs: [{ name: 'eg', sectionName: 'tcp' }], rules: [{ backendRefs: [{ name: 'db', port: 5432 }] }] },
  },
];

/** Backends of the kinds that change what the cluster features write (DNS clusters, HTTP/2, TLS, the dynamic forward proxy). */
const OPTIONS: EmitOptions[] = [
  {},
  { destinations: { 'httproute/default/web/rule/0': [{ addressType: 'FQDN', protocol: 'HTTP2', tls: true }, { addressType: 'FQDN', protocol: 'HTTP2', tls: true }] } },
  { destinations: { 'httproute/default/web/rule/0': [{ dynamicResolver: true, tls: true }] } },
];

/** Every kind of mutation but a wrong JSON type, which makes Envoy Gateway ignore the policy altogether. */
const MUTATIONS = MUTATION_KINDS.filter((k) => k !== 'wrongType');

/** Problems the checker reports for fields Envoy has and its proto snapshot lacks (see envoy-accepts.test.ts). */
const SNAPSHOT_GAPS = [
  /\.tracing\.customTags\[\d+\]\.value: unknown field "value" of envoy\.type\.tracing\.v3\.CustomTag$/,
  /\.tracing\.customTags\[\d+\]: oneof envoy\.type\.tracing\.v3\.CustomTag\.type is required \(validate\.required\): set one of literal, environment, requestHeader, metadata$/,
  // `RateLimit.Action.query_parameters` (a distinct query parameter selector: one descriptor per
  // value) is a newer member of the `action_specifier` oneof; no golden output uses it.
  /\.rateLimits\[\d+\]\.actions\[\d+\]\.queryParameters: unknown field "queryParameters" of envoy\.config\.route\.v3\.RateLimit\.Action$/,
  /\.rateLimits\[\d+\]\.actions\[\d+\]: oneof envoy\.config\.route\.v3\.RateLimit\.Action\.action_specifier is required \(validate\.required\): set one of .*$/,
];

/**
 * Rate limits the translator accepts (the CRD-driven generator rarely makes one: its CIDRs, header
 * types and selector mixes mostly fail translation), with the values Envoy's rules are about in
 * the mix: request counts of 0, 2^32-1 and beyond, units Envoy Gateway does not know, empty
 * metadata keys, empty header names and regular expressions, costs above Envoy's bound.
 */
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const invert = opt(fc.boolean());
/** Mostly `normal`, now and then one of the values Envoy rejects. */
const mostly = <T>(normal: fc.Arbitrary<T>, rejected: fc.Arbitrary<T>) => fc.oneof({ arbitrary: normal, weight: 9 }, { arbitrary: rejected, weight: 1 });
const headerName = mostly(fc.constantFrom('x-user-id', 'x-org'), fc.constantFrom('', 'x-\nbad'));
const regex = mostly(fc.constant('^a.*'), fc.constant(''));
const selectorArb = fc.record(
  {
    headers: fc.array(
      fc.oneof(
        fc.record({ name: headerName, type: fc.constant('Exact'), value: fc.constantFrom('a', ''), invert }),
        fc.record({ name: headerName, type: fc.constant('RegularExpression'), value: regex, invert }),
        fc.record({ name: headerName, type: fc.constant('Distinct') }),
      ),
      { minLength: 1, maxLength: 2 },
    ),
    methods: fc.array(fc.record({ value: fc.constantFrom('GET', 'POST'), invert }), { minLength: 1, maxLength: 2 }),
    path: fc.record({ type: fc.constantFrom('Exact', 'PathPrefix', 'RegularExpression'), value: fc.constantFrom('/', '/api'), invert }),
    sourceCIDR: fc.record({ type: fc.constantFrom('Exact', 'Distinct'), value: fc.constantFrom('10.0.0.0/8', '2001:db8::/32'), invert }),
    queryParams: fc.array(
      fc.oneof(
        fc.record({ name: fc.constantFrom('page', 'q'), type: fc.constantFrom('Exact', 'RegularExpression'), value: fc.constantFrom('1', '^x'), invert }),
        fc.record({ name: fc.constantFrom('page', 'q'), type: fc.constant('Distinct') }),
      ),
      { minLength: 1, maxLength: 2 },
    ),
  },
  { requiredKeys: [] },
).filter((s) => Object.keys(s).length > 0);
const requests = mostly(fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.constant(4294967295)), fc.constantFrom(0, 4294967296));
const unit = mostly(fc.constantFrom('Second', 'Minute', 'Hour'), fc.constantFrom('second', 'Fortnight'));
const cost = fc.oneof(
  fc.record({ from: fc.constant('Number'), number: mostly(fc.integer({ min: 0, max: 10 }), fc.constant(1000000001)) }),
  fc.record({ from: fc.constant('Metadata'), metadata: fc.record({ namespace: fc.constant('io.cost'), key: fc.constant('hits') }) }),
);
const ruleArb = (withSelectors: boolean) =>
  fc.record(
    {
      clientSelectors: withSelectors ? fc.array(selectorArb, { minLength: 1, maxLength: 2 }) : fc.constant(undefined),
      limit: fc.record(
        { requests, unit, fromMetadata: fc.record({ namespace: mostly(fc.constant('io.limits'), fc.constant('')), key: mostly(fc.constant('limit'), fc.constant('')) }) },
        { requiredKeys: ['requests', 'unit'] },
      ),
      shared: fc.boolean(),
      shadowMode: fc.boolean(),
      cost: fc.record({ request: cost, response: cost }, { requiredKeys: [] }),
    },
    { requiredKeys: ['limit'] },
  ).map(({ clientSelectors, ...rule }) => (clientSelectors ? { clientSelectors, ...rule } : rule));
const rateLimitArb = fc.record(
  {
    local: fc
      .tuple(opt(ruleArb(false)), fc.array(ruleArb(true), { maxLength: 2 }))
      .map(([defaultRule, rules]) => ({ rules: [...(defaultRule ? [{ ...defaultRule, limit: { ...defaultRule.limit, unit: 'Second' } }] : []), ...rules] })),
    global: fc.record({ rules: fc.array(fc.oneof(ruleArb(true), ruleArb(false)), { minLength: 1, maxLength: 2 }) }),
  },
  { requiredKeys: [] },
).filter((r) => Object.keys(r).length > 0);

/** A policy with `spec` (its targets replaced by the gateway) on BASE, emitted with every OPTIONS; what each emit reported. */
function emitPolicy(spec: Record<string, Json>): { applied: boolean; crdInvalidApplied: boolean; diagnostics: EnvoyConfig['diagnostics'] } {
  delete spec.targetRef;
  delete spec.targetSelectors;
  spec.targetRefs = [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'eg' }];
  const policy = { apiVersion: 'gateway.envoyproxy.io/v1alpha1', kind: 'BackendTrafficPolicy', metadata: { name: 'p', namespace: 'default' }, spec };
  // The harness profile: policies as the translator reads them, not as the API server admits them.
  const resolution = resolvePolicies([...BASE, policy], { profile: 'harness', namespaces: 'inferred' });
  const applied = resolution.routes.some((r) => r.traffic !== undefined && Object.keys(r.traffic).length > 0);
  const diagnostics: EnvoyConfig['diagnostics'] = [];
  for (const options of OPTIONS) {
    const config = emitEnvoy(resolution, options);
    const problems = checkEnvoyConfig(config).filter((p) => !SNAPSHOT_GAPS.some((g) => g.test(p)));
    expect(problems, JSON.stringify(spec)).toEqual([]);
    for (const d of config.diagnostics) {
      expect(d.message).not.toContain('internal error');
      if (d.feature === undefined) continue;
      expect(d).toMatchObject({ severity: 'error', policy: { namespace: 'default', name: 'p' } });
      expect(d.path).toMatch(new RegExp(`^routes\\[\\d+\\]\\.traffic\\.${d.feature}`));
      diagnostics.push(d);
    }
  }
  return { applied, crdInvalidApplied: applied && !parseBackendTrafficPolicy(policy).success, diagnostics };
}

describe.runIf(hasConformance())('lenient input', () => {
  beforeAll(() => {
    loadEnvoyProtos();
  });

  it('never yields a resource Envoy rejects; what is left out is reported with its policy and field', () => {
    const root = crdOpenApiSchema();
    const features = Object.keys(root.properties!.spec!.properties!).filter((f) => !['targetRef', 'targetRefs', 'targetSelectors', 'mergeType'].includes(f));
    let crdInvalidApplied = 0;
    let dropped = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        fc.nat(),
        fc.constantFrom(...features),
        fc.boolean(),
        fc.array(fc.constantFrom(...MUTATIONS), { minLength: 1, maxLength: 3 }),
        (seed, feature, rich, kinds) => {
          runs++;
          const gen = new SpecGenerator(root, seed);
          const spec = gen.specWith(feature, rich) as Record<string, Json>;
          for (const kind of kinds) mutate(gen, spec, kind);
          const outcome = emitPolicy(spec);
          if (outcome.crdInvalidApplied) crdInvalidApplied++;
          dropped += outcome.diagnostics.length;
        },
      ),
      { numRuns: 400, seed: 20260901 },
    );
    // The generator reached what this is about: CRD-invalid values on routes, some of them dropped.
    expect(crdInvalidApplied).toBeGreaterThan(runs / 4);
    expect(dropped).toBeGreaterThan(0);
  });

  it('rateLimit: the same, for rate limits alone; the generator finds every kind of value Envoy rejects in them', () => {
    const root = crdOpenApiSchema();
    const messages: string[] = [];
    let applied = 0;
    let kept = 0;
    fc.assert(
      fc.property(rateLimitArb, fc.nat(), fc.option(fc.constantFrom(...MUTATIONS), { nil: undefined }), (rateLimit, seed, kind) => {
        const spec = { rateLimit: structuredClone(rateLimit) } as Record<string, Json>;
        // Now and then one of the API server's mutations on top, as in the test above.
        if (kind) mutate(new SpecGenerator(root, seed), spec, kind);
        const outcome = emitPolicy(spec);
        if (outcome.applied) applied++;
        if (outcome.applied && outcome.diagnostics.length === 0) kept++;
        for (const d of outcome.diagnostics) {
          expect(d.feature).toBe('rateLimit');
          messages.push(d.message);
        }
      }),
      { numRuns: 300, seed: 20260902 },
    );
    const rules = new Map<string, number>();
    for (const m of messages) {
      const rule = /Envoy would reject it: (\S+)/.exec(m)?.[1] ?? m;
      rules.set(rule, (rules.get(rule) ?? 0) + 1);
    }
    console.log(`rateLimit: ${applied}/300 applied, ${kept} emitted on every route; left out for ${[...rules].map(([rule, n]) => `${rule} ×${n}`).join(', ')}`);
    // Most rate limits reach Envoy (and pass the proto check), many are left out.
    expect(applied).toBeGreaterThan(200);
    expect(kept).toBeGreaterThan(applied / 3);
    expect(applied - kept).toBeGreaterThan(applied / 5);
    // Token buckets of 0 and of more than 2^32-1 requests, a 0s fill interval (a unit Envoy Gateway
    // does not know), empty metadata keys.
    const found = (re: RegExp) => messages.some((m) => re.test(m));
    expect(found(/local\.(default|rules\[\d+\]\.limit)\.requests.*TokenBucket\.max_tokens and tokens_per_fill must be a whole number from 1 to 4294967295, got 0;/)).toBe(true);
    expect(found(/TokenBucket\.max_tokens and tokens_per_fill must be a whole number from 1 to 4294967295, got 4294967296;/)).toBe(true);
    expect(found(/TokenBucket\.fill_interval must be longer than 0s, got 0s/)).toBe(true);
    expect(found(/limit\.fromMetadata\.namespace.*MetadataKey\.key must have at least 1 character/)).toBe(true);
    expect(found(/limit\.fromMetadata\.key.*MetadataKey\.PathSegment\.key must have at least 1 character/)).toBe(true);
  });
});
