/**
 * The objects a `targetSelector` may pick, indexed once per resolution by kind, by namespace and by
 * label `key=value` (and by label within a namespace that selectors look in), so that a selector
 * looks at the few objects that can match instead of every object in the cluster.
 *
 * Lookups answer the label part of a selector, in candidate order (the order the objects were
 * given, kept by `compare` as objects are added and removed); kind group, namespaces and
 * ReferenceGrants are the caller's. Every kind of requirement narrows through the label index:
 * `In` and `Exists` by the lists of their values, `NotIn` and `DoesNotExist` by complement (the
 * objects without the key, and those with the other values).
 */
import type { LabelSelector, LabelSelectorRequirement } from '../model/label-selector.js';
import { labelSelectorMatcher } from './label-selector.js';
import type { PickedTarget, SelectableObject } from './policy-targets.js';
import { insertSorted, lowerBound, removeItem, upperBound } from '../lang/sorted-list.js';

interface KindBucket {
  all: SelectableObject[];
  byNamespace: Map<string, SelectableObject[]>;
  /** Label key → value → objects with that label. */
  byLabel: Map<string, Map<string, SelectableObject[]>>;
  /** Each object's place in `all`, to put merged lists back in candidate order (made when first needed, dropped on a change). */
  position?: Map<SelectableObject, number>;
  /** Label key → the objects without that label (made when a selector first asks, then kept as candidates come and go). */
  withoutLabel: Map<string, SelectableObject[]>;
  /**
   * Namespace → label key → value → the namespace's objects with that label, made for a namespace
   * when a selector first asks in it (and kept as candidates come and go). A selector looks in its
   * own namespace unless told otherwise, and there neither the namespace's list nor a label's
   * across namespaces is short: 4,000 policies each filtered their namespace's 200 routes for the
   * four that carried their `app` label, a tenth of a full resolution.
   */
  inNamespace: Map<string, Map<string, Map<string, SelectableObject[]>>>;
}

export interface CandidateIndex {
  readonly kinds: Map<string, KindBucket>;
  /** Candidate order, for objects added later. */
  readonly compare: (a: SelectableObject, b: SelectableObject) => number;
  /**
   * Answers of label selectors, by kind, namespace (if the selector looks in one) and selector:
   * platform policies repeat the same few selectors, and each answer is a scan of an indexed list.
   * `null`: asked once, not answered whole (see `scanCandidates`).
   */
  readonly answers: Map<string, readonly SelectableObject[] | null>;
  /**
   * The target each candidate is as the pick of a selector, by the selector's index: one object
   * whichever policy picks it (`pickedTarget`), so a policy composed again after a change names its
   * targets with the objects it had, and what is keyed by them (refs, route keys) stays.
   */
  readonly picks: WeakMap<SelectableObject, Array<PickedTarget | undefined>>;
}

const EMPTY: readonly SelectableObject[] = [];

/**
 * Visits the lists of the index `obj` belongs on, creating them (`add`) or not. A visitor rather
 * than a list of lists: indexing a whole family visits every candidate's few lists once.
 */
function eachListOf(index: CandidateIndex, obj: SelectableObject, add: boolean, visit: (list: SelectableObject[], obj: SelectableObject, index: CandidateIndex) => void): void {
  let bucket = index.kinds.get(obj.kind);
  if (!bucket) {
    if (!add) return;
    index.kinds.set(obj.kind, (bucket = { all: [], byNamespace: new Map(), byLabel: new Map(), withoutLabel: new Map(), inNamespace: new Map() }));
  }
  // Positions no longer hold once a candidate comes or goes. The lists of objects without a label
  // are kept instead: made afresh, each was a scan of every candidate of the kind, on the first
  // NotIn or DoesNotExist selector composed after any change (a resolver's route delete).
  bucket.position = undefined;
  for (const [key, list] of bucket.withoutLabel) if (!hasLabel(obj, key)) visit(list, obj, index);
  visit(bucket.all, obj, index);
  let inNamespace = bucket.byNamespace.get(obj.namespace);
  if (!inNamespace && add) bucket.byNamespace.set(obj.namespace, (inNamespace = []));
  if (inNamespace) visit(inNamespace, obj, index);
  const labels = obj.labels;
  if (!labels) return;
  const namespaceLabels = bucket.inNamespace.get(obj.namespace);
  for (const k in labels) {
    const v = labels[k];
    if (typeof v !== 'string' || !Object.hasOwn(labels, k)) continue;
    const list = labelList(bucket.byLabel, k, v, add);
    if (list) visit(list, obj, index);
    const inNamespace = namespaceLabels && labelList(namespaceLabels, k, v, add);
    if (inNamespace) visit(inNamespace, obj, index);
  }
}

