import { describe, expect, it } from 'vitest';
import type { RouteEntryInput, RoutesInput } from '../../../src/index.js';
import { emitEnvoy, emitRateLimitConfigs, loadRateLimitServiceFiles, parseRateLimitServiceFile, rateLimitConfigFiles, rateLimitServiceFile } from '../../../src/index.js';

const LISTENER = 'infra/eg/http';
const envoyRoute = (name: string, match = -1, host = '*') => `httproute/app/${name}/rule/0/match/${match}/${host}`;

function route(name: string, rules: unknown[], extra: Partial<RouteEntryInput> = {}): RouteEntryInput {
  return {
    gateway: { namespace: 'infra', name: 'eg' },
    listener: 'http',
    route: { kind: 'HTTPRoute', namespace: 'app', name },
    ruleIndex: 0,
    hostnames: ['*'],
    policies: [],
    provenance: {},
    backendRefs: [{ name: 'backend', port: 80 }],
    traffic: { rateLimit: { global: { rules } } } as RouteEntryInput['traffic'],
    ...extra,
  };
}

const resolution = (...routes: RouteEntryInput[]): RoutesInput => ({ routes });
const rule = (i: number, r: Record<string, unknown>, policy = 'p') => ({ name: `app/${policy}/rule/${i}`, headerMatches: [], limit: { requests: 10, unit: 'Minute' }, ...r });
const exact = (name: string, value: string, invert?: boolean) => ({ name, exact: value, distinct: false, ...(invert === undefined ? {} : { invert }) });
const distinct = (name: string) => ({ name, distinct: true });

