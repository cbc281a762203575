/**
 * `createResolver`: resolution for a controller that follows a cluster. It holds the objects it
 * was given and the state of their resolution (`ResolutionState`), and a change (watch events,
 * upserts, deletes) recomputes only what that change can affect. The law it keeps, after every
 * change: `resolver.resolution()` deep-equals `resolvePolicies(resolver.objects(), options)`.
 *
 * Each change returns what it did: the route entries added, changed and removed, the policies
 * whose status is new or differs, those no longer listed — each list in Resolution order — and the
 * findings about the objects the change brought, with paths into the change.
 *
 * What it hands out is frozen, not copied: route results, policy statuses, attachments and
 * diagnostics are frozen as they are made (the Resolution's arrays are fresh each call), so a
 * caller can keep them across changes and cannot corrupt the state by editing them.
 */
import { objectKey, withImpliedType } from '../admit/admit.js';
import { cloneJson, deepFreeze, isRecord, jsonEqual } from '../lang/json.js';
import { describeThrown, LIMITS, newValueBudget, type ResolutionLimits } from '../model/limits.js';
import { flatten } from '../read/input.js';
import { readWithinLimits, type InputEntry } from '../read/limits.js';
import { PATH_PLACEHOLDER, rebase, ResolutionState, type StateChange } from './resolution-state.js';
import { readResolveOptions } from './resolve-options.js';
import type { EntryNote } from './state-records.js';
import { newResultComparison, sameRouteResult } from './route-result.js';
import type { Diagnostic, PolicyResult, Resolution, ResolveInput, ResolveOptions, RouteResult } from './types.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** A Kubernetes watch event's shape (`type` + `object`); BOOKMARK/ERROR events are ignored with a diagnostic. */
export interface WatchEvent {
  type: WatchEventType;
  object: unknown;
}

