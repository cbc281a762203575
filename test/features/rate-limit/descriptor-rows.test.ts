import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { globalRateLimitRows, resolvePolicies, type Resolution, type RouteResult } from '../../../src/index.js';

const resolution = resolvePolicies(parseAllDocuments(readFileSync('docs/examples/global-rate-limit.yaml', 'utf8')).map((d) => d.toJS()));
const api = resolution.routes[0]!;
// The API server gives a rule without matches the default `PathPrefix /` match: the Envoy route is match 0.
const ROUTE = 'httproute/shop/api/rule/0/match/0/api_example_com';

describe('globalRateLimitRows', () => {
  it('gives, per Envoy route and rule (and method), the descriptor sent and the limit it maps to', () => {
    const rows = globalRateLimitRows(resolution, api);
    expect(rows).toEqual([
      {
        envoyRoute: ROUTE,
        domain: 'infra/eg/http',
        ruleName: 'shop/api-limits/rule/0',
        shared: false,
        descriptor: [
          { key: ROUTE, value: ROUTE, from: 'the route' },
          { key: 'rule-0-match-0', from: 'header x-user-id (each value)' },
        ],
        limit: { requestsPerUnit: 100, unit: 'MINUTE', shadowMode: false },
      },
      ...['POST', 'PUT'].map((method) => ({
        envoyRoute: ROUTE,
        domain: 'shop/api-limits',
        ruleName: 'shop/api-limits/rule/1',
        shared: true,
        descriptor: [
          { key: 'shop/api-limits/rule/1', value: 'shop/api-limits/rule/1', from: 'the shared rule' },
          { key: 'rule-0-method', value: 'rule-0-method', from: `:method exact "${method}"` },
          { key: 'masked_remote_address', value: 'invert:10.0.0.0/8', from: 'client address not in 10.0.0.0/8' },
        ],
        limit: { requestsPerUnit: 1000, unit: 'HOUR', shadowMode: false },
      })),
    ]);
  });

  it('describes every other kind of entry', () => {
    const rules = [
      { name: 'a/p/rule/0', headerMatches: [{ name: 'x', safeRegex: '^a', distinct: false, invert: true }], limit: { requests: 1, unit: 'Second' }, shadowMode: true },
      { name: 'a/p/rule/1', headerMatches: [], queryParamMatches: [{ name: 'q', exact: '1', distinct: false }, { name: 'page', distinct: true }], limit: { requests: 2, unit: 'Day' } },
      { name: 'a/p/rule/2', headerMatches: [], cidrMatch: { cidr: '10.0.0.0/8', maskLen: 8, isIPv6: false, distinct: true, invert: false }, limit: { requests: 3, unit: 'Year' } },
      { name: 'a/p/rule/3', headerMatches: [], limit: { requests: 4, unit: 'Week' } },
    ];
    const route: RouteResult = { ...api, traffic: { rateLimit: { global: { rules } } } };
    const rows = globalRateLimitRows({ ...resolution, routes: [route] }, route);
    expect(rows.map((r) => [r.descriptor.slice(1).map((e) => `${e.key}=${e.value ?? '*'} (${e.from})`), r.limit])).toEqual([
      [['rule-0-match-0=rule-0-match-0 (x not regex "^a")'], { requestsPerUnit: 1, unit: 'SECOND', shadowMode: true }],
      [['rule-1-match-0=rule-1-match-0 (query parameter q exact "1")', 'rule-1-match-1=* (query parameter page (each value))'], { requestsPerUnit: 2, unit: 'DAY', shadowMode: false }],
      [['masked_remote_address=10.0.0.0/8 (client address in 10.0.0.0/8)', 'remote_address=* (client address in 10.0.0.0/8 (each value))'], { requestsPerUnit: 3, unit: 'YEAR', shadowMode: false }],
      [['rule-3-match--1=rule-3-match--1 (every request)'], { requestsPerUnit: 4, unit: 'WEEK', shadowMode: false }],
    ]);
  });

  it('has no limit for a descriptor whose domain is held back, and no rows without global rules', () => {
    const route: RouteResult = { ...api, traffic: { rateLimit: { global: { rules: [{ name: 'a/p/rule/0', headerMatches: [], limit: { requests: 1, unit: 'Fortnight' } }] } } } };
    const rows = globalRateLimitRows({ ...resolution, routes: [route] }, route);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.limit).toBeUndefined();
    expect(globalRateLimitRows(resolution, { ...api, traffic: {} })).toEqual([]);
    expect(globalRateLimitRows(null as unknown as Resolution, null as unknown as RouteResult)).toEqual([]);
  });
});
