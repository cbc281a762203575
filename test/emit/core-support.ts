/** Small hand-written resolutions for the emitter's core tests (clusters, route configurations, filters). */
import type { EmitDiagnostic, EmitOptions } from '../../src/emit/index.js';
import { emitEnvoy } from '../../src/emit/index.js';
import type { Resolution, RouteResult } from '../../src/resolve/types.js';

type Json = Record<string, any>;

/** One HTTPRoute rule `default/web` rule 0 on `gw-ns/gw/http`, hostname `*`, one backend. */
export function rule(overrides: Partial<RouteResult> = {}): RouteResult {
  return {
    gateway: { namespace: 'gw-ns', name: 'gw' },
    listener: 'http',
    route: { kind: 'HTTPRoute', namespace: 'default', name: 'web' },
    ruleIndex: 0,
    hostnames: ['*'],
    matches: [{ path: { type: 'PathPrefix', value: '/' } }],
    backendRefs: [{ name: 'web', port: 8080 }],
    policies: [],
    provenance: {},
    outcomes: [],
    ...overrides,
  };
}

export function resolution(...routes: RouteResult[]): Resolution {
  return { policies: [], routes, diagnostics: [], attachments: [] };
}

/** The only cluster emitted for one rule with this traffic. */
export function clusterFor(traffic: Record<string, unknown> | undefined, overrides: Partial<RouteResult> = {}, options?: EmitOptions): Json {
  const out = emitEnvoy(resolution(rule({ ...(traffic ? { traffic } : {}), ...overrides })), options);
  if (out.clusters.length !== 1) throw new Error(`expected one cluster, got ${out.clusters.length}`);
  return out.clusters[0]!;
}

export const HTTP_PROTOCOL_OPTIONS = 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions';

/** The cluster's HttpProtocolOptions block (undefined when absent). */
export function protocolOptions(cluster: Json): Json | undefined {
  return cluster.typedExtensionProtocolOptions?.[HTTP_PROTOCOL_OPTIONS];
}

/** The first load-balancing policy's typed extension config. */
export function lbPolicy(cluster: Json): Json {
  return cluster.loadBalancingPolicy.policies[0].typedExtensionConfig;
}

/** `emitEnvoy` with its resources typed loosely, for reading nested fields in assertions. */
export function emit(...args: Parameters<typeof emitEnvoy>): {
  clusters: Json[];
  routeConfigurations: Json[];
  httpFilters: Array<{ listener: string; filters: Json[] }>;
  diagnostics: EmitDiagnostic[];
} {
  return emitEnvoy(...args) as never;
}
