/**
 * The route features against Envoy Gateway's xds goldens, route by route: every IR HTTP route of
 * every case starts from its golden Envoy route with the feature-owned fields removed, gets the
 * route features of its traffic applied, and must equal the golden route again. The HCM filters
 * the routes of a listener request (first of a name wins, in Envoy Gateway's order) must equal the
 * listener's golden BTP filters. Routes Envoy Gateway dropped must be ones an invalid retry trigger drops.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { EmitContext, JsonObject } from '../../src/emit/emit-context.js';
import { retryDropsRoute } from '../../src/features/retry/envoy.js';
import { ROUTE_PARTS as ROUTE_FEATURES } from '../support/feature-parts.js';
import { HttpFilterCollector } from '../../src/emit/http-filters.js';
import { goldenHttpFilters, goldenRoutes, hasXds, isBtpFilterName, jsonDiff, xdsCases } from './route-golden-support.js';
import type { Route } from '../../src/emit/envoy-types/index.js';

const isBtpFilter = (f: JsonObject) => isBtpFilterName(f.name);

/** As the emitter does: every feature runs, with its traffic value or undefined (some have non-BTP inputs). */
function applyFeatures(route: Route, traffic: Record<string, unknown>, ctx: EmitContext): void {
  for (const feature of ROUTE_FEATURES) feature.apply(route, traffic[feature.key], ctx);
}

const results = { routes: 0, routesOk: 0, listeners: 0, listenersOk: 0, failures: [] as string[] };

describe.skipIf(!hasXds())('route features vs the xds goldens', () => {
  for (const caseName of xdsCases()) {
    it(caseName, () => {
      const collectors = new Map<string, HttpFilterCollector>();
      const failures: string[] = [];
      for (const g of goldenRoutes(caseName)) {
        const hcm = g.routeConfig ?? g.listener;
        const collector = collectors.get(hcm) ?? new HttpFilterCollector();
        collectors.set(hcm, collector);
        if (!g.golden || !g.baseline) {
          // Envoy Gateway dropped the route: only an invalid retry does that among BTP features.
          results.routes++;
          if (retryDropsRoute(g.ctx.traffic.retry)) results.routesOk++;
          else failures.push(`${g.listener} ${g.irRoute.name}: missing in the golden`);
          continue;
        }
        const route = structuredClone(g.baseline) as Route;
        const traffic = g.ctx.traffic as Record<string, unknown>;
        applyFeatures(route, traffic, g.ctx);
        for (const feature of ROUTE_FEATURES) {
          if (feature.httpFilters) collector.add(feature.httpFilters(traffic[feature.key], g.ctx));
        }
        results.routes++;
        const diff = jsonDiff(route, g.golden);
        if (diff.length === 0) results.routesOk++;
        else failures.push(`${g.listener} ${g.irRoute.name}:\n  ${diff.join('\n  ')}`);
      }
      const golden = goldenHttpFilters(caseName);
      for (const [listener, collector] of collectors) {
        const expected = golden.get(listener);
        if (!expected) continue;
        results.listeners++;
        const ours = collector.filters().filter(isBtpFilter);
        const diff = jsonDiff(ours, expected.filter(isBtpFilter));
        if (diff.length === 0) results.listenersOk++;
        else failures.push(`${listener} HCM filters:\n  ${diff.join('\n  ')}`);
      }
      results.failures.push(...failures.map((f) => `${caseName}: ${f.split('\n')[0]}`));
      expect(failures, failures.join('\n\n')).toEqual([]);
    });
  }

  afterAll(() => {
    console.log(
      `route features vs xds goldens: routes ${results.routesOk}/${results.routes}, HCM filter lists ${results.listenersOk}/${results.listeners}` +
        (results.failures.length ? `\n  ${results.failures.join('\n  ')}` : ''),
    );
  });
});