/** The list of label `k=v` in `byLabel`, made if `add`. */
function labelList(byLabel: Map<string, Map<string, SelectableObject[]>>, k: string, v: string, add: boolean): SelectableObject[] | undefined {
  let values = byLabel.get(k);
  if (!values) {
    if (!add) return undefined;
    byLabel.set(k, (values = new Map()));
  }
  let list = values.get(v);
  if (!list && add) values.set(v, (list = []));
  return list;
}

const append = (list: SelectableObject[], obj: SelectableObject): void => {
  list.push(obj);
};

/** Puts a candidate at its place in candidate order. */
const insertInOrder = (list: SelectableObject[], obj: SelectableObject, index: CandidateIndex): void => insertSorted(list, obj, index.compare);

/** An index of `objects`, given in candidate order; `compare` keeps that order for objects added later. */
export function indexCandidates(objects: readonly SelectableObject[], compare: (a: SelectableObject, b: SelectableObject) => number = () => 0): CandidateIndex {
  const index: CandidateIndex = { kinds: new Map(), compare, answers: new Map(), picks: new WeakMap() };
  for (const obj of objects) eachListOf(index, obj, true, append);
  return index;
}

/**
 * Adds a candidate at its place in candidate order. Resolution changes candidates through
 * `updateCandidates`; this and `removeCandidate` are the one-by-one forms it is tested against.
 */
export function addCandidate(index: CandidateIndex, obj: SelectableObject): void {
  index.answers.clear();
  eachListOf(index, obj, true, insertInOrder);
}

/** Removes a candidate (the very object that was added). */
export function removeCandidate(index: CandidateIndex, obj: SelectableObject): void {
  index.answers.clear();
  eachListOf(index, obj, false, removeItem);
}

/**
 * Removes `removed` and then adds `added` (each the very objects), as `removeCandidate` and
 * `addCandidate` one by one would, with each list they touch rewritten once (a list one item
 * leaves or joins is spliced). One by one, each
 * removal scanned the kind's whole list and each addition shifted it: a Gateway deleted took its
 * 250 routes out of a 20,000-route list one scan at a time, and that was most of the change.
 */
export function updateCandidates(index: CandidateIndex, removed: readonly SelectableObject[], added: readonly SelectableObject[]): void {
  index.answers.clear();
  const { compare } = index;
  const leaving = new Map<SelectableObject[], SelectableObject[]>();
  for (const obj of removed) eachListOf(index, obj, false, (list) => addToList(leaving, list, obj));
  for (const [list, gone] of leaving) {
    if (gone.length === 1) {
      const i = placeOf(list, gone[0]!, compare);
      if (i >= 0) list.splice(i, 1);
      continue;
    }
    // Each leaving item found by binary search (a list is in candidate order), then the list
    // closed up in one pass that moves references without reading the objects they point to.
    const at: number[] = [];
    for (const obj of gone) {
      const i = placeOf(list, obj, compare);
      if (i >= 0) at.push(i);
    }
    at.sort((x, y) => x - y);
    let kept = 0;
    let next = 0;
    for (let i = 0; i < list.length; i++) {
      if (next < at.length && at[next] === i) {
        // (An object named twice leaves once.)
        while (next < at.length && at[next] === i) next++;
        continue;
      }
      list[kept++] = list[i]!;
    }
    list.length = kept;
  }
  const coming = new Map<SelectableObject[], SelectableObject[]>();
  for (const obj of added) eachListOf(index, obj, true, (list) => addToList(coming, list, obj));
  for (const [list, items] of coming) {
    if (items.length === 1) {
      insertSorted(list, items[0]!, compare);
      continue;
    }
    // Sorted stably, each placed after the items already there that compare equal to it (by
    // binary search), and the list rebuilt in one pass: as inserting them one by one would place
    // them, with a few comparisons per item instead of one per item of the list.
    items.sort(compare);
    const places = items.map((item) => upperBound(list, item, compare));
    const old = list.slice();
    list.length = old.length + items.length;
    let k = 0;
    let from = 0;
    for (let j = 0; j < items.length; j++) {
      for (; from < places[j]!; from++) list[k++] = old[from]!;
      list[k++] = items[j]!;
    }
    for (; from < old.length; from++) list[k++] = old[from]!;
  }
}

