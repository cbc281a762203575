/**
 * The CRD's own CEL validation test table (api-inventory.md §5: Envoy Gateway's
 * `test/cel-validation/backendtrafficpolicy_test.go`), rewritten by us from the groups and edge cases
 * that section describes: each case is a `spec` for the base policy `default/btp`, whether the
 * API server accepts it, and (for rejections) message fragments the error must contain
 * (case-insensitive substrings, as the upstream suite checks them).
 */
export interface CelCase {
  group: string;
  name: string;
  spec: Record<string, unknown>;
  valid: boolean;
  errors?: string[];
}

const GW = 'gateway.networking.k8s.io';
const ref = (kind: string, name = 'eg', extra: Record<string, unknown> = {}) => ({ group: GW, kind, name, ...extra });
const gateway = { targetRef: ref('Gateway') };
const route = { targetRef: ref('HTTPRoute', 'httproute') };

const KIND_MSG = 'Gateway/ListenerSet/HTTPRoute/GRPCRoute/TCPRoute/UDPRoute/TLSRoute';

const admission = { samplingWindow: '30s', minSuccessRate: 95, rejectionAggression: 1, minRequestRate: 0, maxRejectionPercent: 80 };
const activeHttp = (http: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  ...gateway,
  healthCheck: { active: { type: 'HTTP', http: { path: '/healthz', ...http }, ...extra } },
});
const rule = (extra: Record<string, unknown> = {}) => ({
  clientSelectors: [{ headers: [{ name: 'x-user-id', value: 'one' }] }],
  limit: { requests: 10, unit: 'Minute' },
  ...extra,
});
const override = (o: Record<string, unknown>) => ({ ...gateway, responseOverride: [o] });
const notFound = { statusCodes: [{ type: 'Value', value: 404 }] };

