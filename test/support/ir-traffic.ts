/**
 * Envoy Gateway's golden IR `traffic` → our `traffic` convention (durations in ms, seconds → ms,
 * the http2 window-key swap undone, …). A thin table: one mapping rule per IR key, each documented
 * in `ir-traffic/<feature>.ts`. Keys without a rule are copied unchanged.
 */
import { admissionControlIrToOurs } from './ir-traffic/admission-control.js';
import { circuitBreakerIrToOurs } from './ir-traffic/circuit-breaker.js';
import { backendConnectionIrToOurs } from './ir-traffic/connection.js';
import { dnsIrToOurs } from './ir-traffic/dns.js';
import { healthCheckIrToOurs } from './ir-traffic/health-check.js';
import { http2IrToOurs } from './ir-traffic/http2.js';
import { loadBalancerIrToOurs } from './ir-traffic/load-balancer.js';
import { proxyProtocolIrToOurs } from './ir-traffic/proxy-protocol.js';
import { retryIrToOurs } from './ir-traffic/retry.js';
import { tcpKeepaliveIrToOurs } from './ir-traffic/tcp-keepalive.js';
import { timeoutIrToOurs } from './ir-traffic/timeout.js';
import { bandwidthLimitIrToOurs } from './ir-traffic/bandwidth-limit.js';
import { compressionIrToOurs } from './ir-traffic/compression.js';
import { faultInjectionIrToOurs } from './ir-traffic/fault-injection.js';
import { httpUpgradeIrToOurs } from './ir-traffic/http-upgrade.js';
import { rateLimitIrToOurs } from './ir-traffic/rate-limit.js';
import { requestBufferIrToOurs } from './ir-traffic/request-buffer.js';
import { responseOverrideIrToOurs } from './ir-traffic/response-override.js';
import { telemetryIrToOurs } from './ir-traffic/telemetry.js';

export const IR_TRAFFIC_RULES: Record<string, (value: unknown) => unknown> = {
  loadBalancer: loadBalancerIrToOurs,
  proxyProtocol: proxyProtocolIrToOurs,
  healthCheck: healthCheckIrToOurs,
  admissionControl: admissionControlIrToOurs,
  circuitBreaker: circuitBreakerIrToOurs,
  timeout: timeoutIrToOurs,
  tcpKeepalive: tcpKeepaliveIrToOurs,
  backendConnection: backendConnectionIrToOurs,
  http2: http2IrToOurs,
  dns: dnsIrToOurs,
  retry: retryIrToOurs,
  rateLimit: rateLimitIrToOurs,
  bandwidthLimit: bandwidthLimitIrToOurs,
  faultInjection: faultInjectionIrToOurs,
  compression: compressionIrToOurs,
  responseOverride: responseOverrideIrToOurs,
  httpUpgrade: httpUpgradeIrToOurs,
  requestBuffer: requestBufferIrToOurs,
  telemetry: telemetryIrToOurs,
};

export function irTrafficToOurs(irTraffic: unknown): unknown {
  if (typeof irTraffic !== 'object' || irTraffic === null || Array.isArray(irTraffic)) return irTraffic;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(irTraffic)) {
    const rule = IR_TRAFFIC_RULES[key];
    out[key] = rule ? rule(value) : value;
  }
  return out;
}
