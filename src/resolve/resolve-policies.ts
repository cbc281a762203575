/**
 * `resolvePolicies`: which BackendTrafficPolicies shape every route rule on every gateway listener,
 * the effective settings, and the status Envoy Gateway would write on each policy.
 *
 * The algorithm follows Envoy Gateway's translator: policies are visited in six passes, most
 * specific scope first (route rule, route, ListenerSet listener, ListenerSet, Gateway listener,
 * Gateway); the first policy to reach an HTTP route claims it whole, TCP routes are filled field by
 * field, and a route policy with `mergeType` is merged into the closest parent policy per listener.
 */
import equal from 'fast-deep-equal';
import { matchesLabelSelector } from '../match/label-selector.js';
import { indexCandidates, type CandidateIndex } from '../match/candidate-index.js';
import { composeTargets, groupOf, plainTargets, type PolicyTarget, type SelectableObject } from '../match/policy-targets.js';
import { buildIndex, nsName, routeKey, type ListenerContext, type ResourceIndex } from '../match/resource-index.js';
import type { ParentContext } from '../match/route-attachment.js';
import { attachRoutes, type AttachedRoute, type RouteEntry } from '../match/route-entries.js';
import type { LabelSelector } from '../model/label-selector.js';
import { describeThrown } from '../model/limits.js';
import {
  type AncestorRef,
  type AncestorStatusBuilder,
  finishAncestors,
  newStatusBuilder,
  setAccepted,
  setCondition,
  setWarning,
} from './ancestor-status.js';
import { parseGoDuration } from '../model/duration.js';
import { readResources } from '../admit/admit.js';
import { type PolicyInput, type RouteInput } from '../admit/resources.js';
import { mergeSpecs } from './merge/merge-policies.js';
import { leafPaths, type RouteState } from './route-state.js';
import { addScope, directChildren, formatScopes, newScopeGraph, registerListenerSet, withDescendants, type Scope } from './scope-graph.js';
import { buildTraffic, conditionMessage, type TrafficResult } from './translate.js';
import { FEATURES, TCP_GATEWAY_KEYS, TCP_ROUTE_KEYS, UDP_KEYS } from '../features/registry.js';
import type { RouteFieldValues, TrafficContext } from '../features/feature.js';
import type { BackendTrafficPolicySpecInput } from '../model/backend-traffic-policy.js';
import { applyHttpRouteFields, applyTcpRouteFields, routeFieldsOf } from './route-fields.js';
import type { Diagnostic, ObjectRef, PolicyResult, Resolution, ResolveOptions, RouteResult } from './types.js';
import { GATEWAY_API_GROUP } from '../model/kinds.js';

export const DEFAULT_CONTROLLER_NAME = 'gateway.envoyproxy.io/gatewayclass-controller';

const CONFLICT_SUFFIX = 'another BackendTrafficPolicy has already attached to it';

/**
 * Resolve a set of manifests. Never throws and never mutates `input`: malformed objects become
 * `diagnostics` (or an `Accepted=False` condition) and the rest still resolves.
 */
export function resolvePolicies(input: unknown, options: ResolveOptions = {}): Resolution {
  try {
    return new Resolver(input, options !== null && typeof options === 'object' ? options : {}).run();
  } catch (err) {
    const diagnostics: Diagnostic[] = [{ severity: 'error', path: '', message: `internal error during resolution: ${describeThrown(err)}` }];
    return { policies: [], routes: [], diagnostics };
  }
}

interface Built extends TrafficResult {
  /** Leaf path → policy, for provenance. */
  provenance: Record<string, ObjectRef>;
  /** Route-result fields outside `traffic` the features set from the spec that was built. */
  routeFields: Partial<RouteFieldValues>;
}

const refOf = (p: PolicyInput): ObjectRef => ({ namespace: p.namespace, name: p.name });

class Resolver {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly index: ResourceIndex;
  private readonly controllerName: string;
  private readonly now: string | undefined;

  /** Routes with a managed parent, by `routeKey`: what every policy targeting one needs. */
  private readonly attachedRoutes = new Map<string, RouteClaims>();
  private states: RouteState[] = [];
  private statesByListener = new Map<string, RouteState[]>();

  /** What selectors may pick, per kind family, indexed; and each policy's composed targets per family. */
  private routeCandidates!: CandidateIndex;
  private gatewayCandidates!: CandidateIndex;
  private listenerSetCandidates!: CandidateIndex;
  private readonly composed = new Map<CandidateIndex, Map<PolicyInput, PolicyTarget[]>>();
  private readonly plainTargets = new Map<PolicyInput, PolicyTarget[]>();

