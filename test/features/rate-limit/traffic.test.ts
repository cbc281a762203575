import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { goRegexpError } from '../../../src/lang/go-regexp.js';
import {
  type RateLimitTraffic,
  buildRateLimit,
  mergeIrRateLimits,
  rateLimitTranslation,
} from '../../../src/features/rate-limit/traffic.js';
import { conformanceDir, hasConformance } from '../../support/conformance-dir.js';
import { expectNeverThrows, makeCtx, run } from '../../resolve/traffic/route-helpers.js';
import { parseGoCIDR } from '../../../src/lang/cidr.js';

const rl = (rateLimit: unknown, ctx = makeCtx()) => run(rateLimitTranslation, { rateLimit }, ctx);
const header = (name: string, value: string) => ({ headers: [{ name, value }] });
const rule = (limit: { requests: number; unit: string }, ...clientSelectors: unknown[]) =>
  clientSelectors.length > 0 ? { clientSelectors, limit } : { limit };
const oneRule = (selector: unknown) => rl({ global: { rules: [rule({ requests: 1, unit: 'Hour' }, selector)] } });
const errorOf = (selector: unknown) => oneRule(selector).errors;

describe('rateLimit: local', () => {
  it('uses the first selector-less rule as the default, which still consumes an index', () => {
    expect(
      rl({
        type: 'Local',
        local: {
          rules: [
            rule({ requests: 10, unit: 'Minute' }),
            rule({ requests: 10, unit: 'Hour' }, header('x-user-id', 'one')),
            rule({ requests: 5, unit: 'Minute' }, { sourceCIDR: { value: '192.168.1.5/16' } }),
          ],
        },
      }),
    ).toEqual({
      value: {
        local: {
          default: { requests: 10, unit: 'Minute' },
          rules: [
            { name: 'ns/policy/rule/1', headerMatches: [{ name: 'x-user-id', exact: 'one', distinct: false }], limit: { requests: 10, unit: 'Hour' } },
            {
              name: 'ns/policy/rule/2',
              headerMatches: [],
              cidrMatch: { cidr: '192.168.0.0/16', maskLen: 16, isIPv6: false, distinct: false, invert: false },
              limit: { requests: 5, unit: 'Minute' },
            },
          ],
        },
      },
    });
  });

  it('defaults to 4294967295 per Second without a selector-less rule', () => {
    const out = rl({ local: { rules: [rule({ requests: 3, unit: 'Second' }, header('a', 'b'))] } });
    expect(out.value?.local?.default).toEqual({ requests: 4294967295, unit: 'Second' });
    expect(out.value?.local?.rules?.map((r) => r.name)).toEqual(['ns/policy/rule/0']);
  });

  it('keeps only the default when every rule is selector-less, and its xRateLimitHeaders', () => {
    expect(rl({ local: { rules: [{ limit: { requests: 1, unit: 'Second' }, xRateLimitHeaders: 'Off' }] } })).toEqual({
      value: { local: { default: { requests: 1, unit: 'Second' }, defaultXRateLimitOption: 'Off' } },
    });
    expect(rl({ local: {} })).toEqual({ value: { local: { default: { requests: 4294967295, unit: 'Second' } } } });
  });

  it('rejects a second selector-less rule', () => {
    expect(rl({ local: { rules: [rule({ requests: 10, unit: 'Minute' }), { clientSelectors: [], limit: { requests: 1, unit: 'Minute' } }] } })).toEqual({
      errors: ['local rateLimit can not have more than one rule without clientSelectors'],
    });
  });

  it('rejects a rule unit that is not a multiple of the default unit', () => {
    expect(
      rl({ local: { rules: [rule({ requests: 1000, unit: 'Hour' }), rule({ requests: 10, unit: 'Minute' }, header('a', 'b'))] } }),
    ).toEqual({ errors: ['local rateLimit rule limit unit must be a multiple of the default limit unit'] });
    expect(rl({ local: { rules: [rule({ requests: 1, unit: 'Minute' }), rule({ requests: 10, unit: 'Year' }, header('a', 'b'))] } }).errors).toBeUndefined();
  });
});

