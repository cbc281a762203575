/**
 * Rate limit rules in tables, in the words of the policy that wrote them. Resolution keeps Envoy
 * Gateway's IR form, where every client selector of a rule is folded into `headerMatches`,
 * `methodMatches`, `pathMatch`, `cidrMatch` and `queryParamMatches`, with bookkeeping a user never
 * wrote (`cidrMatch.maskLen`, `isIPv6`, `distinct: false`, the generated rule name). A table shows
 * the rule as the CRD spells it instead: `clientSelectors[].headers[0].name`,
 * `clientSelectors[].sourceCIDR.value`, `type: Distinct`, `limit.requests`, … (`clientSelectors[]`
 * because the selectors are merged into one). Machine output keeps the IR.
 */
import { isRecord } from '../lang/json.js';

/** A rule's place in the resolved settings (`rateLimit.global.rules[0]`). */
export const RATE_LIMIT_RULE_PATH = /^rateLimit\.(global|local)\.rules\[\d+\]$/;

type Match = { name?: unknown; exact?: unknown; prefix?: unknown; suffix?: unknown; safeRegex?: unknown; distinct?: unknown; invert?: unknown };

/** The match type and value as the CRD writes them (`Exact`, `RegularExpression`, `Distinct`, …). */
function typeAndValue(m: Match): Record<string, unknown> {
  if (m.distinct === true) return { type: 'Distinct' };
  if (m.exact !== undefined) return { type: 'Exact', value: m.exact };
  if (m.safeRegex !== undefined) return { type: 'RegularExpression', value: m.safeRegex };
  if (m.prefix !== undefined) return { type: 'PathPrefix', value: m.prefix };
  if (m.suffix !== undefined) return { type: 'Suffix', value: m.suffix };
  return {};
}

const inverted = (m: Match): Record<string, unknown> => (m.invert === true ? { invert: true } : {});
const matches = (list: unknown): Match[] => (Array.isArray(list) ? list.filter(isRecord) : []);

/** One resolved (IR) rate limit rule as the policy's `rateLimit.*.rules[]` entry would read. */
export function userRateLimitRule(rule: Record<string, unknown>): Record<string, unknown> {
  const selector: Record<string, unknown> = {};
  const headers = matches(rule.headerMatches).map((m) => ({ name: m.name, ...typeAndValue(m), ...inverted(m) }));
  if (headers.length > 0) selector.headers = headers;
  const methods = matches(rule.methodMatches).map((m) => ({ value: m.exact, ...inverted(m) }));
  if (methods.length > 0) selector.methods = methods;
  if (isRecord(rule.pathMatch)) selector.path = { ...typeAndValue(rule.pathMatch as Match), ...inverted(rule.pathMatch as Match) };
  if (isRecord(rule.cidrMatch)) {
    const c = rule.cidrMatch;
    selector.sourceCIDR = { type: c.distinct === true ? 'Distinct' : 'Exact', value: c.cidr, ...(c.invert === true ? { invert: true } : {}) };
  }
  const queryParams = matches(rule.queryParamMatches).map((m) => ({ name: m.name, ...typeAndValue(m), ...inverted(m) }));
  if (queryParams.length > 0) selector.queryParams = queryParams;

  const out: Record<string, unknown> = {};
  if (Object.keys(selector).length > 0) out['clientSelectors[]'] = selector;
  if (rule.limit !== undefined) out.limit = rule.limit;
  const cost: Record<string, unknown> = {};
  if (rule.requestCost !== undefined) cost.request = rule.requestCost;
  if (rule.responseCost !== undefined) cost.response = rule.responseCost;
  if (Object.keys(cost).length > 0) out.cost = cost;
  for (const key of ['shared', 'shadowMode'] as const) if (rule[key] !== undefined) out[key] = rule[key];
  if (rule.xRateLimitOption !== undefined) out.xRateLimitHeaders = rule.xRateLimitOption;
  return out;
}