  private readonly gatewayPolicy = new Map<string, PolicyInput>();
  private readonly listenerSetPolicy = new Map<string, PolicyInput>();

  private readonly seen: PolicyInput[] = [];
  private readonly byName = new Map<string, PolicyInput>();
  /** The policy each input object stands for, once visited (the first of its name). */
  private readonly canonical = new Map<PolicyInput, PolicyInput>();
  private readonly duplicateReported = new Set<string>();
  private readonly status = new Map<PolicyInput, AncestorStatusBuilder>();
  private readonly attached = new Set<string>();
  private readonly overrides = newScopeGraph();
  private readonly merged = newScopeGraph();
  /**
   * Translations, cached: a policy's settings do not depend on the route they land on, so every
   * route result a policy shapes shares one `traffic` object (a Resolution is read-only data).
   */
  private readonly ownBuilt = new Map<PolicyInput, Built>();
  private readonly mergedBuilt = new Map<PolicyInput, Map<PolicyInput, Built>>();

  constructor(input: unknown, private readonly options: ResolveOptions) {
    const resources = readResources(input, options, this.diagnostics);
    this.index = buildIndex(resources, (sel, labels) => matchesLabelSelector(sel as LabelSelector | undefined, labels), options.namespaces === 'declared');
    this.controllerName = options.controllerName ?? DEFAULT_CONTROLLER_NAME;
    const now = options.now;
    this.now = now instanceof Date ? now.toISOString() : now;
  }

  run(): Resolution {
    this.attachRoutes();
    this.collectCandidates();
    this.buildParentPolicyMaps();
    const policies = this.index.resources.policies;
    const hasListenerSets = this.index.resources.listenerSets.length > 0;
    const plainOnly = (p: PolicyInput) => this.plain(p);
    // 1. route rules, 2. routes
    for (const p of policies) for (const t of plainOnly(p)) if (t.kind !== 'Gateway' && t.sectionName) this.visit(p, (c) => this.processRoute(c, t, true));
    for (const p of policies)
      for (const t of this.targets(p, this.routeCandidates)) if (t.kind !== 'Gateway' && !t.sectionName) this.visit(p, (c) => this.processRoute(c, t, false));
    if (hasListenerSets) {
      // 3. ListenerSet listeners, 4. ListenerSets
      for (const p of policies) for (const t of plainOnly(p)) if (t.kind === 'ListenerSet' && t.sectionName) this.visit(p, (c) => this.processParentTarget(c, t, 'ListenerSet'));
      for (const p of policies)
        for (const t of this.targets(p, this.listenerSetCandidates)) if (t.kind === 'ListenerSet' && !t.sectionName) this.visit(p, (c) => this.processParentTarget(c, t, 'ListenerSet'));
    }
    // 5. Gateway listeners, 6. Gateways
    for (const p of policies) for (const t of plainOnly(p)) if (t.kind === 'Gateway' && t.sectionName) this.visit(p, (c) => this.processParentTarget(c, t, 'Gateway'));
    for (const p of policies)
      for (const t of this.targets(p, this.gatewayCandidates)) if (t.kind === 'Gateway' && !t.sectionName) this.visit(p, (c) => this.processParentTarget(c, t, 'Gateway'));

    const policyResults: PolicyResult[] = this.seen.map((p) => ({
      ref: { group: 'gateway.envoyproxy.io', kind: 'BackendTrafficPolicy', namespace: p.namespace, name: p.name },
      status: { ancestors: this.status.has(p) ? finishAncestors(this.status.get(p)!, this.now) : null },
    }));
    const refs = sharedRefs();
    return { policies: policyResults, routes: this.states.map((s) => toRouteResult(s, refs)), diagnostics: this.diagnostics };
  }

  /**
   * Policies are identified by namespace/name: when the input repeats a name, Envoy Gateway keeps
   * the first object it handled and processes the later one's targets with it.
   */
  private visit(policy: PolicyInput, process: (canonical: PolicyInput) => void): void {
    const known = this.canonical.get(policy);
    if (known) return process(known);
    const key = nsName(policy.namespace, policy.name);
    let canonical = this.byName.get(key);
    if (!canonical) {
      canonical = policy;
      this.byName.set(key, policy);
      this.seen.push(policy);
    } else if (canonical !== policy && !this.duplicateReported.has(key)) {
      this.duplicateReported.add(key);
      this.diagnostics.push({
        severity: 'warning',
        path: '',
        message: `BackendTrafficPolicy ${key} appears more than once; the first one's spec is used for every target, as Envoy Gateway does`,
        object: { kind: 'BackendTrafficPolicy', namespace: policy.namespace, name: policy.name },
      });
    }
    this.canonical.set(policy, canonical);
    process(canonical);
  }