describe('rateLimit: type and blocks', () => {
  it('builds both blocks without a type, and only the named block with one', () => {
    const both = { global: { rules: [rule({ requests: 1, unit: 'Hour' })] }, local: { rules: [rule({ requests: 2, unit: 'Second' })] } };
    expect(Object.keys(rl(both).value!)).toEqual(['global', 'local']);
    expect(Object.keys(rl({ type: 'Global', ...both }).value!)).toEqual(['global']);
    expect(Object.keys(rl({ type: 'Local', ...both }).value!)).toEqual(['local']);
    expect(rl({}).value).toEqual({});
  });

  it('keeps a selector-less global rule as a match-all rule', () => {
    expect(rl({ global: { rules: [rule({ requests: 1, unit: 'Hour' })] } }).value).toEqual({
      global: { rules: [{ name: 'ns/policy/rule/0', headerMatches: [], limit: { requests: 1, unit: 'Hour' } }] },
    });
    expect(rl({ global: { rules: [] } }).value).toEqual({ global: {} });
  });

  it('reports the type and empty-block errors', () => {
    expect(rl({ type: 'Both' }).errors).toEqual(['invalid rateLimit type: Both']);
    expect(rl({ type: 'Local' }).errors).toEqual(['local configuration empty for rateLimit']);
    expect(rl({ type: 'Global', local: {} }).errors).toEqual(['global configuration empty for rateLimit']);
  });

  it('reports global limits when the translator has no rate limit service', () => {
    const ctx = makeCtx({ globalRateLimitEnabled: false });
    expect(rl({ global: { rules: [] } }, ctx).errors).toEqual(['enable Ratelimit in the EnvoyGateway config to configure global rateLimit']);
    expect(rl({ local: { rules: [] } }, ctx).errors).toBeUndefined();
  });

  it('copies costs, metadata limits and rule flags', () => {
    const out = rl({
      global: {
        rules: [
          {
            clientSelectors: [{ methods: [{ value: 'GET', invert: true }] }],
            limit: { requests: 20, unit: 'Hour', fromMetadata: { namespace: 'something.com', key: 'k' } },
            cost: { request: { from: 'Number', number: 0 }, response: { from: 'Metadata', metadata: { namespace: 'n', key: 'c' } } },
            shared: true,
            shadowMode: false,
            xRateLimitHeaders: 'DraftVersion03',
          },
        ],
      },
    });
    expect(out.value?.global?.rules?.[0]).toEqual({
      name: 'ns/policy/rule/0',
      headerMatches: [],
      methodMatches: [{ name: '', exact: 'GET', distinct: false, invert: true }],
      limit: { requests: 20, unit: 'Hour', fromMetadata: { namespace: 'something.com', key: 'k' } },
      requestCost: { number: 0 },
      responseCost: { format: '%DYNAMIC_METADATA(n:c)%' },
      shared: true,
      shadowMode: false,
      xRateLimitOption: 'DraftVersion03',
    });
  });
});

