/**
 * `rateLimit` → Envoy Gateway's IR `traffic.rateLimit`: `{global?: {rules}, local?: {default,
 * rules, defaultXRateLimitOption?}}`.
 *
 * - With the deprecated `type` set, only the block it names is built (`Global` / `Local`); without
 *   it, `global` and `local` are built independently and may both appear.
 * - Rule names are `<policy ns>/<policy name>/rule/<i>`, `i` being the rule's index in the spec
 *   list. For `local`, the first rule without `clientSelectors` becomes `default` (it produces no
 *   rule, but still uses up its index); without one the default is 4294967295 per Second.
 * - All client selectors of a rule add to one IR rule: `headerMatches` (always present, maybe
 *   `[]`), `methodMatches`, `pathMatch`, `cidrMatch`, `queryParamMatches`. Matches have Envoy
 *   Gateway's `StringMatch` shape: `{name, exact | prefix | safeRegex, distinct, invert?}`. A
 *   `PathPrefix` other than `/` becomes the regex `^<quoted prefix>(/.*|\?.*|#.*|;.*|$)`; CIDRs
 *   are normalised to their network address (`192.168.1.5/16` → `192.168.0.0/16`).
 *
 * Errors (prefix `RateLimit`): see {@link RATE_LIMIT_ERRORS}. Regular expressions are checked with
 * Go's RE2 syntax and Go's error texts.
 *
 * {@link mergeIrRateLimits} is the IR-level merge Envoy Gateway applies when a route policy with
 * `mergeType` and its parent both set `rateLimit`.
 */
import * as z from 'zod';
import type { BackendTrafficPolicySpecInput } from '../../model/backend-traffic-policy.js';
import { type Result, fail, ok } from '../../model/result.js';
import { isRecord } from '../raw-values.js';
import type { FeatureOutcome, TrafficContext, Translation } from '../feature.js';
import { validateGoRegex } from '../../lang/go-regexp.js';
import { rateLimitUnitSeconds } from './schema.js';
import { jsonMergePatch } from '../../lang/json-merge-patch.js';
import { strategicMerge } from '../../lang/strategic-merge-patch.js';
import { parseGoCIDR } from '../../lang/cidr.js';
import { StringMatchTrafficSchema, type StringMatchTraffic } from '../string-match.js';

/** Envoy Gateway's IR `StringMatch`, as used by rate-limit matches. */
export { StringMatchTrafficSchema, type StringMatchTraffic } from '../string-match.js';

export const CidrMatchTrafficSchema = z.object({
  /** Network address and prefix length (`192.168.0.0/16`). */
  cidr: z.string(),
  maskLen: z.number(),
  isIPv6: z.boolean(),
  distinct: z.boolean(),
  invert: z.boolean(),
});
export type CidrMatchTraffic = z.infer<typeof CidrMatchTrafficSchema>;

export const RateLimitValueTrafficSchema = z.object({
  requests: z.number(),
  unit: z.string(),
  fromMetadata: z.object({ namespace: z.string(), key: z.string() }).optional(),
});
export type RateLimitValueTraffic = z.infer<typeof RateLimitValueTrafficSchema>;

export const RateLimitCostTrafficSchema = z.object({
  number: z.number().optional(),
  /** `%DYNAMIC_METADATA(<namespace>:<key>)%` for a metadata-sourced cost. */
  format: z.string().optional(),
});
export type RateLimitCostTraffic = z.infer<typeof RateLimitCostTrafficSchema>;

export const RateLimitRuleTrafficSchema = z.object({
  name: z.string(),
  headerMatches: z.array(StringMatchTrafficSchema),
  methodMatches: z.array(StringMatchTrafficSchema).optional(),
  pathMatch: StringMatchTrafficSchema.optional(),
  cidrMatch: CidrMatchTrafficSchema.optional(),
  queryParamMatches: z.array(StringMatchTrafficSchema).optional(),
  limit: RateLimitValueTrafficSchema,
  requestCost: RateLimitCostTrafficSchema.optional(),
  responseCost: RateLimitCostTrafficSchema.optional(),
  shared: z.boolean().optional(),
  shadowMode: z.boolean().optional(),
  xRateLimitOption: z.string().optional(),
});
export type RateLimitRuleTraffic = z.infer<typeof RateLimitRuleTrafficSchema>;

