/**
 * The smallest manifests a test needs, built in code when the test varies them (a fixture in
 * YAML reads better when it does not): a Gateway `default/eg` with one HTTP listener, an
 * HTTPRoute `default/r` on it, and a BackendTrafficPolicy on the Gateway. Every field is
 * overridable; each call returns fresh objects, so a test may mutate what it gets.
 */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

type Json = Record<string, unknown>;
interface Manifest<Spec> {
  apiVersion: string;
  kind: string;
  metadata: { namespace: string; name: string };
  spec: Spec;
}

/** A Gateway (`default/eg`, listener `http`, protocol HTTP, port 80). */
export function gateway(options: { name?: string; namespace?: string; listeners?: Json[]; protocol?: string } = {}): Manifest<{ gatewayClassName: string; listeners: Json[] }> {
  const listeners = options.listeners ?? [{ name: 'http', protocol: options.protocol ?? 'HTTP', port: 80 }];
  return {
    apiVersion: `${GATEWAY_API_GROUP}/v1`,
    kind: 'Gateway',
    metadata: { namespace: options.namespace ?? 'default', name: options.name ?? 'eg' },
    spec: { gatewayClassName: 'eg', listeners },
  };
}

/** An HTTPRoute (`default/r`) on Gateway `eg`, one rule with one backend. */
export function httpRoute(options: { name?: string; namespace?: string; parentRefs?: Json[]; rules?: Json[]; hostnames?: string[] } = {}): Manifest<{ parentRefs: Json[]; rules: Json[]; hostnames?: string[] }> {
  const spec: { parentRefs: Json[]; rules: Json[]; hostnames?: string[] } = { parentRefs: options.parentRefs ?? [{ name: 'eg' }], rules: options.rules ?? [{ backendRefs: [{ name: 's', port: 80 }] }] };
  if (options.hostnames) spec.hostnames = options.hostnames;
  return { apiVersion: `${GATEWAY_API_GROUP}/v1`, kind: 'HTTPRoute', metadata: { namespace: options.namespace ?? 'default', name: options.name ?? 'r' }, spec };
}

/** A `targetRefs` entry for Gateway `eg` (or the named one). */
export const gatewayRef = (name = 'eg', sectionName?: string): Json => ({ group: GATEWAY_API_GROUP, kind: 'Gateway', name, ...(sectionName ? { sectionName } : {}) });

/**
 * A BackendTrafficPolicy `default/<name>` with `spec` as given; `targetRefs` defaults to Gateway
 * `eg` unless the spec names targets itself (pass `spec` whole to test a spec as written).
 */
export function backendTrafficPolicy(name: string, spec: Json = {}, options: { namespace?: string; asWritten?: boolean } = {}): Manifest<Json> {
  const targeted = options.asWritten || 'targetRefs' in spec || 'targetRef' in spec || 'targetSelectors' in spec;
  return {
    apiVersion: 'gateway.envoyproxy.io/v1alpha1',
    kind: 'BackendTrafficPolicy',
    metadata: { namespace: options.namespace ?? 'default', name },
    spec: targeted ? spec : { targetRefs: [gatewayRef()], ...spec },
  };
}
