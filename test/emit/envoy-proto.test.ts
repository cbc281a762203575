/**
 * The Envoy proto checker (test/support/envoy-proto.ts): it accepts every resource of Envoy Gateway's
 * golden xDS output (with the documented allowlist of definitions the proto snapshot lacks), and it
 * rejects broken resources of every kind it claims to check.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import {
  allowlistKey,
  checkCluster,
  checkEnvoyConfig,
  checkEnvoyResource,
  checkEnvoyResourceDetailed,
  checkHttpFilter,
  checkRouteConfiguration,
  expectedGoldenProblems,
  goldenXdsResources,
  hcmHttpFilters,
  loadEnvoyProtos,
  lookupEnvoyType,
  snapshotHasField,
  XDS_KIND_TYPES,
  type CheckResult,
  type GoldenXdsResource,
  type XdsKind,
} from '../support/envoy-proto.js';
import { ENVOY_PROTO_ALLOWLIST, EXPECTED_GOLDEN_REJECTIONS } from '../support/envoy-proto-allowlist.js';
import { hasConformance } from '../support/conformance-dir.js';

const ANY = 'type.googleapis.com/';

beforeAll(() => {
  const started = Date.now();
  const { fileCount, skippedFiles } = loadEnvoyProtos();
  console.log(
    `envoy protos: ${fileCount} files loaded in ${Date.now() - started} ms; not loadable (imports not shipped): ${skippedFiles.join(', ')}`,
  );
  const byKind = new Map<string, number>();
  for (const e of ENVOY_PROTO_ALLOWLIST) byKind.set(e.kind, (byKind.get(e.kind) ?? 0) + 1);
  console.log(
    `envoy proto allowlist: ${ENVOY_PROTO_ALLOWLIST.length} entries (${[...byKind].map(([k, n]) => `${n} ${k}`).join(', ')})\n` +
      ENVOY_PROTO_ALLOWLIST.map((e) => `  ${allowlistKey(e)}`).join('\n'),
  );
});

// ---------------------------------------------------------------------------------------------------
// Golden output

describe.skipIf(!hasConformance())('golden xDS output', () => {
  let resources: GoldenXdsResource[] = [];
  const results = new Map<GoldenXdsResource, CheckResult>();
  /** Allowlist entry → the golden files that needed it. */
  const used = new Map<string, Set<string>>();
  beforeAll(() => {
    resources = goldenXdsResources();
    for (const r of resources) {
      const result = checkEnvoyResourceDetailed(XDS_KIND_TYPES[r.kind], r.resource);
      results.set(r, result);
      for (const key of result.allowlisted) {
        const cases = used.get(key) ?? new Set<string>();
        cases.add(`${r.testCase}.${r.kind}`);
        used.set(key, cases);
      }
    }
  });

  const kinds: XdsKind[] = ['clusters', 'routes', 'listeners', 'endpoints'];
  test.each(kinds)('every resource in xds/out/*.%s.yaml is accepted', (kind) => {
    const mine = resources.filter((r) => r.kind === kind);
    expect(mine.length).toBeGreaterThan(0);
    const unexpected: string[] = [];
    for (const r of mine) {
      const { problems } = results.get(r)!;
      const expected = expectedGoldenProblems(r.testCase, kind, r.name);
      for (const p of problems) if (!expected.includes(p)) unexpected.push(`${r.testCase}.${kind} ${r.name}: ${p}`);
      for (const p of expected) if (!problems.includes(p)) unexpected.push(`${r.testCase}.${kind} ${r.name}: expected, not reported: ${p}`);
    }
    expect(unexpected).toEqual([]);
  });

  test("every HTTP filter of the listeners' HttpConnectionManagers is accepted", () => {
    let count = 0;
    const bad: string[] = [];
    for (const r of resources.filter((x) => x.kind === 'listeners')) {
      for (const { chain, filters } of hcmHttpFilters(r.resource)) {
        filters.forEach((f, i) => {
          count++;
          for (const p of checkHttpFilter(f)) bad.push(`${r.testCase} ${r.name} ${chain} httpFilters[${i}]: ${p}`);
        });
      }
    }
    console.log(`checked ${count} HCM HTTP filters`);
    expect(count).toBeGreaterThan(100);
    expect(bad).toEqual([]);
  });

  test('every golden key and value outside free JSON is really checked (sampled mutations)', () => {
    // Rename a key (→ unknown field) or replace a scalar with `[[]]` (→ wrong type) and expect a problem
    // at that path. Skipped: map keys (free strings), Struct/Value/ListValue, and what the allowlist
    // accepts unchecked, all as the checker itself reports them. One key in SAMPLE, to stay fast.
    const SAMPLE = 12;
    let n = 0;
    let mutated = 0;
    let free = 0;
    let retyped = 0;
    const missed: string[] = [];
    for (const r of resources) {
      const type = XDS_KIND_TYPES[r.kind];
      const { unchecked, maps } = results.get(r)!;
      const mapSet = new Set(maps);
      const isFree = (p: string): boolean => unchecked.some((u) => p === u || p.startsWith(`${u}.`) || p.startsWith(`${u}[`));
      const visit = (node: unknown, p: string, route: Array<string | number>): void => {
        if (Array.isArray(node)) {
          node.forEach((x, i) => visit(x, `${p}[${i}]`, [...route, i]));
          return;
        }
        if (node === null || typeof node !== 'object') return;
        for (const [k, v] of Object.entries(node)) {
          const kp = mapSet.has(p) ? `${p}[${JSON.stringify(k)}]` : `${p}.${k}`;
          const idx = n++;
          if (k !== '@type' && idx % SAMPLE === 0) {
            if (mapSet.has(p) || isFree(kp)) free++;
            else {
              mutated++;
              const leaf = v === null || typeof v !== 'object';
              const copy = structuredClone(r.resource) as Record<string | number, unknown>;
              let parent = copy;
              for (const s of route) parent = parent[s] as Record<string | number, unknown>;
              let expectAt: string;
              if (leaf && (idx / SAMPLE) % 2 === 1) {
                parent[k] = [[]];
                retyped++;
                expectAt = `${kp}:`;
              } else {
                parent[`${k}Zz`] = parent[k];
                delete parent[k];
                expectAt = `${p}.${k}Zz: unknown field`;
              }
              const problems = checkEnvoyResource(type, copy);
              if (!problems.some((x) => x.startsWith(expectAt))) missed.push(`${r.testCase}.${r.kind} ${r.name}: ${expectAt}`);
            }
          }
          visit(v, kp, [...route, k]);
        }
      };
      visit(r.resource, '$', []);
    }
    console.log(`mutations: ${mutated} checked (${retyped} scalar → [[]], the rest key renames), ${free} in free JSON / map keys / allowlisted, of ${n} keys`);
    expect(mutated).toBeGreaterThan(1000);
    expect(missed).toEqual([]);
  });

  test('deprecated fields the goldens use (Envoy accepts them with a warning)', () => {
    const seen = new Map<string, number>();
    for (const r of resources) {
      for (const d of results.get(r)!.deprecated) {
        const field = d.replace(/^.* \((.*)\)$/, '$1');
        seen.set(field, (seen.get(field) ?? 0) + 1);
      }
    }
    console.log(`deprecated fields in goldens: ${[...seen].map(([f, n]) => `${f} ×${n}`).join(', ') || 'none'}`);
  });

  test('the expected rejections name real golden resources', () => {
    for (const e of EXPECTED_GOLDEN_REJECTIONS) {
      expect(resources.some((r) => r.testCase === e.testCase && r.kind === e.kind && r.name === e.name)).toBe(true);
    }
  });

  test('every allowlist entry is needed by some golden resource', () => {
    const unused = ENVOY_PROTO_ALLOWLIST.map(allowlistKey).filter((k) => !used.has(k));
    expect(unused).toEqual([]);
    console.log(
      'allowlist use:\n' +
        [...used]
          .sort()
          .map(([k, cases]) => `  ${k}: ${[...cases].slice(0, 3).join(', ')}${cases.size > 3 ? ` (+${cases.size - 3})` : ''}`)
          .join('\n'),
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// The allowlist only names what the snapshot really lacks

describe('allowlist', () => {
  test.each(ENVOY_PROTO_ALLOWLIST.map((e) => [allowlistKey(e), e] as const))('%s is still missing from the snapshot', (_k, e) => {
    expect(e.why.length).toBeGreaterThan(20);
    switch (e.kind) {
      case 'type':
        expect(lookupEnvoyType(e.type)).toBeUndefined();
        break;
      case 'field':
        expect(lookupEnvoyType(e.message)).toBeDefined();
        expect(snapshotHasField(e.message, e.field)).toBe(false);
        if (e.as && !/^[a-z0-9]+$/.test(e.as.type)) expect(lookupEnvoyType(e.as.type) ?? loadEnvoyProtos().root.lookupEnum(e.as.type)).toBeDefined();
        if (e.oneof) expect(lookupEnvoyType(e.message)!.oneofs?.[e.oneof]).toBeDefined();
        break;
      case 'retyped': {
        const field = lookupEnvoyType(e.message)?.fields[e.field];
        expect(field).toBeDefined();
        expect(field!.resolvedType?.fullName.replace(/^\./, '')).not.toBe(e.as.type);
        expect(lookupEnvoyType(e.as.type)).toBeDefined();
        break;
      }
      case 'oneof-not-required': {
        const oneof = lookupEnvoyType(e.message)?.oneofs?.[e.oneof];
        expect(oneof?.parsedOptions).toContainEqual({ '(validate.required)': true });
        break;
      }
      case 'rule-relaxed': {
        const field = lookupEnvoyType(e.message)?.fields[e.field];
        const [kind, rule] = e.rule.split('.') as [string, string];
        const rules = (field?.parsedOptions ?? []).map((po) => (po as Record<string, Record<string, Record<string, unknown>>>)['(validate.rules)']);
        expect(rules.some((r) => r?.[kind]?.[rule] !== undefined)).toBe(true);
        break;
      }
    }
  });

  test('an allowlisted field is accepted only on its own message', () => {
    // useHashPolicy is allowlisted on WeightedCluster, not on RouteAction.
    const route = routeConfig();
    (route.virtualHosts[0]!.routes[0]!.route as Record<string, unknown>).useHashPolicy = true;
    expect(checkRouteConfiguration(route)).toEqual([
      '$.virtualHosts[0].routes[0].route.useHashPolicy: unknown field "useHashPolicy" of envoy.config.route.v3.RouteAction',
    ]);
  });

  test('an allowlisted field with a known type is still type-checked', () => {
    const route = routeConfig();
    route.virtualHosts[0]!.routes[0]!.route = {
      weightedClusters: { clusters: [{ name: 'a', weight: 1 }], useHashPolicy: 'yes' },
    };
    expect(checkRouteConfiguration(route)).toEqual([
      '$.virtualHosts[0].routes[0].route.weightedClusters.useHashPolicy: google.protobuf.BoolValue: bool must be true or false, got the string "yes"',
    ]);
  });

  test('an allowlisted Any type is accepted as known-missing, and reported as used', () => {
    const c = cluster();
    delete c.type;
    delete c.edsClusterConfig;
    c.clusterType = {
      name: 'envoy.cluster.dns',
      typedConfig: { '@type': `${ANY}envoy.extensions.clusters.dns.v3.DnsCluster`, dnsLookupFamily: 'V4_PREFERRED' },
    };
    const r = checkEnvoyResourceDetailed('envoy.config.cluster.v3.Cluster', c);
    expect(r.problems).toEqual([]);
    expect(r.allowlisted).toEqual(['type envoy.extensions.clusters.dns.v3.DnsCluster']);
  });
});

// ---------------------------------------------------------------------------------------------------
// Hand-written resources: valid ones pass, broken ones are reported

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function cluster(): Json {
  return {
    name: 'httproute/default/backend/rule/0',
    type: 'EDS',
    connectTimeout: '10s',
    perConnectionBufferLimitBytes: 32768,
    dnsLookupFamily: 'V4_PREFERRED',
    edsClusterConfig: { edsConfig: { ads: {}, resourceApiVersion: 'V3' }, serviceName: 'httproute/default/backend/rule/0' },
    circuitBreakers: {
      thresholds: [{ maxConnections: 1024, maxRetries: 1024, retryBudget: { budgetPercent: { value: 10 }, minRetryConcurrency: 1 } }],
    },
    outlierDetection: { interval: '1s', consecutive5xx: 5, enforcingConsecutive5xx: 100, baseEjectionTime: '30s' },
    commonLbConfig: { healthyPanicThreshold: { value: 0 } },
    loadBalancingPolicy: {
      policies: [
        {
          typedExtensionConfig: {
            name: 'envoy.load_balancing_policies.least_request',
            typedConfig: {
              '@type': `${ANY}envoy.extensions.load_balancing_policies.least_request.v3.LeastRequest`,
              localityLbConfig: { localityWeightedLbConfig: {} },
            },
          },
        },
      ],
    },
    typedExtensionProtocolOptions: {
      'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': {
        '@type': `${ANY}envoy.extensions.upstreams.http.v3.HttpProtocolOptions`,
        commonHttpProtocolOptions: { idleTimeout: '3600s', maxRequestsPerConnection: 10 },
        explicitHttpConfig: { http2ProtocolOptions: { initialStreamWindowSize: 65536, initialConnectionWindowSize: 1048576 } },
      },
    },
    upstreamConnectionOptions: { tcpKeepalive: { keepaliveProbes: 3 } },
    preconnectPolicy: { perUpstreamPreconnectRatio: 1.5 },
    healthChecks: [
      {
        timeout: '1s',
        interval: '3s',
        unhealthyThreshold: 3,
        healthyThreshold: 1,
        httpHealthCheck: { host: 'www.example.com', path: '/healthz', expectedStatuses: [{ start: '200', end: '201' }] },
      },
    ],
  };
}

interface RouteConfigJson {
  name: string;
  virtualHosts: Array<{ name: string; domains: string[]; routes: Json[] }>;
  [k: string]: unknown;
}

function routeConfig(): RouteConfigJson {
  return {
    name: 'default/eg/http',
    ignorePortInHostMatching: true,
    virtualHosts: [
      {
        name: 'default/eg/http/www_example_com',
        domains: ['www.example.com'],
        routes: [
          {
            name: 'httproute/default/backend/rule/0/match/0/www_example_com',
            match: { pathSeparatedPrefix: '/api' },
            route: {
              cluster: 'httproute/default/backend/rule/0',
              timeout: '5s',
              idleTimeout: '3600s',
              retryPolicy: {
                retryOn: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes',
                numRetries: 2,
                retriableStatusCodes: [503],
                retryHostPredicate: [
                  {
                    name: 'envoy.retry_host_predicates.previous_hosts',
                    typedConfig: { '@type': `${ANY}envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate` },
                  },
                ],
                hostSelectionRetryMaxAttempts: '5',
              },
              upgradeConfigs: [{ upgradeType: 'websocket' }],
            },
            typedPerFilterConfig: {
              'envoy.filters.http.fault': {
                '@type': `${ANY}envoy.extensions.filters.http.fault.v3.HTTPFault`,
                abort: { httpStatus: 503, percentage: { numerator: 100, denominator: 'MILLION' } },
                delay: { fixedDelay: '0.500s', percentage: { numerator: 50 } },
              },
              'envoy.filters.http.custom_response': { '@type': `${ANY}envoy.config.route.v3.FilterConfig`, config: {} },
            },
          },
        ],
      },
    ],
  };
}

function httpFilter(): Json {
  return {
    name: 'envoy.filters.http.local_ratelimit',
    typedConfig: {
      '@type': `${ANY}envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit`,
      statPrefix: 'http_local_rate_limiter',
      tokenBucket: { maxTokens: 4294967295, tokensPerFill: 4294967295, fillInterval: '1s' },
    },
    disabled: true,
  };
}

/** Problems of a copy of `base` after `mutate`. */
function broken<T>(check: (j: unknown) => string[], base: () => T, mutate: (j: T) => void): string[] {
  const j = base();
  mutate(j);
  return check(j);
}

describe('valid resources', () => {
  test('a full cluster, a route configuration and an HTTP filter are accepted', () => {
    expect(checkCluster(cluster())).toEqual([]);
    expect(checkRouteConfiguration(routeConfig())).toEqual([]);
    expect(checkHttpFilter(httpFilter())).toEqual([]);
  });

  test('protojson accepts proto names as well as json names, and 64-bit integers as numbers', () => {
    expect(
      broken(checkCluster, cluster, (c) => {
        c.connect_timeout = c.connectTimeout;
        delete c.connectTimeout;
        c.healthChecks[0].httpHealthCheck.expectedStatuses = [{ start: 200, end: 201 }];
      }),
    ).toEqual([]);
  });

  test('a WKT inside an Any keeps its JSON form under "value"', () => {
    expect(
      checkEnvoyResource('envoy.config.core.v3.TypedExtensionConfig', {
        name: 'x',
        typedConfig: { '@type': `${ANY}google.protobuf.Duration`, value: '1.5s' },
      }),
    ).toEqual([]);
  });

  test('checkEnvoyConfig checks a whole emitEnvoy result and says where each problem is', () => {
    const config = {
      clusters: [cluster()],
      routeConfigurations: [routeConfig()],
      httpFilters: [{ listener: 'default/eg/http', filters: [httpFilter(), { name: 'envoy.filters.http.router', typedConfig: { '@type': `${ANY}envoy.extensions.filters.http.router.v3.Router` } }] }],
    };
    expect(checkEnvoyConfig(config)).toEqual([]);
    config.clusters[0]!.connectTimeout = '0s';
    config.httpFilters[0]!.filters[1]!.disabled = 1;
    expect(checkEnvoyConfig(config)).toEqual([
      'clusters[0] httproute/default/backend/rule/0: $.connectTimeout: duration 0s must be > 0s (validate duration)',
      'httpFilters default/eg/http [1] envoy.filters.http.router: $.disabled: disabled: bool must be true or false, got number 1',
    ]);
  });

  test('null is a value only for google.protobuf.Value', () => {
    expect(checkEnvoyResource('google.protobuf.Struct', { a: null })).toEqual([]);
    expect(
      checkEnvoyResource('envoy.config.core.v3.Metadata', { filterMetadata: { x: { a: null } }, typedFilterMetadata: null }),
    ).toEqual(['$.typedFilterMetadata: null for envoy.config.core.v3.Metadata.typed_filter_metadata (protojson reads it as unset: leave the key out)']);
  });

  test('Struct is free JSON', () => {
    const c = cluster();
    c.metadata = { filterMetadata: { 'envoy-gateway': { resources: [{ kind: 'HTTPRoute', name: 'x', n: 1, ok: true, nil: null }] } } };
    expect(checkCluster(c)).toEqual([]);
  });
});

describe('broken resources are reported', () => {
  test('unknown field', () => {
    expect(broken(checkCluster, cluster, (c) => (c.connectTimout = '1s'))).toEqual([
      '$.connectTimout: unknown field "connectTimout" of envoy.config.cluster.v3.Cluster',
    ]);
  });

  test('unknown field inside an Any payload', () => {
    expect(
      broken(checkRouteConfiguration, routeConfig, (r) => {
        r.virtualHosts[0]!.routes[0]!.typedPerFilterConfig['envoy.filters.http.fault'].abort.status = 503;
      }),
    ).toEqual([
      '$.virtualHosts[0].routes[0].typedPerFilterConfig["envoy.filters.http.fault"].abort.status: unknown field "status" of envoy.extensions.filters.http.fault.v3.FaultAbort',
    ]);
  });

  test('a field given under both of its names', () => {
    const problems = broken(checkCluster, cluster, (c) => (c.connect_timeout = '1s'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/given twice/);
  });

  test('wrong types', () => {
    expect(broken(checkCluster, cluster, (c) => (c.name = 5))).toEqual(['$.name: name: string expected, got number 5']);
    expect(broken(checkCluster, cluster, (c) => (c.perConnectionBufferLimitBytes = '32768'))).toEqual([
      '$.perConnectionBufferLimitBytes: google.protobuf.UInt32Value: uint32 must be a JSON number, got the string "32768"',
    ]);
    expect(broken(checkCluster, cluster, (c) => (c.perConnectionBufferLimitBytes = { value: 32768 }))).toEqual([
      '$.perConnectionBufferLimitBytes: google.protobuf.UInt32Value: uint32 must be a JSON number, got an object',
    ]);
    expect(broken(checkCluster, cluster, (c) => (c.healthChecks[0].httpHealthCheck.expectedStatuses[0].start = '2e2'))).toEqual([
      '$.healthChecks[0].httpHealthCheck.expectedStatuses[0].start: start: int64 must be a decimal integer, got the string "2e2"',
    ]);
    expect(broken(checkCluster, cluster, (c) => (c.healthChecks[0].httpHealthCheck.expectedStatuses[0].start = 2 ** 60))).toEqual([
      `$.healthChecks[0].httpHealthCheck.expectedStatuses[0].start: start: int64 ${2 ** 60} is not exact as a JSON number: write it as a string`,
    ]);
    expect(broken(checkCluster, cluster, (c) => (c.circuitBreakers.thresholds = c.circuitBreakers.thresholds[0]))).toEqual([
      '$.circuitBreakers.thresholds: repeated field thresholds must be a JSON array, got an object',
    ]);
    expect(broken(checkCluster, cluster, (c) => (c.edsClusterConfig.edsConfig.ads = true))).toEqual([
      '$.edsClusterConfig.edsConfig.ads: expected a JSON object for envoy.config.core.v3.AggregatedConfigSource, got boolean true',
    ]);
    expect(broken(checkHttpFilter, httpFilter, (f) => (f.disabled = 'true'))).toEqual([
      '$.disabled: disabled: bool must be true or false, got the string "true"',
    ]);
    expect(broken(checkCluster, cluster, (c) => (c.preconnectPolicy.perUpstreamPreconnectRatio = '1.5x'))).toEqual([
      '$.preconnectPolicy.perUpstreamPreconnectRatio: google.protobuf.DoubleValue: double must be a number, got the string "1.5x"',
    ]);
    expect(broken(checkCluster, cluster, (c) => (c.preconnectPolicy.perUpstreamPreconnectRatio = 3.5))).toEqual([
      '$.preconnectPolicy.perUpstreamPreconnectRatio: double 3.5 must be ≥ 1 and ≤ 3 (validate.rules)',
    ]);
    expect(broken(checkCluster, cluster, (c) => (c.typedExtensionProtocolOptions = []))).toEqual([
      '$.typedExtensionProtocolOptions: map field typed_extension_protocol_options must be a JSON object, got an array',
    ]);
    expect(broken(checkCluster, cluster, (c) => (c.loadBalancingPolicy = null))).toEqual([
      '$.loadBalancingPolicy: null for envoy.config.cluster.v3.Cluster.load_balancing_policy (protojson reads it as unset: leave the key out)',
    ]);
  });

  test('32-bit integers out of range', () => {
    expect(broken(checkCluster, cluster, (c) => (c.circuitBreakers.thresholds[0].maxConnections = -1))).toEqual([
      '$.circuitBreakers.thresholds[0].maxConnections: google.protobuf.UInt32Value: uint32 out of range: -1',
    ]);
    expect(broken(checkCluster, cluster, (c) => (c.circuitBreakers.thresholds[0].maxConnections = 2 ** 32))).toEqual([
      '$.circuitBreakers.thresholds[0].maxConnections: google.protobuf.UInt32Value: uint32 out of range: 4294967296',
    ]);
    expect(broken(checkCluster, cluster, (c) => (c.circuitBreakers.thresholds[0].maxConnections = 1.5))).toEqual([
      '$.circuitBreakers.thresholds[0].maxConnections: google.protobuf.UInt32Value: uint32 must be an integer, got 1.5',
    ]);
  });

  test('bad enum names', () => {
    expect(broken(checkCluster, cluster, (c) => (c.dnsLookupFamily = 'V4_PREFFERED'))[0]).toMatch(
      /^\$\.dnsLookupFamily: "V4_PREFFERED" is not a value of enum envoy\.config\.cluster\.v3\.Cluster\.DnsLookupFamily/,
    );
    expect(
      broken(checkRouteConfiguration, routeConfig, (r) => {
        r.virtualHosts[0]!.routes[0]!.typedPerFilterConfig['envoy.filters.http.fault'].abort.percentage.denominator = 'THOUSAND';
      })[0],
    ).toMatch(/"THOUSAND" is not a value of enum envoy\.type\.v3\.FractionalPercent\.DenominatorType/);
    // By number: accepted when defined, reported by defined_only when not.
    expect(broken(checkCluster, cluster, (c) => (c.type = 3))).toEqual([]);
    expect(broken(checkCluster, cluster, (c) => (c.type = 42))).toEqual([
      '$.type: 42 is not a defined value of envoy.config.cluster.v3.Cluster.DiscoveryType (validate enum.defined_only)',
    ]);
  });

  test('two members of a oneof', () => {
    expect(
      broken(checkCluster, cluster, (c) => (c.clusterType = { name: 'envoy.cluster.dns', typedConfig: {} })),
    ).toEqual(['$: oneof envoy.config.cluster.v3.Cluster.cluster_discovery_type has 2 members set: type, cluster_type']);
    expect(
      broken(checkRouteConfiguration, routeConfig, (r) => {
        r.virtualHosts[0]!.routes[0]!.match.prefix = '/';
      }),
    ).toEqual([
      '$.virtualHosts[0].routes[0].match: oneof envoy.config.route.v3.RouteMatch.path_specifier has 2 members set: prefix, path_separated_prefix',
    ]);
  });

  test('bad Duration strings', () => {
    for (const d of ['10', '10ms', '1.5 s', '0.1234567890s', '315576000001s', 10, '1m', '.5s']) {
      expect(broken(checkCluster, cluster, (c) => (c.connectTimeout = d))[0]).toMatch(/^\$\.connectTimeout: Duration must be a string/);
    }
    for (const d of ['1s', '0.500s', '0.000000001s', '3600s', '315576000000s']) {
      expect(broken(checkCluster, cluster, (c) => (c.connectTimeout = d))).toEqual([]);
    }
  });

  test('unknown @type', () => {
    expect(
      broken(checkCluster, cluster, (c) => {
        c.loadBalancingPolicy.policies[0].typedExtensionConfig.typedConfig['@type'] = `${ANY}envoy.extensions.load_balancing_policies.least_requests.v3.LeastRequest`;
      }),
    ).toEqual([
      '$.loadBalancingPolicy.policies[0].typedExtensionConfig.typedConfig.@type: unknown @type envoy.extensions.load_balancing_policies.least_requests.v3.LeastRequest (not a message of the loaded Envoy API)',
    ]);
    // A v2 type (Envoy rejects v2) and a type URL without the standard prefix.
    expect(
      broken(checkHttpFilter, httpFilter, (f) => (f.typedConfig['@type'] = `${ANY}envoy.config.filter.http.fault.v2.HTTPFault`))[0],
    ).toMatch(/unknown @type envoy\.config\.filter\.http\.fault\.v2\.HTTPFault/);
    expect(
      broken(checkHttpFilter, httpFilter, (f) => (f.typedConfig['@type'] = 'envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit'))[0],
    ).toMatch(/type URL must be "type\.googleapis\.com\/<full name>"/);
    expect(broken(checkHttpFilter, httpFilter, (f) => delete f.typedConfig['@type'])).toEqual(['$.typedConfig: Any without a string "@type"']);
  });

  test('validate rules: durations', () => {
    expect(broken(checkCluster, cluster, (c) => (c.connectTimeout = '0s'))).toEqual([
      '$.connectTimeout: duration 0s must be > 0s (validate duration)',
    ]);
    expect(broken(checkCluster, cluster, (c) => (c.dnsRefreshRate = '0.000500s'))).toEqual([
      '$.dnsRefreshRate: duration 0.000500s must be > 0.001s (validate duration)',
    ]);
    expect(broken(checkCluster, cluster, (c) => delete c.healthChecks[0].timeout)).toEqual([
      '$.healthChecks[0].timeout: timeout is required (validate.rules duration.required)',
    ]);
    expect(broken(checkHttpFilter, httpFilter, (f) => delete f.typedConfig.tokenBucket.fillInterval)).toEqual([
      '$.typedConfig.tokenBucket.fillInterval: fill_interval is required (validate.rules duration.required)',
    ]);
  });

  test('validate rules: numbers', () => {
    expect(broken(checkCluster, cluster, (c) => (c.outlierDetection.enforcingConsecutive5xx = 101))).toEqual([
      '$.outlierDetection.enforcingConsecutive5xx: uint32 101 must be ≤ 100 (validate.rules)',
    ]);
    expect(broken(checkCluster, cluster, (c) => (c.commonLbConfig.healthyPanicThreshold.value = 100.5))).toEqual([
      '$.commonLbConfig.healthyPanicThreshold.value: double 100.5 must be ≥ 0 and ≤ 100 (validate.rules)',
    ]);
    expect(broken(checkHttpFilter, httpFilter, (f) => (f.typedConfig.tokenBucket.maxTokens = 0))).toEqual([
      '$.typedConfig.tokenBucket.maxTokens: uint32 0 must be > 0 (validate.rules)',
    ]);
    // Absent proto3 scalars are validated as their zero value (PGV).
    expect(broken(checkHttpFilter, httpFilter, (f) => delete f.typedConfig.tokenBucket.maxTokens)).toEqual([
      '$.typedConfig.tokenBucket.maxTokens: uint32 0 must be > 0 (validate.rules)',
    ]);
    expect(broken(checkHttpFilter, httpFilter, (f) => (f.typedConfig.stage = 11))).toEqual([
      '$.typedConfig.stage: uint32 11 must be ≤ 10 (validate.rules)',
    ]);
  });

  test('validate rules: strings, repeated, required messages and oneofs', () => {
    expect(broken(checkHttpFilter, httpFilter, (f) => (f.name = ''))).toEqual([
      '$.name: string "" must have at least 1 characters (validate string)',
    ]);
    expect(broken(checkHttpFilter, httpFilter, (f) => delete f.typedConfig.statPrefix)).toEqual([
      '$.typedConfig.statPrefix: string "" must have at least 1 characters (validate string)',
    ]);
    expect(broken(checkCluster, cluster, (c) => delete c.name)).toEqual([
      '$.name: string "" must have at least 1 characters (validate string)',
    ]);
    expect(broken(checkRouteConfiguration, routeConfig, (r) => (r.virtualHosts[0]!.domains = []))).toEqual([
      '$.virtualHosts[0].domains: domains needs at least 1 items, has 0 (validate repeated.min_items)',
    ]);
    expect(broken(checkRouteConfiguration, routeConfig, (r) => (r.virtualHosts[0]!.domains = ['a\nb']))).toEqual([
      '$.virtualHosts[0].domains[0]: string "a\\nb" must be an HTTP header value (no NUL/CR/LF) (validate string)',
    ]);
    expect(
      broken(checkRouteConfiguration, routeConfig, (r) => (r.virtualHosts[0]!.routes[0]!.requestHeadersToRemove = [''])),
    ).toEqual(['$.virtualHosts[0].routes[0].requestHeadersToRemove[0]: string "" must have at least 1 characters (validate string)']);
    // An empty required message: the route match with no path specifier, and no match at all.
    expect(broken(checkRouteConfiguration, routeConfig, (r) => (r.virtualHosts[0]!.routes[0]!.match = {}))).toEqual([
      '$.virtualHosts[0].routes[0].match: oneof envoy.config.route.v3.RouteMatch.path_specifier is required (validate.required): set one of prefix, path, safeRegex, connectMatcher, pathSeparatedPrefix, pathMatchPolicy',
    ]);
    expect(broken(checkRouteConfiguration, routeConfig, (r) => delete r.virtualHosts[0]!.routes[0]!.match)).toEqual([
      '$.virtualHosts[0].routes[0].match: match is required (validate.rules message.required)',
    ]);
    expect(broken(checkCluster, cluster, (c) => delete c.healthChecks[0].unhealthyThreshold)).toEqual([
      '$.healthChecks[0].unhealthyThreshold: unhealthy_threshold is required (validate.rules message.required)',
    ]);
    expect(broken(checkRouteConfiguration, routeConfig, (r) => (r.virtualHosts[0]!.routes[0]!.match.pathSeparatedPrefix = '/api/'))).toEqual([
      '$.virtualHosts[0].routes[0].match.pathSeparatedPrefix: string "/api/" must match ^[^?#]+[^?#/]$ (validate string)',
    ]);
    expect(
      broken(checkRouteConfiguration, routeConfig, (r) => {
        const fault = r.virtualHosts[0]!.routes[0]!.typedPerFilterConfig['envoy.filters.http.fault'];
        fault.delay = { percentage: { numerator: 50 } };
      }),
    ).toEqual([
      '$.virtualHosts[0].routes[0].typedPerFilterConfig["envoy.filters.http.fault"].delay: oneof envoy.extensions.filters.common.fault.v3.FaultDelay.fault_delay_secifier is required (validate.required): set one of fixedDelay, headerDelay',
    ]);
  });

  test('a relaxed rule is relaxed only for its own field', () => {
    // RateLimitDescriptor.Entry.value may be empty (allowlist), its key may not.
    const filter = (): Json => ({
      ...httpFilter(),
      typedConfig: {
        ...httpFilter().typedConfig,
        descriptors: [{ entries: [{ key: 'k' }], tokenBucket: { maxTokens: 1, tokensPerFill: 1, fillInterval: '1s' } }],
      },
    });
    const ok = checkEnvoyResourceDetailed('envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter', filter());
    expect(ok.problems).toEqual([]);
    expect(ok.allowlisted).toEqual([
      'rule-relaxed envoy.extensions.common.ratelimit.v3.RateLimitDescriptor.Entry.value string.min_len',
    ]);
    expect(broken(checkHttpFilter, filter, (f) => (f.typedConfig.descriptors[0].entries[0] = { value: 'v' }))).toEqual([
      '$.typedConfig.descriptors[0].entries[0].key: string "" must have at least 1 characters (validate string)',
    ]);
  });
});