export const GlobalRateLimitTrafficSchema = z.object({
  rules: z.array(RateLimitRuleTrafficSchema).optional(),
});
export type GlobalRateLimitTraffic = z.infer<typeof GlobalRateLimitTrafficSchema>;

export const LocalRateLimitTrafficSchema = z.object({
  default: z.object({ requests: z.number(), unit: z.string() }),
  rules: z.array(RateLimitRuleTrafficSchema).optional(),
  /** `xRateLimitHeaders` of the rule used as the default. */
  defaultXRateLimitOption: z.string().optional(),
});
export type LocalRateLimitTraffic = z.infer<typeof LocalRateLimitTrafficSchema>;

export const RateLimitTrafficSchema = z.object({
  global: GlobalRateLimitTrafficSchema.optional(),
  local: LocalRateLimitTrafficSchema.optional(),
});
export type RateLimitTraffic = z.infer<typeof RateLimitTrafficSchema>;

/** The error texts of this feature (templates use `%s`, `%q`, `%w` as Envoy Gateway's code does). */
export const RATE_LIMIT_ERRORS = [
  'invalid rateLimit type: %s',
  'local configuration empty for rateLimit',
  'global configuration empty for rateLimit',
  'enable Ratelimit in the EnvoyGateway config to configure global rateLimit',
  'local rateLimit can not have more than one rule without clientSelectors',
  'local rateLimit rule limit unit must be a multiple of the default limit unit',
  'unable to translate rateLimit. At least one of the header or method or path or sourceCIDR or queryParameters must be specified',
  'regex %q is invalid: %w',
  'unable to translate rateLimit.Invert is not applicable for distinct header match type',
  'unable to translate rateLimit. Either the header.Type is not valid or the header is missing a value',
  'unable to translate rateLimit: invalid path type.',
  'unable to translate rateLimit: invalid CIDR address: %s',
  'name is required when QueryParamMatch is specified',
  'value is required for Exact query parameter match',
  'value is required for RegularExpression query parameter match',
  'unable to translate rateLimit.Invert is not applicable for distinct query parameter match type',
  'unable to translate rateLimit.Value is not applicable for distinct query parameter match type',
  'invalid query parameter match type: %s',
] as const;

const UINT32_MAX = 4294967295;

type Raw = Record<string, unknown>;
const asRecord = (v: unknown): Raw => (isRecord(v) ? v : {});
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const isSet = (v: unknown) => v !== undefined && v !== null;
/** A raw string field (Go would reject anything but a string; scalars are printed, the rest is ''). */
const str = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : '';

/** Build `traffic.rateLimit` from `spec.rateLimit` for the policy `ctx.policy`. */
export function buildRateLimit(rateLimit: unknown, ctx: TrafficContext): Result<RateLimitTraffic> {
  const rl = asRecord(rateLimit);
  if (isSet(rl.type)) {
    if (rl.type === 'Global') {
      const g = buildGlobal(rl, ctx);
      return g.success ? ok({ global: g.data }) : g;
    }
    if (rl.type === 'Local') {
      const l = buildLocal(rl, ctx);
      return l.success ? ok({ local: l.data }) : l;
    }
    return fail(`invalid rateLimit type: ${str(rl.type)}`);
  }
  const out: RateLimitTraffic = {};
  if (isRecord(rl.global)) {
    const g = buildGlobal(rl, ctx);
    if (!g.success) return g;
    out.global = g.data;
  }
  if (isRecord(rl.local)) {
    const l = buildLocal(rl, ctx);
    if (!l.success) return l;
    out.local = l.data;
  }
  return ok(out);
}