describe('rateLimit: client selectors', () => {
  const matchOf = (selector: unknown) => oneRule(selector).value?.global?.rules?.[0];

  it('merges every selector of a rule into one IR rule', () => {
    const r = rl({
      global: { rules: [rule({ requests: 1, unit: 'Hour' }, { path: { type: 'Exact', value: '/test' } }, { methods: [{ value: 'POST' }] }, header('h', 'v'))] },
    }).value?.global?.rules?.[0];
    expect(r?.pathMatch).toEqual({ name: '', exact: '/test', distinct: false });
    expect(r?.methodMatches).toEqual([{ name: '', exact: 'POST', distinct: false }]);
    expect(r?.headerMatches).toEqual([{ name: 'h', exact: 'v', distinct: false }]);
  });

  it('maps header match types', () => {
    expect(
      matchOf({
        headers: [
          { name: 'a', value: 'one' },
          { name: 'b', type: 'Exact', value: 'two', invert: false },
          { name: 'c', type: 'RegularExpression', value: '^x.*$', invert: true },
          { name: 'd', type: 'Distinct' },
        ],
      })?.headerMatches,
    ).toEqual([
      { name: 'a', exact: 'one', distinct: false },
      { name: 'b', exact: 'two', distinct: false, invert: false },
      { name: 'c', safeRegex: '^x.*$', distinct: false, invert: true },
      { name: 'd', distinct: true },
    ]);
  });

  it('maps path matches (prefix other than / becomes a regex)', () => {
    expect(matchOf({ path: { type: 'PathPrefix', value: '/' } })?.pathMatch).toEqual({ name: '', prefix: '/', distinct: false });
    expect(matchOf({ path: { value: '/user' } })?.pathMatch).toEqual({ name: '', safeRegex: '^/user(/.*|\\?.*|#.*|;.*|$)', distinct: false });
    expect(matchOf({ path: { type: 'PathPrefix', value: '/v1.0+(x)', invert: true } })?.pathMatch).toEqual({
      name: '',
      safeRegex: '^/v1\\.0\\+\\(x\\)(/.*|\\?.*|#.*|;.*|$)',
      distinct: false,
      invert: true,
    });
    expect(matchOf({ path: { type: 'RegularExpression', value: '^/api/v[0-9]+' } })?.pathMatch).toEqual({
      name: '',
      safeRegex: '^/api/v[0-9]+',
      distinct: false,
    });
  });

  it('normalises CIDRs like Go', () => {
    expect(matchOf({ sourceCIDR: { type: 'Distinct', value: '::/64' } })?.cidrMatch).toEqual({
      cidr: '::/64',
      maskLen: 64,
      isIPv6: true,
      distinct: true,
      invert: false,
    });
    expect(matchOf({ sourceCIDR: { value: '10.1.2.3/8', invert: true } })?.cidrMatch).toEqual({
      cidr: '10.0.0.0/8',
      maskLen: 8,
      isIPv6: false,
      distinct: false,
      invert: true,
    });
  });

  it('maps query parameter matches', () => {
    expect(
      matchOf({
        queryParams: [
          { name: 'u', value: 'alice' },
          { name: 'r', type: 'RegularExpression', value: 'a+', invert: true },
          { name: 'd', type: 'Distinct' },
        ],
      })?.queryParamMatches,
    ).toEqual([
      { name: 'u', exact: 'alice', distinct: false },
      { name: 'r', safeRegex: 'a+', distinct: false, invert: true },
      { name: 'd', distinct: true },
    ]);
  });

  it('reports every selector error with Envoy Gateway’s text', () => {
    expect(errorOf({})).toEqual([
      'unable to translate rateLimit. At least one of the header or method or path or sourceCIDR or queryParameters must be specified',
    ]);
    expect(errorOf({ headers: [{ name: 'x', type: 'Distinct', invert: true }] })).toEqual([
      'unable to translate rateLimit.Invert is not applicable for distinct header match type',
    ]);
    for (const h of [{ name: 'x' }, { name: 'x', type: 'Exact' }, { name: 'x', type: 'Distinct', value: 'v' }, { name: 'x', type: 'Prefix', value: 'v' }]) {
      expect(errorOf({ headers: [h] })).toEqual([
        'unable to translate rateLimit. Either the header.Type is not valid or the header is missing a value',
      ]);
    }
    expect(errorOf({ headers: [{ name: 'x-user-id', type: 'RegularExpression', value: '*.illegal.regex' }] })).toEqual([
      'regex "*.illegal.regex" is invalid: error parsing regexp: missing argument to repetition operator: `*`',
    ]);
    expect(errorOf({ path: { type: 'RegularExpression', value: '/a(' } })).toEqual([
      'regex "/a(" is invalid: error parsing regexp: missing closing ): `/a(`',
    ]);
    expect(errorOf({ path: { type: 'Suffix', value: '/a' } })).toEqual(['unable to translate rateLimit: invalid path type.']);
    expect(errorOf({ sourceCIDR: { value: '192.168.0.0' } })).toEqual(['unable to translate rateLimit: invalid CIDR address: 192.168.0.0']);
    expect(errorOf({ sourceCIDR: { value: '192.168.0.0/33' } })).toEqual(['unable to translate rateLimit: invalid CIDR address: 192.168.0.0/33']);
    expect(errorOf({ queryParams: [{ value: 'v' }] })).toEqual(['name is required when QueryParamMatch is specified']);
    expect(errorOf({ queryParams: [{ name: 'q' }] })).toEqual(['value is required for Exact query parameter match']);
    expect(errorOf({ queryParams: [{ name: 'q', type: 'RegularExpression' }] })).toEqual([
      'value is required for RegularExpression query parameter match',
    ]);
    expect(errorOf({ queryParams: [{ name: 'q', type: 'RegularExpression', value: 'a{2,1}' }] })).toEqual([
      'regex "a{2,1}" is invalid: error parsing regexp: invalid repeat count: `{2,1}`',
    ]);
    expect(errorOf({ queryParams: [{ name: 'q', type: 'Distinct', invert: true }] })).toEqual([
      'unable to translate rateLimit.Invert is not applicable for distinct query parameter match type',
    ]);
    expect(errorOf({ queryParams: [{ name: 'q', type: 'Distinct', value: 'v' }] })).toEqual([
      'unable to translate rateLimit.Value is not applicable for distinct query parameter match type',
    ]);
    expect(errorOf({ queryParams: [{ name: 'q', type: 'Prefix', value: 'v' }] })).toEqual(['invalid query parameter match type: Prefix']);
  });

  it('never throws on arbitrary input', () => {
    expectNeverThrows(rateLimitTranslation, 'rateLimit');
  });
});