  private builder(policy: PolicyInput): AncestorStatusBuilder {
    let b = this.status.get(policy);
    if (!b) this.status.set(policy, (b = newStatusBuilder(this.controllerName, policy.generation)));
    return b;
  }

  // ---------------------------------------------------------------- setup

  private attachRoutes(): void {
    const attachment = attachRoutes(this.index, newRouteState);
    for (const { route, message } of attachment.ignored) {
      this.diagnostics.push({ severity: 'error', path: '', message, object: { kind: route.kind, namespace: route.namespace, name: route.name } });
    }
    this.states = attachment.entries;
    this.statesByListener = attachment.byListener;
    for (const [key, attached] of attachment.routes) this.attachedRoutes.set(key, { ...attached, scoped: false, claimed: false });
  }

  private collectCandidates(): void {
    const routes: SelectableObject[] = [...this.attachedRoutes.values()].map(({ route: r }) => ({
      group: groupOf(r.object.apiVersion, GATEWAY_API_GROUP),
      kind: r.kind,
      namespace: r.namespace,
      name: r.name,
      labels: r.object.metadata.labels,
      creationTimestamp: r.creationTimestamp,
    }));
    this.routeCandidates = indexCandidates(routes);
    this.gatewayCandidates = indexCandidates([...this.index.gateways.values()].map((gw) => selectable(gw, 'Gateway')));
    this.listenerSetCandidates = indexCandidates([...this.index.listenerSets.values()].map((ls) => selectable(ls, 'ListenerSet')));
  }

  /** A policy's `targetRef(s)`, read once. */
  private plain(policy: PolicyInput): PolicyTarget[] {
    let targets = this.plainTargets.get(policy);
    if (!targets) this.plainTargets.set(policy, (targets = plainTargets(policy)));
    return targets;
  }

  /** A policy's targets among one kind family (`composeTargets`), computed once per family. */
  private targets(policy: PolicyInput, family: CandidateIndex): PolicyTarget[] {
    if (!(policy.spec as { targetSelectors?: unknown[] }).targetSelectors?.length) return this.plain(policy);
    let cache = this.composed.get(family);
    if (!cache) this.composed.set(family, (cache = new Map()));
    let targets = cache.get(policy);
    if (!targets) cache.set(policy, (targets = composeTargets(policy, family, this.index)));
    return targets;
  }

  /** The merge parents: per (Gateway|ListenerSet, section), the first policy whose target resolves. */
  private buildParentPolicyMaps(): void {
    for (const p of this.index.resources.policies) {
      for (const t of this.targets(p, this.gatewayCandidates)) {
        if (t.kind !== 'Gateway') continue;
        const key = nsName(t.namespace, t.name);
        if (!this.index.gateways.has(key)) continue;
        if (t.sectionName && !this.directListener(key, t.sectionName)) continue;
        const slot = `${key}|${t.sectionName ?? ''}`;
        if (!this.gatewayPolicy.has(slot)) this.gatewayPolicy.set(slot, p);
      }
      for (const t of this.targets(p, this.listenerSetCandidates)) {
        if (t.kind !== 'ListenerSet') continue;
        const key = nsName(t.namespace, t.name);
        const ls = this.index.listenerSets.get(key);
        if (!ls) continue;
        if (t.sectionName && !ls.spec.listeners.some((l) => l.name === t.sectionName)) continue;
        const slot = `${key}|${t.sectionName ?? ''}`;
        if (!this.listenerSetPolicy.has(slot)) this.listenerSetPolicy.set(slot, p);
      }
    }
  }

  private directListener(gatewayKey: string, name: string): ListenerContext | undefined {
    return this.index.gatewayListeners.get(gatewayKey)?.find((l) => l.listenerSet === undefined && l.listener.name === name);
  }

  // ---------------------------------------------------------------- translation

  private context(identity: PolicyInput, responseOverrideNamespace: string): TrafficContext {
    return { policy: refOf(identity), configMap: (ns, name) => this.index.configMaps.get(nsName(ns, name)), responseOverrideNamespace };
  }

  private build(spec: BackendTrafficPolicySpecInput, identity: PolicyInput, responseOverrideNamespace: string): TrafficResult {
    return buildTraffic(spec, this.context(identity, responseOverrideNamespace));
  }

  /** A policy's own settings, translated once however many routes and listeners it reaches. */
  private buildOwn(policy: PolicyInput): Built {
    let built = this.ownBuilt.get(policy);
    if (!built) this.ownBuilt.set(policy, (built = frozen(this.translateOwn(policy))));
    return built;
  }

