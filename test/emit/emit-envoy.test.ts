/** emitEnvoy as a whole: names, virtual hosts, matches, route order, metadata, HCM filters, robustness. */
import { describe, expect, it } from 'vitest';
import { emitEnvoy, emitRateLimitConfigs } from '../../src/index.js';
import { compareRouteEntries } from '../../src/emit/route-configuration.js';
import { filterRank, sortHttpFilters } from '../../src/emit/http-filters.js';
import { resolution, rule, emit } from './core-support.js';
import type { RouteResult } from '../../src/resolve/types.js';

type Json = Record<string, any>;
const routesOf = (out: { routeConfigurations: Json[] }) => out.routeConfigurations.flatMap((rc) => rc.virtualHosts.flatMap((vh: Json) => vh.routes));

describe('route configurations', () => {
  it('names routes, virtual hosts and route configurations as Envoy Gateway does', () => {
    const out = emit(resolution(rule({ hostnames: ['www.example.com', '*.example.org'], matches: [{ path: { type: 'Exact', value: '/a' } }, { path: { type: 'PathPrefix', value: '/b/' } }] })));
    expect(out.routeConfigurations).toHaveLength(1);
    const rc = out.routeConfigurations[0]!;
    expect(rc.name).toBe('gw-ns/gw/http');
    expect(rc.ignorePortInHostMatching).toBe(true);
    expect(rc.virtualHosts.map((vh: Json) => [vh.name, vh.domains])).toEqual([
      ['gw-ns/gw/http/www_example_com', ['www.example.com']],
      ['gw-ns/gw/http/*_example_org', ['*.example.org']],
    ]);
    expect(rc.virtualHosts[0].metadata).toEqual({ filterMetadata: { 'envoy-gateway': { resources: [{ kind: 'Gateway', name: 'gw', namespace: 'gw-ns', sectionName: 'http' }] } } });
    expect(rc.virtualHosts[0].routes.map((r: Json) => [r.name, r.match])).toEqual([
      ['httproute/default/web/rule/0/match/0/www_example_com', { path: '/a' }],
      ['httproute/default/web/rule/0/match/1/www_example_com', { pathSeparatedPrefix: '/b' }],
    ]);
  });

  it('names a ListenerSet listener with the ListenerSet', () => {
    const out = emit(resolution(rule({ listenerSet: { namespace: 'apps', name: 'extra' }, listener: 'ext' })));
    expect(out.routeConfigurations[0]!.name).toBe('gw-ns/gw/apps/extra/ext');
    expect(out.httpFilters[0]!.listener).toBe('gw-ns/gw/apps/extra/ext');
  });

  it('points the route at its rule’s cluster, with the default WebSocket upgrade', () => {
    const [route] = routesOf(emit(resolution(rule())));
    expect(route.route).toEqual({ cluster: 'httproute/default/web/rule/0', upgradeConfigs: [{ upgradeType: 'websocket' }] });
    expect(route.match).toEqual({ prefix: '/' });
  });

  it('converts header, query and method matches', () => {
    const [route] = routesOf(
      emit(
        resolution(
          rule({
            matches: [
              {
                path: { type: 'RegularExpression', value: '/v[0-9]+' },
                headers: [{ name: 'x-a', value: '1' }, { type: 'RegularExpression', name: 'x-b', value: 'b.*' }],
                queryParams: [{ type: 'Exact', name: 'debug', value: 'yes' }],
                method: 'GET',
              },
            ],
          }),
        ),
      ),
    );
    expect(route.match).toEqual({
      safeRegex: { regex: '/v[0-9]+' },
      headers: [
        { name: 'x-a', stringMatch: { exact: '1' } },
        { name: 'x-b', stringMatch: { safeRegex: { regex: 'b.*' } } },
        { name: ':method', stringMatch: { exact: 'GET' } },
      ],
      queryParameters: [{ name: 'debug', stringMatch: { exact: 'yes' } }],
    });
  });

  it('a rule without matches is `match/-1` and matches everything; gRPC routes get no upgrade', () => {
    const [route] = routesOf(emit(resolution(rule({ route: { kind: 'GRPCRoute', namespace: 'default', name: 'g' }, matches: undefined }))));
    expect(route.name).toBe('grpcroute/default/g/rule/0/match/-1/*');
    expect(route.match).toEqual({ prefix: '/' });
    expect(route.route).toEqual({ cluster: 'grpcroute/default/g/rule/0' });
  });

  it('orders routes by Envoy Gateway’s precedence: exact, regex, prefix; longer paths; more headers', () => {
    const out = emit(
      resolution(
        rule({ route: { kind: 'HTTPRoute', namespace: 'default', name: 'p' }, matches: [{ path: { value: '/' } }] }),
        rule({ route: { kind: 'HTTPRoute', namespace: 'default', name: 'long' }, matches: [{ path: { value: '/long/prefix' } }] }),
        rule({ route: { kind: 'HTTPRoute', namespace: 'default', name: 're' }, matches: [{ path: { type: 'RegularExpression', value: '/r' } }] }),
        rule({ route: { kind: 'HTTPRoute', namespace: 'default', name: 'hdr' }, matches: [{ path: { value: '/' }, headers: [{ name: 'a', value: 'b' }] }] }),
        rule({ route: { kind: 'HTTPRoute', namespace: 'default', name: 'exact' }, matches: [{ path: { type: 'Exact', value: '/e' } }] }),
      ),
    );
    expect(routesOf(out).map((r) => r.name.split('/')[2])).toEqual(['exact', 're', 'long', 'hdr', 'p']);
    expect(compareRouteEntries({ pathType: 'prefix', pathLength: 1, headers: 0, queryParams: 1 }, { pathType: 'prefix', pathLength: 1, headers: 0, queryParams: 0 })).toBeLessThan(0);
  });

  it('records the route and the policies that shaped it in the route metadata', () => {
    const [route] = routesOf(emit(resolution(rule({ ruleName: 'r1', policies: [{ namespace: 'default', name: 'btp' }] }))));
    expect(route.metadata).toEqual({
      filterMetadata: {
        'envoy-gateway': {
          resources: [{ kind: 'HTTPRoute', name: 'web', namespace: 'default', sectionName: 'r1' }],
          policies: [{ kind: 'BackendTrafficPolicy', name: 'btp', namespace: 'default' }],
        },
      },
    });
  });

  it('answers with the direct response of a route whose policy failed', () => {
    const out = emit(resolution(rule({ directResponse: { statusCode: 500 }, traffic: undefined })));
    const [route] = routesOf(out);
    expect(route.directResponse).toEqual({ status: 500 });
    expect(route.route).toBeUndefined();
  });

  it('drops a route whose retry trigger Envoy Gateway rejects, keeping its virtual host', () => {
    const out = emit(resolution(rule({ hostnames: ['bad.example.com'], traffic: { retry: { retryOn: { triggers: ['not-a-trigger'] } } } })));
    expect(out.routeConfigurations[0]!.virtualHosts).toEqual([expect.objectContaining({ name: 'gw-ns/gw/http/bad_example_com', routes: [] })]);
    expect(out.clusters).toEqual([]);
  });

  it('builds a cluster once, from the first listener that needs it', () => {
    const out = emit(
      resolution(rule({ listener: 'a', traffic: { circuitBreaker: { maxConnections: 1 } } }), rule({ listener: 'b', traffic: { circuitBreaker: { maxConnections: 2 } } })),
    );
    expect(out.clusters).toHaveLength(1);
    expect(out.clusters[0]!.circuitBreakers.thresholds[0].maxConnections).toBe(1);
    expect(out.routeConfigurations.map((rc) => rc.name)).toEqual(['gw-ns/gw/a', 'gw-ns/gw/b']);
  });

  it('splits the cluster per backend when a backendRef has its own filters', () => {
    const out = emit(resolution(rule({ backendRefs: [{ name: 'a', filters: [{ type: 'RequestHeaderModifier' }] }, { name: 'b', weight: 3 }], traffic: { loadBalancer: { consistentHash: { sourceIP: true } } } })));
    expect(out.clusters.map((c) => c.name)).toEqual(['httproute/default/web/rule/0/backend/0', 'httproute/default/web/rule/0/backend/1']);
    const action = routesOf(out)[0].route;
    expect(action.weightedClusters.clusters.map((c: Json) => c.weight)).toEqual([1, 3]);
    // The route’s hash policy must also pick the cluster.
    expect(action.hashPolicy).toEqual([{ connectionProperties: { sourceIp: true } }]);
    expect(action.weightedClusters.useHashPolicy).toBe(true);
  });
});

