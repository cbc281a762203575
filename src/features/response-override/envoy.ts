/**
 * `traffic.responseOverride` → Envoy's custom-response filter.
 *
 * Each policy's overrides become one disabled HCM filter
 * `envoy.filters.http.custom_response/backendtrafficpolicy/<ns>/<name>` holding a matcher list
 * (first matching rule wins); every route the policy shapes enables it with an empty
 * `FilterConfig{config: {}}` under the same name.
 *
 * A rule's predicate is the AND of: its status codes (one → a single predicate, several → OR;
 * a value compares the status-code input, a range is a CEL expression
 * `response.code >= start && response.code <= end`), its response headers (one → single,
 * several → AND), and for `source: Local|Backend` whether the response is a local reply. Its
 * action is a `LocalResponsePolicy` (body, status, headers) or a `RedirectPolicy`.
 */
import type { CelExpr, CustomResponse, FieldMatcher, FilterConfig, HeaderValueOption, LocalResponsePolicy, Predicate, RedirectPolicy, SinglePredicate } from '../../emit/envoy-types/index.js';
import type { RouteEmission } from '../feature.js';
import { int64, typedExtension } from '../../emit/protojson.js';
import { httpFilter, setPerFilterConfig, stringMatcher, uint } from '../../emit/route-parts.js';
import { EnvoyRules, UINT32_MAX } from '../../emit/envoy-rules.js';
import type {
  CustomRedirectTraffic,
  CustomResponseTraffic,
  ResponseHeaderMatchTraffic,
  ResponseOverrideRuleTraffic,
  ResponseOverrideTraffic,
  StatusCodeMatchTraffic,
} from './traffic.js';

const FILTER_PREFIX = 'envoy.filters.http.custom_response';
const CUSTOM_RESPONSE_TYPE = 'envoy.extensions.filters.http.custom_response.v3.CustomResponse';
const FILTER_CONFIG_TYPE = 'envoy.config.route.v3.FilterConfig';
const LOCAL_RESPONSE_TYPE = 'envoy.extensions.http.custom_response.local_response_policy.v3.LocalResponsePolicy';
const REDIRECT_TYPE = 'envoy.extensions.http.custom_response.redirect_policy.v3.RedirectPolicy';

/** HCM filter name of a response-override config (`backendtrafficpolicy/<ns>/<name>`). */
const customResponseFilterName = (name: string) => `${FILTER_PREFIX}/${name}`;

function statusValuePredicate(code: number): Predicate {
  return {
    singlePredicate: {
      input: typedExtension('http-response-status-code-match-input', 'envoy.type.matcher.v3.HttpResponseStatusCodeMatchInput'),
      valueMatch: { exact: String(code) },
    },
  };
}

/**
 * `response.code >= start && response.code <= end` as a parsed CEL expression. Node ids follow
 * the order a CEL parser assigns them (operands before their call), as Envoy Gateway's output shows.
 */
export function statusRangeExpr(start: number, end: number): CelExpr {
  const responseCode = (ident: number, select: number): CelExpr => ({
    id: int64(select),
    selectExpr: { operand: { id: int64(ident), identExpr: { name: 'response' } }, field: 'code' },
  });
  const compare = (fn: string, ids: [number, number, number, number], bound: number): CelExpr => ({
    id: int64(ids[3]),
    callExpr: { function: fn, args: [responseCode(ids[0], ids[1]), { id: int64(ids[2]), constExpr: { int64Value: int64(bound) } }] },
  });
  return {
    id: '9',
    callExpr: { function: '_&&_', args: [compare('_>=_', [1, 2, 4, 3], start), compare('_<=_', [5, 6, 8, 7], end)] },
  };
}

function statusRangePredicate(start: number, end: number): Predicate {
  return {
    singlePredicate: {
      input: typedExtension('http-attributes-cel-match-input', 'xds.type.matcher.v3.HttpAttributesCelMatchInput'),
      customMatch: typedExtension('cel-matcher', 'xds.type.matcher.v3.CelMatcher', {
        exprMatch: { celExprParsed: { expr: statusRangeExpr(start, end) } },
      }),
    },
  };
}

/** The predicate of a response-header match; undefined when it names no value. */
function headerPredicate(match: ResponseHeaderMatchTraffic): Predicate | undefined {
  const valueMatch = stringMatcher(match, true);
  if (!valueMatch) return undefined;
  const single: SinglePredicate = {
    input: typedExtension('http-response-header-match-input', 'envoy.type.matcher.v3.HttpResponseHeaderMatchInput', { headerName: match.name }),
    valueMatch,
  };
  return { singlePredicate: single };
}

