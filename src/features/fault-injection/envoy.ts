/**
 * `traffic.faultInjection` → Envoy's fault filter (envoy-mapping §1.16).
 *
 * The HCM gets one enabled, empty `envoy.filters.http.fault` (it injects nothing by itself) as
 * soon as a route has `faultInjection`, even `{}`; a route with a delay or an abort overrides it
 * with its own `HTTPFault`.
 *
 * Percentages become `FractionalPercent{numerator, denominator: MILLION}` computed the way Go
 * does it, in float32: `trunc(float32(p) * float32(10000))` (`0.01` → 100, where doubles give 99).
 */
import type { JsonObject } from '../../emit/emit-context.js';
import type { RouteEmission } from '../feature.js';
import { duration, finiteNumber, percentPerMillion } from '../../emit/protojson.js';
import { isRecord } from '../../lang/json.js';
import { httpFilter, setPerFilterConfig, uint } from '../../emit/route-parts.js';

export const FAULT_FILTER = 'envoy.filters.http.fault';
const HTTP_FAULT_TYPE = 'envoy.extensions.filters.http.fault.v3.HTTPFault';

/** The per-route `HTTPFault`, or undefined when there is neither a delay nor an abort. */
export function httpFault(value: unknown): JsonObject | undefined {
  if (!isRecord(value)) return undefined;
  const fault: JsonObject = {};
  if (isRecord(value.delay)) {
    const delay: JsonObject = {};
    const fixed = duration(value.delay.fixedDelay);
    if (fixed !== undefined) delay.fixedDelay = fixed;
    const p = finiteNumber(value.delay.percentage);
    if (p !== undefined) delay.percentage = percentPerMillion(p);
    fault.delay = delay;
  }
  if (isRecord(value.abort)) {
    const abort: JsonObject = {};
    // gRPC status wins (the CRD forbids setting both).
    const grpc = uint(value.abort.grpcStatus);
    const http = uint(value.abort.httpStatus);
    if (grpc !== undefined) abort.grpcStatus = grpc;
    else if (http !== undefined) abort.httpStatus = http;
    const p = finiteNumber(value.abort.percentage);
    if (p !== undefined) abort.percentage = percentPerMillion(p);
    fault.abort = abort;
  }
  return Object.keys(fault).length > 0 ? fault : undefined;
}

export const faultInjectionRoute: RouteEmission = {
  apply(route, value) {
    const fault = httpFault(value);
    if (fault) setPerFilterConfig(route, FAULT_FILTER, HTTP_FAULT_TYPE, fault);
  },
  httpFilters(value) {
    return isRecord(value) ? [httpFilter(FAULT_FILTER, HTTP_FAULT_TYPE)] : [];
  },
};