  private translateOwn(policy: PolicyInput): Built {
    const r = this.build(policy.spec, policy, policy.namespace);
    const provenance: Record<string, ObjectRef> = {};
    const ref = refOf(policy);
    for (const path of leafPaths(r.traffic)) provenance[path] = ref;
    return { ...r, provenance, routeFields: routeFieldsOf(policy.spec) };
  }

  /** A route policy merged into its parent (mergeType), once per (route policy, parent) pair. */
  private buildMerged(route: PolicyInput, parent: PolicyInput, mergeType: string): Built {
    let byParent = this.mergedBuilt.get(route);
    if (!byParent) this.mergedBuilt.set(route, (byParent = new Map()));
    let built = byParent.get(parent);
    if (!built) byParent.set(parent, (built = frozen(this.translateMerged(route, parent, mergeType))));
    return built;
  }

  /**
   * The merge itself: the merged spec translated as the route policy, except for features with a
   * `mergeTranslated` hook, whose value is the merge of the parent's and the route's own
   * translations (each under its own policy's identity). When only the parent sets such a
   * feature, the parent's translation is kept as is.
   */
  private translateMerged(route: PolicyInput, parent: PolicyInput, mergeType: string): Built {
    const merged = mergeSpecs(parent.spec, route.spec, mergeType);
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
    // Provenance: a leaf comes from the route policy when the route alone yields the same value,
    // else from the parent when the parent alone does; values only the merge produces are the
    // route's. List items are matched by content, since a merge reorders keyed lists.
    const routeOnly = this.buildOwn(route).traffic;
    const parentOnly = this.buildOwn(parent).traffic;
    const provenance: Record<string, ObjectRef> = {};
    attribute(result.traffic, routeOnly, parentOnly, '', refOf(route), refOf(parent), provenance);
    return { ...result, provenance, routeFields: routeFieldsOf(merged.spec) };
  }

  // ---------------------------------------------------------------- applying to routes

  /** Route/rule-level application (HTTP: claim whole; TCP: fill fields; UDP: fill LB and DNS). */
  private apply(states: readonly RouteState[], policy: PolicyInput, built: Built, level: 'route' | 'gateway'): void {
    const ref = refOf(policy);
    const own = this.buildOwn(policy).routeFields;
    for (const s of states) {
      if (s.protocol === 'http') {
        if (s.traffic !== undefined || s.useClientProtocol !== undefined) continue;
        if (built.errors.length > 0) {
          s.directResponse = { statusCode: 500 };
          continue;
        }
        s.traffic = built.traffic;
        applyHttpRouteFields(s, built.routeFields, own, level);
        s.policies.push(ref);
        // Claimed whole and never written again: it can share the policy's provenance, as `traffic`.
        s.provenance = built.provenance;
        continue;
      }
      const fields: ReadonlySet<string> = s.protocol === 'udp' ? UDP_KEYS : level === 'route' ? TCP_ROUTE_KEYS : TCP_GATEWAY_KEYS;
      const traffic = (s.traffic ??= {}) as Record<string, unknown>;
      const values = built.traffic as Record<string, unknown>;
      if (s.provenance === NO_PROVENANCE) s.provenance = {};
      for (const f of fields) {
        if (values[f] === undefined || traffic[f] !== undefined) continue;
        traffic[f] = values[f];
        for (const path of leafPaths(values[f], f)) s.provenance[path] = built.provenance[path] ?? ref;
      }
      if (s.protocol === 'tcp') {
        s.policies.push(ref);
        applyTcpRouteFields(s, built.routeFields);
      }
    }
  }

  // ---------------------------------------------------------------- route and rule targets

