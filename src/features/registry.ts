/**
 * `buildTraffic`: a policy spec → the effective settings Envoy Gateway puts on a route, plus the
 * translator's errors. One row per feature; adding a feature touches its module and this table.
 */
import type { BackendTrafficPolicySpecInput } from '../model/backend-traffic-policy.js';
import { admissionControlFeature } from './admission-control/traffic.js';
import { bandwidthLimitFeature } from './bandwidth-limit/traffic.js';
import { circuitBreakerFeature } from './circuit-breaker/traffic.js';
import { compressionFeature } from './compression/traffic.js';
import { backendConnectionFeature } from './connection/traffic.js';
import { dnsFeature } from './dns/traffic.js';
import { faultInjectionFeature } from './fault-injection/traffic.js';
import type { TrafficContext, TrafficFeature } from './feature.js';
import { healthCheckFeature } from './health-check/traffic.js';
import { http2Feature } from './http2/traffic.js';
import { httpUpgradeFeature } from './http-upgrade/traffic.js';
import { loadBalancerFeature } from './load-balancer/traffic.js';
import { proxyProtocolFeature } from './proxy-protocol/traffic.js';
import { rateLimitFeature } from './rate-limit/traffic.js';
import { requestBufferFeature } from './request-buffer/traffic.js';
import { responseOverrideFeature } from './response-override/traffic.js';
import { retryFeature } from './retry/traffic.js';
import { tcpKeepaliveFeature } from './tcp-keepalive/traffic.js';
import { telemetryFeature } from './telemetry/traffic.js';
import { timeoutFeature } from './timeout/traffic.js';

export type { TrafficContext, TrafficFeature } from './feature.js';

/** In Envoy Gateway's order: the order of keys in `traffic` and of errors in a status message. */
export const TRAFFIC_FEATURES: ReadonlyArray<TrafficFeature> = [
  rateLimitFeature,
  loadBalancerFeature,
  proxyProtocolFeature,
  healthCheckFeature,
  circuitBreakerFeature,
  faultInjectionFeature,
  tcpKeepaliveFeature,
  retryFeature,
  timeoutFeature,
  backendConnectionFeature,
  http2Feature,
  dnsFeature,
  responseOverrideFeature,
  compressionFeature,
  httpUpgradeFeature,
  requestBufferFeature,
  telemetryFeature,
  bandwidthLimitFeature,
  admissionControlFeature,
];

export interface TrafficResult {
  traffic: Record<string, unknown>;
  /** Feature-prefixed errors (`CircuitBreaker: invalid MaxConnections value …`). */
  errors: string[];
}

export function buildTraffic(spec: BackendTrafficPolicySpecInput, ctx: TrafficContext): TrafficResult {
  const traffic: Record<string, unknown> = {};
  const errors: string[] = [];
  for (const feature of TRAFFIC_FEATURES) {
    let outcome;
    try {
      outcome = feature.build(spec, ctx);
    } catch (err) {
      outcome = { errors: [`internal error: ${(err as Error)?.message ?? String(err)}`] };
    }
    if (outcome.value !== undefined) traffic[feature.key] = outcome.value;
    for (const e of outcome.errors ?? []) errors.push(`${feature.errorPrefix}: ${e}`);
  }
  return { traffic, errors };
}

/**
 * Envoy Gateway's `Error2ConditionMsg`: the joined errors with the first letter upper-cased and a
 * final period.
 */
export function conditionMessage(errors: readonly string[]): string {
  let msg = errors.join('\n');
  if (msg.length > 0 && /[a-z]/.test(msg[0]!)) msg = msg[0]!.toUpperCase() + msg.slice(1);
  if (!msg.endsWith('.')) msg += '.';
  return msg;
}
