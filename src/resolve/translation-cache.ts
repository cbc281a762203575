/**
 * Policy translations, cached until the policy (or a ConfigMap it reads) changes: a policy's
 * settings do not depend on the route they land on, so it is translated once however many routes
 * and listeners it reaches, and every entry it shapes shares the one (frozen) result. A route
 * policy with `mergeType` is translated once per parent policy it merges into.
 */
import type { PolicyInput } from '../admit/resources.js';
import type { RouteFieldValues, TrafficContext } from '../features/feature.js';
import { FEATURES } from '../features/registry.js';
import type { BackendTrafficPolicySpecInput } from '../model/backend-traffic-policy.js';
import type { ResourceIndex } from '../match/resource-index.js';
import { nsName } from '../match/resource-index.js';
import { deepFreeze } from '../lang/json.js';
import { asGoSerialises, mergeSpecs } from './merge/merge-policies.js';
import { attributeMerged } from './merge-provenance.js';
import { routeFieldsOf, RouteStatNames, type BuiltRouteFields } from './route-fields.js';
import { leafPaths } from './route-state.js';
import { buildTraffic, type TrafficResult } from './translate.js';
import type { ObjectRef } from './types.js';

/** A translated policy (or route policy merged into a parent), shared by every entry it shapes. */
export interface Built extends TrafficResult, BuiltRouteFields {
  /** Leaf path → policy, for provenance. */
  provenance: Record<string, ObjectRef>;
  /** Route-result fields outside `traffic` the features set from the spec that was built. */
  routeFields: Partial<RouteFieldValues>;
}

export const refOf = (p: PolicyInput): ObjectRef => ({ namespace: p.namespace, name: p.name });

export class TranslationCache {
  private readonly own = new Map<PolicyInput, Built>();
  private readonly merged = new Map<PolicyInput, Map<PolicyInput, Built>>();
  /** The route policies merged into each parent, to forget a parent. */
  private readonly mergedInto = new Map<PolicyInput, Set<PolicyInput>>();
  /** The policies whose translation read each ConfigMap (`namespace/name`). */
  private readonly readers = new Map<string, Set<PolicyInput>>();
  /** Each route policy's spec as Go serialises it for a merge, made once for all its parents. */
  private readonly goSpecs = new Map<PolicyInput, unknown>();

  constructor(private readonly index: Pick<ResourceIndex, 'configMaps'>) {}

  /** A translation's route fields, with the stat names of its template (substituted per route as entries ask). */
  private withRouteFields<T extends TrafficResult & { provenance: Record<string, ObjectRef> }>(built: T, spec: BackendTrafficPolicySpecInput, identity: PolicyInput): Built {
    const routeFields = routeFieldsOf(spec);
    const out: Built = { ...built, routeFields };
    if (routeFields.statName !== undefined) out.statNames = new RouteStatNames(routeFields.statName, refOf(identity));
    return out;
  }

  /** The policies whose translation read the ConfigMap `key`. */
  readersOf(key: string): ReadonlySet<PolicyInput> {
    return this.readers.get(key) ?? new Set();
  }

  /** Drops every translation involving `policy` (its own, and its merges either way). */
  forget(policy: PolicyInput): void {
    this.own.delete(policy);
    this.goSpecs.delete(policy);
    for (const parent of this.merged.get(policy)?.keys() ?? []) this.mergedInto.get(parent)?.delete(policy);
    this.merged.delete(policy);
    for (const route of this.mergedInto.get(policy) ?? []) this.merged.get(route)?.delete(policy);
    this.mergedInto.delete(policy);
    for (const [key, set] of this.readers) {
      if (set.delete(policy) && set.size === 0) this.readers.delete(key);
    }
  }

  /** A policy's own settings. */
  ownOf(policy: PolicyInput): Built {
    let built = this.own.get(policy);
    if (!built) this.own.set(policy, (built = frozen(this.translateOwn(policy))));
    return built;
  }