  private processRoute(policy: PolicyInput, target: PolicyTarget, isRule: boolean): void {
    const attached = this.attachedRoutes.get(routeKey(target.kind, target.namespace, target.name));
    if (!attached) return;
    const { route, contexts } = attached;
    const ancestors = (attached.ancestors ??= contexts.map((c) => c.ancestorRef as AncestorRef));
    const routeScope = (attached.scope ??= { kind: 'Route', key: nsName(route.namespace, route.name), routeKind: route.kind });
    if (!attached.scoped) {
      // Recording the route under its parents' scopes once is enough: the graphs are sets.
      attached.scoped = true;
      for (const ctx of contexts) addScope(this.overrides, this.parentScopeOf(ctx), routeScope);
    }
    const b = this.builder(policy);
    const section = target.sectionName;

    if (isRule) {
      if (!route.object.spec.rules.some((r) => r.name !== undefined && r.name === section)) {
        for (const a of ancestors) setCondition(b, a, { type: 'Accepted', status: 'False', reason: 'TargetNotFound', message: `No section name ${section} found for ${route.kind} ${route.namespace}/${route.name}` });
        return;
      }
      if (attached.claimedRules?.has(section!)) {
        for (const a of ancestors) setCondition(b, a, { type: 'Accepted', status: 'False', reason: 'Conflicted', message: `Unable to target RouteRule ${route.name}/${section}, ${CONFLICT_SUFFIX}` });
        return;
      }
      (attached.claimedRules ??= new Set()).add(section!);
    } else {
      if (attached.claimed) {
        for (const a of ancestors) setCondition(b, a, { type: 'Accepted', status: 'False', reason: 'Conflicted', message: `Unable to target ${route.kind} ${route.name}, ${CONFLICT_SUFFIX}` });
        return;
      }
      attached.claimed = true;
    }

    const routeStates = isRule ? attached.entries.filter((s) => s.ruleName === section) : attached.entries;
    const mergeType = (policy.spec as { mergeType?: unknown }).mergeType;
    if (typeof mergeType !== 'string' || mergeType === '') {
      const built = this.buildOwn(policy);
      if (built.errors.length > 0) {
        for (const a of ancestors) setCondition(b, a, { type: 'Accepted', status: 'False', reason: 'Invalid', message: conditionMessage(built.errors) });
      }
      this.apply(routeStates, policy, built, 'route');
    } else {
      for (const ctx of contexts) {
        for (const listener of ctx.listeners) {
          const states = routeStates.filter((s) => s.listener.irName === listener.irName);
          const parent = this.parentPolicyFor(ctx, listener);
          const perListener: AncestorRef = listener.listenerSet
            ? { group: GATEWAY_API_GROUP, kind: 'ListenerSet', namespace: listener.listenerSet.metadata.namespace!, name: listener.listenerSet.metadata.name ?? '', sectionName: listener.listener.name }
            : { group: GATEWAY_API_GROUP, kind: 'Gateway', namespace: listener.gateway.metadata.namespace!, name: listener.gateway.metadata.name ?? '', sectionName: listener.listener.name };
          if (!parent) {
            const built = this.buildOwn(policy);
            if (built.errors.length > 0) setCondition(b, perListener, { type: 'Accepted', status: 'False', reason: 'Invalid', message: conditionMessage(built.errors) });
            this.apply(states, policy, built, 'route');
            continue;
          }
          const built = this.buildMerged(policy, parent.policy, mergeType);
          if (built.errors.length > 0) {
            setCondition(b, perListener, { type: 'Accepted', status: 'False', reason: 'Invalid', message: conditionMessage(built.errors) });
          } else {
            setCondition(b, perListener, { type: 'Merged', status: 'True', reason: 'Merged', message: `Merged with policy ${parent.policy.namespace}/${parent.policy.name}` });
            addScope(this.merged, parent.scope, routeScope);
          }
          this.apply(states, policy, built, 'route');
        }
      }
    }
    for (const a of ancestors) setAccepted(b, a);
    const warning = deprecationWarning(policy);
    if (warning) for (const a of ancestors) setWarning(b, a, 'DeprecatedField', warning);
    if (!isRule) {
      const rules = attached.claimedRules;
      if (rules && rules.size > 0) {
        const list = [...rules].sort(byteOrder).join(' ');
        for (const a of ancestors) setCondition(b, a, { type: 'Overridden', status: 'True', reason: 'Overridden', message: `This policy is being overridden by other backendTrafficPolicy for these route rules: [${list}]` });
      }
    }
  }

  private parentScopeOf(ctx: ParentContext): Scope {
    const section = ctx.parentRef.sectionName;
    if (ctx.listenerSetKey) {
      registerListenerSet(this.overrides, ctx.gatewayKey, ctx.listenerSetKey);
      return section ? { kind: 'ListenerSetListener', key: ctx.listenerSetKey, section } : { kind: 'ListenerSet', key: ctx.listenerSetKey };
    }
    return section ? { kind: 'GatewayListener', key: ctx.gatewayKey, section } : { kind: 'Gateway', key: ctx.gatewayKey };
  }

