/**
 * `traffic.bandwidthLimit` → Envoy's bandwidth limiter.
 *
 * The HCM gets one disabled filter per direction any route limits
 * (`envoy.filters.http.bandwidth_limit/request`, `…/response`), carrying only the stat prefix;
 * the route turns each on with a full `BandwidthLimit` (`enable_mode`, `limit_kbps` in KiB/s,
 * response trailers) under the same name. A limit that is not a whole non-negative number writes
 * nothing for its direction.
 */
import type { BandwidthLimit } from '../../emit/envoy-types/index.js';
import type { RouteEmission } from '../feature.js';
import { int64 } from '../../emit/protojson.js';
import { httpFilter, setPerFilterConfig, uint } from '../../emit/route-parts.js';
import { EnvoyRules } from '../../emit/envoy-rules.js';
import type { BandwidthLimitTraffic } from './traffic.js';

const FILTER = 'envoy.filters.http.bandwidth_limit';
const BANDWIDTH_LIMIT_TYPE = 'envoy.extensions.filters.http.bandwidth_limit.v3.BandwidthLimit';
const STAT_PREFIX = 'http_bandwidth_limiter';

type Direction = 'request' | 'response';
type DirectionLimit = NonNullable<BandwidthLimitTraffic['response']>;

/** The per-route `BandwidthLimit` of one direction, or undefined when it has no usable limit. */
function bandwidthLimitConfig(direction: Direction, value: DirectionLimit | undefined): BandwidthLimit | undefined {
  const limit = uint(value?.limitKibps);
  if (!value || limit === undefined) return undefined;
  const config: BandwidthLimit = { statPrefix: STAT_PREFIX, enableMode: direction === 'request' ? 'REQUEST' : 'RESPONSE', limitKbps: int64(limit) };
  if (direction === 'response' && value.responseTrailers) {
    config.enableResponseTrailers = true;
    if (value.responseTrailers.prefix) config.responseTrailerPrefix = value.responseTrailers.prefix;
  }
  return config;
}

const DIRECTIONS: Direction[] = ['request', 'response'];

export const bandwidthLimitRoute: RouteEmission<BandwidthLimitTraffic> = {
  apply(route, value) {
    if (!value) return;
    for (const direction of DIRECTIONS) {
      const config = bandwidthLimitConfig(direction, value[direction]);
      if (config) setPerFilterConfig(route, `${FILTER}/${direction}`, BANDWIDTH_LIMIT_TYPE, config);
    }
  },
  httpFilters(value) {
    if (!value) return [];
    return DIRECTIONS.filter((d) => value[d] !== undefined).map((d) => httpFilter<BandwidthLimit>(`${FILTER}/${d}`, BANDWIDTH_LIMIT_TYPE, { statPrefix: STAT_PREFIX }, true));
  },
  /** `BandwidthLimit.limit_kbps` must be at least 1; `response_trailer_prefix` is a header name (no NUL, CR or LF). */
  rejections(value) {
    const rules = new EnvoyRules();
    const prefix = value.response?.responseTrailers?.prefix;
    if (prefix) rules.headerName('response.responseTrailers.prefix', prefix, 'BandwidthLimit.response_trailer_prefix');
    for (const d of DIRECTIONS) {
      const limit = uint(value[d]?.limitKibps);
      if (limit !== undefined) rules.integer(`${d}.limitKibps`, limit, 1, Number.MAX_SAFE_INTEGER, 'BandwidthLimit.limit_kbps');
    }
    return rules.found;
  },
};
