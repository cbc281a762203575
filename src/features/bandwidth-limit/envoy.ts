/**
 * `traffic.bandwidthLimit` → Envoy's bandwidth limiter (envoy-mapping §1.22).
 *
 * The HCM gets one disabled filter per direction any route limits
 * (`envoy.filters.http.bandwidth_limit/request`, `…/response`), carrying only the stat prefix;
 * the route turns each on with a full `BandwidthLimit` (`enable_mode`, `limit_kbps` in KiB/s,
 * response trailers) under the same name.
 */
import type { JsonObject } from '../../emit/emit-context.js';
import type { RouteEmission } from '../feature.js';
import { int64 } from '../../emit/protojson.js';
import { isRecord } from '../../lang/json.js';
import { httpFilter, setPerFilterConfig, str, uint } from '../../emit/route-parts.js';

const FILTER = 'envoy.filters.http.bandwidth_limit';
const BANDWIDTH_LIMIT_TYPE = 'envoy.extensions.filters.http.bandwidth_limit.v3.BandwidthLimit';
const STAT_PREFIX = 'http_bandwidth_limiter';

type Direction = 'request' | 'response';

/** The per-route `BandwidthLimit` of one direction, or undefined when it has no usable limit. */
export function bandwidthLimitConfig(direction: Direction, value: unknown): JsonObject | undefined {
  if (!isRecord(value)) return undefined;
  const limit = uint(value.limitKibps);
  if (limit === undefined) return undefined;
  const config: JsonObject = { statPrefix: STAT_PREFIX, enableMode: direction === 'request' ? 'REQUEST' : 'RESPONSE', limitKbps: int64(limit) };
  if (direction === 'response' && isRecord(value.responseTrailers)) {
    config.enableResponseTrailers = true;
    const prefix = str(value.responseTrailers.prefix);
    if (prefix) config.responseTrailerPrefix = prefix;
  }
  return config;
}

const DIRECTIONS: Direction[] = ['request', 'response'];

export const bandwidthLimitRoute: RouteEmission = {
  apply(route, value) {
    if (!isRecord(value)) return;
    for (const direction of DIRECTIONS) {
      const config = bandwidthLimitConfig(direction, value[direction]);
      if (config) setPerFilterConfig(route, `${FILTER}/${direction}`, BANDWIDTH_LIMIT_TYPE, config);
    }
  },
  httpFilters(value) {
    if (!isRecord(value)) return [];
    return DIRECTIONS.filter((d) => isRecord(value[d])).map((d) => httpFilter(`${FILTER}/${d}`, BANDWIDTH_LIMIT_TYPE, { statPrefix: STAT_PREFIX }, true));
  },
};