  /** The closest parent policy of a route for one listener (§6.2 of the semantics notes). */
  private parentPolicyFor(ctx: ParentContext, listener: ListenerContext): { policy: PolicyInput; scope: Scope } | undefined {
    const name = listener.listener.name;
    if (listener.listenerSet) {
      const lsKey = nsName(listener.listenerSet.metadata.namespace!, listener.listenerSet.metadata.name ?? '');
      const onListener = this.listenerSetPolicy.get(`${lsKey}|${name}`);
      if (onListener) return { policy: onListener, scope: { kind: 'ListenerSetListener', key: lsKey, section: name } };
      const onSet = this.listenerSetPolicy.get(`${lsKey}|`);
      if (onSet) return { policy: onSet, scope: { kind: 'ListenerSet', key: lsKey } };
      const onGateway = this.gatewayPolicy.get(`${listener.gatewayKey}|`);
      if (onGateway) return { policy: onGateway, scope: { kind: 'Gateway', key: listener.gatewayKey } };
      return undefined;
    }
    void ctx;
    const onListener = this.gatewayPolicy.get(`${listener.gatewayKey}|${name}`);
    if (onListener) return { policy: onListener, scope: { kind: 'GatewayListener', key: listener.gatewayKey, section: name } };
    const onGateway = this.gatewayPolicy.get(`${listener.gatewayKey}|`);
    if (onGateway) return { policy: onGateway, scope: { kind: 'Gateway', key: listener.gatewayKey } };
    return undefined;
  }

  // ---------------------------------------------------------------- Gateway and ListenerSet targets

  /**
   * A Gateway or ListenerSet target, whole or one listener (`sectionName`). Both kinds take the
   * same steps in the same order: the object must exist; a `sectionName` must name one of its
   * listeners (`TargetNotFound`); the slot must be free (`Conflicted`); a ListenerSet's Gateway must
   * exist; then the policy applies to every entry on the listeners and gets `Accepted`, `Invalid`
   * when translation failed, the DeprecatedField warning and the Merged/Overridden lists.
   *
   * One difference is Envoy Gateway's own: for a ListenerSet the warning is written after Merged
   * and Overridden, for a Gateway before them (`processBackendTrafficPolicyForListenerSet` and
   * `...ForGateway` in internal/gatewayapi/backendtrafficpolicy.go call them in that order).
   */
  private processParentTarget(policy: PolicyInput, target: PolicyTarget, kind: 'Gateway' | 'ListenerSet'): void {
    const key = nsName(target.namespace, target.name);
    const listenerSet = kind === 'ListenerSet' ? this.index.listenerSets.get(key) : undefined;
    if (kind === 'Gateway' ? !this.index.gateways.has(key) : !listenerSet) return;
    const section = target.sectionName;
    const ancestor: AncestorRef = { group: GATEWAY_API_GROUP, kind, namespace: target.namespace, name: target.name, ...(section ? { sectionName: section } : {}) };
    const b = this.builder(policy);
    if (section && !(listenerSet ? listenerSet.spec.listeners.some((l) => l.name === section) : this.directListener(key, section))) {
      setCondition(b, ancestor, { type: 'Accepted', status: 'False', reason: 'TargetNotFound', message: `No section name ${section} found for ${kind} ${key}` });
      return;
    }
    const slot = `${kind}|${key}|${section ?? ''}`;
    if (!this.claim(slot)) {
      setCondition(b, ancestor, { type: 'Accepted', status: 'False', reason: 'Conflicted', message: `${conflictTarget(kind, target, key)}, ${CONFLICT_SUFFIX}` });
      return;
    }
    const gatewayKey = listenerSet ? this.index.listenerSetParent.get(key)! : key;
    if (!this.index.gateways.has(gatewayKey)) return;
    let scope: Scope;
    let listeners: ListenerContext[];
    if (kind === 'Gateway') {
      scope = section ? { kind: 'GatewayListener', key, section } : { kind: 'Gateway', key };
      if (section) addScope(this.overrides, { kind: 'Gateway', key }, scope);
      listeners = section ? [this.directListener(key, section)!] : (this.index.gatewayListeners.get(key) ?? []);
    } else {
      scope = section ? { kind: 'ListenerSetListener', key, section } : { kind: 'ListenerSet', key };
      if (section) registerListenerSet(this.overrides, gatewayKey, key);
      addScope(this.overrides, section ? { kind: 'ListenerSet', key } : { kind: 'Gateway', key: gatewayKey }, scope);
      const all = this.index.listenerSetListeners.get(key) ?? [];
      listeners = section ? all.filter((l) => l.listener.name === section) : all;
    }
    const built = this.buildOwn(policy);
    if (built.errors.length > 0) setCondition(b, ancestor, { type: 'Accepted', status: 'False', reason: 'Invalid', message: conditionMessage(built.errors) });
    this.apply(listeners.flatMap((l) => this.statesByListener.get(l.irName) ?? []), policy, built, 'gateway');
    setAccepted(b, ancestor);
    const warningLast = kind === 'ListenerSet';
    const warning = deprecationWarning(policy);
    if (warning && !warningLast) setWarning(b, ancestor, 'DeprecatedField', warning);
    this.setMergedAndOverridden(b, ancestor, scope);
    if (warning && warningLast) setWarning(b, ancestor, 'DeprecatedField', warning);
  }

