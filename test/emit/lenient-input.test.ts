/**
 * Lenient input never gives Envoy a value it rejects. Resolution lets CRD-invalid policies through
 * as Envoy Gateway's translator sees them (a fault abort `httpStatus: 14`, a `0s` timeout, a
 * negative probe count); whatever reaches a route, every resource `emitEnvoy` produces passes the
 * strict proto checker (test/support/envoy-proto.ts: field types and ranges, `validate.rules`), and
 * what the emitter leaves out instead is reported with the policy that set it.
 *
 * Policies come from the CRD-driven generator of the differential test, mutated the ways the API
 * server would refuse (out of bounds, bad patterns, missing required fields, …) but keeping the
 * JSON types the translator decodes.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { emitEnvoy, parseBackendTrafficPolicy, resolvePolicies, type EmitOptions } from '../../src/index.js';
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
];

describe.runIf(hasConformance())('lenient input', () => {
  beforeAll(() => {
    loadEnvoyProtos();
  });

  it('never yields a resource Envoy rejects; what is left out is reported with its policy and field', () => {
    const root = crdOpenApiSchema();
    const features = Object.keys(root.properties!.spec!.properties!).filter((f) => !['targetRef', 'targetRefs', 'targetSelectors', 'mergeType', 'rateLimit'].includes(f));
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
          delete spec.targetRef;
          delete spec.targetSelectors;
          spec.targetRefs = [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'eg' }];
          const policy = { apiVersion: 'gateway.envoyproxy.io/v1alpha1', kind: 'BackendTrafficPolicy', metadata: { name: 'p', namespace: 'default' }, spec };
          // The harness profile: policies as the translator reads them, not as the API server admits them.
          const resolution = resolvePolicies([...BASE, policy], { profile: 'harness', namespaces: 'inferred' });
          const applied = resolution.routes.some((r) => r.traffic !== undefined && Object.keys(r.traffic).length > 0);
          if (applied && !parseBackendTrafficPolicy(policy).success) crdInvalidApplied++;
          for (const options of OPTIONS) {
            const config = emitEnvoy(resolution, options);
            const problems = checkEnvoyConfig(config).filter((p) => !SNAPSHOT_GAPS.some((g) => g.test(p)));
            expect(problems, JSON.stringify(spec)).toEqual([]);
            for (const d of config.diagnostics) {
              expect(d.message).not.toContain('internal error');
              if (d.feature === undefined) continue;
              dropped++;
              expect(d).toMatchObject({ severity: 'error', policy: { namespace: 'default', name: 'p' } });
              expect(d.path).toMatch(new RegExp(`^routes\\[\\d+\\]\\.traffic\\.${d.feature}`));
            }
          }
        },
      ),
      { numRuns: 400, seed: 20260901 },
    );
    // The generator reached what this is about: CRD-invalid values on routes, some of them dropped.
    expect(crdInvalidApplied).toBeGreaterThan(runs / 4);
    expect(dropped).toBeGreaterThan(0);
  });

  it.todo(
    'rateLimit: left to the rate-limit feature, whose Envoy parts do not state rejections yet; the generator finds token buckets of 0 or more than 2^32-1 requests, a 0s fill interval, and empty metadata keys',
  );
});
