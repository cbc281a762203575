/**
 * `traffic.requestBuffer` → Envoy's buffer filter.
 *
 * The HCM gets one disabled `envoy.filters.http.buffer` whose `max_request_bytes` is that of the
 * first route on the listener that buffers (the emitter keeps the first filter of a name); each
 * buffering route enables it with its own `BufferPerRoute`. A buffered route also loses the
 * default websocket upgrade (an upgraded stream cannot be buffered): see `http-upgrade/envoy.ts`.
 * A limit that is not a whole non-negative number writes nothing.
 */
import type { RouteEmission } from '../feature.js';
import type { Buffer, BufferPerRoute } from '../../emit/envoy-types/index.js';
import { httpFilter, setPerFilterConfig, uint } from '../../emit/route-parts.js';
import { EnvoyRules, UINT32_MAX } from '../../emit/envoy-rules.js';
import type { RequestBufferTraffic } from './traffic.js';

export const BUFFER_FILTER = 'envoy.filters.http.buffer';
const BUFFER_TYPE = 'envoy.extensions.filters.http.buffer.v3.Buffer';
const BUFFER_PER_ROUTE_TYPE = 'envoy.extensions.filters.http.buffer.v3.BufferPerRoute';

export const requestBufferRoute: RouteEmission<RequestBufferTraffic> = {
  apply(route, value) {
    const limit = uint(value?.limit);
    if (limit !== undefined) setPerFilterConfig<BufferPerRoute>(route, BUFFER_FILTER, BUFFER_PER_ROUTE_TYPE, { buffer: { maxRequestBytes: limit } });
  },
  httpFilters(value) {
    const limit = uint(value?.limit);
    return limit === undefined ? [] : [httpFilter<Buffer>(BUFFER_FILTER, BUFFER_TYPE, { maxRequestBytes: limit }, true)];
  },
  /** `Buffer.max_request_bytes` is a `uint32` above 0 (a limit of 0, Go's zero quantity, is rejected). */
  rejections(value) {
    const rules = new EnvoyRules();
    if (uint(value.limit) !== undefined) rules.integer('limit', value.limit, 1, UINT32_MAX, 'Buffer.max_request_bytes');
    return rules.found;
  },
};
