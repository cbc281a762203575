/**
 * The rate-limit actions and descriptor entries of one IR rate-limit rule, shared by the local
 * and the global limiter.
 *
 * A rule's client selectors become, in this order: header matches (`rule-<r>-match-<m>`), one
 * method (`rule-<r>-method`), the path (`rule-<r>-path`), the source CIDR, query parameters
 * (`rule-<r>-match-<m>`, `m` continuing after the headers). A rule with several methods gives
 * one action list per method, all with the same other selectors. Every action produces the
 * descriptor entry the limiter matches against: `{key, value}` for a value match, `{key}` for a
 * distinct one (the request's own value).
 */
import type { CidrRange, RateLimitAction, RateLimitDescriptorEntry, StringMatcher, XRateLimitOption } from '../../emit/envoy-types/index.js';
import { stringMatcher, uint } from '../../emit/route-parts.js';
import type { EnvoyRules } from '../../emit/envoy-rules.js';
import { rateLimitUnitSeconds } from './schema.js';
import type { CidrMatchTraffic, RateLimitRuleTraffic, StringMatchTraffic } from './traffic.js';
import { append } from '../../lang/append.js';

/** Descriptor keys of the source-CIDR actions: local ones carry the rule index, global ones do not. */
export interface CidrKeys {
  masked: string;
  distinct: string;
}

/**
 * A descriptor entry as the limiter sees it: `value` is fixed by the configuration, or absent
 * when the request supplies it (a distinct selector).
 */
export type DescriptorEntry = RateLimitDescriptorEntry;

/** One `RateLimit` worth of actions and the descriptor entries they produce: action `i` produces entry `i`. */
export interface RuleActions {
  actions: RateLimitAction[];
  entries: DescriptorEntry[];
}

/** The request's address (Envoy substitution), used as the descriptor value of a distinct CIDR. */
const REMOTE_ADDRESS = '%DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT%';

function headerValueMatch(key: string, headerName: string, matcher: StringMatcher, invert: boolean): RateLimitAction {
  return {
    headerValueMatch: {
      descriptorKey: key,
      descriptorValue: key,
      expectMatch: !invert,
      headers: [{ name: headerName, stringMatch: matcher }],
    },
  };
}

/** Action + entry of one header match (`rule-<r>-match-<m>`), or none when it names no value. */
function headerAction(match: StringMatchTraffic, key: string): RuleActions | undefined {
  if (match.distinct) {
    return { actions: [{ requestHeaders: { headerName: match.name, descriptorKey: key } }], entries: [{ key }] };
  }
  const matcher = stringMatcher(match);
  if (!matcher) return undefined;
  return { actions: [headerValueMatch(key, match.name, matcher, match.invert === true)], entries: [{ key, value: key }] };
}

function queryAction(match: StringMatchTraffic, key: string): RuleActions | undefined {
  if (match.distinct) {
    return { actions: [{ queryParameters: { queryParameterName: match.name, descriptorKey: key } }], entries: [{ key }] };
  }
  const matcher = stringMatcher(match);
  if (!matcher) return undefined;
  const action: RateLimitAction = {
    queryParameterValueMatch: {
      descriptorKey: key,
      descriptorValue: key,
      expectMatch: match.invert !== true,
      queryParameters: [{ name: match.name, stringMatch: matcher }],
    },
  };
  return { actions: [action], entries: [{ key, value: key }] };
}

/** A pseudo-header (`:method`, `:path`) match with a fixed key. */
function pseudoHeaderAction(match: StringMatchTraffic | undefined, header: string, key: string): RuleActions | undefined {
  const matcher = match && stringMatcher(match);
  if (!matcher) return undefined;
  return { actions: [headerValueMatch(key, header, matcher, match.invert === true)], entries: [{ key, value: key }] };
}

