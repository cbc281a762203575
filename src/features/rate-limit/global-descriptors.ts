/**
 * The descriptors of global rate limiting: what a route sends to the rate limit service for each
 * of its global rules, and therefore what the service's configuration must expect. This is the
 * one place their keys and values are decided: the route's `RateLimit` actions
 * (`envoy-global.ts`) and the service's descriptor trees (`service-config.ts`) are both built
 * from what it returns, so they cannot disagree.
 *
 * Domains: a rule lives in the listener's domain (the listener's name), unless it is `shared`:
 * then it lives in a domain named after the policy that defines it (the rule name without
 * `/rule/<i>`), so every route using it draws from the same counters.
 *
 * Each descriptor starts with a generic key naming its owner (the route; for a shared rule, the
 * rule), so a rule's counters are per route unless shared. Then come the rule's selectors, keyed
 * `rule-<d>-…` where `d` counts the route's rules of the same kind (shared or not), in this
 * order: headers, method, path, source CIDR (keys `masked_remote_address` and, when distinct,
 * `remote_address`), query parameters. A rule without selectors ends with the generic key
 * `rule-<d>-match--1`, so it still has a descriptor of its own. A selector on a value gives an
 * entry with a fixed value (the key itself, or the CIDR); a distinct selector gives an entry
 * whose value is the request's own (header, query parameter or client address), which the
 * service's configuration leaves empty: one counter per value.
 *
 * (Envoy Gateway: `internal/xds/translator/ratelimit.go`.)
 */
import { ruleActions, ruleHasMatch, type CidrKeys, type DescriptorEntry, type RuleActions } from './envoy-actions.js';
import type { GlobalRateLimitTraffic, RateLimitRuleTraffic } from './traffic.js';

/** Descriptor keys of a global rule's source-CIDR actions (the local limiter's carry the rule index). */
export const GLOBAL_CIDR_KEYS: CidrKeys = { masked: 'masked_remote_address', distinct: 'remote_address' };

/** The domain of a shared rule: its name without `/rule/<i>` (`ns/policy/rule/0` → `ns/policy`). */
export function sharedDomain(ruleName: string): string {
  const i = ruleName.lastIndexOf('/rule/');
  return i < 0 ? ruleName : ruleName.slice(0, i);
}

/** What one global rule of one route sends to the rate limit service. */
export interface GlobalRuleDescriptors {
  /** The IR rule (`traffic.rateLimit.global.rules[position]`). */
  rule: RateLimitRuleTraffic;
  ruleName: string;
  /** The rule's index in `traffic.rateLimit.global.rules`. */
  position: number;
  shared: boolean;
  domain: string;
  /** `d` of the rule's `rule-<d>-…` keys: its index among the route's rules of the same kind. */
  index: number;
  /**
   * One action list per method match (one when the rule has none), each with the descriptor
   * entries it produces, in order; the owner's generic key first.
   */
  variants: RuleActions[];
}

function genericKey(key: string): RuleActions {
  return { actions: [{ genericKey: { descriptorKey: key, descriptorValue: key } }], entries: [{ key, value: key }] };
}

function join(parts: RuleActions[]): RuleActions {
  return { actions: parts.flatMap((p) => p.actions), entries: parts.flatMap((p) => p.entries) };
}

/** The descriptors of every global rule of the route `routeName` on the listener `listenerName`. */
export function globalRuleDescriptors(global: GlobalRateLimitTraffic | undefined, routeName: string, listenerName: string): GlobalRuleDescriptors[] {
  const out: GlobalRuleDescriptors[] = [];
  let shared = 0;
  let own = 0;
  (global?.rules ?? []).forEach((rule, position) => {
    const isShared = rule.shared === true;
    const ruleName = rule.name;
    const index = isShared ? shared++ : own++;
    const owner = genericKey(isShared ? ruleName : routeName);
    const noMatch = ruleHasMatch(rule) ? [] : [genericKey(`rule-${index}-match--1`)];
    out.push({
      rule,
      ruleName,
      position,
      shared: isShared,
      domain: isShared ? sharedDomain(ruleName) : listenerName,
      index,
      variants: ruleActions(rule, index, GLOBAL_CIDR_KEYS).map((selectors) => join([owner, selectors, ...noMatch])),
    });
  });
  return out;
}

/** The value the service's configuration expects for an entry: its fixed value, or empty (any value, one counter each). */
export function configValue(entry: DescriptorEntry): string {
  return entry.value ?? '';
}