function sourcePredicate(source: string | undefined): Predicate | undefined {
  if (source !== 'Local' && source !== 'Backend') return undefined;
  return {
    singlePredicate: {
      input: typedExtension('http-response-local-reply-match-input', 'envoy.type.matcher.v3.HttpResponseLocalReplyMatchInput'),
      valueMatch: { exact: source === 'Local' ? 'true' : 'false' },
    },
  };
}

/** One predicate, or `kind` (`orMatcher` / `andMatcher`) of several; undefined for none. */
function combine(predicates: Predicate[], kind: 'orMatcher' | 'andMatcher'): Predicate | undefined {
  if (predicates.length <= 1) return predicates[0];
  return kind === 'orMatcher' ? { orMatcher: { predicate: predicates } } : { andMatcher: { predicate: predicates } };
}

/** The status codes a match compares: whole non-negative values and ranges (others match nothing). */
function statusPredicate(c: StatusCodeMatchTraffic): Predicate | undefined {
  const value = uint(c.value);
  if (value !== undefined) return statusValuePredicate(value);
  const start = uint(c.range?.start);
  const end = uint(c.range?.end);
  return start !== undefined && end !== undefined ? statusRangePredicate(start, end) : undefined;
}

/** The predicate of a rule; undefined when it matches on nothing (the CRD forbids that). */
export function rulePredicate(rule: ResponseOverrideRuleTraffic): Predicate | undefined {
  const statuses = (rule.match.statusCodes ?? []).flatMap((c) => statusPredicate(c) ?? []);
  const headers = (rule.match.responseHeaders ?? []).flatMap((h) => headerPredicate(h) ?? []);
  const parts = [combine(statuses, 'orMatcher'), combine(headers, 'andMatcher'), sourcePredicate(rule.source)].filter((p): p is Predicate => p !== undefined);
  return combine(parts, 'andMatcher');
}

function headerOption(key: string, value: string, append: boolean): HeaderValueOption {
  // APPEND_IF_EXISTS_OR_ADD is the enum's zero value, which protojson omits.
  return append ? { header: { key, value } } : { header: { key, value }, appendAction: 'OVERWRITE_IF_EXISTS_OR_ADD' };
}

/** The headers a custom response adds: its content type, then the policy's headers, each value once. */
function responseHeaders(response: CustomResponseTraffic): HeaderValueOption[] {
  const headers: HeaderValueOption[] = [];
  if (response.contentType !== undefined) headers.push(headerOption('Content-Type', response.contentType, false));
  for (const h of response.addResponseHeaders ?? []) for (const v of h.value) headers.push(headerOption(h.name, v, h.append));
  return headers;
}

function localResponse(response: CustomResponseTraffic): LocalResponsePolicy {
  const policy: LocalResponsePolicy = {};
  if (response.body !== undefined) policy.bodyFormat = { textFormat: response.body };
  const status = uint(response.statusCode);
  if (status !== undefined) policy.statusCode = status;
  const headers = responseHeaders(response);
  if (headers.length > 0) policy.responseHeadersToAdd = headers;
  return policy;
}

function redirect(r: CustomRedirectTraffic): RedirectPolicy {
  const action: RedirectPolicy['redirectAction'] = {};
  if (r.scheme) action.schemeRedirect = r.scheme;
  if (r.hostname) action.hostRedirect = r.hostname;
  const port = uint(r.port);
  if (port) action.portRedirect = port;
  // Only a full path replacement can be expressed without the matched request.
  if (r.path?.fullReplace) action.pathRedirect = r.path.fullReplace;
  const policy: RedirectPolicy = { redirectAction: action };
  const status = uint(r.statusCode);
  if (status !== undefined) policy.statusCode = status;
  return policy;
}

/** The matcher entry of one rule; undefined when it matches nothing or does nothing. */
function fieldMatcher(rule: ResponseOverrideRuleTraffic): FieldMatcher | undefined {
  const predicate = rulePredicate(rule);
  if (!predicate) return undefined;
  let action: FieldMatcher['onMatch']['action'];
  if (rule.response) action = typedExtension(rule.name, LOCAL_RESPONSE_TYPE, localResponse(rule.response));
  else if (rule.redirect) action = typedExtension(rule.name, REDIRECT_TYPE, redirect(rule.redirect));
  else return undefined;
  return { predicate, onMatch: { action } };
}