/** The range a source-CIDR match writes: the address, and the mask length (else the one after the `/`, else 0). */
function cidrRange(cidrMatch: CidrMatchTraffic): CidrRange {
  const { cidr } = cidrMatch;
  const slash = cidr.indexOf('/');
  const addressPrefix = slash < 0 ? cidr : cidr.slice(0, slash);
  const prefixLen = uint(cidrMatch.maskLen) ?? (slash < 0 ? 0 : Number(cidr.slice(slash + 1)) || 0);
  return { addressPrefix, prefixLen };
}

function cidrActions(cidrMatch: CidrMatchTraffic | undefined, keys: CidrKeys): RuleActions | undefined {
  if (!cidrMatch) return undefined;
  const { cidr, invert } = cidrMatch;
  const addressMatcher: { ranges: CidrRange[]; invertMatch?: boolean } = { ranges: [cidrRange(cidrMatch)] };
  if (invert) addressMatcher.invertMatch = true;
  // The masked value names the range (and its inversion), so each rule gets its own bucket.
  const maskedValue = invert ? `invert:${cidr}` : cidr;
  const out: RuleActions = {
    actions: [{ remoteAddressMatch: { addressMatcher, descriptorKey: keys.masked, descriptorValue: maskedValue } }],
    entries: [{ key: keys.masked, value: maskedValue }],
  };
  if (cidrMatch.distinct) {
    // Distinct: one bucket per client address inside the range.
    out.actions.push({ remoteAddressMatch: { addressMatcher, descriptorKey: keys.distinct, descriptorValue: REMOTE_ADDRESS } });
    out.entries.push({ key: keys.distinct });
  }
  return out;
}

function concat(parts: Array<RuleActions | undefined>): RuleActions {
  const out: RuleActions = { actions: [], entries: [] };
  for (const p of parts) {
    if (!p) continue;
    append(out.actions, p.actions);
    append(out.entries, p.entries);
  }
  return out;
}

/** Whether the rule selects on anything (a global rule without selectors limits the whole route). */
export function ruleHasMatch(rule: RateLimitRuleTraffic): boolean {
  return (
    rule.headerMatches.length > 0 ||
    (rule.methodMatches?.length ?? 0) > 0 ||
    rule.pathMatch !== undefined ||
    rule.cidrMatch !== undefined ||
    (rule.queryParamMatches?.length ?? 0) > 0
  );
}

/**
 * The action lists of rule `r`: one per method match (one when it has none), each with its
 * descriptor entries in the same order as its actions.
 */
export function ruleActions(rule: RateLimitRuleTraffic, r: number, cidrKeys: CidrKeys): RuleActions[] {
  const prefix = `rule-${r}`;
  const headers = rule.headerMatches;
  const headerParts = headers.map((h, m) => headerAction(h, `${prefix}-match-${m}`));
  const pathPart = pseudoHeaderAction(rule.pathMatch, ':path', `${prefix}-path`);
  const cidrPart = cidrActions(rule.cidrMatch, cidrKeys);
  const queryParts = (rule.queryParamMatches ?? []).map((q, i) => queryAction(q, `${prefix}-match-${headers.length + i}`));
  const methods = rule.methodMatches ?? [];
  const variants: Array<RuleActions | undefined> = methods.length > 0 ? methods.map((m) => pseudoHeaderAction(m, ':method', `${prefix}-method`)) : [undefined];
  return variants.map((methodPart) => concat([...headerParts, methodPart, pathPart, cidrPart, ...queryParts]));
}

/**
 * What Envoy rejects in the `StringMatcher` a match writes (`field` is the match): a `prefix` or a
 * `suffix` of at least 1 character (`string {min_len: 1}`), a `safe_regex.regex` of at least 1
 * character (`RegexMatcher.regex`, `string {min_len: 1}`); `exact` may be empty.
 */
