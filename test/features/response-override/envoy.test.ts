import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/emit/emit-context.js';
import { responseOverrideRoute, rulePredicate, statusRangeExpr } from '../../../src/features/response-override/envoy.js';
import { baseRoute, goldenHttpFilters, hasXds, routeCtx } from '../../emit/route-golden-support.js';
import { ResponseOverrideTrafficSchema } from '../../../src/features/response-override/traffic.js';

const NAME = 'backendtrafficpolicy/default/policy';
const FILTER = `envoy.filters.http.custom_response/${NAME}`;
const T = (name: string) => `type.googleapis.com/${name}`;
const STATUS_INPUT = { name: 'http-response-status-code-match-input', typedConfig: { '@type': T('envoy.type.matcher.v3.HttpResponseStatusCodeMatchInput') } };

function run(rules: unknown[]) {
  // As the emitter's boundary hands it over: parsed with the feature's schema.
  const value = ResponseOverrideTrafficSchema.parse({ name: NAME, rules });
  const route = baseRoute();
  const ctx = routeCtx({ responseOverride: value });
  responseOverrideRoute.apply(route, value, ctx);
  return { route, filters: responseOverrideRoute.httpFilters?.(value, ctx) ?? [] };
}

describe('response override', () => {
  it('one disabled custom-response filter per policy, enabled per route by an empty FilterConfig', () => {
    const { route, filters } = run([
      {
        name: `${NAME}/responseoverride/rule/0`,
        match: { statusCodes: [{ value: 404 }] },
        response: {
          contentType: 'text/plain',
          body: 'Not Found',
          addResponseHeaders: [
            { name: 'X-Add', value: ['a'], append: true, addIfAbsent: false },
            { name: 'X-Set', value: ['s'], append: false, addIfAbsent: false },
          ],
        },
      },
    ]);
    expect(route.typedPerFilterConfig).toEqual({ [FILTER]: { '@type': T('envoy.config.route.v3.FilterConfig'), config: {} } });
    expect(filters).toEqual([
      {
        name: FILTER,
        disabled: true,
        typedConfig: {
          '@type': T('envoy.extensions.filters.http.custom_response.v3.CustomResponse'),
          customResponseMatcher: {
            matcherList: {
              matchers: [
                {
                  predicate: { singlePredicate: { input: STATUS_INPUT, valueMatch: { exact: '404' } } },
                  onMatch: {
                    action: {
                      name: `${NAME}/responseoverride/rule/0`,
                      typedConfig: {
                        '@type': T('envoy.extensions.http.custom_response.local_response_policy.v3.LocalResponsePolicy'),
                        bodyFormat: { textFormat: 'Not Found' },
                        responseHeadersToAdd: [
                          { header: { key: 'Content-Type', value: 'text/plain' }, appendAction: 'OVERWRITE_IF_EXISTS_OR_ADD' },
                          { header: { key: 'X-Add', value: 'a' } },
                          { header: { key: 'X-Set', value: 's' }, appendAction: 'OVERWRITE_IF_EXISTS_OR_ADD' },
                        ],
                      },
                    },
                  },
                },
              ],
            },
          },
        },
      },
    ]);
  });

  it('ORs status codes, ANDs headers, and ANDs the parts with the local-reply source', () => {
    const p = rulePredicate({
      name: 'r',
      match: {
        statusCodes: [{ value: 500 }, { range: { start: 501, end: 511 } }],
        responseHeaders: [
          { name: 'X-A', prefix: 'p', distinct: false },
          { name: 'X-B', safeRegex: '^us-.*$', distinct: false },
        ],
      },
      source: 'Local',
    }) as { andMatcher: { predicate: JsonObject[] } };
    const [status, headers, source] = p.andMatcher.predicate;
    expect(Object.keys(status!)).toEqual(['orMatcher']);
    expect(headers).toMatchObject({
      andMatcher: {
        predicate: [
          { singlePredicate: { valueMatch: { prefix: 'p' } } },
          { singlePredicate: { input: { typedConfig: { headerName: 'X-B' } }, valueMatch: { safeRegex: { googleRe2: {}, regex: '^us-.*$' } } } },
        ],
      },
    });
    expect(source).toEqual({
      singlePredicate: {
        input: { name: 'http-response-local-reply-match-input', typedConfig: { '@type': T('envoy.type.matcher.v3.HttpResponseLocalReplyMatchInput') } },
        valueMatch: { exact: 'true' },
      },
    });
    expect(rulePredicate({ name: 'r', match: { statusCodes: [{ value: 500 }] }, source: 'All' })).toEqual({ singlePredicate: { input: STATUS_INPUT, valueMatch: { exact: '500' } } });
  });

  it.skipIf(!hasXds())('the status-range CEL expression equals Envoy Gateway’s (custom-response golden)', () => {
    const filters = goldenHttpFilters('custom-response').get('default/gateway-1/http') ?? [];
    const gateway = filters.find((f) => f.name === 'envoy.filters.http.custom_response/backendtrafficpolicy/default/policy-for-gateway') as any;
    const golden = gateway.typedConfig.customResponseMatcher.matcherList.matchers[1].predicate.orMatcher.predicate[1].singlePredicate.customMatch.typedConfig.exprMatch.celExprParsed.expr;
    expect(statusRangeExpr(501, 511)).toEqual(golden);
  });

  it('redirects replace scheme, host, port and the full path', () => {
    const { filters } = run([
      {
        name: 'r',
        match: { statusCodes: [{ value: 401 }] },
        redirect: { scheme: 'https', hostname: 'www.redirect.com', port: 8443, statusCode: 301, path: { fullReplace: '/redirect/path' } },
      },
    ]);
    const action = (filters[0]!.typedConfig as any).customResponseMatcher.matcherList.matchers[0].onMatch.action;
    expect(action).toEqual({
      name: 'r',
      typedConfig: {
        '@type': T('envoy.extensions.http.custom_response.redirect_policy.v3.RedirectPolicy'),
        redirectAction: { schemeRedirect: 'https', hostRedirect: 'www.redirect.com', portRedirect: 8443, pathRedirect: '/redirect/path' },
        statusCode: 301,
      },
    });
  });

  it('emits nothing when no rule can be expressed', () => {
    const { route, filters } = run([{ name: 'x', match: {}, response: { statusCode: 500 } }]);
    expect(filters).toEqual([]);
    expect(route).toEqual(baseRoute());
  });
});