/** The index of `obj` itself in `list` (in `compare` order), or -1. */
function placeOf(list: readonly SelectableObject[], obj: SelectableObject, compare: (a: SelectableObject, b: SelectableObject) => number): number {
  for (let i = lowerBound(list, obj, compare); i < list.length && compare(list[i]!, obj) === 0; i++) if (list[i] === obj) return i;
  // Not where its order puts it: the list's order is not `compare`'s (a snapshot's index, made
  // without one); a scan finds it.
  return list.indexOf(obj);
}

function addToList(lists: Map<SelectableObject[], SelectableObject[]>, list: SelectableObject[], obj: SelectableObject): void {
  const items = lists.get(list);
  if (items) items.push(obj);
  else lists.set(list, [obj]);
}

/**
 * The objects of `kind` whose labels satisfy `selector` (only those in `namespace` when it is
 * set), in candidate order.
 */
export function selectCandidates(index: CandidateIndex, kind: unknown, selector: LabelSelector, namespace?: string): readonly SelectableObject[] {
  const { list, keep } = scanCandidates(index, kind, selector, namespace);
  return keep ? list.filter(keep) : list;
}

/**
 * What `selectCandidates` answers, for a caller that may stop early: `list` in candidate order,
 * holding the objects that match, or, with `keep`, also others that `keep` tells apart. A policy
 * past the selection budget stops at its first pick, and filtering the whole list first made
 * 8,000 such policies over 8,000 routes match 64 million labels: so a selector is answered whole
 * (and the answer kept until the candidates change) only when it is asked a second time. Twenty
 * policies selecting one fleet of 500 Gateways each matched the 500 labels again on every change.
 */
export function scanCandidates(index: CandidateIndex, kind: unknown, selector: LabelSelector, namespace?: string): { list: readonly SelectableObject[]; keep?: (o: SelectableObject) => boolean } {
  if (typeof kind !== 'string') return { list: EMPTY };
  const bucket = index.kinds.get(kind);
  if (!bucket) return { list: EMPTY };
  const memo = JSON.stringify([kind, namespace ?? null, selector.matchLabels ?? null, selector.matchExpressions ?? null]);
  const known = index.answers.get(memo);
  if (known) return { list: known };
  const matches = labelSelectorMatcher(selector);
  // The narrowest list may be a label's, across namespaces.
  const list = narrowest(bucket, namespace, selector);
  const keep = (o: SelectableObject) => (namespace === undefined || o.namespace === namespace) && matches(o.labels);
  if (known === undefined) {
    index.answers.set(memo, null);
    return { list, keep };
  }
  const out = list.filter(keep);
  index.answers.set(memo, out);
  return { list: out };
}

/**
 * The smallest indexed list that contains every object that can match: the namespace's objects of
 * the kind, or those a `matchLabels` entry or a requirement allows, whichever is shortest.
 */