function matcherRejections(match: StringMatchTraffic, field: string, rules: EnvoyRules): void {
  const matcher = stringMatcher(match);
  if (!matcher) return;
  if ('prefix' in matcher) rules.minLength(`${field}.prefix`, matcher.prefix, 1, 'StringMatcher.prefix');
  if ('suffix' in matcher) rules.minLength(`${field}.suffix`, matcher.suffix, 1, 'StringMatcher.suffix');
  if ('safeRegex' in matcher) rules.minLength(`${field}.safeRegex`, matcher.safeRegex.regex, 1, 'RegexMatcher.regex');
}

/**
 * What Envoy rejects in the actions of a rule (`at` is the rule, e.g. `local.rules[0]`):
 * - a header match: the header name, in `RateLimit.Action.RequestHeaders.header_name` (distinct)
 *   or `HeaderMatcher.name`, is an HTTP header name (`min_len: 1`, `well_known_regex:
 *   HTTP_HEADER_NAME, strict: false`: no NUL, CR or LF); and its matcher (see above);
 * - a method or path match: its matcher (the header names `:method` and `:path` are ours);
 * - a source CIDR: `CidrRange.address_prefix` has at least 1 character and `CidrRange.prefix_len`
 *   is a `uint32` of at most 128;
 * - a query parameter match: its name, in `RateLimit.Action.QueryParameters.query_parameter_name`
 *   (distinct, `min_len: 1`; an action of Envoy 1.3x) or `QueryParameterMatcher.name` (`min_len: 1,
 *   max_bytes: 1024`); and its matcher.
 * Descriptor keys and values are ours and never empty (`descriptor_key`, `descriptor_value`
 * `min_len: 1`); a header or query match that names no value writes nothing.
 */
export function actionRejections(rule: RateLimitRuleTraffic, at: string, rules: EnvoyRules): void {
  rule.headerMatches.forEach((match, m) => {
    const field = `${at}.headerMatches[${m}]`;
    if (!match.distinct && !stringMatcher(match)) return;
    rules.headerName(`${field}.name`, match.name, match.distinct ? 'RateLimit.Action.RequestHeaders.header_name' : 'HeaderMatcher.name');
    if (!match.distinct) matcherRejections(match, field, rules);
  });
  rule.methodMatches?.forEach((match, m) => matcherRejections(match, `${at}.methodMatches[${m}]`, rules));
  if (rule.pathMatch) matcherRejections(rule.pathMatch, `${at}.pathMatch`, rules);
  if (rule.cidrMatch) {
    const range = cidrRange(rule.cidrMatch);
    rules.minLength(`${at}.cidrMatch.cidr`, range.addressPrefix, 1, 'CidrRange.address_prefix');
    const lengthField = uint(rule.cidrMatch.maskLen) === undefined ? 'cidr' : 'maskLen';
    rules.integer(`${at}.cidrMatch.${lengthField}`, range.prefixLen, 0, 128, 'CidrRange.prefix_len');
  }
  rule.queryParamMatches?.forEach((match, q) => {
    const field = `${at}.queryParamMatches[${q}]`;
    if (match.distinct) {
      rules.minLength(`${field}.name`, match.name, 1, 'RateLimit.Action.QueryParameters.query_parameter_name');
      return;
    }
    if (!stringMatcher(match)) return;
    rules.minLength(`${field}.name`, match.name, 1, 'QueryParameterMatcher.name');
    rules.maxBytes(`${field}.name`, match.name, 1024, 'QueryParameterMatcher.name');
    matcherRejections(match, field, rules);
  });
}

/** Seconds of a rate-limit unit as Envoy Gateway spells them; 0 for anything else (its `second` too). */
export const unitSeconds = rateLimitUnitSeconds;

/** Envoy's `XRateLimitOption` for Envoy Gateway's per-rule `xRateLimitHeaders` (unset → unset). */
export function xRateLimitOption(option: string | undefined): XRateLimitOption | undefined {
  if (option === 'Off') return 'OFF';
  if (option === 'DraftVersion03') return 'DRAFT_VERSION_03';
  return undefined;
}
