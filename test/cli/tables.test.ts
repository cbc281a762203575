/**
 * Tables in the policy author's words: rate limit rules as the CRD spells them (not Envoy Gateway's
 * IR), no row for a rule without settings, and the legend about units only under a table that
 * shows a duration.
 */
import { describe, expect, it } from 'vitest';
import { settingRows } from '../../src/cli/format-table.js';
import { userRateLimitRule } from '../../src/cli/rate-limit-settings.js';
import { GATEWAY_AND_ROUTE } from './manifests.js';
import { btp } from './run-cli.js';

const EXAMPLE = 'docs/examples/global-rate-limit.yaml';

describe('rate limit rules in the CRD\'s words', () => {
  it('clientSelectors[].sourceCIDR, headers with their type; no IR bookkeeping (maskLen, isIPv6, rule names)', () => {
    const out = btp(['resolve', EXAMPLE]).stdout;
    expect(out).toContain('rateLimit.global.rules[1].clientSelectors[].sourceCIDR.value   10.0.0.0/8');
    expect(out).toContain('rateLimit.global.rules[1].clientSelectors[].sourceCIDR.invert  true');
    expect(out).toContain('rateLimit.global.rules[0].clientSelectors[].headers[0].type    Distinct');
    expect(out).toContain('rateLimit.global.rules[1].clientSelectors[].methods[0].value   POST');
    for (const internal of ['cidrMatch', 'maskLen', 'isIPv6', 'headerMatches', 'methodMatches', 'shop/api-limits/rule/']) expect(out).not.toContain(internal);
    expect(btp(['explain', 'httproute/shop/api', EXAMPLE]).stdout).toContain('rateLimit.global.rules[1].clientSelectors[].sourceCIDR.value   10.0.0.0/8  shop/api-limits');
  });

  it('machine output keeps Envoy Gateway\'s IR', () => {
    const json = JSON.parse(btp(['resolve', '-o', 'json', EXAMPLE]).stdout);
    expect(json.routes[0].traffic.rateLimit.global.rules[1].cidrMatch).toEqual({ cidr: '10.0.0.0/8', maskLen: 8, isIPv6: false, distinct: false, invert: true });
  });

  it('each match kind reads back as the CRD writes it', () => {
    expect(
      userRateLimitRule({
        name: 'ns/p/rule/0',
        headerMatches: [{ name: 'x-a', exact: 'v', distinct: false }, { name: 'x-b', safeRegex: 'a.*', distinct: false, invert: true }, { name: 'x-c', distinct: true }],
        pathMatch: { name: '', prefix: '/', distinct: false },
        queryParamMatches: [{ name: 'q', exact: '1', distinct: false }],
        limit: { requests: 5, unit: 'Second' },
        requestCost: { number: 2 },
        shadowMode: true,
        xRateLimitOption: 'Off',
      }),
    ).toEqual({
      'clientSelectors[]': {
        headers: [{ name: 'x-a', type: 'Exact', value: 'v' }, { name: 'x-b', type: 'RegularExpression', value: 'a.*', invert: true }, { name: 'x-c', type: 'Distinct' }],
        path: { type: 'PathPrefix', value: '/' },
        queryParams: [{ name: 'q', type: 'Exact', value: '1' }],
      },
      limit: { requests: 5, unit: 'Second' },
      cost: { request: { number: 2 } },
      shadowMode: true,
      xRateLimitHeaders: 'Off',
    });
  });
});

describe('no stray rows', () => {
  it('a rule without settings has no row at all (not a lone {})', () => {
    expect(settingRows({})).toEqual([]);
    expect(settingRows({ loadBalancer: { roundRobin: {} } }).map((r) => `${r.path} ${r.value}`)).toEqual(['loadBalancer.roundRobin {}']);
    // A route no policy reaches: Envoy Gateway's defaults, and nothing else.
    const stdin = GATEWAY_AND_ROUTE;
    expect(btp(['resolve', '-'], { stdin }).stdout).toBe(
      'Gateway default/eg, listener http\n  HTTPRoute default/web rule 0\n    policies: none (Envoy Gateway defaults)\n\nno BackendTrafficPolicy in the input\n',
    );
    const explain = btp(['explain', 'httproute/default/web', '-'], { stdin }).stdout;
    expect(explain).not.toMatch(/^\s*\{\}\s*$/m);
    expect(explain).toContain("  No BackendTrafficPolicy applies: Envoy Gateway's defaults.");
  });
});

describe('the units legend', () => {
  const legend = 'Durations as written in a policy (1m30s)';

  it('appears under a table with a duration', () => {
    expect(btp(['resolve', 'examples/platform']).stdout).toContain(legend);
    expect(btp(['explain', 'httproute/shop/storefront/rule/checkout', 'examples/platform']).stdout).toContain(legend);
  });

  it('not under one without', () => {
    expect(btp(['resolve', EXAMPLE]).stdout).not.toContain(legend);
    expect(btp(['explain', 'httproute/shop/api', EXAMPLE]).stdout).not.toContain(legend);
  });
});