describe('Go net.ParseCIDR', () => {
  it.each([
    ['192.168.1.5/16', { cidr: '192.168.0.0/16', maskLen: 16, isIPv6: false }],
    ['0.0.0.0/0', { cidr: '0.0.0.0/0', maskLen: 0, isIPv6: false }],
    ['10.0.0.1/032', { cidr: '10.0.0.1/32', maskLen: 32, isIPv6: false }],
    ['2001:db8::1/32', { cidr: '2001:db8::/32', maskLen: 32, isIPv6: true }],
    ['2001:0db8:0:0:1:0:0:1/128', { cidr: '2001:db8::1:0:0:1/128', maskLen: 128, isIPv6: true }],
    ['1:0:2:3:4:5:6:7/128', { cidr: '1:0:2:3:4:5:6:7/128', maskLen: 128, isIPv6: true }],
    ['::ffff:1.2.3.4/120', { cidr: '1.2.3.0/24', maskLen: 120, isIPv6: false }],
    ['::ffff:1.2.3.4/64', { cidr: '::/64', maskLen: 64, isIPv6: false }],
  ])('%s', (input, expected) => {
    expect(parseGoCIDR(input)).toEqual(expected);
  });

  it.each(['1.2.3.4', '1.2.3.4/', '1.2.3/8', '01.2.3.4/8', '1.2.3.256/8', '1.2.3.4/+8', '::1%eth0/64', '1::2::3/64', '1:2:3:4:5:6:7:8::/64', 'a/8'])(
    'rejects %s',
    (input) => {
      expect(parseGoCIDR(input)).toBeUndefined();
    },
  );
});

describe('Go regexp syntax', () => {
  it.each([
    ['*.illegal.regex', 'missing argument to repetition operator: `*`'],
    ['a|+', 'missing argument to repetition operator: `+`'],
    ['(?i)*', 'missing argument to repetition operator: `*`'],
    ['{2}', 'missing argument to repetition operator: `{2}`'],
    ['a**', 'invalid nested repetition operator: `**`'],
    ['a*?*', 'invalid nested repetition operator: `*?*`'],
    ['x{2}{3}', 'invalid nested repetition operator: `{2}{3}`'],
    ['a{1001}', 'invalid repeat count: `{1001}`'],
    ['(a{500}){3}', 'invalid repeat count: `{3}`'],
    ['(abc', 'missing closing ): `(abc`'],
    ['abc)', 'unexpected ): `abc)`'],
    ['[a', 'missing closing ]: `[a`'],
    ['[z-a]', 'invalid character class range: `z-a`'],
    ['[[:word2:]]', 'invalid character class range: `[:word2:]`'],
    ['\\pX', 'invalid character class range: `\\pX`'],
    ['\\p{Klingon}', 'invalid character class range: `\\p{Klingon}`'],
    ['\\8', 'invalid escape sequence: `\\8`'],
    ['\\Z', 'invalid escape sequence: `\\Z`'],
    ['\\C', 'invalid escape sequence: `\\C`'],
    ['\\x{110000}', 'invalid escape sequence: `\\x{110000`'],
    ['a\\', 'trailing backslash at end of expression: ``'],
    ['(?z)', 'invalid or unsupported Perl syntax: `(?z`'],
    ['(?P=n)', 'invalid or unsupported Perl syntax: `(?P`'],
    ['(?P<>a)', 'invalid named capture: `(?P<>`'],
    ['(?<n-1>a)', 'invalid named capture: `(?<n-1>`'],
  ])('%s → %s', (re, err) => {
    expect(goRegexpError(re)).toBe(`error parsing regexp: ${err}`);
  });

  describe('size limits (Go ≥ 1.20: at most 3,355,443 program instructions)', () => {
    const tooLarge = (re: string) => `error parsing regexp: expression too large: \`${re}\``;

    it('counts a counted repetition as its count times its argument', () => {
      // 3,355 × 1000 instructions fit; one more `a{1000}` does not.
      expect(goRegexpError('a{1000}'.repeat(3355))).toBeUndefined();
      expect(goRegexpError('a{1000}'.repeat(3356))).toBe(tooLarge('a{1000}'.repeat(3356)));
      expect(goRegexpError('.{1000}'.repeat(3356))).toBe(tooLarge('.{1000}'.repeat(3356)));
      expect(goRegexpError('[ab]{1000}'.repeat(3356))).toBe(tooLarge('[ab]{1000}'.repeat(3356)));
    });

    it('checks the size before the nesting of counts', () => {
      // 1000 × (4 × 1000 + 2) is too large: that error wins over `invalid repeat count`.
      expect(goRegexpError('(a{1000}b{1000}c{1000}d{1000}){1000}')).toBe(tooLarge('(a{1000}b{1000}c{1000}d{1000}){1000}'));
      // 1000 × (3 × 1000 + 2) fits, so the nested counts are what is wrong.
      expect(goRegexpError('(a{1000}b{1000}c{1000}){1000}')).toBe('error parsing regexp: invalid repeat count: `{1000}`');
    });
  });

  it.each(['^/api/v[0-9]+/.*$', '^*', 'a{,5}', 'a{1000}', '()*', '(?i:a)+', '(?)', '[]a]', '[^-a]', '[\\d-z]', '\\Qa*\\E*', '\\p{Greek}', '\\PL', '(?P<n>a)(?<m>b)', '\\x41\\x{1F600}\\101', 'a|b|c', '\\.\\_'])(
    'accepts %s',
    (re) => {
      expect(goRegexpError(re)).toBeUndefined();
    },
  );
});

