/**
 * What the steps of resolution read: the indexes, the attached routes, the slots with their
 * contenders, translations, and the per-change recorders. Resolution keeps them up to date
 * (`resolution-state.ts`); the steps only read them.
 */
import type { ResolutionLimits } from '../model/limits.js';
import type { PolicyInput } from '../admit/resources.js';
import type { PolicyTarget } from '../match/policy-targets.js';
import type { ListenerContext, ResourceIndex } from '../match/resource-index.js';
import type { AttachedRoute } from '../match/route-entries.js';
import type { AncestorRef } from './ancestor-status.js';
import type { OutcomeRecorder } from './outcome-recorder.js';
import type { PolicyRefs } from './policy-refs.js';
import type { RouteState } from './route-state.js';
import type { ScopeGraphs } from './scope-graph.js';
import { gatewaySlot, type Slot, type SlotPolicy } from './slots.js';
import type { Scope } from './scope-graph.js';
import type { TranslationCache } from './translation-cache.js';

/** One policy object of the input, with the targets each pass processes. */
export interface PolicyRecord extends SlotPolicy {
  input: PolicyInput;
  canonical: PolicyRecord;
  /** `namespace/name`: objects with one name are one policy. */
  name: string;
  /** Targets of passes 1 to 6 (index 0 to 5), in the order the pass processes them. */
  passes: PolicyTarget[][];
  /** Without ListenerSets in the input: its plain ListenerSet targets (not found, and not a visit). */
  listenerSetsMissing: PolicyTarget[];
  /** The first pass with a target (7 when none: the policy is not visited). */
  firstPass: number;
}

/** An attached route, with what its policies need, gathered once per attachment. */
export interface TargetedRoute extends AttachedRoute<RouteState> {
  key: string;
  /** The key of its route slot, made once (every fold of its entries looks it up). */
  slotKey: string;
  /** The ancestor a route-level policy reports on, per managed parentRef. */
  ancestors: AncestorRef[];
  scope: Scope;
  /** Its entries by listener `irName`, each list in rule order. */
  groups: ReadonlyArray<[string, RouteState[]]>;
}

export interface ResolveContext {
  readonly index: ResourceIndex;
  /** Attached routes by route key. */
  readonly routes: ReadonlyMap<string, TargetedRoute>;
  readonly slots: ReadonlyMap<string, Slot<PolicyRecord>>;
  /** Slots by owner: `Route|<route key>` (a route's route and rule slots), `Gateway|ns/name`, `ListenerSet|ns/name`. */
  readonly slotsByOwner: ReadonlyMap<string, ReadonlySet<Slot<PolicyRecord>>>;
  readonly translations: TranslationCache;
  /** Shared refs and outcomes: made afresh for each change, so that nothing old is kept alive. */
  readonly refs: PolicyRefs;
  readonly outcomes: OutcomeRecorder;
  readonly scopes: ScopeGraphs;
  /** Passes 3 and 4 run: the input has ListenerSets. */
  readonly listenerSetPasses: boolean;
  readonly limits: ResolutionLimits;
}

/** A parent policy, with the target through which it holds its slot. */
export interface Parent {
  /** The policy object whose target holds the slot (its spec is what a route policy merges into). */
  source: PolicyRecord;
  target: PolicyTarget;
  scope: Scope;
}

/** The slots of the policies that reach every entry on a listener, most specific first (passes 3 to 6). */
export function listenerSlots(listener: ListenerContext): Array<{ key: string; scope: Scope }> {
  const name = listener.listener.name;
  if (listener.listenerSet) {
    const lsKey = `${listener.listenerSet.metadata.namespace!}/${listener.listenerSet.metadata.name ?? ''}`;
    return [
      { key: gatewaySlot('ListenerSet', lsKey, name), scope: { kind: 'ListenerSetListener', key: lsKey, section: name } },
      { key: gatewaySlot('ListenerSet', lsKey, undefined), scope: { kind: 'ListenerSet', key: lsKey } },
      { key: gatewaySlot('Gateway', listener.gatewayKey, undefined), scope: { kind: 'Gateway', key: listener.gatewayKey } },
    ];
  }
  return [
    { key: gatewaySlot('Gateway', listener.gatewayKey, name), scope: { kind: 'GatewayListener', key: listener.gatewayKey, section: name } },
    { key: gatewaySlot('Gateway', listener.gatewayKey, undefined), scope: { kind: 'Gateway', key: listener.gatewayKey } },
  ];
}

/**
 * The parent a route policy with `mergeType` merges into on a listener: the holder of the most
 * specific slot above the route there — that ListenerSet listener, else the whole ListenerSet,
 * else the whole Gateway (for a ListenerSet's listener); that Gateway listener, else the whole
 * Gateway (for one of the Gateway's own listeners). A holder is the first policy (in policy
 * order) whose target resolves; conflicts play no part.
 */
export function parentFor(ctx: Pick<ResolveContext, 'slots'>, listener: ListenerContext): Parent | undefined {
  for (const { key, scope } of listenerSlots(listener)) {
    const holder = ctx.slots.get(key)?.contenders[0];
    if (holder) return { source: holder.source, target: holder.target, scope };
  }
  return undefined;
}