describe('the rate limit service configuration of global rules', () => {
  it('chains the route descriptor, then header, method, path, source CIDR and query parameter entries, the limit on the last', () => {
    const r = route('web', [
      rule(0, {
        headerMatches: [exact('x-org', 'acme'), distinct('x-user-id')],
        methodMatches: [{ name: '', exact: 'GET', distinct: false }],
        pathMatch: { name: '', prefix: '/', distinct: false },
        cidrMatch: { cidr: '10.0.0.0/8', maskLen: 8, isIPv6: false, distinct: true, invert: false },
        queryParamMatches: [distinct('page')],
        limit: { requests: 7, unit: 'Hour' },
      }),
    ]);
    const { configs, diagnostics } = emitRateLimitConfigs(resolution(r));
    expect(diagnostics).toEqual([]);
    const chain = (...nodes: Array<{ key: string; value?: string }>): unknown => {
      const [first, ...rest] = nodes;
      return rest.length === 0 ? { ...first, rateLimit: { unit: 'HOUR', requestsPerUnit: 7 } } : { ...first, descriptors: [chain(...rest)] };
    };
    expect(configs).toEqual([
      {
        name: LISTENER,
        domain: LISTENER,
        descriptors: [
          chain(
            { key: envoyRoute('web'), value: envoyRoute('web') },
            { key: 'rule-0-match-0', value: 'rule-0-match-0' },
            { key: 'rule-0-match-1' },
            { key: 'rule-0-method', value: 'rule-0-method' },
            { key: 'rule-0-path', value: 'rule-0-path' },
            { key: 'masked_remote_address', value: '10.0.0.0/8' },
            { key: 'remote_address' },
            { key: 'rule-0-match-2' },
          ),
        ],
      },
    ]);
  });

  it('gives a rule without selectors its own entry, and an inverted match the entry of the match', () => {
    const r = route('web', [
      rule(0, {}),
      rule(1, { headerMatches: [exact('x-beta', 'yes', true)] }),
      rule(2, { cidrMatch: { cidr: '192.168.0.0/16', maskLen: 16, isIPv6: false, distinct: false, invert: true } }),
    ]);
    const [config] = emitRateLimitConfigs(resolution(r)).configs;
    const limit = { unit: 'MINUTE', requestsPerUnit: 10 };
    expect(config!.descriptors![0]!.descriptors).toEqual([
      { key: 'rule-0-match--1', value: 'rule-0-match--1', rateLimit: limit },
      { key: 'rule-1-match-0', value: 'rule-1-match-0', rateLimit: limit },
      { key: 'masked_remote_address', value: 'invert:192.168.0.0/16', rateLimit: limit },
    ]);
  });

  it('keeps one chain for all the methods of a rule (each sends the same entries)', () => {
    const methods = ['GET', 'POST', 'PUT'].map((m) => ({ name: '', exact: m, distinct: false }));
    const [config] = emitRateLimitConfigs(resolution(route('web', [rule(0, { methodMatches: methods })]))).configs;
    expect(config!.descriptors![0]!.descriptors).toEqual([{ key: 'rule-0-method', value: 'rule-0-method', rateLimit: { unit: 'MINUTE', requestsPerUnit: 10 } }]);
  });

  it('puts shared rules in their policy’s domain, once for every route using them, and sorts the domains', () => {
    const shared = rule(0, { headerMatches: [exact('x-plan', 'free')], shared: true, limit: { requests: 100, unit: 'Second' } }, 'zz-shared');
    const own = rule(1, { headerMatches: [distinct('x-user-id')] }, 'zz-shared');
    const { configs } = emitRateLimitConfigs(resolution(route('a', [shared, own]), route('b', [shared])));
    expect(configs.map((c) => c.domain)).toEqual(['app/zz-shared', LISTENER]);
    expect(configs[0]).toEqual({
      name: 'app/zz-shared',
      domain: 'app/zz-shared',
      descriptors: [
        {
          key: 'app/zz-shared/rule/0',
          value: 'app/zz-shared/rule/0',
          descriptors: [{ key: 'rule-0-match-0', value: 'rule-0-match-0', rateLimit: { unit: 'SECOND', requestsPerUnit: 100 } }],
        },
      ],
    });
    // The non-shared rule is the route's first of its kind: rule-0.
    expect(configs[1]!.descriptors).toEqual([
      { key: envoyRoute('a'), value: envoyRoute('a'), descriptors: [{ key: 'rule-0-match-0', rateLimit: { unit: 'MINUTE', requestsPerUnit: 10 } }] },
    ]);
  });

  it('marks every entry of a rule in shadow mode below the route descriptor', () => {
    const r = route('web', [rule(0, { headerMatches: [exact('a', '1'), exact('b', '2')], shadowMode: true })]);
    const [config] = emitRateLimitConfigs(resolution(r)).configs;
    expect(config!.descriptors![0]).toEqual({
      key: envoyRoute('web'),
      value: envoyRoute('web'),
      descriptors: [
        {
          key: 'rule-0-match-0',
          value: 'rule-0-match-0',
          shadowMode: true,
          descriptors: [{ key: 'rule-0-match-1', value: 'rule-0-match-1', shadowMode: true, rateLimit: { unit: 'MINUTE', requestsPerUnit: 10 } }],
        },
      ],
    });
  });

  it('upper-cases every unit up to MONTH and YEAR, and leaves a zero count out as protojson does', () => {
    const units = ['Second', 'Minute', 'Hour', 'Day', 'Week', 'Month', 'Year'];
    const r = route('web', units.map((unit, i) => rule(i, { headerMatches: [exact('h', unit)], limit: { requests: i, unit } })));
    const leaves = emitRateLimitConfigs(resolution(r)).configs[0]!.descriptors![0]!.descriptors!.map((d) => d.rateLimit);
    expect(leaves).toEqual([
      { unit: 'SECOND' },
      { unit: 'MINUTE', requestsPerUnit: 1 },
      { unit: 'HOUR', requestsPerUnit: 2 },
      { unit: 'DAY', requestsPerUnit: 3 },
      { unit: 'WEEK', requestsPerUnit: 4 },
      { unit: 'MONTH', requestsPerUnit: 5 },
      { unit: 'YEAR', requestsPerUnit: 6 },
    ]);
  });

  it('leaves the cost out: it is charged by the route (hits_addend), not configured in the service', () => {
    const plain = emitRateLimitConfigs(resolution(route('web', [rule(0, {})])));
    const costed = emitRateLimitConfigs(resolution(route('web', [rule(0, { requestCost: { number: 5 }, responseCost: { format: '%DYNAMIC_METADATA(x:y)%' } })])));
    expect(costed).toEqual(plain);
  });

  it('gives every Envoy route of a rule (hostname × match) its own descriptor, in Envoy Gateway’s route order', () => {
    const matches = [{ path: { type: 'PathPrefix', value: '/a' } }, { path: { type: 'Exact', value: '/b' } }];
    const r = route('web', [rule(0, {})], { hostnames: ['one.example.com', 'two.example.com'], matches });
    const keys = emitRateLimitConfigs(resolution(r)).configs[0]!.descriptors!.map((d) => d.key);
    // Exact paths take precedence over prefixes; hostnames stay in order within a match.
    expect(keys).toEqual([envoyRoute('web', 1, 'one_example_com'), envoyRoute('web', 1, 'two_example_com'), envoyRoute('web', 0, 'one_example_com'), envoyRoute('web', 0, 'two_example_com')]);
  });

  it('has one domain per listener, and nothing for rules answered directly, TCP routes or routes without global rules', () => {
    const other = route('web', [rule(0, {})], { listener: 'https' });
    const answered = route('failed', [rule(0, {})], { directResponse: { statusCode: 500 } });
    const tcp = route('tcp', [rule(0, {})], { route: { kind: 'TCPRoute', namespace: 'app', name: 'tcp' } });
    const none = route('none', [], { traffic: { retry: { numRetries: 1 } } });
    const { configs } = emitRateLimitConfigs(resolution(route('web', [rule(0, {})]), other, answered, tcp, none));
    expect(configs.map((c) => [c.domain, c.descriptors!.map((d) => d.key)])).toEqual([
      [LISTENER, [envoyRoute('web')]],
      ['infra/eg/https', [envoyRoute('web')]],
    ]);
  });

  it('keeps the first limit of a descriptor two rules end on, and says so on the second rule’s policy', () => {
    const first = rule(0, { shared: true, limit: { requests: 5, unit: 'Second' } }, 'shared');
    const second = { ...first, limit: { requests: 50, unit: 'Second' } };
    const { configs, diagnostics } = emitRateLimitConfigs(resolution(route('a', [first]), route('b', [second])));
    expect(configs[0]!.descriptors![0]!.descriptors![0]!.rateLimit).toEqual({ unit: 'SECOND', requestsPerUnit: 5 });
    expect(diagnostics).toEqual([
      {
        severity: 'warning',
        path: 'spec.rateLimit.global.rules[0]',
        object: { kind: 'BackendTrafficPolicy', namespace: 'app', name: 'shared' },
        message: expect.stringMatching(/^rate limit rule app\/shared\/rule\/0 on route httproute\/app\/b\/.*already has the limit 5 per SECOND .*so 50 per SECOND is not used$/),
      },
    ]);
  });

  it('shares the node of two rules of one route that send the same descriptor (the same source CIDR alone)', () => {
    const cidr = { cidr: '10.0.0.0/8', maskLen: 8, isIPv6: false, distinct: false, invert: false };
    const same = emitRateLimitConfigs(resolution(route('web', [rule(0, { cidrMatch: cidr }), rule(1, { cidrMatch: cidr })])));
    expect(same.diagnostics).toEqual([]);
    expect(same.configs[0]!.descriptors![0]!.descriptors).toEqual([{ key: 'masked_remote_address', value: '10.0.0.0/8', rateLimit: { unit: 'MINUTE', requestsPerUnit: 10 } }]);
    const differ = emitRateLimitConfigs(resolution(route('web', [rule(0, { cidrMatch: cidr }), rule(1, { cidrMatch: cidr, limit: { requests: 1, unit: 'Day' } })])));
    expect(differ.configs[0]!.descriptors![0]!.descriptors).toEqual(same.configs[0]!.descriptors![0]!.descriptors);
    expect(differ.diagnostics.map((d) => [d.severity, d.path])).toEqual([['warning', 'spec.rateLimit.global.rules[1]']]);
  });

  it('never hands out a configuration the service would refuse: the domain is held back with an error on the rule', () => {
    const bad = rule(0, { limit: { requests: 1, unit: 'Fortnight' } }, 'bad');
    const unnamed = { ...rule(0, { limit: { requests: 1, unit: 'Fortnight' } }), name: 'unnamed' };
    const { configs, diagnostics } = emitRateLimitConfigs(resolution(route('a', [bad]), route('b', [unnamed], { listener: 'https' }), route('c', [rule(0, { shared: true }, 'good')])));
    expect(configs.map((c) => c.domain)).toEqual(['app/good']);
    const refused = (domain: string) => `the rate limit service would refuse the configuration of domain "${domain}", so it is not emitted: descriptors[0].descriptors[0].rate_limit.unit: invalid rate limit unit 'FORTNIGHT'`;
    expect(diagnostics).toEqual([
      { severity: 'error', path: 'spec.rateLimit.global.rules[0]', object: { kind: 'BackendTrafficPolicy', namespace: 'app', name: 'bad' }, message: refused(LISTENER) },
      // A rule not named after its policy is reported where it is in the Resolution.
      { severity: 'error', path: 'routes[1].traffic.rateLimit.global.rules[0]', message: refused('infra/eg/https') },
    ]);
  });

  it('sends nothing for a rate limit emitEnvoy leaves out of the route, as Envoy gets no actions for it', () => {
    // A shared rule without a name: its generic key and its domain would be empty.
    const nameless = { ...rule(0, { shared: true }), name: '' };
    // Not the shape of traffic.rateLimit: a rule without a name.
    const { name: _, ...shapeless } = rule(0, {});
    const input = resolution(route('a', [nameless]), route('b', [shapeless]), route('c', [rule(0, { shared: true }, 'good')]));
    expect(emitRateLimitConfigs(input)).toEqual(emitRateLimitConfigs(resolution(route('c', [rule(0, { shared: true }, 'good')]))));
    expect(emitEnvoy(input).diagnostics.map((d) => [d.path, d.feature])).toEqual([
      ['routes[0].traffic.rateLimit.global.rules[0].name', 'rateLimit'],
      ['routes[1].traffic.rateLimit.global.rules[0].name', 'rateLimit'],
    ]);
  });

  it('never throws and never changes its input', () => {
    // No list of routes is an error, as for emitEnvoy; a route that cannot be read is emitEnvoy's to report.
    const noRoutes = { severity: 'error', path: 'routes', message: 'the resolution has no list of routes; nothing to emit' };
    for (const input of [null, undefined, 5, {}, { routes: 5 }]) {
      expect(emitRateLimitConfigs(input as unknown as RoutesInput)).toEqual({ configs: [], diagnostics: [noRoutes] });
    }
    expect(emitRateLimitConfigs({ routes: [null, 1, { gateway: {} }] } as unknown as RoutesInput)).toEqual({ configs: [], diagnostics: [] });
    const throwing = Object.defineProperty({}, 'routes', {
      get() {
        throw new Error('no routes');
      },
    });
    expect(emitRateLimitConfigs(throwing as RoutesInput).diagnostics).toEqual([{ severity: 'error', path: 'routes', message: "the resolution's routes could not be read (no routes); nothing to emit" }]);
    // Options as emitEnvoy reads its own.
    const some = resolution(route('web', [rule(0, { headerMatches: [distinct('x')] })]));
    expect(emitRateLimitConfigs(some, { budgt: {} } as never).diagnostics).toEqual([
      { severity: 'warning', path: 'options.budgt', message: 'options.budgt is not an option of emitRateLimitConfigs (budget); ignored' },
    ]);
    expect(emitRateLimitConfigs(some, 'big' as never).diagnostics).toEqual([
      { severity: 'warning', path: 'options', message: 'the rate limit options could not be read (they are not an object); the defaults are used' },
    ]);
    const input = resolution(route('web', [rule(0, { headerMatches: [distinct('x')] })]));
    const frozen = structuredClone(input);
    const deepFreeze = (o: unknown): void => {
      if (o && typeof o === 'object') {
        Object.freeze(o);
        Object.values(o).forEach(deepFreeze);
      }
    };
    deepFreeze(frozen);
    expect(emitRateLimitConfigs(frozen)).toEqual(emitRateLimitConfigs(input));
    expect(frozen).toEqual(input);
  });
});