export const CEL_CASES: CelCase[] = [
  // Targeting
  { group: 'targeting', name: 'valid Gateway targetRef', spec: gateway, valid: true },
  { group: 'targeting', name: 'valid ListenerSet targetRef', spec: { targetRef: ref('ListenerSet', 'ls') }, valid: true },
  { group: 'targeting', name: 'valid ListenerSet targetRefs', spec: { targetRefs: [ref('ListenerSet', 'ls')] }, valid: true },
  { group: 'targeting', name: 'valid HTTPRoute targetRef', spec: route, valid: true },
  { group: 'targeting', name: 'targetRef with sectionName', spec: { targetRef: ref('Gateway', 'eg', { sectionName: 'http' }) }, valid: true },
  {
    group: 'targeting',
    name: 'target selectors without targetRefs or targetRef',
    spec: { targetSelectors: [{ group: GW, kind: 'HTTPRoute', matchLabels: { app: 'foo' } }] },
    valid: true,
  },
  { group: 'targeting', name: 'no targetRef', spec: {}, valid: false, errors: ['either targetRef or targetRefs must be used'] },
  {
    group: 'targeting',
    name: 'targetRef unsupported kind',
    spec: { targetRef: ref('Foo') },
    valid: false,
    errors: [`this policy can only have a targetRef.kind of ${KIND_MSG}`],
  },
  {
    group: 'targeting',
    name: 'targetRefs unsupported kind',
    spec: { targetRefs: [ref('Foo')] },
    valid: false,
    errors: [`this policy can only have a targetRefs[*].kind of ${KIND_MSG}`],
  },
  {
    group: 'targeting',
    name: 'targetRef unsupported group',
    spec: { targetRef: { group: 'foo', kind: 'Gateway', name: 'eg' } },
    valid: false,
    errors: [`this policy can only have a targetRef.group of ${GW}`],
  },
  {
    group: 'targeting',
    name: 'targetRef unsupported group and kind',
    spec: { targetRef: { group: 'foo', kind: 'Bar', name: 'eg' } },
    valid: false,
    errors: [`this policy can only have a targetRef.group of ${GW}`, `this policy can only have a targetRef.kind of ${KIND_MSG}`],
  },
  {
    group: 'targeting',
    name: 'both targetref and targetrefs specified',
    spec: { targetRef: ref('Gateway'), targetRefs: [ref('Gateway')] },
    valid: false,
    errors: ['either targetRef or targetRefs must be used'],
  },

  // mergeType
  { group: 'mergeType', name: 'mergeType with xRoute targetRef', spec: { ...route, mergeType: 'StrategicMerge' }, valid: true },
  {
    group: 'mergeType',
    name: 'mergeType with xRoute targetSelector',
    spec: { targetSelectors: [{ kind: 'HTTPRoute', matchLabels: { app: 'x' } }], mergeType: 'JSONMerge' },
    valid: true,
  },
  {
    group: 'mergeType',
    name: 'mergeType rejected on ListenerSet targetRef',
    spec: { targetRef: ref('ListenerSet', 'ls'), mergeType: 'StrategicMerge' },
    valid: false,
    errors: ['mergeType can only be used with xRoute targets'],
  },
  {
    group: 'mergeType',
    name: 'mergeType rejected on ListenerSet targetRefs',
    spec: { targetRefs: [ref('ListenerSet', 'ls')], mergeType: 'StrategicMerge' },
    valid: false,
    errors: ['mergeType can only be used with xRoute targets'],
  },
  {
    group: 'mergeType',
    name: 'mergeType rejected on ListenerSet targetSelector',
    spec: { targetSelectors: [{ kind: 'ListenerSet', matchLabels: { app: 'x' } }], mergeType: 'StrategicMerge' },
    valid: false,
    errors: ['mergeType can only be used with xRoute targets'],
  },
  {
    group: 'mergeType',
    name: 'Replace is rejected',
    spec: { ...route, mergeType: 'Replace' },
    valid: false,
    errors: ['Replace is not a valid MergeType for BackendTrafficPolicySpec'],
  },

  // admissionControl
  { group: 'admissionControl', name: 'valid admission control on a Gateway', spec: { ...gateway, admissionControl: admission }, valid: true },
  {
    group: 'admissionControl',
    name: 'admission control on a ListenerSet',
    spec: { targetRefs: [ref('ListenerSet', 'ls')], admissionControl: { minSuccessRate: 90 } },
    valid: true,
  },
  {
    group: 'admissionControl',
    name: 'admission control on a GRPCRoute',
    spec: { targetRefs: [ref('GRPCRoute', 'g')], admissionControl: { successCriteria: { grpc: { statusCodes: ['Ok', 'Cancelled'] } } } },
    valid: true,
  },
  {
    group: 'admissionControl',
    name: 'admission control with http success criteria',
    spec: { ...route, admissionControl: { successCriteria: { http: { statusCodes: [200, 204] } } } },
    valid: true,
  },
  {
    group: 'admissionControl',
    name: 'minSuccessRate 0',
    spec: { ...gateway, admissionControl: { minSuccessRate: 0 } },
    valid: false,
    errors: ['minSuccessRate must be between 1 and 100'],
  },
  {
    group: 'admissionControl',
    name: 'maxRejectionPercent 101',
    spec: { ...gateway, admissionControl: { maxRejectionPercent: 101 } },
    valid: false,
    errors: ['maxRejectionPercent must be between 0 and 100'],
  },
  {
    group: 'admissionControl',
    name: 'samplingWindow below 1s',
    spec: { ...gateway, admissionControl: { samplingWindow: '500ms' } },
    valid: false,
    errors: ['samplingWindow must be at least 1s'],
  },
  {
    group: 'admissionControl',
    name: 'admission control on a TCPRoute',
    spec: { targetRefs: [ref('TCPRoute', 't')], admissionControl: admission },
    valid: false,
    errors: ['admissionControl can only be used with HTTPRoute, GRPCRoute, Gateway, or ListenerSet targets'],
  },
  {
    group: 'admissionControl',
    name: 'admission control on a UDPRoute',
    spec: { targetRefs: [ref('UDPRoute', 'u')], admissionControl: admission },
    valid: false,
    errors: ['admissionControl can only be used with HTTPRoute, GRPCRoute, Gateway, or ListenerSet targets'],
  },
  {
    group: 'admissionControl',
    name: 'admission control on a TLSRoute selector',
    spec: { targetSelectors: [{ kind: 'TLSRoute', matchLabels: { app: 'x' } }], admissionControl: admission },
    valid: false,
    errors: ['admissionControl can only be used with HTTPRoute, GRPCRoute, Gateway, or ListenerSet targets'],
  },

  // loadBalancer
  {
    group: 'loadBalancer',
    name: 'ConsistentHash without consistentHash',
    spec: { ...gateway, loadBalancer: { type: 'ConsistentHash' } },
    valid: false,
    errors: ['If LoadBalancer type is consistentHash, consistentHash field needs to be set.'],
  },
  {
    group: 'loadBalancer',
    name: 'consistentHash with RoundRobin',
    spec: { ...gateway, loadBalancer: { type: 'RoundRobin', consistentHash: { type: 'SourceIP' } } },
    valid: false,
    errors: ['If LoadBalancer type is consistentHash, consistentHash field needs to be set.'],
  },
  { group: 'loadBalancer', name: 'ConsistentHash SourceIP', spec: { ...gateway, loadBalancer: { type: 'ConsistentHash', consistentHash: { type: 'SourceIP' } } }, valid: true },
  {
    group: 'loadBalancer',
    name: 'ConsistentHash Header with header',
    spec: { ...gateway, loadBalancer: { type: 'ConsistentHash', consistentHash: { type: 'Header', header: { name: 'x-user' } } } },
    valid: true,
  },
  {
    group: 'loadBalancer',
    name: 'ConsistentHash Header without header',
    spec: { ...gateway, loadBalancer: { type: 'ConsistentHash', consistentHash: { type: 'Header' } } },
    valid: false,
    errors: ['If consistent hash type is header, the header field must be set.'],
  },
  {
    group: 'loadBalancer',
    name: 'ConsistentHash Headers with headers',
    spec: { ...gateway, loadBalancer: { type: 'ConsistentHash', consistentHash: { type: 'Headers', headers: [{ name: 'a' }, { name: 'b' }] } } },
    valid: true,
  },
  {
    group: 'loadBalancer',
    name: 'ConsistentHash Cookie with cookie',
    spec: {
      ...gateway,
      loadBalancer: { type: 'ConsistentHash', consistentHash: { type: 'Cookie', cookie: { name: 'session', ttl: '60s', attributes: { SameSite: 'Strict' } } } },
    },
    valid: true,
  },
  {
    group: 'loadBalancer',
    name: 'ConsistentHash Cookie with header instead',
    spec: { ...gateway, loadBalancer: { type: 'ConsistentHash', consistentHash: { type: 'Cookie', header: { name: 'x' } } } },
    valid: false,
    errors: ['If consistent hash type is header, the header field must be set.', 'If consistent hash type is cookie, the cookie field must be set.'],
  },
  {
    group: 'loadBalancer',
    name: 'ConsistentHash QueryParams without queryParams',
    spec: { ...gateway, loadBalancer: { type: 'ConsistentHash', consistentHash: { type: 'QueryParams' } } },
    valid: false,
    errors: ['If consistent hash type is queryParams, the queryParams field must be set.'],
  },
  {
    group: 'loadBalancer',
    name: 'ConsistentHash with zoneAware weightedZones',
    spec: {
      ...gateway,
      loadBalancer: { type: 'ConsistentHash', consistentHash: { type: 'SourceIP' }, zoneAware: { weightedZones: [{ zone: 'a', weight: 1 }] } },
    },
    valid: true,
  },
  {
    group: 'loadBalancer',
    name: 'ConsistentHash with zoneAware preferLocal',
    spec: { ...gateway, loadBalancer: { type: 'ConsistentHash', consistentHash: { type: 'SourceIP' }, zoneAware: { preferLocal: {} } } },
    valid: false,
    errors: ['PreferLocal zone-aware routing is not supported for ConsistentHash load balancers. Use weightedZones instead.'],
  },
  {
    group: 'loadBalancer',
    name: 'ConsistentHash with zoneAware preferLocal and weightedZones',
    spec: {
      ...gateway,
      loadBalancer: {
        type: 'ConsistentHash',
        consistentHash: { type: 'SourceIP' },
        zoneAware: { preferLocal: { minEndpointsThreshold: 3 }, weightedZones: [{ zone: 'a', weight: 1 }] },
      },
    },
    valid: false,
    errors: ['ZoneAware PreferLocal and WeightedZones cannot be specified together.'],
  },
  { group: 'loadBalancer', name: 'LeastRequest', spec: { ...gateway, loadBalancer: { type: 'LeastRequest' } }, valid: true },
  {
    group: 'loadBalancer',
    name: 'RoundRobin with preferLocal',
    spec: { ...gateway, loadBalancer: { type: 'RoundRobin', zoneAware: { preferLocal: { force: { minEndpointsInZoneThreshold: 1 }, percentageEnabled: 50 } } } },
    valid: true,
  },
  {
    group: 'loadBalancer',
    name: 'weightedZones with duplicate zone names',
    spec: { ...gateway, loadBalancer: { type: 'RoundRobin', zoneAware: { weightedZones: [{ zone: 'a', weight: 1 }, { zone: 'a', weight: 2 }] } } },
    valid: false,
    errors: ['Duplicate value'],
  },
  { group: 'loadBalancer', name: 'slowStart with RoundRobin', spec: { ...gateway, loadBalancer: { type: 'RoundRobin', slowStart: { window: '10s' } } }, valid: true },
  { group: 'loadBalancer', name: 'slowStart with LeastRequest', spec: { ...gateway, loadBalancer: { type: 'LeastRequest', slowStart: { window: '10s' } } }, valid: true },
  {
    group: 'loadBalancer',
    name: 'slowStart with Random',
    spec: { ...gateway, loadBalancer: { type: 'Random', slowStart: { window: '10s' } } },
    valid: false,
    errors: ['Currently SlowStart is only supported for RoundRobin, LeastRequest, and BackendUtilization load balancers.'],
  },
  {
    group: 'loadBalancer',
    name: 'slowStart with ConsistentHash',
    spec: { ...gateway, loadBalancer: { type: 'ConsistentHash', consistentHash: { type: 'SourceIP' }, slowStart: { window: '10s' } } },
    valid: false,
    errors: ['Currently SlowStart is only supported for RoundRobin, LeastRequest, and BackendUtilization load balancers.'],
  },
  {
    group: 'loadBalancer',
    name: 'BackendUtilization with settings',
    spec: {
      ...gateway,
      loadBalancer: {
        type: 'BackendUtilization',
        backendUtilization: {
          blackoutPeriod: '10s',
          weightExpirationPeriod: '3m',
          weightUpdatePeriod: '1s',
          errorUtilizationPenaltyPercent: 150,
          metricNamesForComputingUtilization: ['cpu_utilization'],
          keepResponseHeaders: true,
        },
        slowStart: { window: '5s' },
      },
    },
    valid: true,
  },
  {
    group: 'loadBalancer',
    name: 'BackendUtilization without backendUtilization',
    spec: { ...gateway, loadBalancer: { type: 'BackendUtilization' } },
    valid: false,
    errors: ['If LoadBalancer type is BackendUtilization, backendUtilization field needs to be set.'],
  },
  {
    group: 'loadBalancer',
    name: 'backendUtilization with RoundRobin',
    spec: { ...gateway, loadBalancer: { type: 'RoundRobin', backendUtilization: {} } },
    valid: false,
    errors: ['If LoadBalancer type is BackendUtilization, backendUtilization field needs to be set.'],
  },
  {
    group: 'loadBalancer',
    name: 'backendUtilization OutOfBand valid',
    spec: { ...gateway, loadBalancer: { type: 'BackendUtilization', backendUtilization: { outOfBand: { reportingPeriod: '10s', port: 9000, authority: 'orca.local' } } } },
    valid: true,
  },
  {
    group: 'loadBalancer',
    name: 'backendUtilization OutOfBand port 0',
    spec: { ...gateway, loadBalancer: { type: 'BackendUtilization', backendUtilization: { outOfBand: { port: 0 } } } },
    valid: false,
  },
  {
    group: 'loadBalancer',
    name: 'backendUtilization OutOfBand port 65536',
    spec: { ...gateway, loadBalancer: { type: 'BackendUtilization', backendUtilization: { outOfBand: { port: 65536 } } } },
    valid: false,
  },
  {
    group: 'loadBalancer',
    name: 'backendUtilization OutOfBand reportingPeriod of zero is rejected',
    spec: { ...gateway, loadBalancer: { type: 'BackendUtilization', backendUtilization: { outOfBand: { reportingPeriod: '0s' } } } },
    valid: false,
    errors: ['reportingPeriod must be greater than 0'],
  },
  {
    group: 'loadBalancer',
    name: 'backendUtilization OutOfBand authority with a newline',
    spec: { ...gateway, loadBalancer: { type: 'BackendUtilization', backendUtilization: { outOfBand: { authority: 'a\nb' } } } },
    valid: false,
  },
  {
    group: 'loadBalancer',
    name: 'backendUtilization OutOfBand authority too long',
    spec: { ...gateway, loadBalancer: { type: 'BackendUtilization', backendUtilization: { outOfBand: { authority: 'a'.repeat(260) } } } },
    valid: false,
  },
  {
    group: 'loadBalancer',
    name: 'BackendUtilization with preferLocal',
    spec: { ...gateway, loadBalancer: { type: 'BackendUtilization', backendUtilization: {}, zoneAware: { preferLocal: {} } } },
    valid: false,
    errors: ['PreferLocal zone-aware routing is not currently supported for BackendUtilization load balancers.'],
  },
  {
    group: 'loadBalancer',
    name: 'BackendUtilization with weightedZones',
    spec: { ...gateway, loadBalancer: { type: 'BackendUtilization', backendUtilization: {}, zoneAware: { weightedZones: [{ zone: 'a', weight: 2 }] } } },
    valid: true,
  },
  {
    group: 'loadBalancer',
    name: 'DynamicModule with dynamicModule',
    spec: { ...gateway, loadBalancer: { type: 'DynamicModule', dynamicModule: { name: 'my-lb', lbPolicyName: 'custom', config: { k: 'v' } } } },
    valid: true,
  },
  {
    group: 'loadBalancer',
    name: 'DynamicModule without dynamicModule',
    spec: { ...gateway, loadBalancer: { type: 'DynamicModule' } },
    valid: false,
    errors: ['If LoadBalancer type is DynamicModule, dynamicModule field needs to be set.'],
  },
  {
    group: 'loadBalancer',
    name: 'dynamicModule field set when type is not DynamicModule',
    spec: { ...gateway, loadBalancer: { type: 'RoundRobin', dynamicModule: { name: 'my-lb', lbPolicyName: 'custom' } } },
    valid: false,
    errors: ['If LoadBalancer type is DynamicModule, dynamicModule field needs to be set.'],
  },
  {
    group: 'loadBalancer',
    name: 'DynamicModule with slowStart',
    spec: { ...gateway, loadBalancer: { type: 'DynamicModule', dynamicModule: { name: 'm', lbPolicyName: 'p' }, slowStart: { window: '1s' } } },
    valid: false,
    errors: ['Currently SlowStart is only supported for RoundRobin, LeastRequest, and BackendUtilization load balancers.'],
  },
  {
    group: 'loadBalancer',
    name: 'DynamicModule with zoneAware',
    spec: { ...gateway, loadBalancer: { type: 'DynamicModule', dynamicModule: { name: 'm', lbPolicyName: 'p' }, zoneAware: { weightedZones: [{ zone: 'a', weight: 1 }] } } },
    valid: false,
    errors: ['ZoneAware routing is not supported for DynamicModule load balancers.'],
  },
  {
    group: 'loadBalancer',
    name: 'DynamicModule with endpointOverride',
    spec: {
      ...gateway,
      loadBalancer: { type: 'DynamicModule', dynamicModule: { name: 'm', lbPolicyName: 'p' }, endpointOverride: { extractFrom: [{ header: 'x-host' }] } },
    },
    valid: false,
    errors: ['EndpointOverride is not supported for DynamicModule load balancers.'],
  },
  {
    group: 'loadBalancer',
    name: 'DynamicModule with an invalid module name',
    spec: { ...gateway, loadBalancer: { type: 'DynamicModule', dynamicModule: { name: 'My_Module', lbPolicyName: 'p' } } },
    valid: false,
  },
  {
    group: 'loadBalancer',
    name: 'endpointOverride with RoundRobin',
    spec: { ...gateway, loadBalancer: { type: 'RoundRobin', endpointOverride: { extractFrom: [{ header: 'x-gateway-destination-endpoint' }] } } },
    valid: true,
  },
  {
    group: 'loadBalancer',
    name: 'endpointOverride with two sources',
    spec: { ...gateway, loadBalancer: { type: 'LeastRequest', endpointOverride: { extractFrom: [{ header: 'a' }, { header: 'b' }] } } },
    valid: true,
  },
  {
    group: 'loadBalancer',
    name: 'endpointOverride with no sources',
    spec: { ...gateway, loadBalancer: { type: 'LeastRequest', endpointOverride: { extractFrom: [] } } },
    valid: false,
  },

  // faultInjection
  {
    group: 'faultInjection',
    name: 'httpStatus and grpcStatus together',
    spec: { ...route, faultInjection: { abort: { httpStatus: 503, grpcStatus: 14 } } },
    valid: false,
    errors: ['httpStatus and grpcStatus cannot be simultaneously defined.'],
  },
  {
    group: 'faultInjection',
    name: 'abort with neither status',
    spec: { ...route, faultInjection: { abort: { percentage: 50 } } },
    valid: false,
    errors: ['httpStatus and grpcStatus are set at least one.'],
  },
  { group: 'faultInjection', name: 'grpcStatus 16', spec: { ...route, faultInjection: { abort: { grpcStatus: 16 } } }, valid: true },
  { group: 'faultInjection', name: 'grpcStatus 17', spec: { ...route, faultInjection: { abort: { grpcStatus: 17 } } }, valid: false },
  { group: 'faultInjection', name: 'delay only', spec: { ...route, faultInjection: { delay: { fixedDelay: '5s', percentage: 80.5 } } }, valid: true },
  {
    group: 'faultInjection',
    name: 'delay and abort',
    spec: { ...route, faultInjection: { delay: { fixedDelay: '1s' }, abort: { httpStatus: 503, percentage: 1 } } },
    valid: true,
  },
  {
    group: 'faultInjection',
    name: 'neither delay nor abort',
    spec: { ...route, faultInjection: {} },
    valid: false,
    errors: ['Delay and abort faults are set at least one.'],
  },
  { group: 'faultInjection', name: 'delay without fixedDelay', spec: { ...route, faultInjection: { delay: { percentage: 10 } } }, valid: false },

  // circuitBreaker
  {
    group: 'circuitBreaker',
    name: 'valid config: min, max, nil',
    spec: {
      ...gateway,
      circuitBreaker: { maxConnections: 0, maxPendingRequests: 4294967295, maxParallelRequests: 1, maxRequestsPerConnection: 0 },
    },
    valid: true,
  },
  {
    group: 'circuitBreaker',
    name: 'invalid config: min and max values',
    spec: {
      ...gateway,
      circuitBreaker: { maxConnections: 4294967296, maxPendingRequests: -1, maxParallelRequests: 4294967296, maxParallelRetries: -1, maxRequestsPerConnection: 4294967296 },
    },
    valid: false,
  },
  {
    group: 'circuitBreaker',
    name: 'retry budget above 100%',
    spec: { ...gateway, circuitBreaker: { retryBudget: { percent: { numerator: 101 } } } },
    valid: false,
    errors: ['numerator must be less than or equal to denominator'],
  },
  {
    group: 'circuitBreaker',
    name: 'retry budget and per-endpoint limit',
    spec: { ...gateway, circuitBreaker: { perEndpoint: { maxConnections: 10 }, retryBudget: { percent: { numerator: 20 }, minRetryConcurrency: 3 } } },
    valid: true,
  },

  // healthCheck
  { group: 'healthCheck', name: 'empty HTTP path', spec: activeHttp({ path: '' }), valid: false },
  { group: 'healthCheck', name: 'unhealthyThreshold 0', spec: activeHttp({}, { unhealthyThreshold: 0 }), valid: false },
  { group: 'healthCheck', name: 'healthyThreshold 0', spec: activeHttp({}, { healthyThreshold: 0 }), valid: false },
  {
    group: 'healthCheck',
    name: 'HTTP type without http',
    spec: { ...gateway, healthCheck: { active: { type: 'HTTP' } } },
    valid: false,
    errors: ['If Health Checker type is HTTP, http field needs to be set.'],
  },
  {
    group: 'healthCheck',
    name: 'TCP type without tcp',
    spec: { ...gateway, healthCheck: { active: { type: 'TCP' } } },
    valid: false,
    errors: ['If Health Checker type is TCP, tcp field needs to be set.'],
  },
  {
    group: 'healthCheck',
    name: 'http settings with TCP type',
    spec: { ...gateway, healthCheck: { active: { type: 'TCP', tcp: {}, http: { path: '/' } } } },
    valid: false,
    errors: ['If Health Checker type is HTTP, http field needs to be set.'],
  },
  {
    group: 'healthCheck',
    name: 'grpc settings with non-gRPC health checker type',
    spec: { ...gateway, healthCheck: { active: { type: 'HTTP', grpc: { service: 'svc' } } } },
    valid: false,
    errors: ['If Health Checker type is HTTP, http field needs to be set.', 'The grpc field can only be set if the Health Checker type is GRPC.'],
  },
  { group: 'healthCheck', name: 'expectedStatuses 99', spec: activeHttp({ expectedStatuses: [99] }), valid: false },
  { group: 'healthCheck', name: 'expectedStatuses 601', spec: activeHttp({ expectedStatuses: [601] }), valid: false },
  {
    group: 'healthCheck',
    name: 'Text payload without text',
    spec: activeHttp({ expectedResponse: { type: 'Text', binary: 'AAEC' } }),
    valid: false,
    errors: ['If payload type is Text, text field needs to be set.', 'If payload type is Binary, binary field needs to be set.'],
  },
  {
    group: 'healthCheck',
    name: 'Binary payload with text',
    spec: activeHttp({ expectedResponse: { type: 'Binary', text: 'x' } }),
    valid: false,
    errors: ['If payload type is Text, text field needs to be set.', 'If payload type is Binary, binary field needs to be set.'],
  },
  {
    group: 'healthCheck',
    name: 'tcp send Text with binary',
    spec: { ...gateway, healthCheck: { active: { type: 'TCP', tcp: { send: { type: 'Text', text: 'ping', binary: 'AAEC' } } } } },
    valid: false,
    errors: ['If payload type is Binary, binary field needs to be set.'],
  },
  {
    group: 'healthCheck',
    name: 'tcp receive Binary without binary',
    spec: { ...gateway, healthCheck: { active: { type: 'TCP', tcp: { receive: { type: 'Binary' } } } } },
    valid: false,
    errors: ['If payload type is Binary, binary field needs to be set.'],
  },
  { group: 'healthCheck', name: 'panicThreshold 200', spec: { ...gateway, healthCheck: { panicThreshold: 200 } }, valid: false },
  {
    group: 'healthCheck',
    name: 'requestBody with lowercase post',
    spec: activeHttp({ method: 'post', requestBody: { type: 'Text', text: '{}' } }),
    valid: true,
  },
  {
    group: 'healthCheck',
    name: 'requestBody without method',
    spec: activeHttp({ requestBody: { type: 'Text', text: '{}' } }),
    valid: false,
    errors: ['The requestBody field can only be set when method is POST or PUT.'],
  },
  {
    group: 'healthCheck',
    name: 'requestBody with get',
    spec: activeHttp({ method: 'get', requestBody: { type: 'Text', text: '{}' } }),
    valid: false,
    errors: ['The requestBody field can only be set when method is POST or PUT.'],
  },
  {
    group: 'healthCheck',
    name: 'requestBody with an empty method',
    spec: activeHttp({ method: '', requestBody: { type: 'Text', text: '{}' } }),
    valid: false,
    errors: ['The requestBody field can only be set when method is POST or PUT.'],
  },
  {
    group: 'healthCheck',
    name: 'valid HTTP checker with passive',
    spec: {
      ...activeHttp({ hostname: 'svc.local', method: 'GET', expectedStatuses: [200, 204], expectedResponse: { type: 'Binary', binary: 'aGVsbG8=' } }),
      healthCheck: {
        active: {
          type: 'HTTP',
          timeout: '2s',
          interval: '5s',
          http: { path: '/ready', expectedResponse: { type: 'Binary', binary: 'aGVsbG8=' } },
          overrides: { port: 8080 },
          healthCheckLog: { sinks: [{ type: 'File', file: { path: '/dev/stdout' } }], matches: ['Failure', 'Success'] },
        },
        passive: { consecutive5XxErrors: 3, interval: '10s', maxEjectionPercent: 50 },
        panicThreshold: 0,
      },
    },
    valid: true,
  },
  {
    group: 'healthCheck',
    name: 'healthCheckLog with only a failure type',
    spec: { ...activeHttp({}), healthCheck: { active: { type: 'HTTP', http: { path: '/' }, healthCheckLog: { matches: ['Failure'] } } } },
    valid: false,
    errors: ['a failure type and a success type must both be specified together'],
  },
  {
    group: 'healthCheck',
    name: 'healthCheckLog sink of type File without file',
    spec: { ...activeHttp({}), healthCheck: { active: { type: 'HTTP', http: { path: '/' }, healthCheckLog: { sinks: [{ type: 'File' }] } } } },
    valid: false,
    errors: ['If ProxyHealthCheckLogSink type is File, file field needs to be set.'],
  },
  { group: 'healthCheck', name: 'valid GRPC checker', spec: { ...gateway, healthCheck: { active: { type: 'GRPC', grpc: { service: 'health' } } } }, valid: true },
  {
    group: 'healthCheck',
    name: 'valid TCP checker',
    spec: { ...gateway, healthCheck: { active: { type: 'TCP', tcp: { send: { type: 'Text', text: 'ping' }, receive: { type: 'Text', text: 'pong' } } } } },
    valid: true,
  },

  // timeout
  {
    group: 'timeout',
    name: 'valid timeout',
    spec: {
      ...gateway,
      timeout: {
        tcp: { connectTimeout: '15s' },
        http: { connectionIdleTimeout: '16s', maxConnectionDuration: '17s', requestTimeout: '18s', maxStreamDuration: '0s', streamIdleTimeout: '1h' },
      },
    },
    valid: true,
  },

  // rateLimit
  {
    group: 'rateLimit',
    name: 'invalid count of Global rate limit rules items',
    spec: { ...gateway, rateLimit: { global: { rules: Array.from({ length: 257 }, () => rule()) } } },
    valid: false,
    errors: ['Too many: 257: must have at most 256 items'],
  },
  { group: 'rateLimit', name: 'global requests 0', spec: { ...gateway, rateLimit: { global: { rules: [rule({ limit: { requests: 0, unit: 'Second' } })] } } }, valid: true },
  { group: 'rateLimit', name: 'local requests 1', spec: { ...gateway, rateLimit: { local: { rules: [rule({ limit: { requests: 1, unit: 'Hour' } })] } } }, valid: true },
  {
    group: 'rateLimit',
    name: 'rate limit requests at uint32 max boundary is accepted (global)',
    spec: { ...gateway, rateLimit: { global: { rules: [rule({ limit: { requests: 4294967295, unit: 'Second' } })] } } },
    valid: true,
  },
  {
    group: 'rateLimit',
    name: 'rate limit requests at uint32 max boundary is accepted (local)',
    spec: { ...gateway, rateLimit: { local: { rules: [rule({ limit: { requests: 4294967295, unit: 'Second' } })] } } },
    valid: true,
  },
  {
    group: 'rateLimit',
    name: 'rate limit requests above uint32 max',
    spec: { ...gateway, rateLimit: { global: { rules: [rule({ limit: { requests: 4294967296, unit: 'Second' } })] } } },
    valid: false,
  },
  {
    group: 'rateLimit',
    name: 'global request and response costs',
    spec: {
      ...gateway,
      rateLimit: {
        global: {
          rules: [
            rule({
              cost: { request: { from: 'Number', number: 1 }, response: { from: 'Metadata', metadata: { namespace: 'io.envoyproxy', key: 'tokens' } } },
            }),
          ],
        },
      },
    },
    valid: true,
  },
  {
    group: 'rateLimit',
    name: 'local request cost',
    spec: { ...gateway, rateLimit: { local: { rules: [rule({ cost: { request: { from: 'Number', number: 2 } } })] } } },
    valid: true,
  },
  {
    group: 'rateLimit',
    name: 'cost with number and metadata',
    spec: {
      ...gateway,
      rateLimit: { global: { rules: [rule({ cost: { request: { from: 'Number', number: 1, metadata: { namespace: 'a', key: 'b' } } } })] } },
    },
    valid: false,
    errors: ['only one of number or metadata can be specified'],
  },
  {
    group: 'rateLimit',
    name: 'local response cost',
    spec: { ...gateway, rateLimit: { local: { rules: [rule({ cost: { response: { from: 'Number', number: 1 } } })] } } },
    valid: false,
    errors: ['response cost is not supported for Local Rate Limits'],
  },
  {
    group: 'rateLimit',
    name: 'local limit fromMetadata',
    spec: {
      ...gateway,
      rateLimit: { local: { rules: [rule({ limit: { requests: 1, unit: 'Second', fromMetadata: { namespace: 'a', key: 'b' } } })] } },
    },
    valid: false,
    errors: ['limit fromMetadata is not supported for Local Rate Limits'],
  },
  {
    group: 'rateLimit',
    name: 'global limit fromMetadata',
    spec: {
      ...gateway,
      rateLimit: { global: { rules: [rule({ limit: { requests: 1, unit: 'Second', fromMetadata: { namespace: 'a', key: 'b' } } })] } },
    },
    valid: true,
  },
  {
    group: 'rateLimit',
    name: 'client selector with no conditions',
    spec: { ...gateway, rateLimit: { global: { rules: [rule({ clientSelectors: [{}] })] } } },
    valid: false,
    errors: ['at least one of headers, methods, path, sourceCIDR or queryParams must be specified'],
  },
  {
    group: 'rateLimit',
    name: 'every selector kind',
    spec: {
      ...gateway,
      rateLimit: {
        type: 'Global',
        global: {
          rules: [
            rule({
              clientSelectors: [
                {
                  headers: [{ name: 'x', type: 'Distinct' }],
                  methods: [{ value: 'GET' }],
                  path: { type: 'Exact', value: '/a' },
                  sourceCIDR: { type: 'Distinct', value: '10.0.0.0/8' },
                  queryParams: [{ name: 'q', value: 'v' }],
                },
              ],
              shared: true,
              shadowMode: true,
              xRateLimitHeaders: 'Off',
            }),
          ],
        },
      },
    },
    valid: true,
  },

  // connection
  { group: 'connection', name: 'bufferLimit 1Mi', spec: { ...gateway, connection: { bufferLimit: '1Mi' } }, valid: true },
  { group: 'connection', name: 'valid connectionBufferLimitBytes format', spec: { ...gateway, connection: { bufferLimit: '12345678' } }, valid: true },
  { group: 'connection', name: 'integer bufferLimit', spec: { ...gateway, connection: { bufferLimit: 32768 } }, valid: true },
  { group: 'connection', name: 'invalid connectionBufferLimitBytes format', spec: { ...gateway, connection: { bufferLimit: '1m' } }, valid: false },
  { group: 'connection', name: 'preconnect perEndpointPercent', spec: { ...gateway, connection: { preconnect: { perEndpointPercent: 150 } } }, valid: true },
  {
    group: 'connection',
    name: 'preconnect predictivePercent with RoundRobin',
    spec: { ...gateway, loadBalancer: { type: 'RoundRobin' }, connection: { preconnect: { predictivePercent: 200 } } },
    valid: true,
  },
  {
    group: 'connection',
    name: 'invalid preconnect policy due to loadbalancer type',
    spec: { ...gateway, loadBalancer: { type: 'LeastRequest' }, connection: { preconnect: { predictivePercent: 133 } } },
    valid: false,
    errors: ['predictivePercent in preconnect policy only works with RoundRobin or Random load balancers'],
  },
  {
    group: 'connection',
    name: 'predictivePercent without a load balancer',
    spec: { ...gateway, connection: { preconnect: { predictivePercent: 133 } } },
    valid: false,
    errors: ['predictivePercent in preconnect policy only works with RoundRobin or Random load balancers'],
  },
  { group: 'connection', name: 'perEndpointPercent 305', spec: { ...gateway, connection: { preconnect: { perEndpointPercent: 305 } } }, valid: false },

  // responseOverride
  {
    group: 'responseOverride',
    name: 'response and redirect together',
    spec: override({ match: notFound, response: { body: { inline: 'x' } }, redirect: { scheme: 'https' } }),
    valid: false,
    errors: ['exactly one of response or redirect must be specified'],
  },
  {
    group: 'responseOverride',
    name: 'neither response nor redirect',
    spec: override({ match: notFound }),
    valid: false,
    errors: ['exactly one of response or redirect must be specified'],
  },
  {
    group: 'responseOverride',
    name: 'custom redirect in response override',
    spec: override({ match: notFound, redirect: { scheme: 'https', hostname: 'example.com', path: { type: 'ReplaceFullPath', replaceFullPath: '/err' }, port: 443, statusCode: 301 } }),
    valid: true,
  },
  {
    group: 'responseOverride',
    name: 'custom redirect in response override (prefix path)',
    spec: override({ match: notFound, redirect: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/err' } } }),
    valid: false,
    errors: ['only ReplaceFullPath is supported for path.type'],
  },
  {
    group: 'responseOverride',
    name: 'status value required for type Value',
    spec: override({ match: { statusCodes: [{ type: 'Value' }] }, response: { statusCode: 200 } }),
    valid: false,
    errors: ['value must be set for type Value'],
  },
  {
    group: 'responseOverride',
    name: 'status range required for type Range',
    spec: override({ match: { statusCodes: [{ type: 'Range', value: 500 }] }, response: { statusCode: 200 } }),
    valid: false,
    errors: ['range must be set for type Range'],
  },
  {
    group: 'responseOverride',
    name: 'status value required for default type in response override',
    spec: override({ match: { statusCodes: [{ range: { start: 500, end: 599 } }] }, response: { statusCode: 200 } }),
    valid: false,
    errors: ['value must be set for type Value'],
  },
  {
    group: 'responseOverride',
    name: 'range end must be greater than start',
    spec: override({ match: { statusCodes: [{ type: 'Range', range: { start: 500, end: 500 } }] }, response: { statusCode: 200 } }),
    valid: false,
    errors: ['end must be greater than start'],
  },
  {
    group: 'responseOverride',
    name: 'both targetref and targetrefs specified (inline body without inline)',
    spec: override({ match: notFound, response: { body: { type: 'Inline' } } }),
    valid: false,
    errors: ['inline must be set for type Inline'],
  },
  {
    group: 'responseOverride',
    name: 'both targetref and targetrefs specified (ValueRef body without valueRef)',
    spec: override({ match: notFound, response: { body: { type: 'ValueRef', inline: 'x' } } }),
    valid: false,
    errors: ['valueRef must be set for type ValueRef'],
  },
  {
    group: 'responseOverride',
    name: 'ValueRef to a Secret',
    spec: override({ match: notFound, response: { body: { type: 'ValueRef', valueRef: { group: '', kind: 'Secret', name: 's' } } } }),
    valid: false,
    errors: ['only ConfigMap is supported for ValueRe'],
  },
  {
    group: 'responseOverride',
    name: 'ValueRef to a ConfigMap',
    spec: override({ match: notFound, response: { contentType: 'text/html', body: { type: 'ValueRef', valueRef: { group: '', kind: 'ConfigMap', name: 'c' } } } }),
    valid: true,
  },
  {
    group: 'responseOverride',
    name: 'header-only match',
    spec: override({ match: { responseHeaders: [{ name: 'x-error', value: { type: 'Prefix', value: 'upstream' } }] }, response: { statusCode: 503 } }),
    valid: true,
  },
  {
    group: 'responseOverride',
    name: 'status and header match',
    spec: override({
      match: { statusCodes: [{ type: 'Range', range: { start: 500, end: 504 } }], responseHeaders: [{ name: 'x-error', value: { value: 'yes' } }] },
      response: { body: { inline: 'oops' }, header: { set: [{ name: 'x-a', value: '1' }], add: [{ name: 'x-b', value: '2' }] } },
      source: 'Backend',
    }),
    valid: true,
  },
  {
    group: 'responseOverride',
    name: 'empty match',
    spec: override({ match: {}, response: { statusCode: 200 } }),
    valid: false,
    errors: ['at least one of statusCodes or responseHeaders must be specified'],
  },
  {
    group: 'responseOverride',
    name: 'header remove is rejected',
    spec: override({ match: notFound, response: { header: { remove: ['x-a'] } } }),
    valid: false,
    errors: ['Remove is not supported for header in CustomResponse'],
  },

  // httpUpgrade / requestBuffer
  { group: 'httpUpgrade', name: 'connect with CONNECT', spec: { ...route, httpUpgrade: [{ type: 'CONNECT', connect: { terminate: true } }] }, valid: true },
  {
    group: 'httpUpgrade',
    name: 'connect with websocket',
    spec: { ...route, httpUpgrade: [{ type: 'websocket', connect: { terminate: true } }] },
    valid: false,
    errors: ['The connect configuration is only allowed when the type is CONNECT.'],
  },
  {
    group: 'httpUpgrade',
    name: 'connect with lowercase connect',
    spec: { ...route, httpUpgrade: [{ type: 'connect', connect: {} }] },
    valid: false,
    errors: ['The connect configuration is only allowed when the type is CONNECT.'],
  },
  {
    group: 'httpUpgrade',
    name: 'requestBuffer with websocket upgrade',
    spec: { ...route, requestBuffer: { limit: '4Ki' }, httpUpgrade: [{ type: 'websocket' }] },
    valid: false,
    errors: ['requestBuffer cannot be used together with httpUpgrade'],
  },
  {
    group: 'httpUpgrade',
    name: 'requestBuffer with CONNECT upgrade',
    spec: { ...route, requestBuffer: { limit: '4Ki' }, httpUpgrade: [{ type: 'CONNECT' }] },
    valid: false,
    errors: ['requestBuffer cannot be used together with httpUpgrade'],
  },
  { group: 'httpUpgrade', name: 'requestBuffer alone', spec: { ...route, requestBuffer: { limit: '4Ki' } }, valid: true },
  { group: 'httpUpgrade', name: 'requestBuffer with an empty httpUpgrade', spec: { ...route, requestBuffer: { limit: 1024 }, httpUpgrade: [] }, valid: true },
  { group: 'httpUpgrade', name: 'httpUpgrade alone', spec: { ...route, httpUpgrade: [{ type: 'websocket' }, { type: 'spdy/3.1' }] }, valid: true },

  // compression / compressor
  { group: 'compression', name: 'compression alone', spec: { ...route, compression: [{ type: 'Gzip' }, { type: 'Brotli', minContentLength: '1Ki' }] }, valid: true },
  { group: 'compression', name: 'compressor alone', spec: { ...route, compressor: [{ type: 'Zstd', zstd: {} }] }, valid: true },
  {
    group: 'compression',
    name: 'compression and compressor together',
    spec: { ...route, compression: [{ type: 'Gzip' }], compressor: [{ type: 'Gzip', gzip: {} }] },
    valid: false,
    errors: ['either compression or compressor can be set, not both'],
  },

  // bandwidthLimit
  { group: 'bandwidthLimit', name: 'request only', spec: { ...route, bandwidthLimit: { request: { limit: { value: '10Mi', unit: 'Second' } } } }, valid: true },
  { group: 'bandwidthLimit', name: 'response only', spec: { ...route, bandwidthLimit: { response: { limit: { value: 1048576, unit: 'Minute' } } } }, valid: true },
  {
    group: 'bandwidthLimit',
    name: 'request and response',
    spec: { ...route, bandwidthLimit: { request: { limit: { value: '1M', unit: 'Hour' } }, response: { limit: { value: '2M', unit: 'Second' } } } },
    valid: true,
  },
  {
    group: 'bandwidthLimit',
    name: 'response trailers',
    spec: { ...route, bandwidthLimit: { response: { limit: { value: '1Mi', unit: 'Second' }, responseTrailers: { prefix: 'x-bandwidth-' } } } },
    valid: true,
  },
  ...['\r', '\n', '\u0000'].map((c) => ({
    group: 'bandwidthLimit',
    name: `trailer prefix containing ${JSON.stringify(c)}`,
    spec: { ...route, bandwidthLimit: { response: { limit: { value: '1Mi', unit: 'Second' }, responseTrailers: { prefix: `x${c}y` } } } },
    valid: false,
  })),
  {
    group: 'bandwidthLimit',
    name: 'neither request nor response',
    spec: { ...route, bandwidthLimit: {} },
    valid: false,
    errors: ['at least one of request or response must be specified'],
  },

  // telemetry (no upstream case; the Fraction rule and customTags map)
  {
    group: 'telemetry',
    name: 'tracing with fractions and tags',
    spec: {
      ...route,
      telemetry: {
        tracing: {
          samplingFraction: { numerator: 1, denominator: 1000 },
          customTags: { env: { type: 'Environment', environment: { name: 'ENV', defaultValue: '-' } }, lit: { literal: { value: 'v' } } },
          tags: { team: 'edge' },
          spanName: { client: '%REQ(:authority)%', server: '%ROUTE_NAME%' },
        },
        metrics: { routeStatName: '%ROUTE_NAMESPACE%/%ROUTE_NAME%' },
      },
    },
    valid: true,
  },
  {
    group: 'telemetry',
    name: 'sampling fraction above one',
    spec: { ...route, telemetry: { tracing: { clientSamplingFraction: { numerator: 5, denominator: 4 } } } },
    valid: false,
    errors: ['numerator must be less than or equal to denominator'],
  },
  {
    group: 'http2',
    name: 'keepalive timeout not below interval',
    spec: { ...gateway, http2: { connectionKeepalive: { interval: '10s', timeout: '10s' } } },
    valid: false,
    errors: ['timeout must be less than interval'],
  },
  {
    group: 'http2',
    name: 'valid http2 settings',
    spec: {
      ...gateway,
      http2: {
        initialStreamWindowSize: '64Ki',
        initialConnectionWindowSize: '1Mi',
        maxConcurrentStreams: 100,
        onInvalidMessage: 'TerminateStream',
        connectionKeepalive: { interval: '30s', timeout: '5s', intervalJitter: 15, idleInterval: '1m' },
      },
    },
    valid: true,
  },
  {
    group: 'targetSelectors',
    name: 'selector namespaces from Selector without selector',
    spec: { targetSelectors: [{ kind: 'HTTPRoute', namespaces: { from: 'Selector' } }] },
    valid: false,
    errors: ['selector must be specified when from is Selector'],
  },
  {
    group: 'targetSelectors',
    name: 'selector with a foreign group',
    spec: { targetSelectors: [{ group: 'example.io', kind: 'HTTPRoute' }] },
    valid: false,
    errors: ['group must be gateway.networking.k8s.io'],
  },
];