  private claim(slot: string): boolean {
    if (this.attached.has(slot)) return false;
    this.attached.add(slot);
    return true;
  }

  private setMergedAndOverridden(b: AncestorStatusBuilder, ancestor: AncestorRef, scope: Scope): void {
    const mergedSet = directChildren(this.merged, scope);
    if (mergedSet.size > 0) {
      setCondition(b, ancestor, { type: 'Merged', status: 'True', reason: 'Merged', message: `This policy is being merged by other backendTrafficPolicies for ${formatScopes(mergedSet.values())}` });
    }
    const overridden = withDescendants(this.overrides, scope);
    for (const k of mergedSet.keys()) overridden.delete(k);
    if (overridden.size > 0) {
      setCondition(b, ancestor, { type: 'Overridden', status: 'True', reason: 'Overridden', message: `This policy is being overridden by other backendTrafficPolicies for ${formatScopes(overridden.values())}` });
    }
  }
}

/** An attached route, and what policies targeting it need, gathered once. */
interface RouteClaims extends AttachedRoute<RouteState> {
  /** The ancestor a route-level policy reports on, per parentRef (once a policy targets it). */
  ancestors?: AncestorRef[];
  scope?: Scope;
  /** Whether its scope is recorded under its parents' scopes in the override graph. */
  scoped: boolean;
  /** Whether a route-level policy attached to it, and the rule names rule-level ones did. */
  claimed: boolean;
  claimedRules?: Set<string>;
}

function selectable(o: { apiVersion?: string; metadata: { namespace?: string; name?: string; labels?: Record<string, string>; creationTimestamp?: unknown } }, kind: string): SelectableObject {
  const ts = o.metadata.creationTimestamp;
  const t = ts instanceof Date ? ts.getTime() : typeof ts === 'string' ? Date.parse(ts) : Number.NEGATIVE_INFINITY;
  return { group: groupOf(o.apiVersion, GATEWAY_API_GROUP), kind, namespace: o.metadata.namespace!, name: o.metadata.name ?? '', labels: o.metadata.labels, creationTimestamp: Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t };
}

function deprecationWarning(policy: PolicyInput): string | undefined {
  const spec = policy.spec as { targetRef?: unknown; compression?: unknown[] };
  const parts: string[] = [];
  if (Array.isArray(spec.compression) && spec.compression.length > 0) parts.push('spec.compression is deprecated, use spec.compressor instead');
  if (spec.targetRef !== undefined && spec.targetRef !== null) parts.push('spec.targetRef is deprecated, use spec.targetRefs instead');
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/**
 * The object of a conflict message, as Envoy Gateway words it: a Gateway listener is named
 * `ns/name/section`, a ListenerSet listener `name/section`, a whole Gateway or ListenerSet `name`.
 */
function conflictTarget(kind: 'Gateway' | 'ListenerSet', target: PolicyTarget, key: string): string {
  if (!target.sectionName) return `Unable to target ${kind} ${target.name}`;
  return `Unable to target Listener ${kind === 'Gateway' ? key : target.name}/${target.sectionName}`;
}

const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Record, for every leaf of `merged`, whether the route's or the parent's own settings supplied it. */
function attribute(merged: unknown, fromRoute: unknown, fromParent: unknown, path: string, route: ObjectRef, parent: ObjectRef, out: Record<string, ObjectRef>): void {
  if (Array.isArray(merged) && merged.length > 0) {
    merged.forEach((item, i) => {
      // Keyed-list items (compression, httpUpgrade) are matched by `type`, the merge key: their
      // other fields (chooseFirst) depend on the position the merge gave them.
      const keyOf = (x: unknown): unknown => (x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as { type?: unknown }).type : undefined);
      const same = (x: unknown): boolean => (typeof keyOf(item) === 'string' ? keyOf(x) === keyOf(item) : equal(x, item));
      const inRoute = Array.isArray(fromRoute) ? fromRoute.find(same) : undefined;
      const inParent = Array.isArray(fromParent) ? fromParent.find(same) : undefined;
      if (inRoute !== undefined || inParent !== undefined) attribute(item, inRoute, inParent, `${path}[${i}]`, route, parent, out);
      else attribute(item, Array.isArray(fromRoute) ? fromRoute[i] : undefined, Array.isArray(fromParent) ? fromParent[i] : undefined, `${path}[${i}]`, route, parent, out);
    });
    return;
  }
  if (merged !== null && typeof merged === 'object' && !Array.isArray(merged) && Object.keys(merged).length > 0) {
    const child = (v: unknown, k: string) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[k] : undefined);
    for (const k of Object.keys(merged)) {
      attribute((merged as Record<string, unknown>)[k], child(fromRoute, k), child(fromParent, k), path ? `${path}.${k}` : k, route, parent, out);
    }
    return;
  }
  if (!path) return;
  out[path] = equal(merged, fromRoute) ? route : equal(merged, fromParent) ? parent : route;
}