describe('mergeIrRateLimits', () => {
  const r = (name: string) => ({ name, headerMatches: [], limit: { requests: 1, unit: 'Hour' } });
  const parent: RateLimitTraffic = { global: { rules: [r('gw/p/rule/0')] }, local: { default: { requests: 9, unit: 'Second' }, rules: [r('gw/p/rule/1')] } };
  const route: RateLimitTraffic = { local: { default: { requests: 1, unit: 'Minute' }, rules: [r('ns/r/rule/0')] } };

  it('StrategicMerge puts the route rules before the parent rules, and takes the route default', () => {
    expect(mergeIrRateLimits(parent, route, 'StrategicMerge')).toEqual({
      success: true,
      data: {
        global: { rules: [r('gw/p/rule/0')] },
        local: { default: { requests: 1, unit: 'Minute' }, rules: [r('ns/r/rule/0'), r('gw/p/rule/1')] },
      },
    });
  });

  it('JSONMerge replaces the rules list', () => {
    expect(mergeIrRateLimits(parent, route, 'JSONMerge')).toEqual({
      success: true,
      data: { global: { rules: [r('gw/p/rule/0')] }, local: { default: { requests: 1, unit: 'Minute' }, rules: [r('ns/r/rule/0')] } },
    });
  });

  it('rejects other merge types', () => {
    expect(mergeIrRateLimits(parent, route, 'Replace')).toEqual({
      success: false,
      error: 'error merging rate limits: unsupported merge type: Replace',
    });
  });

  it('does not modify its inputs', () => {
    const before = JSON.stringify([parent, route]);
    mergeIrRateLimits(parent, route, 'StrategicMerge');
    expect(JSON.stringify([parent, route])).toBe(before);
  });

  const goldenDir = path.join(conformanceDir(), 'gatewayapi');
  it.skipIf(!hasConformance()).each(['backendtrafficpolicy-strategic-merge-global-ratelimit', 'backendtrafficpolicy-strategic-merge-local-ratelimit'])(
    'reproduces the merged rules of %s',
    (name) => {
      const input = parse(readFileSync(path.join(goldenDir, `${name}.in.yaml`), 'utf8'));
      const output = parse(readFileSync(path.join(goldenDir, `${name}.out.yaml`), 'utf8'));
      const [gw, rt] = ['policy-for-gateway1', 'policy-for-route'].map((n) => input.backendTrafficPolicies.find((p: any) => p.metadata.name === n));
      const built = [gw, rt].map((p) => {
        const b = buildRateLimit(p.spec.rateLimit, makeCtx({ policy: { namespace: p.metadata.namespace, name: p.metadata.name } }));
        if (!b.success) throw new Error(b.error);
        return b.data;
      });
      const merged = mergeIrRateLimits(built[0]!, built[1]!, rt.spec.mergeType);
      const golden = Object.values<any>(output.xdsIR).flatMap((ir) => ir.http.flatMap((l: any) => l.routes.map((route: any) => route.traffic?.rateLimit)));
      expect(merged.success && golden).toContainEqual(merged.success && merged.data);
    },
  );
});
