/**
 * `traffic.requestBuffer` → Envoy's buffer filter (envoy-mapping §1.20).
 *
 * The HCM gets one disabled `envoy.filters.http.buffer` whose `max_request_bytes` is that of the
 * first route on the listener that buffers (the emitter keeps the first filter of a name); each
 * buffering route enables it with its own `BufferPerRoute`. A buffered route also loses the
 * default websocket upgrade (an upgraded stream cannot be buffered): see `http-upgrade.ts`.
 */
import type { RouteEmission } from '../feature.js';
import { isRecord } from '../../lang/json.js';
import { httpFilter, setPerFilterConfig, uint } from '../../emit/route-parts.js';

export const BUFFER_FILTER = 'envoy.filters.http.buffer';
const BUFFER_TYPE = 'envoy.extensions.filters.http.buffer.v3.Buffer';
const BUFFER_PER_ROUTE_TYPE = 'envoy.extensions.filters.http.buffer.v3.BufferPerRoute';

/** The request limit in bytes, or undefined when the value has none. */
function limitOf(value: unknown): number | undefined {
  return isRecord(value) ? uint(value.limit) : undefined;
}

export const requestBufferRoute: RouteEmission = {
  apply(route, value) {
    const limit = limitOf(value);
    if (limit !== undefined) setPerFilterConfig(route, BUFFER_FILTER, BUFFER_PER_ROUTE_TYPE, { buffer: { maxRequestBytes: limit } });
  },
  httpFilters(value) {
    const limit = limitOf(value);
    return limit === undefined ? [] : [httpFilter(BUFFER_FILTER, BUFFER_TYPE, { maxRequestBytes: limit }, true)];
  },
};