describe('HCM filters', () => {
  it('always ends with the router, suppressing x-envoy headers unless the listener keeps them', () => {
    expect(emit(resolution(rule())).httpFilters).toEqual([
      {
        listener: 'gw-ns/gw/http',
        filters: [{ name: 'envoy.filters.http.router', typedConfig: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router', suppressEnvoyHeaders: true } }],
      },
    ]);
    const keep = emit(resolution(rule()), { listeners: { 'gw-ns/gw/http': { enableEnvoyHeaders: true } } });
    expect(keep.httpFilters[0]!.filters[0]!.typedConfig).toEqual({ '@type': 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router' });
  });

  it('collects each filter once per listener, in Envoy Gateway’s rank order', () => {
    const out = emit(
      resolution(
        rule({ route: { kind: 'HTTPRoute', namespace: 'default', name: 'a' }, traffic: { requestBuffer: { limit: 4 } } }),
        rule({ route: { kind: 'HTTPRoute', namespace: 'default', name: 'b' }, traffic: { requestBuffer: { limit: 8 }, faultInjection: {} } }),
      ),
    );
    const filters = out.httpFilters[0]!.filters;
    expect(filters.map((f) => f.name)).toEqual(['envoy.filters.http.fault', 'envoy.filters.http.buffer', 'envoy.filters.http.router']);
    // The shared buffer filter takes its config from the first route that needs it.
    expect(filters[1]!.typedConfig).toMatchObject({ maxRequestBytes: 4 });
  });

  it('ranks by name prefix, ties by name, unknown filters in the middle', () => {
    expect(filterRank('envoy.filters.http.ratelimit/ns/p')).toBe(303);
    expect(filterRank('envoy.filters.http.custom_response/backendtrafficpolicy/ns/p')).toBe(0);
    expect(filterRank('my.filter')).toBe(50);
    const names = sortHttpFilters(
      ['envoy.filters.http.router', 'envoy.filters.http.compressor.gzip', 'envoy.filters.http.compressor.brotli', 'my.filter', 'envoy.filters.http.custom_response/b', 'envoy.filters.http.custom_response/a'].map((name) => ({ name, typedConfig: { '@type': 'type.googleapis.com/x' } })),
    ).map((f) => f.name);
    expect(names).toEqual([
      'envoy.filters.http.custom_response/a',
      'envoy.filters.http.custom_response/b',
      'my.filter',
      'envoy.filters.http.compressor.brotli',
      'envoy.filters.http.compressor.gzip',
      'envoy.filters.http.router',
    ]);
  });
});

describe('robustness', () => {
  it('refuses a list of routes longer than a Resolution may hold (a sparse one is cheap to make) before walking it', () => {
    const message = `the resolution holds ${2 ** 32 - 1} routes, more than the 1000000 a Resolution may hold; nothing to emit`;
    expect(emitEnvoy({ routes: new Array(2 ** 32 - 1) } as never).diagnostics).toEqual([{ severity: 'error', path: 'routes', message }]);
    expect(emitRateLimitConfigs({ routes: new Array(2 ** 32 - 1) } as never).diagnostics).toEqual([{ severity: 'error', path: 'routes', message }]);
  });

  it('never throws, and skips what it cannot read', () => {
    const junk: unknown[] = [
      null,
      42,
      { routes: 'nope' },
      { routes: [null, 1, { gateway: 'x' }] },
      { routes: [rule({ traffic: { circuitBreaker: 'x', loadBalancer: [], healthCheck: { active: 3 }, timeout: { tcp: 'x' }, dns: { lookupFamily: 7 } } as never })] },
      { routes: [rule({ hostnames: [] as string[], matches: [null, 'x'] as unknown[], backendRefs: 'x' as unknown as unknown[] })] },
    ];
    for (const r of junk) expect(() => emitEnvoy(r as never)).not.toThrow();
    const out = emit(junk[4] as never);
    expect(out.clusters).toHaveLength(1);
    expect(out.clusters[0]!.connectTimeout).toBe('10s');
  });

  it('reports every route and feature it leaves out, and every malformed field it ignores', () => {
    const where = (r: unknown) => emitEnvoy(r as never).diagnostics.map((d) => `${d.severity} ${d.path}${d.feature ? ` (${d.feature})` : ''}`);
    expect(where(null)).toEqual(['error routes']);
    expect(where({ routes: 'nope' })).toEqual(['error routes']);
    expect(where({ routes: [null, 1, { gateway: 'x' }] })).toEqual(['error routes[0]', 'error routes[1]', 'error routes[2]']);
    expect(where({ routes: [rule({ traffic: { circuitBreaker: 'x', loadBalancer: [], healthCheck: { active: 3 }, timeout: { tcp: 'x' }, dns: { lookupFamily: 7 }, nope: 1 } as never })] })).toEqual([
      'warning routes[0].traffic.nope',
      'error routes[0].traffic.circuitBreaker (circuitBreaker)',
      'error routes[0].traffic.loadBalancer (loadBalancer)',
      'error routes[0].traffic.healthCheck.active (healthCheck)',
      'error routes[0].traffic.timeout.tcp (timeout)',
      'error routes[0].traffic.dns.name (dns)',
      'error routes[0].traffic.dns.lookupFamily (dns)',
    ]);
    expect(where({ routes: [rule({ hostnames: [1, 'a'] as never, timeout: 'x' as never, policies: 'p' as never })] })).toEqual([
      'warning routes[0].hostnames',
      'warning routes[0].timeout',
      'warning routes[0].policies',
    ]);
  });

  it('shares no object between emitted resources, even for entries that share one traffic object', () => {
    const traffic = Object.freeze({
      retry: {},
      loadBalancer: { consistentHash: { cookie: { name: 'c', attributes: { a: 'b' } } } },
      healthCheck: { active: { http: { host: '', path: '/hc', expectedStatuses: [200] }, backendHealthCheckLog: { fileSinks: [{ path: '/dev/stdout' }] } } },
      compression: [{ type: 'Gzip', chooseFirst: true }],
      httpUpgrade: [{ type: 'websocket' }],
    }) as RouteResult['traffic'];
    const out = emit(resolution(rule({ traffic }), rule({ traffic, route: { kind: 'HTTPRoute', namespace: 'default', name: 'other' } }), rule({ traffic, listener: 'other' })));
    const seen = new Map<object, string>();
    const shared: string[] = [];
    const walk = (v: unknown, at: string): void => {
      if (typeof v !== 'object' || v === null) return;
      if (seen.has(v)) shared.push(`${at} is ${seen.get(v)}`);
      seen.set(v, at);
      for (const [k, x] of Object.entries(v)) walk(x, `${at}.${k}`);
    };
    walk(out, '$');
    expect(shared).toEqual([]);
    expect(out.diagnostics).toEqual([]);
  });

  it('does not mutate the resolution', () => {
    const r = resolution(rule({ traffic: { loadBalancer: { roundRobin: {} }, retry: {} } }));
    const before = JSON.stringify(r);
    emit(r);
    expect(JSON.stringify(r)).toBe(before);
  });
});

describe('emit options', () => {
  it('reports options it cannot read or does not know, and uses the defaults', () => {
    const input = resolution(rule());
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    const findings = (options: unknown) => emitEnvoy(input, options as never).diagnostics.map((d) => [d.path, d.message.replace(/\(could not be read: .*\)/, '(…)')]);
    expect(findings({ destination: {}, budget: {} })).toEqual([['options.destination', 'options.destination is not an emit option (destinations, listeners, healthCheckLog, rateLimit, budget); ignored']]);
    expect(findings('fast')).toEqual([['options', 'the emit options could not be read (they are not an object); the defaults are used']]);
    expect(findings(revoked.proxy)).toEqual([['options', 'the emit options could not be read (…); the defaults are used']]);
    expect(emitEnvoy(input, { destination: {} } as never).clusters).toEqual(emitEnvoy(input).clusters);
  });
});

describe('rules without backends', () => {
  it('answer 500 and build no cluster', () => {
    const out = emit(resolution(rule({ backendRefs: [] })));
    expect(out.clusters).toEqual([]);
    expect(routesOf(out)[0].directResponse).toEqual({ status: 500 });
  });
});

describe('GRPCRoute matches', () => {
  const match = (m: unknown) => routesOf(emit(resolution(rule({ route: { kind: 'GRPCRoute', namespace: 'default', name: 'g' }, matches: [m] }))))[0].match;
  it('turn service and method into a path on /<service>/<method>', () => {
    expect(match({ method: { service: 'pkg.Svc', method: 'Get' } })).toEqual({ path: '/pkg.Svc/Get' });
    expect(match({ method: { service: 'pkg.Svc' } })).toEqual({ pathSeparatedPrefix: '/pkg.Svc' });
    expect(match({ method: { method: 'Get' }, headers: [{ name: 'magic', value: 'foo' }] })).toEqual({
      safeRegex: { regex: '/(?i)\\.?[a-z_][a-z_0-9]*(\\.[a-z_][a-z_0-9]*)*/Get' },
      headers: [{ name: 'magic', stringMatch: { exact: 'foo' } }],
    });
    expect(match({ method: { type: 'RegularExpression', service: 'pkg\\..*' } })).toEqual({ safeRegex: { regex: '/pkg\\..*/[A-Za-z_][A-Za-z_0-9]*' } });
    expect(match({ headers: [{ name: 'magic', value: 'foo' }] })).toEqual({ prefix: '/', headers: [{ name: 'magic', stringMatch: { exact: 'foo' } }] });
  });
});
