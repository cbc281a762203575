/**
 * One value per Envoy rule a feature states in its `rejections`: the emitter leaves the feature out
 * of the route, reports the field and the rule, and what it emits passes the strict proto checker.
 * (`lenient-input.test.ts` searches for such values; this table pins one of each.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { emitEnvoy, type EmitOptions } from '../../src/index.js';
import { hasConformance } from '../support/conformance-dir.js';
import { checkEnvoyConfig, loadEnvoyProtos } from '../support/envoy-proto.js';
import { resolution, rule } from './core-support.js';

interface Case {
  traffic: Record<string, unknown>;
  /** The reported field, under `traffic.`. */
  field: string;
  /** Part of the message: the Envoy rule. */
  rule: string;
  options?: EmitOptions;
}

/** An IR rate-limit rule on one header (`x: a`), a token bucket of 1 per second; `r` overrides. */
const rateLimitRule = (r: Record<string, unknown> = {}) => ({ name: 'default/p/rule/0', headerMatches: [{ name: 'x', exact: 'a', distinct: false }], limit: { requests: 1, unit: 'Second' }, ...r });
const localRateLimit = (rules: unknown[], limit: Record<string, unknown> = { requests: 1, unit: 'Second' }) => ({ rateLimit: { local: { default: limit, rules } } });
const globalRateLimit = (rules: unknown[]) => ({ rateLimit: { global: { rules } } });
const UINT32_BUCKET = 'TokenBucket.max_tokens and tokens_per_fill must be a whole number from 1 to 4294967295';