function ruleName(ctx: TrafficContext, index: number): string {
  return `${ctx.policy.namespace}/${ctx.policy.name}/rule/${index}`;
}

function buildGlobal(rl: Raw, ctx: TrafficContext): Result<GlobalRateLimitTraffic> {
  if (!isRecord(rl.global)) return fail('global configuration empty for rateLimit');
  if (ctx.globalRateLimitEnabled === false) {
    return fail('enable Ratelimit in the EnvoyGateway config to configure global rateLimit');
  }
  const rules: RateLimitRuleTraffic[] = [];
  const specRules = asList(rl.global.rules);
  for (let i = 0; i < specRules.length; i++) {
    const r = buildRule(asRecord(specRules[i]), ruleName(ctx, i));
    if (!r.success) return r;
    rules.push(r.data);
  }
  return ok(rules.length > 0 ? { rules } : {});
}

const hasSelectors = (rule: Raw) => Array.isArray(rule.clientSelectors) && rule.clientSelectors.length > 0;

function buildLocal(rl: Raw, ctx: TrafficContext): Result<LocalRateLimitTraffic> {
  if (!isRecord(rl.local)) return fail('local configuration empty for rateLimit');
  const specRules = asList(rl.local.rules).map(asRecord);

  // Envoy's local limiter needs a route-level default: the first rule without selectors.
  let defaultRule: Raw | undefined;
  for (const rule of specRules) {
    if (hasSelectors(rule)) continue;
    if (defaultRule) return fail('local rateLimit can not have more than one rule without clientSelectors');
    defaultRule = rule;
  }
  const local: LocalRateLimitTraffic = {
    default: defaultRule
      ? { requests: num(asRecord(defaultRule.limit).requests), unit: str(asRecord(defaultRule.limit).unit) }
      : { requests: UINT32_MAX, unit: 'Second' },
  };
  if (defaultRule && typeof defaultRule.xRateLimitHeaders === 'string') {
    local.defaultXRateLimitOption = defaultRule.xRateLimitHeaders;
  }

  // Envoy requires every rule's fill interval to be a multiple of the default's.
  const defaultSeconds = rateLimitUnitSeconds(local.default.unit);
  if (defaultSeconds > 0) {
    for (const rule of specRules) {
      if (rateLimitUnitSeconds(asRecord(rule.limit).unit) % defaultSeconds !== 0) {
        return fail('local rateLimit rule limit unit must be a multiple of the default limit unit');
      }
    }
  }

  const rules: RateLimitRuleTraffic[] = [];
  for (let i = 0; i < specRules.length; i++) {
    const rule = specRules[i]!;
    if (!hasSelectors(rule)) continue; // the default: no IR rule, but its index is used up
    const r = buildRule(rule, ruleName(ctx, i));
    if (!r.success) return r;
    rules.push(r.data);
  }
  if (rules.length > 0) local.rules = rules;
  return ok(local);
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

function buildRule(rule: Raw, name: string): Result<RateLimitRuleTraffic> {
  const limit = asRecord(rule.limit);
  const out: RateLimitRuleTraffic = {
    name,
    headerMatches: [],
    limit: { requests: num(limit.requests), unit: str(limit.unit) },
  };
  if (isRecord(limit.fromMetadata)) {
    out.limit.fromMetadata = { namespace: str(limit.fromMetadata.namespace), key: str(limit.fromMetadata.key) };
  }

  for (const selectorRaw of asList(rule.clientSelectors)) {
    const sel = asRecord(selectorRaw);
    const headers = asList(sel.headers);
    const methods = asList(sel.methods);
    const queryParams = asList(sel.queryParams);
    if (headers.length === 0 && methods.length === 0 && !isSet(sel.path) && !isSet(sel.sourceCIDR) && queryParams.length === 0) {
      return fail(
        'unable to translate rateLimit. At least one of the header or method or path or sourceCIDR or queryParameters must be specified',
      );
    }

    for (const headerRaw of headers) {
      const h = asRecord(headerRaw);
      const m = buildHeaderMatch(h);
      if (!m.success) return m;
      out.headerMatches.push(m.data);
    }

    for (const methodRaw of methods) {
      const m = asRecord(methodRaw);
      const match: StringMatchTraffic = { name: '', exact: str(m.value), distinct: false };
      if (typeof m.invert === 'boolean') match.invert = m.invert;
      (out.methodMatches ??= []).push(match);
    }

    if (isRecord(sel.path)) {
      const p = buildPathMatch(sel.path);
      if (!p.success) return p;
      out.pathMatch = p.data;
    }

    if (isRecord(sel.sourceCIDR)) {
      const src = sel.sourceCIDR;
      const value = str(src.value);
      const parsed = parseGoCIDR(value);
      if (!parsed) return fail(`unable to translate rateLimit: invalid CIDR address: ${value}`);
      out.cidrMatch = {
        cidr: parsed.cidr,
        maskLen: parsed.maskLen,
        isIPv6: parsed.isIPv6,
        distinct: src.type === 'Distinct',
        invert: src.invert === true,
      };
    }

    for (const qpRaw of queryParams) {
      const q = buildQueryParamMatch(asRecord(qpRaw));
      if (!q.success) return q;
      (out.queryParamMatches ??= []).push(q.data);
    }
  }

  const cost = asRecord(rule.cost);
  if (isRecord(cost.request)) out.requestCost = buildCost(cost.request);
  if (isRecord(cost.response)) out.responseCost = buildCost(cost.response);
  if (typeof rule.shared === 'boolean') out.shared = rule.shared;
  if (typeof rule.shadowMode === 'boolean') out.shadowMode = rule.shadowMode;
  if (typeof rule.xRateLimitHeaders === 'string') out.xRateLimitOption = rule.xRateLimitHeaders;
  return ok(out);
}

function buildHeaderMatch(h: Raw): Result<StringMatchTraffic> {
  const name = str(h.name);
  const value = typeof h.value === 'string' ? h.value : undefined;
  const withInvert = (m: StringMatchTraffic): StringMatchTraffic => {
    if (typeof h.invert === 'boolean') m.invert = h.invert;
    return m;
  };
  if ((!isSet(h.type) || h.type === 'Exact') && value !== undefined) {
    return ok(withInvert({ name, exact: value, distinct: false }));
  }
  if (h.type === 'RegularExpression' && value !== undefined) {
    const err = validateGoRegex(value);
    if (err) return fail(err);
    return ok(withInvert({ name, safeRegex: value, distinct: false }));
  }
  if (h.type === 'Distinct' && value === undefined) {
    if (h.invert === true) return fail('unable to translate rateLimit.Invert is not applicable for distinct header match type');
    return ok({ name, distinct: true });
  }
  return fail('unable to translate rateLimit. Either the header.Type is not valid or the header is missing a value');
}

/** Go's `regexp.QuoteMeta`. */
function goQuoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

function buildPathMatch(p: Raw): Result<StringMatchTraffic> {
  const value = str(p.value);
  const type = isSet(p.type) ? p.type : 'PathPrefix';
  let match: StringMatchTraffic;
  switch (type) {
    case 'Exact':
      match = { name: '', exact: value, distinct: false };
      break;
    case 'PathPrefix':
      match =
        value === '/'
          ? { name: '', prefix: '/', distinct: false }
          : { name: '', safeRegex: `^${goQuoteMeta(value)}(/.*|\\?.*|#.*|;.*|$)`, distinct: false };
      break;
    case 'RegularExpression': {
      const err = validateGoRegex(value);
      if (err) return fail(err);
      match = { name: '', safeRegex: value, distinct: false };
      break;
    }
    default:
      return fail('unable to translate rateLimit: invalid path type.');
  }
  if (typeof p.invert === 'boolean') match.invert = p.invert;
  return ok(match);
}

function buildQueryParamMatch(q: Raw): Result<StringMatchTraffic> {
  const name = str(q.name);
  if (name === '') return fail('name is required when QueryParamMatch is specified');
  const value = typeof q.value === 'string' ? q.value : undefined;
  const type = isSet(q.type) ? q.type : 'Exact';
  const withInvert = (m: StringMatchTraffic): StringMatchTraffic => {
    if (typeof q.invert === 'boolean') m.invert = q.invert;
    return m;
  };
  switch (type) {
    case 'Exact':
      if (value === undefined || value === '') return fail('value is required for Exact query parameter match');
      return ok(withInvert({ name, exact: value, distinct: false }));
    case 'RegularExpression': {
      if (value === undefined || value === '') return fail('value is required for RegularExpression query parameter match');
      const err = validateGoRegex(value);
      if (err) return fail(err);
      return ok(withInvert({ name, safeRegex: value, distinct: false }));
    }
    case 'Distinct':
      if (q.invert === true) {
        return fail('unable to translate rateLimit.Invert is not applicable for distinct query parameter match type');
      }
      if (value !== undefined) {
        return fail('unable to translate rateLimit.Value is not applicable for distinct query parameter match type');
      }
      return ok({ name, distinct: true });
    default:
      return fail(`invalid query parameter match type: ${str(type)}`);
  }
}

function buildCost(c: Raw): RateLimitCostTraffic {
  const out: RateLimitCostTraffic = {};
  if (typeof c.number === 'number') out.number = c.number;
  if (isRecord(c.metadata)) out.format = `%DYNAMIC_METADATA(${str(c.metadata.namespace)}:${str(c.metadata.key)})%`;
  return out;
}

// ---------------------------------------------------------------------------------------------
// IR-level merge: a route policy with `mergeType` merged into its parent's rate limits
// ---------------------------------------------------------------------------------------------

/**
 * Merge two IR rate limits the way Envoy Gateway does when a route policy with `mergeType` and
 * its parent policy both set `rateLimit` (each built separately, so rule names keep their own
 * policy's name):
 *
 * - `StrategicMerge`: objects merge key by key; the `rules` lists are keyed by `name`, giving the
 *   route's rules followed by the parent's;
 * - `JSONMerge` (RFC 7386): objects merge key by key, the route's `rules` list replaces the parent's;
 * - in both, `local.default` is the route's when the route has a `local` block, and a parent
 *   `global` next to a route `local` (or the reverse) is kept.
 *
 * Any other merge type fails with `error merging rate limits: unsupported merge type: <type>`.
 */
export function mergeIrRateLimits(parent: RateLimitTraffic, route: RateLimitTraffic, mergeType: string): Result<RateLimitTraffic> {
  if (mergeType === 'JSONMerge') return ok(jsonMergePatch(parent, route) as RateLimitTraffic);
  if (mergeType === 'StrategicMerge') return ok(strategicMerge(parent, route, RULES_BY_NAME) as RateLimitTraffic);
  return fail(`error merging rate limits: unsupported merge type: ${mergeType}`);
}

/** In a strategic merge, rate limit rules merge by `name` (`patchMergeKey=name` on the IR lists). */
const RULES_BY_NAME: Readonly<Record<string, string>> = { 'global.rules': 'name', 'local.rules': 'name' };

export const rateLimitTranslation: Translation<RateLimitTraffic> = {
  build(spec: BackendTrafficPolicySpecInput, ctx: TrafficContext): FeatureOutcome<RateLimitTraffic> {
    if (!isSet(spec.rateLimit)) return {};
    const r = buildRateLimit(spec.rateLimit, ctx);
    return r.success ? { value: r.data } : { errors: [r.error] };
  },
  mergeTranslated: mergeIrRateLimits,
};
