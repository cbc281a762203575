/**
 * `traffic.faultInjection` → Envoy's fault filter.
 *
 * The HCM gets one enabled, empty `envoy.filters.http.fault` (it injects nothing by itself) as
 * soon as a route has `faultInjection`, even `{}`; a route with a delay or an abort overrides it
 * with its own `HTTPFault`. A status that is not a whole non-negative number is left out.
 *
 * Percentages become `FractionalPercent{numerator, denominator: MILLION}` computed the way Go
 * does it, in float32: `trunc(float32(p) * float32(10000))` (`0.01` → 100, where doubles give 99).
 */
import type { HTTPFault } from '../../emit/envoy-types/index.js';
import type { RouteEmission } from '../feature.js';
import { duration, percentPerMillion } from '../../emit/protojson.js';
import { httpFilter, setPerFilterConfig, uint } from '../../emit/route-parts.js';
import { EnvoyRules, UINT32_MAX } from '../../emit/envoy-rules.js';
import type { FaultInjectionTraffic } from './traffic.js';

export const FAULT_FILTER = 'envoy.filters.http.fault';
const HTTP_FAULT_TYPE = 'envoy.extensions.filters.http.fault.v3.HTTPFault';

/** The abort status written: gRPC wins (the CRD forbids setting both). */
function abortStatus(abort: NonNullable<FaultInjectionTraffic['abort']>): { grpcStatus: number } | { httpStatus: number } | undefined {
  const grpc = uint(abort.grpcStatus);
  const http = uint(abort.httpStatus);
  return grpc !== undefined ? { grpcStatus: grpc } : http !== undefined ? { httpStatus: http } : undefined;
}

/** The per-route `HTTPFault`, or undefined when there is neither a delay nor an abort. */
export function httpFault(value: FaultInjectionTraffic): HTTPFault | undefined {
  const fault: HTTPFault = {};
  if (value.delay) {
    const delay: NonNullable<HTTPFault['delay']> = {};
    const fixed = duration(value.delay.fixedDelay);
    if (fixed !== undefined) delay.fixedDelay = fixed;
    if (value.delay.percentage !== undefined) delay.percentage = percentPerMillion(value.delay.percentage);
    fault.delay = delay;
  }
  if (value.abort) {
    const abort: NonNullable<HTTPFault['abort']> = { ...abortStatus(value.abort) };
    if (value.abort.percentage !== undefined) abort.percentage = percentPerMillion(value.abort.percentage);
    fault.abort = abort;
  }
  return fault.delay || fault.abort ? fault : undefined;
}

/**
 * What Envoy rejects in the `HTTPFault`: a delay needs `fixed_delay`, longer than 0; an abort needs
 * a status, `http_status` in [200, 600) or `grpc_status` (a `uint32`); a percentage's numerator (per
 * million) is a `uint32`.
 */
function faultInjectionRejections(value: FaultInjectionTraffic) {
  const rules = new EnvoyRules();
  const perMillion = (field: string, percent: number | undefined, rule: string) => {
    if (percent !== undefined) rules.integer(field, percentPerMillion(percent).numerator ?? 0, 0, UINT32_MAX, `${rule}.numerator (per million)`);
  };
  if (value.delay) rules.required('delay.fixedDelay', value.delay.fixedDelay, 'FaultDelay.fixed_delay');
  rules.duration('delay.fixedDelay', value.delay?.fixedDelay, 'FaultDelay.fixed_delay');
  perMillion('delay.percentage', value.delay?.percentage, 'FaultDelay.percentage');
  const status = value.abort ? abortStatus(value.abort) : undefined;
  if (value.abort) rules.required('abort', status, 'FaultAbort.error_type (http_status or grpc_status)');
  if (status && 'grpcStatus' in status) rules.integer('abort.grpcStatus', status.grpcStatus, 0, UINT32_MAX, 'FaultAbort.grpc_status');
  if (status && 'httpStatus' in status) rules.integer('abort.httpStatus', status.httpStatus, 200, 599, 'FaultAbort.http_status');
  perMillion('abort.percentage', value.abort?.percentage, 'FaultAbort.percentage');
  return rules.found;
}

export const faultInjectionRoute: RouteEmission<FaultInjectionTraffic> = {
  apply(route, value) {
    const fault = value && httpFault(value);
    if (fault) setPerFilterConfig(route, FAULT_FILTER, HTTP_FAULT_TYPE, fault);
  },
  httpFilters(value) {
    return value ? [httpFilter(FAULT_FILTER, HTTP_FAULT_TYPE, {})] : [];
  },
  rejections: faultInjectionRejections,
};