const CASES: Record<string, Case> = {
  'retry: a back-off base interval of 0 or less': { traffic: { retry: { perRetry: { backOff: { baseInterval: -1 } } } }, field: 'retry.perRetry.backOff.baseInterval', rule: 'RetryPolicy.retry_back_off.base_interval must be longer than 0ms' },
  'retry: more attempts per priority than an int32 holds': { traffic: { retry: { numAttemptsPerPriority: 3e9 } }, field: 'retry.numAttemptsPerPriority', rule: 'PreviousPrioritiesConfig.update_frequency' },
  'timeout: a 0s connect timeout': { traffic: { timeout: { tcp: { connectTimeout: 0 } } }, field: 'timeout.tcp.connectTimeout', rule: 'Cluster.connect_timeout must be longer than 0ms' },
  'circuitBreaker: a retry budget above 100 %': { traffic: { circuitBreaker: { retryBudget: { percent: 150, minRetryConcurrency: 3 } } }, field: 'circuitBreaker.retryBudget.percent', rule: 'RetryBudget.budget_percent must be from 0 to 100' },
  'faultInjection: an abort status outside [200, 600)': { traffic: { faultInjection: { abort: { httpStatus: 14 } } }, field: 'faultInjection.abort.httpStatus', rule: 'FaultAbort.http_status must be a whole number from 200 to 599, got 14' },
  'faultInjection: an abort without a status': { traffic: { faultInjection: { abort: { percentage: 10 } } }, field: 'faultInjection.abort', rule: 'FaultAbort.error_type (http_status or grpc_status) is required' },
  'faultInjection: a delay without a duration': { traffic: { faultInjection: { delay: { percentage: 10 } } }, field: 'faultInjection.delay.fixedDelay', rule: 'FaultDelay.fixed_delay is required' },
  'backendConnection: a preconnect ratio below 1': { traffic: { backendConnection: { preconnect: { predictivePercent: 57 } } }, field: 'backendConnection.preconnect.predictivePercent', rule: 'PreconnectPolicy.predictive_preconnect_ratio must be from 1 to 3' },
  'dns: a refresh rate of 1ms or less': {
    traffic: { dns: { name: 'default/p', dnsRefreshRate: 0 } },
    field: 'dns.dnsRefreshRate',
    rule: 'DnsCluster.dns_refresh_rate must be longer than 1ms',
    // The dynamic forward proxy's DNS cache (the proto snapshot has it; DnsCluster it lacks).
    options: { destinations: { 'httproute/default/web/rule/0': [{ dynamicResolver: true }] } },
  },
  'tcpKeepalive: a negative probe count': { traffic: { tcpKeepalive: { probes: -1 } }, field: 'tcpKeepalive.probes', rule: 'TcpKeepalive.keepalive_probes must be a whole number from 0 to 4294967295' },
  'loadBalancer: a zone-aware percentage above 100': { traffic: { loadBalancer: { roundRobin: {}, preferLocal: { percentageEnabled: 150 } } }, field: 'loadBalancer.preferLocal.percentageEnabled', rule: 'ZoneAwareLbConfig.routing_enabled' },
  'loadBalancer: hashing an empty header name': { traffic: { loadBalancer: { consistentHash: { headers: [{ name: '' }] } } }, field: 'loadBalancer.consistentHash.headers[0].name', rule: 'HashPolicy.Header.header_name must be an HTTP header name' },
  'healthCheck: an active check without a checker': { traffic: { healthCheck: { active: { timeout: 1000 } } }, field: 'healthCheck.active', rule: 'HealthCheck.health_checker is required' },
  'healthCheck: a 0s timeout': { traffic: { healthCheck: { active: { timeout: 0, tcp: {} } } }, field: 'healthCheck.active.timeout', rule: 'HealthCheck.timeout must be longer than 0ms' },
  'healthCheck: an HTTP check without a path': { traffic: { healthCheck: { active: { http: { host: '', path: '', expectedStatuses: [200] } } } }, field: 'healthCheck.active.http.path', rule: 'HttpHealthCheck.path must have at least 1 character' },
  'healthCheck: an empty text payload': { traffic: { healthCheck: { active: { tcp: { send: { text: '' } } } } }, field: 'healthCheck.active.tcp.send.text', rule: 'HealthCheck.Payload.text' },
  'healthCheck: ejecting more than 100 %': { traffic: { healthCheck: { passive: { maxEjectionPercent: 150 } } }, field: 'healthCheck.passive.maxEjectionPercent', rule: 'OutlierDetection.max_ejection_percent must be a whole number from 0 to 100' },
  'healthCheck: a panic threshold above 100': { traffic: { healthCheck: { panicThreshold: 150 } }, field: 'healthCheck.panicThreshold', rule: 'CommonLbConfig.healthy_panic_threshold' },
  'http2: a keepalive without its timeout': {
    traffic: { http2: { connectionKeepalive: { interval: 1000 } } },
    field: 'http2.connectionKeepalive.timeout',
    rule: 'KeepaliveSettings.timeout is required',
    options: { destinations: { 'httproute/default/web/rule/0': [{ protocol: 'HTTP2' }] } },
  },
  'http2: no concurrent streams': {
    traffic: { http2: { maxConcurrentStreams: 0 } },
    field: 'http2.maxConcurrentStreams',
    rule: 'Http2ProtocolOptions.max_concurrent_streams must be a whole number from 1 to 2147483647',
    options: { destinations: { 'httproute/default/web/rule/0': [{ protocol: 'HTTP2' }] } },
  },
  'admissionControl: a success rate above 100 %': { traffic: { admissionControl: { minSuccessRate: 150 } }, field: 'admissionControl.minSuccessRate', rule: 'AdmissionControl.sr_threshold must be from 0 to 100' },
  'bandwidthLimit: a limit of 0 KiB/s': { traffic: { bandwidthLimit: { request: { limitKibps: 0 } } }, field: 'bandwidthLimit.request.limitKibps', rule: 'BandwidthLimit.limit_kbps must be a whole number from 1' },
  'bandwidthLimit: a trailer prefix with a line break': { traffic: { bandwidthLimit: { response: { limitKibps: 1, responseTrailers: { prefix: 'a\nb' } } } }, field: 'bandwidthLimit.response.responseTrailers.prefix', rule: 'BandwidthLimit.response_trailer_prefix' },
  'compression: a minimum length beyond uint32': { traffic: { compression: [{ type: 'Gzip', minContentLength: 5e9 }] }, field: 'compression[0].minContentLength', rule: 'CommonDirectionConfig.min_content_length' },
  'httpUpgrade: an empty upgrade type': { traffic: { httpUpgrade: [{ type: '' }] }, field: 'httpUpgrade[0].type', rule: 'UpgradeConfig.upgrade_type must have at least 1 character' },
  'requestBuffer: a limit of 0 bytes': { traffic: { requestBuffer: { limit: 0 } }, field: 'requestBuffer.limit', rule: 'Buffer.max_request_bytes must be a whole number from 1 to 4294967295, got 0' },
  'responseOverride: a local response status below 200': {
    traffic: { responseOverride: { name: 'backendtrafficpolicy/default/p', rules: [{ name: 'r', match: { statusCodes: [{ value: 500 }] }, response: { statusCode: 100 } }] } },
    field: 'responseOverride.rules[0].response.statusCode',
    rule: 'LocalResponsePolicy.status_code must be a whole number from 200 to 599, got 100',
  },
  'responseOverride: a redirect status above 999': {
    traffic: { responseOverride: { name: 'backendtrafficpolicy/default/p', rules: [{ name: 'r', match: { statusCodes: [{ value: 500 }] }, redirect: { statusCode: 1000 } }] } },
    field: 'responseOverride.rules[0].redirect.statusCode',
    rule: 'RedirectPolicy.status_code must be a whole number from 200 to 999',
  },
  'responseOverride: an empty header name to add': {
    traffic: {
      responseOverride: {
        name: 'backendtrafficpolicy/default/p',
        rules: [{ name: 'r', match: { statusCodes: [{ value: 500 }] }, response: { addResponseHeaders: [{ name: '', value: ['v'], append: true, addIfAbsent: false }] } }],
      },
    },
    field: 'responseOverride.rules[0].response.addResponseHeaders.',
    rule: 'HeaderValue.key must be an HTTP header name',
  },
  'telemetry: an empty literal tag value': {
    traffic: { telemetry: { tracing: { customTags: [{ key: 'k', value: { type: 'Literal', literal: { value: '' } } }] } } },
    field: 'telemetry.tracing.customTags.k',
    rule: 'CustomTag.Literal.value must have at least 1 character',
  },
  'rateLimit: a default token bucket of 0 requests': { traffic: localRateLimit([], { requests: 0, unit: 'Second' }), field: 'rateLimit.local.default.requests', rule: `${UINT32_BUCKET}, got 0` },
  'rateLimit: a rule token bucket of more than 2^32-1 requests': {
    traffic: localRateLimit([rateLimitRule({ limit: { requests: 4294967296, unit: 'Second' } })]),
    field: 'rateLimit.local.rules[0].limit.requests',
    rule: `${UINT32_BUCKET}, got 4294967296`,
  },
  'rateLimit: a unit Envoy Gateway does not know (a 0s fill interval)': {
    traffic: localRateLimit([rateLimitRule({ limit: { requests: 5, unit: 'second' } })]),
    field: 'rateLimit.local.rules[0].limit.unit',
    rule: 'TokenBucket.fill_interval must be longer than 0s, got 0s ("second" is not a unit from Second to Year)',
  },
  'rateLimit: a local rule without a client selector': {
    traffic: localRateLimit([rateLimitRule({ headerMatches: [] })]),
    field: 'rateLimit.local.rules[0]',
    rule: 'RateLimit.actions and LocalRateLimitDescriptor.entries must have at least 1 item',
  },
  'rateLimit: a distinct header without a name': {
    traffic: localRateLimit([rateLimitRule({ headerMatches: [{ name: '', distinct: true }] })]),
    field: 'rateLimit.local.rules[0].headerMatches[0].name',
    rule: 'RateLimit.Action.RequestHeaders.header_name must be an HTTP header name',
  },
  'rateLimit: a header name with a line break': {
    traffic: globalRateLimit([rateLimitRule({ headerMatches: [{ name: 'x\ny', exact: 'a', distinct: false }] })]),
    field: 'rateLimit.global.rules[0].headerMatches[0].name',
    rule: 'HeaderMatcher.name must be an HTTP header name',
  },
  'rateLimit: an empty regular expression': {
    traffic: globalRateLimit([rateLimitRule({ headerMatches: [{ name: 'x', safeRegex: '', distinct: false }] })]),
    field: 'rateLimit.global.rules[0].headerMatches[0].safeRegex',
    rule: 'RegexMatcher.regex must have at least 1 character',
  },
  'rateLimit: an empty path prefix': {
    traffic: globalRateLimit([rateLimitRule({ pathMatch: { name: '', prefix: '', distinct: false } })]),
    field: 'rateLimit.global.rules[0].pathMatch.prefix',
    rule: 'StringMatcher.prefix must have at least 1 character',
  },
  'rateLimit: an empty method suffix': {
    traffic: globalRateLimit([rateLimitRule({ methodMatches: [{ name: '', suffix: '', distinct: false }] })]),
    field: 'rateLimit.global.rules[0].methodMatches[0].suffix',
    rule: 'StringMatcher.suffix must have at least 1 character',
  },
  'rateLimit: a source CIDR without an address': {
    traffic: globalRateLimit([rateLimitRule({ cidrMatch: { cidr: '/8', maskLen: 8, isIPv6: false, distinct: false, invert: false } })]),
    field: 'rateLimit.global.rules[0].cidrMatch.cidr',
    rule: 'CidrRange.address_prefix must have at least 1 character',
  },
  'rateLimit: a source CIDR mask longer than 128 bits': {
    traffic: globalRateLimit([rateLimitRule({ cidrMatch: { cidr: '10.0.0.0/8', maskLen: 200, isIPv6: false, distinct: false, invert: false } })]),
    field: 'rateLimit.global.rules[0].cidrMatch.maskLen',
    rule: 'CidrRange.prefix_len must be a whole number from 0 to 128, got 200',
  },
  'rateLimit: a distinct query parameter without a name': {
    traffic: globalRateLimit([rateLimitRule({ queryParamMatches: [{ name: '', distinct: true }] })]),
    field: 'rateLimit.global.rules[0].queryParamMatches[0].name',
    rule: 'RateLimit.Action.QueryParameters.query_parameter_name must have at least 1 character',
  },
  'rateLimit: a query parameter name over 1024 bytes': {
    traffic: globalRateLimit([rateLimitRule({ queryParamMatches: [{ name: 'q'.repeat(1025), exact: '1', distinct: false }] })]),
    field: 'rateLimit.global.rules[0].queryParamMatches[0].name',
    rule: 'QueryParameterMatcher.name must have at most 1024 bytes, got 1025',
  },
  'rateLimit: a shared rule without a name': {
    traffic: globalRateLimit([rateLimitRule({ name: '', shared: true })]),
    field: 'rateLimit.global.rules[0].name',
    rule: "RateLimit.Action.GenericKey.descriptor_value (a shared rule's name) must have at least 1 character",
  },
  'rateLimit: a shared rule whose name gives an empty domain': {
    traffic: globalRateLimit([rateLimitRule({ name: '/rule/0', shared: true })]),
    field: 'rateLimit.global.rules[0].name',
    rule: "RateLimit.domain (a shared rule's name up to /rule/) must have at least 1 character",
  },
  'rateLimit: a limit from metadata without a namespace': {
    traffic: globalRateLimit([rateLimitRule({ limit: { requests: 1, unit: 'Second', fromMetadata: { namespace: '', key: 'k' } } })]),
    field: 'rateLimit.global.rules[0].limit.fromMetadata.namespace',
    rule: 'MetadataKey.key must have at least 1 character',
  },
  'rateLimit: a limit from metadata without a key': {
    traffic: globalRateLimit([rateLimitRule({ limit: { requests: 1, unit: 'Second', fromMetadata: { namespace: 'ns', key: '' } } })]),
    field: 'rateLimit.global.rules[0].limit.fromMetadata.key',
    rule: 'MetadataKey.PathSegment.key must have at least 1 character',
  },
  'rateLimit: a request cost above 10^9': {
    traffic: globalRateLimit([rateLimitRule({ requestCost: { number: 1000000001 } })]),
    field: 'rateLimit.global.rules[0].requestCost.number',
    rule: 'RateLimit.HitsAddend.number must be a whole number from 0 to 1000000000, got 1000000001',
  },
  'rateLimit: a response cost format that is not one substitution': {
    traffic: globalRateLimit([rateLimitRule({ responseCost: { format: 'hits' } })]),
    field: 'rateLimit.global.rules[0].responseCost.format',
    rule: 'RateLimit.HitsAddend.format must start and end with "%", got "hits"',
  },
};

describe('values Envoy rejects', () => {
  beforeAll(() => {
    if (hasConformance()) loadEnvoyProtos();
  });

  it.each(Object.entries(CASES))('%s: the feature is left out and reported', (_, c) => {
    const feature = Object.keys(c.traffic)[0]!;
    const config = emitEnvoy(
      resolution(rule({ traffic: c.traffic as never, policies: [{ namespace: 'default', name: 'p' }], provenance: { [c.field]: { namespace: 'default', name: 'p' } } })),
      c.options,
    );
    expect(config.diagnostics).toHaveLength(1);
    expect(config.diagnostics[0]).toMatchObject({
      severity: 'error',
      path: `routes[0].traffic.${c.field}`,
      route: 'httproute/default/web/rule/0',
      listener: 'gw-ns/gw/http',
      feature,
      policy: { namespace: 'default', name: 'p' },
    });
    expect(config.diagnostics[0]!.message).toContain(c.rule);
    expect(config.diagnostics[0]!.message).toContain(`${feature} is left out of this route`);
    if (hasConformance()) expect(checkEnvoyConfig(config)).toEqual([]);
  });
});