/** Which object to delete: `kind` + `name` (+ `namespace` for namespaced kinds); `apiVersion` optional. */
export interface ObjectKey {
  apiVersion?: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** What one change did. Lists are in Resolution order; empty when nothing changed. */
export interface ResolverChange {
  routes: {
    /** Route entries (listener × route × rule) that did not exist before. */
    added: RouteResult[];
    /** Entries whose RouteResult is not deep-equal to before (their new value). */
    changed: RouteResult[];
    /** Entries that no longer exist (their last value). */
    removed: RouteResult[];
  };
  policies: {
    /** Policies whose status is new or differs (the new status), new policies included. */
    changed: PolicyResult[];
    /** Policies no longer listed in `Resolution.policies`. */
    removed: PolicyResult['ref'][];
  };
  /** Findings about the objects this change brought (admission, reading), with paths into the change. */
  diagnostics: Diagnostic[];
}

export interface Resolver {
  /** ADDED and MODIFIED upsert `object`, DELETED deletes by its key; events apply in order. */
  apply(events: readonly WatchEvent[]): ResolverChange;
  /** Objects, or Lists and arrays of them, as `resolvePolicies` reads them (one object too); each replaces the object of its key. */
  upsert(objects: ResolveInput): ResolverChange;
  delete(keys: readonly ObjectKey[]): ResolverChange;
  /** The whole current Resolution: deep-equals `resolvePolicies(this.objects(), options)`. */
  resolution(): Resolution;
  /**
   * The objects held (copies), in the order that makes the law above hold, as read: without
   * `status`, and with `metadata.managedFields` empty (nothing reads what only a server writes).
   */
  objects(): unknown[];
}

/** One step of a change: objects read from the change to put, or a key to remove. */
type Step = { put: InputEntry } | { remove: string };

export function createResolver(options?: ResolveOptions): Resolver {
  return createResolverWithin(options, LIMITS);
}

/** `createResolver` with other limits on what it makes (not exported from the package: for the tests). */
export function createResolverWithin(options: ResolveOptions | undefined, limits: ResolutionLimits): Resolver {
  // Read once, into a copy: a caller editing its options object later must not change what the
  // resolver does, and what was wrong with them is reported by every state made from them.
  const optionFindings: Diagnostic[] = [];
  const opts = readResolveOptions(options, optionFindings);
  const fresh = () => newState(opts, optionFindings, limits);
  let state = fresh();
  let resolution: Resolution | undefined;

  /** Applies the steps and flushes once; an internal error rebuilds the state from the objects held. */
  const change = (read: (diagnostics: Diagnostic[]) => Step[]): ResolverChange => {
    const diagnostics: Diagnostic[] = [];
    try {
      const steps = read(diagnostics);
      for (const step of steps) {
        if ('remove' in step) {
          state.remove([step.remove]);
          continue;
        }
        const admission: Diagnostic[] = [];
        state.put([held(step.put, state.options.apiServer)], admission);
        for (const d of admission) diagnostics.push(rebase(d, step.put.path));
      }
      const done = state.flush(true);
      resolution = undefined;
      return toChange(state, done!, diagnostics);
    } catch (err) {
      diagnostics.push({ severity: 'error', path: '', message: `internal error while following a change: ${describeThrown(err)}; the resolution was made again from the objects held` });
      state = rebuilt(state, fresh, diagnostics);
      resolution = undefined;
      return finish({ routes: { added: [], changed: [], removed: [] }, policies: { changed: [], removed: [] }, diagnostics });
    }
  };

  return {
    upsert(objects) {
      // Read as `resolvePolicies` reads its input: an array, a List or one object; anything else is a finding.
      return change((diagnostics) => readObjects(objects, diagnostics, (path) => path));
    },
    delete(keys) {
      return change((diagnostics) => {
        const steps: Step[] = [];
        eachItem(keys, 'object keys ({ kind, name, namespace })', diagnostics, (k, i) => {
          const key = keyOf(k);
          if (key) steps.push({ remove: key });
          else diagnostics.push({ severity: 'error', path: `[${i}]`, message: 'an object key needs a kind and a name (strings); ignored' });
        });
        return steps;
      });
    },
    apply(events) {
      return change((diagnostics) => {
        const steps: Step[] = [];
        const budget = newValueBudget();
        eachItem(events, 'watch events ({ type, object })', diagnostics, (e, i) => {
          const type = isRecord(e) ? e.type : undefined;
          // The object is read once: a getter answers differently, or throws, the second time.
          const object = type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED' ? (e as Record<string, unknown>).object : undefined;
          if (type === 'ADDED' || type === 'MODIFIED') {
            for (const s of readObjects([object], diagnostics, (path) => `[${i}].object${path.slice('[0]'.length)}`, budget)) steps.push(s);
          } else if (type === 'DELETED') {
            const meta = isRecord(object) && isRecord(object.metadata) ? object.metadata : undefined;
            const key = keyOf(isRecord(object) ? { kind: object.kind, namespace: meta?.namespace, name: meta?.name } : undefined);
            if (key) steps.push({ remove: key });
            else diagnostics.push({ severity: 'error', path: `[${i}].object`, message: 'a DELETED event needs an object with a kind and metadata.name; ignored' });
          } else {
            const shown = typeof type === 'string' ? type : 'no type';
            diagnostics.push({ severity: 'warning', path: `[${i}].type`, message: `watch event of ${shown} ignored: only ADDED, MODIFIED and DELETED change objects` });
          }
        });
        return steps;
      });
    },
    resolution() {
      try {
        resolution ??= freezeResolution({ policies: state.policies(), routes: state.routes(), diagnostics: state.diagnostics(), rejected: state.rejected(), attachments: state.attachments() });
        const r = resolution;
        // Fresh arrays of frozen items: a caller may sort or extend them.
        return { policies: [...r.policies], routes: [...r.routes], diagnostics: [...r.diagnostics], rejected: [...(r.rejected ?? [])], attachments: [...r.attachments] };
      } catch (err) {
        return { policies: [], routes: [], diagnostics: [{ severity: 'error', path: '', message: `internal error during resolution: ${describeThrown(err)}` }], rejected: [], attachments: [] };
      }
    },
    objects() {
      const out: unknown[] = [];
      for (const s of state.storedObjects()) out.push(cloneJson(s.object));
      return out;
    },
  };
}

function newState(options: ResolveOptions, optionFindings: readonly Diagnostic[], limits: ResolutionLimits): ResolutionState {
  const state = new ResolutionState(options, true, optionFindings, limits);
  state.flush(false);
  return state;
}

/** A state made again from the objects `broken` holds (after an internal error); `fresh` makes an empty one. */
function rebuilt(broken: ResolutionState, fresh: () => ResolutionState, diagnostics: Diagnostic[]): ResolutionState {
  try {
    const state = fresh();
    const entries: InputEntry[] = [];
    for (const s of broken.storedObjects()) entries.push({ kind: s.admitted.kind, object: s.object, path: PATH_PLACEHOLDER });
    state.put(entries);
    state.flush(false);
    return state;
  } catch (err) {
    diagnostics.push({ severity: 'error', path: '', message: `internal error while making the resolution again (${describeThrown(err)}); every object was let go` });
    return fresh();
  }
}

/**
 * Visits the objects of `list`, an array of `what`: each read in turn, so that one that cannot be
 * read (a throwing getter, a proxy) is a finding at its index and the others still count. Items that
 * are not objects make one finding (at the first, with how many more), as a List's do; an array
 * longer than the input's value limit (a sparse one is cheap to make) or not an array changes nothing.
 */
function eachItem(list: unknown, what: string, diagnostics: Diagnostic[], visit: (item: Record<string, unknown>, i: number) => void): void {
  let length: number;
  try {
    // (Even Array.isArray throws, on a revoked proxy.)
    if (!Array.isArray(list)) {
      diagnostics.push({ severity: 'error', path: '', message: `expected an array of ${what}; nothing changed` });
      return;
    }
    length = list.length;
  } catch (err) {
    diagnostics.push({ severity: 'error', path: '', message: `the array could not be read (${describeThrown(err)}); nothing changed` });
    return;
  }
  if (length > LIMITS.maxValuesPerInput) {
    diagnostics.push({ severity: 'error', path: '', message: `the array holds more than ${LIMITS.maxValuesPerInput} items; nothing changed` });
    return;
  }
  let others = 0;
  let first = -1;
  for (let i = 0; i < length; i++) {
    try {
      const item: unknown = (list as unknown[])[i];
      if (item !== null && typeof item === 'object') visit(item as Record<string, unknown>, i);
      else if (others++ === 0) first = i;
    } catch (err) {
      diagnostics.push({ severity: 'error', path: `[${i}]`, message: `could not be read (${describeThrown(err)}); ignored` });
    }
  }
  if (others > 0) diagnostics.push({ severity: 'error', path: `[${first}]`, message: `expected an object${others > 1 ? `; ${others - 1} more items are not objects either (all ignored)` : '; ignored'}` });
}

/** The objects of `input`, read (flattened, within limits) as `resolvePolicies` reads them; `pathOf` maps a path into the change. */
function readObjects(input: unknown, diagnostics: Diagnostic[], pathOf: (path: string) => string, budget = newValueBudget()): Step[] {
  const reading: Diagnostic[] = [];
  const steps: Step[] = [];
  for (const entry of readWithinLimits(flatten(input, reading, budget), reading, budget)) steps.push({ put: { ...entry, path: pathOf(entry.path) } });
  for (const d of reading) diagnostics.push(d.path.startsWith('[') ? { ...d, path: pathOf(d.path) } : d);
  return steps;
}

/**
 * An entry as the state holds it: admitted under the placeholder path (its place is its position
 * among the objects held), and typed as its List or bundle key implied, so that `objects()` reads
 * back as it was read here (the cluster profile implies `apiVersion` too; the harness reads only `kind`).
 */
function held(entry: InputEntry, apiServer: boolean): InputEntry {
  const { hint, ...rest } = entry;
  if (!hint || !isRecord(entry.object)) return { ...rest, path: PATH_PLACEHOLDER };
  const object = apiServer ? withImpliedType(entry.object, hint) : { ...entry.object, kind: hint.kind };
  return { ...rest, object, path: PATH_PLACEHOLDER };
}

/** The store key of an object key, or undefined when it lacks a kind or name. */
function keyOf(k: unknown): string | undefined {
  if (!isRecord(k) || typeof k.kind !== 'string' || typeof k.name !== 'string' || k.kind === '' || k.name === '') return undefined;
  return objectKey(k.kind, k.namespace, k.name);
}

/** The lists of a change, in Resolution order, from what the state noted. */
function toChange(state: ResolutionState, done: StateChange, diagnostics: Diagnostic[]): ResolverChange {
  // The notes themselves are listed and sorted, not wrappers made for them: a Gateway-wide change
  // notes tens of thousands of entries, and the wrappers were a quarter of what it allocated.
  const added: EntryNote[] = [];
  const changed: EntryNote[] = [];
  const removed: EntryNote[] = [];
  const comparison = newResultComparison();
  // Indexed: this runs once per change, so before the engine optimises it, and a `for…of` there
  // made an iterator result per note.
  const notes = done.entries;
  for (let i = 0; i < notes.length; i++) {
    const e = notes[i]!;
    if (e.before && e.after) {
      if (e.differs || !sameRouteResult(e.before, e.after, comparison)) changed.push(e);
    } else if (e.after) added.push(e);
    else if (e.before) removed.push(e);
  }
  const byAfter = (a: EntryNote, b: EntryNote) => state.compareEntryPlaces(a.afterAt!, b.afterAt!);
  const byBefore = (a: EntryNote, b: EntryNote) => state.compareEntryPlaces(a.beforeAt!, b.beforeAt!);
  const policyChanged: Array<{ p: PolicyResult; at: Parameters<ResolutionState['comparePolicyPlaces']>[0] }> = [];
  const policyRemoved: Array<{ p: PolicyResult; at: Parameters<ResolutionState['comparePolicyPlaces']>[0] }> = [];
  for (const e of done.policies.values()) {
    if (e.after) {
      if (!e.before || !jsonEqual(e.before, e.after)) policyChanged.push({ p: e.after, at: e.afterAt! });
    } else if (e.before) policyRemoved.push({ p: e.before, at: e.beforeAt! });
  }
  const byPolicy = (a: (typeof policyChanged)[number], b: (typeof policyChanged)[number]) => state.comparePolicyPlaces(a.at, b.at);
  return finish({
    routes: { added: added.sort(byAfter).map((e) => e.after!), changed: changed.sort(byAfter).map((e) => e.after!), removed: removed.sort(byBefore).map((e) => e.before!) },
    policies: { changed: policyChanged.sort(byPolicy).map((x) => x.p), removed: policyRemoved.sort(byPolicy).map((x) => x.p.ref) },
    diagnostics,
  });
}

function finish(change: ResolverChange): ResolverChange {
  for (const d of change.diagnostics) deepFreeze(d);
  return change;
}

function freezeResolution(r: Resolution): Resolution {
  for (const d of r.diagnostics) deepFreeze(d);
  for (const x of r.rejected ?? []) deepFreeze(x);
  return r;
}
