/**
 * The resources the controller watches: every kind `resolvePolicies` reads, at the version a
 * cluster serves it. Gateway API versions differ between releases and channels (TLSRoute is
 * `v1alpha2` before Gateway API 1.5 and `v1` from it; ListenerSet is `XListenerSet` in
 * `gateway.networking.x-k8s.io` before 1.5): pass your own list to `startController` to match
 * the CRDs installed.
 */
export interface WatchedResource {
  kind: string;
  /** `''` for the core group (`/api/v1`). */
  group: string;
  version: string;
  plural: string;
  /** Restricts what is listed and watched (`type=kubernetes.io/tls`). */
  fieldSelector?: string;
}

const gatewayApi = (kind: string, version: string, plural: string): WatchedResource => ({ kind, group: 'gateway.networking.k8s.io', version, plural });

export const DEFAULT_RESOURCES: readonly WatchedResource[] = [
  gatewayApi('Gateway', 'v1', 'gateways'),
  { kind: 'XListenerSet', group: 'gateway.networking.x-k8s.io', version: 'v1alpha1', plural: 'xlistenersets' },
  gatewayApi('HTTPRoute', 'v1', 'httproutes'),
  gatewayApi('GRPCRoute', 'v1', 'grpcroutes'),
  gatewayApi('TLSRoute', 'v1alpha2', 'tlsroutes'),
  gatewayApi('TCPRoute', 'v1alpha2', 'tcproutes'),
  gatewayApi('UDPRoute', 'v1alpha2', 'udproutes'),
  gatewayApi('ReferenceGrant', 'v1beta1', 'referencegrants'),
  { kind: 'BackendTrafficPolicy', group: 'gateway.envoyproxy.io', version: 'v1alpha1', plural: 'backendtrafficpolicies' },
  // Namespaces: for policies' and routes' namespace selectors.
  { kind: 'Namespace', group: '', version: 'v1', plural: 'namespaces' },
  // ConfigMaps: the bodies of a policy's response overrides.
  { kind: 'ConfigMap', group: '', version: 'v1', plural: 'configmaps' },
  // Secrets: a TLS listener whose certificate Secret is missing or invalid is not ready, so no
  // route attaches to it. Only TLS Secrets can be valid certificates, so only those are read.
  { kind: 'Secret', group: '', version: 'v1', plural: 'secrets', fieldSelector: 'type=kubernetes.io/tls' },
];

export const apiVersionOf = (r: WatchedResource): string => (r.group === '' ? r.version : `${r.group}/${r.version}`);

/** The cluster-wide collection path, as list and watch use it: `/api/v1/secrets`, `/apis/<group>/<version>/<plural>`. */
export const collectionPath = (r: WatchedResource): string => (r.group === '' ? `/api/v1/${r.plural}` : `/apis/${r.group}/${r.version}/${r.plural}`);