describe('the YAML files for the service’s runtime directory', () => {
  const shared = rule(0, { headerMatches: [distinct('x-user-id')], shared: true, shadowMode: true }, 'limits');
  const { configs } = emitRateLimitConfigs(resolution(route('web', [shared, rule(1, {})])));
  const files = rateLimitConfigFiles(configs);

  it('writes one file per domain, named after it', () => {
    expect(files.map((f) => [f.fileName, f.domain])).toEqual([
      ['app_limits.yaml', 'app/limits'],
      ['infra_eg_http.yaml', LISTENER],
    ]);
    expect(files[0]!.content).toBe(
      [
        'domain: app/limits',
        'descriptors:',
        '  - key: app/limits/rule/0',
        '    value: app/limits/rule/0',
        '    descriptors:',
        '      - key: rule-0-match-0',
        '        rate_limit:',
        '          unit: MINUTE',
        '          requests_per_unit: 10',
        '        shadow_mode: true',
        '',
      ].join('\n'),
    );
  });

  it('writes files the service loads, holding the same configuration', () => {
    expect(loadRateLimitServiceFiles(files.map((f) => ({ name: f.fileName, content: f.content })))).toEqual({ ok: true, domains: ['app/limits', LISTENER] });
    files.forEach((f, i) => expect(parseRateLimitServiceFile(f.content)).toEqual({ success: true, data: rateLimitServiceFile(configs[i]!) }));
  });

  it('quotes a value YAML 1.1 would read as something else, and keeps file names apart', () => {
    const odd = [{ name: 'on', domain: 'on', descriptors: [{ key: 'yes', value: 'off' }] }, { name: 'a/b', domain: 'a/b' }, { name: 'a_b', domain: 'a_b' }];
    const out = rateLimitConfigFiles(odd);
    expect(out.map((f) => f.fileName)).toEqual(['on.yaml', 'a_b.yaml', 'a_b-2.yaml']);
    expect(parseRateLimitServiceFile(out[0]!.content)).toEqual({ success: true, data: { domain: 'on', descriptors: [{ key: 'yes', value: 'off' }] } });
  });
});
