import { defineFeature, type RouteEmission } from '../feature.js';
import { rateLimitSpecFields } from './spec.js';
import { rateLimitTranslation, type RateLimitTraffic, RateLimitTrafficSchema } from './traffic.js';
import { localRateLimitRoute } from './envoy-local.js';
import { globalRateLimitRoute } from './envoy-global.js';

/** Local limits (a token bucket in Envoy) and global ones (actions for the rate limit service), in that order. */
const rateLimitRoute: RouteEmission<RateLimitTraffic> = {
  apply(route, value, ctx) {
    localRateLimitRoute.apply(route, value, ctx);
    globalRateLimitRoute.apply(route, value, ctx);
  },
  httpFilters(value, ctx) {
    return [...(localRateLimitRoute.httpFilters?.(value, ctx) ?? []), ...(globalRateLimitRoute.httpFilters?.(value, ctx) ?? [])];
  },
  rejections(value) {
    return [...(localRateLimitRoute.rejections?.(value) ?? []), ...(globalRateLimitRoute.rejections?.(value) ?? [])];
  },
};

export const rateLimit = defineFeature({
  key: 'rateLimit',
  errorPrefix: 'RateLimit',
  spec: rateLimitSpecFields,
  traffic: RateLimitTrafficSchema,
  translation: rateLimitTranslation,
  route: rateLimitRoute,
  filters: [
    { prefix: 'envoy.filters.http.local_ratelimit', rank: 302 },
    { prefix: 'envoy.filters.http.ratelimit', rank: 303 },
  ],
});