function narrowest(bucket: KindBucket, namespace: string | undefined, selector: LabelSelector): readonly SelectableObject[] {
  let best: readonly SelectableObject[] = bucket.all;
  if (namespace !== undefined) best = bucket.byNamespace.get(namespace) ?? EMPTY;
  const matchLabels = Object.entries(selector.matchLabels ?? {});
  // A namespace's label lists are worth making once its list is longer than a few objects.
  const inNamespace = namespace !== undefined && matchLabels.length > 0 && best.length > NAMESPACE_LABELS_FROM ? namespaceLabels(bucket, namespace) : undefined;
  for (const [k, v] of matchLabels) {
    if (best.length === 0) break;
    // A non-string value matches nothing; leave it to the full match.
    if (typeof v !== 'string') continue;
    const list = (inNamespace ?? bucket.byLabel).get(k)?.get(v) ?? EMPTY;
    if (list.length < best.length) best = list;
  }
  for (const req of selector.matchExpressions ?? []) {
    if (best.length === 0) break;
    const lists = allowedBy(bucket, req);
    if (!lists) continue;
    let size = 0;
    for (const list of lists) size += list.length;
    if (size < best.length) best = inCandidateOrder(bucket, lists);
  }
  return best;
}

/** The index lists holding every object a requirement allows (disjoint), or undefined to leave it to the full match. */
function allowedBy(bucket: KindBucket, req: LabelSelectorRequirement): Array<readonly SelectableObject[]> | undefined {
  if (typeof req.key !== 'string') return undefined;
  const byValue = bucket.byLabel.get(req.key);
  const values = Array.isArray(req.values) ? req.values : [];
  switch (req.operator) {
    case 'In':
      return [...new Set(values)].map((v) => byValue?.get(v) ?? EMPTY);
    case 'Exists':
      return byValue ? [...byValue.values()] : [];
    case 'NotIn': {
      const excluded = new Set(values);
      const lists = [withoutLabel(bucket, req.key)];
      if (byValue) for (const [v, list] of byValue) if (!excluded.has(v)) lists.push(list);
      return lists;
    }
    case 'DoesNotExist':
      return [withoutLabel(bucket, req.key)];
    default:
      return undefined;
  }
}

const NAMESPACE_LABELS_FROM = 16;

/** The label lists of `namespace`'s objects, made from its list (in candidate order) when first asked for. */
function namespaceLabels(bucket: KindBucket, namespace: string): Map<string, Map<string, SelectableObject[]>> {
  let byLabel = bucket.inNamespace.get(namespace);
  if (byLabel) return byLabel;
  bucket.inNamespace.set(namespace, (byLabel = new Map()));
  for (const obj of bucket.byNamespace.get(namespace) ?? EMPTY) {
    const labels = obj.labels;
    if (!labels) continue;
    for (const k in labels) {
      const v = labels[k];
      if (typeof v === 'string' && Object.hasOwn(labels, k)) labelList(byLabel, k, v, true)!.push(obj);
    }
  }
  return byLabel;
}

function withoutLabel(bucket: KindBucket, key: string): readonly SelectableObject[] {
  let list = bucket.withoutLabel.get(key);
  if (!list) bucket.withoutLabel.set(key, (list = bucket.all.filter((o) => !hasLabel(o, key))));
  return list;
}

/** Whether `o` has the label `key` (a string value of its own). */
function hasLabel(o: SelectableObject, key: string): boolean {
  return o.labels !== undefined && o.labels !== null && typeof o.labels[key] === 'string' && Object.hasOwn(o.labels, key);
}

/** Disjoint lists merged into one, in candidate order. */
function inCandidateOrder(bucket: KindBucket, lists: ReadonlyArray<readonly SelectableObject[]>): readonly SelectableObject[] {
  if (lists.length === 1) return lists[0]!;
  let position = bucket.position;
  if (!position) {
    position = bucket.position = new Map();
    bucket.all.forEach((o, i) => position!.set(o, i));
  }
  return lists.flat().sort((a, b) => position.get(a)! - position.get(b)!);
}
