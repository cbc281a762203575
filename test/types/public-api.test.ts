/**
 * Type-level tests of the public API: what a user's code can write against the package's types.
 * `tsc --noEmit` (the first step of `npm test`) checks them; at run time they only resolve once.
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  emitEnvoy,
  resolvePolicies,
  type Cluster,
  type EmitDiagnostic,
  type Envoy,
  type EnvoyConfig,
  type HttpFilter,
  type ObjectRef,
  type ResolveInput,
  type ResolvedTraffic,
  type RouteConfiguration,
  type RouteResult,
} from '../../src/index.js';

type JsonObject = { [key: string]: unknown };

describe('resolved traffic', () => {
  it('is typed per feature, in Envoy Gateway’s units', () => {
    const route = {} as RouteResult;
    expectTypeOf(route.traffic).toEqualTypeOf<ResolvedTraffic | undefined>();
    expectTypeOf(route.traffic?.timeout?.http?.requestTimeout).toEqualTypeOf<number | undefined>();
    expectTypeOf(route.traffic?.retry?.numRetries).toEqualTypeOf<number | undefined>();
    expectTypeOf(route.traffic?.retry?.retryOn?.triggers).toEqualTypeOf<string[] | undefined>();
    expectTypeOf(route.traffic?.circuitBreaker?.maxConnections).toEqualTypeOf<number | undefined>();
    expectTypeOf(route.traffic?.loadBalancer?.consistentHash?.headers).toEqualTypeOf<Array<{ name: string }> | undefined>();
    expectTypeOf(route.traffic?.requestBuffer?.limit).toEqualTypeOf<number | undefined>();
    expectTypeOf(route.traffic?.compression).toEqualTypeOf<Array<{ type: string; chooseFirst?: boolean; minContentLength?: number }> | undefined>();
    expectTypeOf(route.traffic?.rateLimit?.local?.default.requests).toEqualTypeOf<number | undefined>();
    expectTypeOf(route.provenance).toEqualTypeOf<Record<string, ObjectRef>>();
  });

  it('has one key per feature and no other', () => {
    expectTypeOf<keyof ResolvedTraffic>().toEqualTypeOf<
      | 'rateLimit'
      | 'loadBalancer'
      | 'proxyProtocol'
      | 'healthCheck'
      | 'circuitBreaker'
      | 'faultInjection'
      | 'tcpKeepalive'
      | 'retry'
      | 'timeout'
      | 'backendConnection'
      | 'http2'
      | 'dns'
      | 'responseOverride'
      | 'compression'
      | 'httpUpgrade'
      | 'requestBuffer'
      | 'telemetry'
      | 'bandwidthLimit'
      | 'admissionControl'
    >();
    const traffic: ResolvedTraffic = {};
    // @ts-expect-error `retries` is not a feature.
    traffic.retries = { numRetries: 3 };
    // @ts-expect-error durations are numbers of milliseconds, not strings.
    traffic.timeout = { http: { requestTimeout: '5s' } };
  });
});

describe('resolvePolicies', () => {
  it('documents its input and takes what a YAML loader returns', () => {
    expectTypeOf(resolvePolicies).parameter(0).toEqualTypeOf<ResolveInput>();
    expectTypeOf([] as unknown[]).toMatchTypeOf<ResolveInput>();
    expectTypeOf({ apiVersion: 'v1', kind: 'List', items: [] }).toMatchTypeOf<ResolveInput>();
    expectTypeOf({ httpRoutes: [], backendTrafficPolicies: [] }).toMatchTypeOf<ResolveInput>();
    expectTypeOf([{ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'eg' }, spec: {} }]).toMatchTypeOf<ResolveInput>();
    expectTypeOf(42).not.toMatchTypeOf<ResolveInput>();
    expectTypeOf('manifests.yaml').not.toMatchTypeOf<ResolveInput>();
  });
});

describe('emitted resources', () => {
  // Only type-checked: reading fields of a real config is not the point.
  const typed = (config: EnvoyConfig) => {
    expectTypeOf(config.clusters).toEqualTypeOf<Cluster[]>();
    expectTypeOf(config.routeConfigurations).toEqualTypeOf<RouteConfiguration[]>();
    expectTypeOf(config.httpFilters).toEqualTypeOf<Array<{ listener: string; filters: HttpFilter[] }>>();
    expectTypeOf(config.diagnostics).toEqualTypeOf<EmitDiagnostic[]>();
    expectTypeOf<Cluster>().not.toEqualTypeOf<JsonObject>();
    expectTypeOf<RouteConfiguration>().not.toEqualTypeOf<JsonObject>();
    expectTypeOf<HttpFilter>().not.toEqualTypeOf<JsonObject>();

    const cluster = config.clusters[0]!;
    expectTypeOf(cluster.name).toEqualTypeOf<string>();
    expectTypeOf(cluster.connectTimeout).toEqualTypeOf<string>();
    expectTypeOf(cluster.circuitBreakers.thresholds[0]!.maxConnections).toEqualTypeOf<number | undefined>();
    expectTypeOf(cluster.healthChecks).toEqualTypeOf<Envoy.HealthCheck[] | undefined>();
    // @ts-expect-error the field is `connectTimeout` (protojson), not `connect_timeout`.
    void cluster.connect_timeout;

    const route = config.routeConfigurations[0]!.virtualHosts[0]!.routes[0]!;
    expectTypeOf(route).toEqualTypeOf<Envoy.Route>();
    expectTypeOf(route.route?.retryPolicy?.numRetries).toEqualTypeOf<number | undefined>();
    expectTypeOf(route.route?.timeout).toEqualTypeOf<string | undefined>();
    expectTypeOf(route.typedPerFilterConfig?.['envoy.filters.http.fault']?.['@type']).toEqualTypeOf<string | undefined>();

    const filter = config.httpFilters[0]!.filters[0]!;
    expectTypeOf(filter.name).toEqualTypeOf<string>();
    expectTypeOf(filter.typedConfig['@type']).toEqualTypeOf<string>();
    expectTypeOf(filter.disabled).toEqualTypeOf<boolean | undefined>();
  };

  it('are Envoy messages with protojson field names, not free JSON', () => {
    expectTypeOf(typed).parameter(0).toEqualTypeOf<EnvoyConfig>();
  });

  it('report what they leave out, with the route, feature and policy', () => {
    const d = {} as EmitDiagnostic;
    expectTypeOf(d.severity).toEqualTypeOf<'error' | 'warning'>();
    expectTypeOf(d.feature).toEqualTypeOf<keyof ResolvedTraffic | undefined>();
    expectTypeOf(d.policy).toEqualTypeOf<ObjectRef | undefined>();
    expectTypeOf(d.route).toEqualTypeOf<string | undefined>();
    expectTypeOf(emitEnvoy).returns.toEqualTypeOf<EnvoyConfig>();
  });
});
