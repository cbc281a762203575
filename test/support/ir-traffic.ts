/**
 * Envoy Gateway's golden IR `traffic` → our `traffic` convention (durations in ms, seconds → ms,
 * the http2 window-key swap undone, …). A thin table: one mapping rule per IR key, each documented
 * in `ir-traffic/<feature>.ts`. Keys without a rule are copied unchanged.
 */
import { admissionControlIrToOurs } from '../features/admission-control/ir.js';
import { circuitBreakerIrToOurs } from '../features/circuit-breaker/ir.js';
import { backendConnectionIrToOurs } from '../features/connection/ir.js';
import { dnsIrToOurs } from '../features/dns/ir.js';
import { healthCheckIrToOurs } from '../features/health-check/ir.js';
import { http2IrToOurs } from '../features/http2/ir.js';
import { loadBalancerIrToOurs } from '../features/load-balancer/ir.js';
import { proxyProtocolIrToOurs } from '../features/proxy-protocol/ir.js';
import { retryIrToOurs } from '../features/retry/ir.js';
import { tcpKeepaliveIrToOurs } from '../features/tcp-keepalive/ir.js';
import { timeoutIrToOurs } from '../features/timeout/ir.js';
import { bandwidthLimitIrToOurs } from '../features/bandwidth-limit/ir.js';
import { compressionIrToOurs } from '../features/compression/ir.js';
import { faultInjectionIrToOurs } from '../features/fault-injection/ir.js';
import { httpUpgradeIrToOurs } from '../features/http-upgrade/ir.js';
import { rateLimitIrToOurs } from '../features/rate-limit/ir.js';
import { requestBufferIrToOurs } from '../features/request-buffer/ir.js';
import { responseOverrideIrToOurs } from '../features/response-override/ir.js';
import { telemetryIrToOurs } from '../features/telemetry/ir.js';

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
