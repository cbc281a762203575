/**
 * Every feature's spec fields as one zod object shape, in the registry's order (Envoy Gateway's
 * translation order; a test keeps the two lists equal). The policy's schema is assembled from this
 * list rather than from the registry, whose rows also carry translation and Envoy emission: so
 * parsing a policy loads the feature schemas and nothing of the resolver or the emitter.
 */
import { admissionControlSpecFields } from './admission-control/spec.js';
import { bandwidthLimitSpecFields } from './bandwidth-limit/spec.js';
import { circuitBreakerSpecFields } from './circuit-breaker/spec.js';
import { compressionSpecFields } from './compression/spec.js';
import { backendConnectionSpecFields } from './connection/spec.js';
import { dnsSpecFields } from './dns/spec.js';
import { faultInjectionSpecFields } from './fault-injection/spec.js';
import { healthCheckSpecFields } from './health-check/spec.js';
import { http2SpecFields } from './http2/spec.js';
import { httpUpgradeSpecFields } from './http-upgrade/spec.js';
import { loadBalancerSpecFields } from './load-balancer/spec.js';
import { proxyProtocolSpecFields } from './proxy-protocol/spec.js';
import { rateLimitSpecFields } from './rate-limit/spec.js';
import { requestBufferSpecFields } from './request-buffer/spec.js';
import { responseOverrideSpecFields } from './response-override/spec.js';
import { retrySpecFields } from './retry/spec.js';
import { tcpKeepaliveSpecFields } from './tcp-keepalive/spec.js';
import { telemetrySpecFields } from './telemetry/spec.js';
import { timeoutSpecFields } from './timeout/spec.js';

export const FEATURE_SPEC_SHAPE = {
  ...rateLimitSpecFields,
  ...loadBalancerSpecFields,
  ...proxyProtocolSpecFields,
  ...healthCheckSpecFields,
  ...circuitBreakerSpecFields,
  ...faultInjectionSpecFields,
  ...tcpKeepaliveSpecFields,
  ...retrySpecFields,
  ...timeoutSpecFields,
  ...backendConnectionSpecFields,
  ...http2SpecFields,
  ...dnsSpecFields,
  ...responseOverrideSpecFields,
  ...compressionSpecFields,
  ...httpUpgradeSpecFields,
  ...requestBufferSpecFields,
  ...telemetrySpecFields,
  ...bandwidthLimitSpecFields,
  ...admissionControlSpecFields,
};