  /** A route policy merged into its parent (`mergeType`), once per (route policy, parent) pair. */
  mergedOf(route: PolicyInput, parent: PolicyInput, mergeType: string): Built {
    let byParent = this.merged.get(route);
    if (!byParent) this.merged.set(route, (byParent = new Map()));
    let built = byParent.get(parent);
    if (!built) {
      byParent.set(parent, (built = frozen(this.translateMerged(route, parent, mergeType))));
      let routes = this.mergedInto.get(parent);
      if (!routes) this.mergedInto.set(parent, (routes = new Set()));
      routes.add(route);
    }
    return built;
  }

  /** `reader`: the policy whose translation (own or merged) this is, which hears of every ConfigMap read. */
  private context(identity: PolicyInput, responseOverrideNamespace: string, reader: PolicyInput = identity): TrafficContext {
    return {
      policy: refOf(identity),
      configMap: (ns, name) => {
        const key = nsName(ns, name);
        let set = this.readers.get(key);
        if (!set) this.readers.set(key, (set = new Set()));
        set.add(reader);
        return this.index.configMaps.get(key);
      },
      responseOverrideNamespace,
    };
  }

  private build(spec: BackendTrafficPolicySpecInput, identity: PolicyInput, responseOverrideNamespace: string): TrafficResult {
    return buildTraffic(spec, this.context(identity, responseOverrideNamespace));
  }

  private translateOwn(policy: PolicyInput): Built {
    const r = this.build(policy.spec, policy, policy.namespace);
    const provenance: Record<string, ObjectRef> = {};
    const ref = refOf(policy);
    for (const path of leafPaths(r.traffic)) provenance[path] = ref;
    return this.withRouteFields({ traffic: r.traffic, errors: r.errors, provenance }, policy.spec, policy);
  }

  /**
   * The merge itself: the merged spec translated as the route policy, except for features with a
   * `mergeTranslated` hook, whose value is the merge of the parent's and the route's own
   * translations (each under its own policy's identity). When only the parent sets such a
   * feature, the parent's translation is kept as is.
   */
  private translateMerged(route: PolicyInput, parent: PolicyInput, mergeType: string): Built {
    let goSpec = this.goSpecs.get(route);
    if (goSpec === undefined) this.goSpecs.set(route, (goSpec = asGoSerialises(route.spec)));
    const merged = mergeSpecs(parent.spec, goSpec, mergeType);
    if (!merged.ok) return { traffic: {}, errors: [merged.error], provenance: {}, routeFields: {} };
    const routeSpec = route.spec as Record<string, unknown>;
    const parentSpec = parent.spec as Record<string, unknown>;
    const roNamespace = routeSpec.responseOverride !== undefined ? route.namespace : parent.namespace;
    const result = this.build(merged.spec, route, roNamespace);
    const traffic = result.traffic as Record<string, unknown>;
    const sets = (spec: Record<string, unknown>, fields: object) => Object.keys(fields).some((k) => spec[k] !== undefined);
    for (const feature of FEATURES) {
      const mergeTranslated = feature.translation.mergeTranslated;
      if (!mergeTranslated || !sets(parentSpec, feature.spec)) continue;
      const fromParent = feature.translation.build(parent.spec, this.context(parent, parent.namespace));
      if (!sets(routeSpec, feature.spec)) {
        if (fromParent.value !== undefined) traffic[feature.key] = fromParent.value;
      } else if (!fromParent.errors?.length && fromParent.value !== undefined) {
        const fromRoute = feature.translation.build(route.spec, this.context(route, route.namespace));
        if (fromRoute.value !== undefined) {
          const m = mergeTranslated(fromParent.value, fromRoute.value, mergeType);
          if (m.success) traffic[feature.key] = m.data;
          else result.errors.push(m.error);
        }
      }
    }
    const provenance = attributeMerged(result.traffic, this.ownOf(route).traffic, this.ownOf(parent).traffic, refOf(route), refOf(parent));
    return this.withRouteFields({ ...result, provenance }, merged.spec, route);
  }
}

/**
 * Route entries shaped by the same policy share its translated settings; freezing them (once per
 * policy, not per entry) keeps a caller's edit of one entry from showing up in another.
 */
function frozen(built: Built): Built {
  deepFreeze(built.traffic);
  deepFreeze(built.provenance);
  return built;
}