/** The rule's own Gateway API timeout and retry, which Envoy Gateway lets win over a BTP's. */
function gatewayApiRuleSettings(rule: { timeouts?: unknown; retry?: unknown }): Pick<RouteResult, 'timeout' | 'retry'> {
  const out: Pick<RouteResult, 'timeout' | 'retry'> = {};
  const ms = (v: unknown): number | undefined => {
    if (typeof v !== 'string') return undefined;
    const d = parseGoDuration(v);
    return d.success ? d.data / 1e6 : undefined;
  };
  const request = ms((rule.timeouts as { request?: unknown } | undefined)?.request);
  if (request !== undefined) out.timeout = request;
  const retry = rule.retry as { attempts?: unknown; backoff?: unknown; codes?: unknown } | undefined;
  if (retry !== null && typeof retry === 'object') {
    const r: NonNullable<RouteResult['retry']> = {};
    if (typeof retry.attempts === 'number') r.numRetries = retry.attempts;
    const backoff = ms(retry.backoff);
    if (backoff !== undefined) r.perRetry = { backOff: { baseInterval: backoff } };
    if (Array.isArray(retry.codes) && retry.codes.length > 0) r.retryOn = { httpStatusCodes: retry.codes.filter((c): c is number => typeof c === 'number') };
    out.retry = r;
  }
  return out;
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

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
}

/** A route entry's provenance until a policy writes one (HTTP entries then share the policy's). */
const NO_PROVENANCE: Record<string, ObjectRef> = Object.freeze({});

/** An attached route's entry becomes the record policies write to. */
function newRouteState(entry: RouteEntry): RouteState {
  const state = entry as RouteState;
  state.policies = [];
  state.provenance = NO_PROVENANCE;
  return state;
}

type SharedRefs = ReturnType<typeof sharedRefs>;

/** The small ref objects of route results, made (and frozen) once per Gateway, ListenerSet and route. */
function sharedRefs() {
  const objectRefs = new Map<object, ObjectRef>();
  const objectRef = (o: { metadata: { namespace?: string; name?: string } }): ObjectRef => {
    let ref = objectRefs.get(o);
    if (!ref) objectRefs.set(o, (ref = Object.freeze({ namespace: o.metadata.namespace!, name: o.metadata.name ?? '' })));
    return ref;
  };
  const routes = new Map<RouteInput, RouteResult['route']>();
  return {
    gateway: (l: ListenerContext) => objectRef(l.gateway),
    listenerSet: (l: ListenerContext) => (l.listenerSet ? objectRef(l.listenerSet) : undefined),
    route: (r: RouteInput) => {
      let ref = routes.get(r);
      if (!ref) routes.set(r, (ref = Object.freeze({ kind: r.kind, namespace: r.namespace, name: r.name })));
      return ref;
    },
  };
}

function toRouteResult(s: RouteState, refs: SharedRefs): RouteResult {
  const r: RouteResult = {
    gateway: refs.gateway(s.listener),
    listener: s.listener.listener.name,
    route: refs.route(s.route),
    ruleIndex: s.ruleIndex,
    hostnames: s.hostnames,
    policies: s.policies,
    provenance: s.provenance === NO_PROVENANCE ? {} : s.provenance,
  };
  const listenerSet = refs.listenerSet(s.listener);
  if (listenerSet) r.listenerSet = listenerSet;
  if (s.ruleName !== undefined) r.ruleName = s.ruleName;
  const rule = s.route.object.spec.rules[s.ruleIndex];
  if (rule?.matches) r.matches = rule.matches;
  const own = rule as { timeouts?: unknown; retry?: unknown } | undefined;
  if (s.route.kind === 'HTTPRoute' && own && (own.timeouts !== undefined || own.retry !== undefined)) Object.assign(r, gatewayApiRuleSettings(own));
  if (rule?.backendRefs) r.backendRefs = rule.backendRefs;
  if (s.traffic !== undefined) r.traffic = s.traffic;
  if (s.useClientProtocol !== undefined) r.useClientProtocol = s.useClientProtocol;
  if (s.directResponse) r.directResponse = s.directResponse;
  if (s.statName !== undefined) r.statName = s.statName;
  if (s.removeResponseHeaders !== undefined) r.removeResponseHeaders = [...s.removeResponseHeaders];
  return r;
}