/** The config name and HCM config of a value; undefined when no rule can be expressed (Envoy needs one matcher). */
function overrideOf(value: ResponseOverrideTraffic | undefined): { name: string; config: CustomResponse } | undefined {
  if (!value) return undefined;
  const matchers = value.rules.flatMap((rule) => fieldMatcher(rule) ?? []);
  if (matchers.length === 0) return undefined;
  return { name: value.name, config: { customResponseMatcher: { matcherList: { matchers } } } };
}

/**
 * What Envoy rejects in the custom-response filter: a local response's `status_code` outside
 * [200, 600) and a redirect's outside [200, 999]; a header to add whose name is not a header name
 * or whose value is not a header value (at most 16384 bytes each), or more than 1000 of them; a
 * response-header match on a header name that is not one, or with an empty prefix, suffix or
 * regular expression; a redirect host or path that is not a header value, or a port that is not a
 * `uint32`.
 */
function responseOverrideRejections(value: ResponseOverrideTraffic) {
  const rules = new EnvoyRules();
  value.rules.forEach((rule, i) => {
    if (!rulePredicate(rule)) return;
    const at = `rules[${i}]`;
    (rule.match.responseHeaders ?? []).forEach((h, j) => {
      if (!stringMatcher(h, true)) return;
      const m = `${at}.match.responseHeaders[${j}]`;
      rules.headerName(`${m}.name`, h.name, 'HttpResponseHeaderMatchInput.header_name');
      rules.minLength(`${m}.prefix`, h.exact === undefined ? h.prefix : undefined, 1, 'StringMatcher.prefix');
      rules.minLength(`${m}.suffix`, h.exact === undefined && h.prefix === undefined ? h.suffix : undefined, 1, 'StringMatcher.suffix');
      const regex = h.exact === undefined && h.prefix === undefined && h.suffix === undefined ? h.safeRegex : undefined;
      rules.minLength(`${m}.safeRegex`, regex, 1, 'RegexMatcher.regex');
    });
    if (rule.response) {
      const r = rule.response;
      const status = uint(r.statusCode);
      if (status !== undefined) rules.integer(`${at}.response.statusCode`, status, 200, 599, 'LocalResponsePolicy.status_code');
      const headers = responseHeaders(r);
      rules.check(`${at}.response.addResponseHeaders`, headers.length <= 1000, `LocalResponsePolicy.response_headers_to_add must have at most 1000 items, got ${headers.length}`);
      for (const { header } of headers) {
        const h = header.key === 'Content-Type' && r.contentType !== undefined ? `${at}.response.contentType` : `${at}.response.addResponseHeaders.${header.key}`;
        rules.headerName(h, header.key, 'HeaderValue.key');
        rules.maxBytes(h, header.key, 16384, 'HeaderValue.key');
        rules.headerValue(h, header.value, 'HeaderValue.value');
        rules.maxBytes(h, header.value, 16384, 'HeaderValue.value');
      }
    } else if (rule.redirect) {
      const r = rule.redirect;
      const status = uint(r.statusCode);
      if (status !== undefined) rules.integer(`${at}.redirect.statusCode`, status, 200, 999, 'RedirectPolicy.status_code');
      if (r.hostname) rules.headerValue(`${at}.redirect.hostname`, r.hostname, 'RedirectAction.host_redirect');
      if (r.path?.fullReplace) rules.headerValue(`${at}.redirect.path.fullReplace`, r.path.fullReplace, 'RedirectAction.path_redirect');
      const port = uint(r.port);
      if (port) rules.integer(`${at}.redirect.port`, port, 0, UINT32_MAX, 'RedirectAction.port_redirect');
    }
  });
  return rules.found;
}

export const responseOverrideRoute: RouteEmission<ResponseOverrideTraffic> = {
  apply(route, value) {
    const override = overrideOf(value);
    if (override) setPerFilterConfig<FilterConfig>(route, customResponseFilterName(override.name), FILTER_CONFIG_TYPE, { config: {} });
  },
  httpFilters(value) {
    const override = overrideOf(value);
    return override ? [httpFilter(customResponseFilterName(override.name), CUSTOM_RESPONSE_TYPE, override.config, true)] : [];
  },
  rejections: responseOverrideRejections,
};
