import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/emit/emit-context.js';
import { ROUTE_PARTS as ROUTE_FEATURES } from '../support/feature-parts.js';
import { baseRoute, routeCtx } from './route-golden-support.js';

/** Any JSON, biased towards the shapes the features look for. */
const anyValue = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(
    fc.constantFrom('local', 'global', 'rules', 'http', 'retryOn', 'consistentHash', 'request', 'response', 'delay', 'abort', 'tracing', 'name', 'limit'),
    fc.jsonValue(),
  ),
  fc.array(fc.dictionary(fc.constantFrom('type', 'connect', 'chooseFirst', 'minContentLength'), fc.jsonValue())),
);

describe('route features on malformed values', () => {
  it('never throw, and keep the route a JSON object', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ROUTE_FEATURES), anyValue, (feature, value) => {
        const route: JsonObject = baseRoute();
        const ctx = routeCtx({ [feature.key]: value });
        feature.apply(route, value, ctx);
        feature.httpFilters?.(value, ctx);
        expect(JSON.parse(JSON.stringify(route))).toEqual(route);
      }),
      { numRuns: 2000 },
    );
  });
});
