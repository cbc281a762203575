/**
 * `traffic.responseOverride` → Envoy's custom-response filter (envoy-mapping §1.18).
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
import type { JsonObject } from '../../emit/emit-context.js';
import type { RouteEmission } from '../feature.js';
import { int64, typedExtension } from '../../emit/protojson.js';
import { isRecord } from '../../lang/json.js';
import { httpFilter, list, setPerFilterConfig, str, stringMatcher, uint } from '../../emit/route-parts.js';

const FILTER_PREFIX = 'envoy.filters.http.custom_response';
const CUSTOM_RESPONSE_TYPE = 'envoy.extensions.filters.http.custom_response.v3.CustomResponse';
const FILTER_CONFIG_TYPE = 'envoy.config.route.v3.FilterConfig';
const LOCAL_RESPONSE_TYPE = 'envoy.extensions.http.custom_response.local_response_policy.v3.LocalResponsePolicy';
const REDIRECT_TYPE = 'envoy.extensions.http.custom_response.redirect_policy.v3.RedirectPolicy';

/** HCM filter name of a response-override config (`backendtrafficpolicy/<ns>/<name>`). */
export const customResponseFilterName = (name: string) => `${FILTER_PREFIX}/${name}`;

function statusValuePredicate(code: number): JsonObject {
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
export function statusRangeExpr(start: number, end: number): JsonObject {
  const responseCode = (ident: number, select: number): JsonObject => ({
    id: int64(select),
    selectExpr: { operand: { id: int64(ident), identExpr: { name: 'response' } }, field: 'code' },
  });
  const compare = (fn: string, ids: [number, number, number, number], bound: number): JsonObject => ({
    id: int64(ids[3]),
    callExpr: { function: fn, args: [responseCode(ids[0], ids[1]), { id: int64(ids[2]), constExpr: { int64Value: int64(bound) } }] },
  });
  return {
    id: '9',
    callExpr: { function: '_&&_', args: [compare('_>=_', [1, 2, 4, 3], start), compare('_<=_', [5, 6, 8, 7], end)] },
  };
}

function statusRangePredicate(start: number, end: number): JsonObject {
  return {
    singlePredicate: {
      input: typedExtension('http-attributes-cel-match-input', 'xds.type.matcher.v3.HttpAttributesCelMatchInput'),
      customMatch: typedExtension('cel-matcher', 'xds.type.matcher.v3.CelMatcher', {
        exprMatch: { celExprParsed: { expr: statusRangeExpr(start, end) } },
      }),
    },
  };
}

function headerPredicate(match: unknown): JsonObject | undefined {
  if (!isRecord(match) || typeof match.name !== 'string') return undefined;
  const valueMatch = stringMatcher(match, true);
  if (!valueMatch) return undefined;
  return {
    singlePredicate: {
      input: typedExtension('http-response-header-match-input', 'envoy.type.matcher.v3.HttpResponseHeaderMatchInput', { headerName: match.name }),
      valueMatch,
    },
  };
}

function sourcePredicate(source: unknown): JsonObject | undefined {
  if (source !== 'Local' && source !== 'Backend') return undefined;
  return {
    singlePredicate: {
      input: typedExtension('http-response-local-reply-match-input', 'envoy.type.matcher.v3.HttpResponseLocalReplyMatchInput'),
      valueMatch: { exact: source === 'Local' ? 'true' : 'false' },
    },
  };
}

/** One predicate, or `kind` (`orMatcher` / `andMatcher`) of several; undefined for none. */
function combine(predicates: JsonObject[], kind: 'orMatcher' | 'andMatcher'): JsonObject | undefined {
  if (predicates.length <= 1) return predicates[0];
  return { [kind]: { predicate: predicates } };
}

/** The predicate of a rule; undefined when it matches on nothing (the CRD forbids that). */
export function rulePredicate(rule: JsonObject): JsonObject | undefined {
  const match = isRecord(rule.match) ? rule.match : {};
  const statuses = list(match.statusCodes).flatMap((c): JsonObject[] => {
    if (!isRecord(c)) return [];
    const value = uint(c.value);
    if (value !== undefined) return [statusValuePredicate(value)];
    if (isRecord(c.range)) {
      const start = uint(c.range.start);
      const end = uint(c.range.end);
      if (start !== undefined && end !== undefined) return [statusRangePredicate(start, end)];
    }
    return [];
  });
  const headers = list(match.responseHeaders).map(headerPredicate).filter(isRecord);
  const parts = [combine(statuses, 'orMatcher'), combine(headers, 'andMatcher'), sourcePredicate(rule.source)].filter((p): p is JsonObject => p !== undefined);
  return combine(parts, 'andMatcher');
}

function headerOption(key: string, value: string, append: boolean): JsonObject {
  const option: JsonObject = { header: { key, value } };
  // APPEND_IF_EXISTS_OR_ADD is the enum's zero value, which protojson omits.
  if (!append) option.appendAction = 'OVERWRITE_IF_EXISTS_OR_ADD';
  return option;
}

function localResponse(response: JsonObject): JsonObject {
  const policy: JsonObject = {};
  const body = str(response.body);
  if (body !== undefined) policy.bodyFormat = { textFormat: body };
  const status = uint(response.statusCode);
  if (status !== undefined) policy.statusCode = status;
  const headers: JsonObject[] = [];
  const contentType = str(response.contentType);
  if (contentType !== undefined) headers.push(headerOption('Content-Type', contentType, false));
  for (const h of list(response.addResponseHeaders)) {
    if (!isRecord(h) || typeof h.name !== 'string') continue;
    for (const v of list(h.value)) if (typeof v === 'string') headers.push(headerOption(h.name, v, h.append === true));
  }
  if (headers.length > 0) policy.responseHeadersToAdd = headers;
  return policy;
}

function redirect(r: JsonObject): JsonObject {
  const action: JsonObject = {};
  const scheme = str(r.scheme);
  if (scheme) action.schemeRedirect = scheme;
  const host = str(r.hostname);
  if (host) action.hostRedirect = host;
  const port = uint(r.port);
  if (port) action.portRedirect = port;
  // Only a full path replacement can be expressed without the matched request.
  const path = isRecord(r.path) ? str(r.path.fullReplace) : undefined;
  if (path) action.pathRedirect = path;
  const policy: JsonObject = { redirectAction: action };
  const status = uint(r.statusCode);
  if (status !== undefined) policy.statusCode = status;
  return policy;
}

/** The matcher entry of one rule; undefined when it matches nothing or does nothing. */
function fieldMatcher(rule: unknown): JsonObject | undefined {
  if (!isRecord(rule)) return undefined;
  const predicate = rulePredicate(rule);
  if (!predicate) return undefined;
  const name = str(rule.name) ?? '';
  let action: JsonObject;
  if (isRecord(rule.response)) action = typedExtension(name, LOCAL_RESPONSE_TYPE, localResponse(rule.response));
  else if (isRecord(rule.redirect)) action = typedExtension(name, REDIRECT_TYPE, redirect(rule.redirect));
  else return undefined;
  return { predicate, onMatch: { action } };
}

/** The config name and HCM config of a value; undefined when no rule can be expressed (Envoy needs one matcher). */
function overrideOf(value: unknown): { name: string; config: JsonObject } | undefined {
  if (!isRecord(value) || typeof value.name !== 'string') return undefined;
  const matchers = list(value.rules).map(fieldMatcher).filter(isRecord);
  if (matchers.length === 0) return undefined;
  return { name: value.name, config: { customResponseMatcher: { matcherList: { matchers } } } };
}

export const responseOverrideRoute: RouteEmission = {
  apply(route, value) {
    const override = overrideOf(value);
    if (override) setPerFilterConfig(route, customResponseFilterName(override.name), FILTER_CONFIG_TYPE, { config: {} });
  },
  httpFilters(value) {
    const override = overrideOf(value);
    return override ? [httpFilter(customResponseFilterName(override.name), CUSTOM_RESPONSE_TYPE, override.config, true)] : [];
  },
};
