/**
 * The objects a `targetSelector` may pick, indexed once per resolution by kind, by namespace and by
 * label `key=value`, so that a selector looks at the few objects that can match instead of every
 * object in the cluster.
 *
 * Lookups answer the label part of a selector, in candidate order (the order the objects were
 * given); kind group, namespaces and ReferenceGrants are the caller's.
 */
import type { LabelSelector } from '../model/label-selector.js';
import { matchesLabelSelector } from './label-selector.js';
import type { SelectableObject } from './policy-targets.js';

interface KindBucket {
  all: SelectableObject[];
  byNamespace: Map<string, SelectableObject[]>;
  /** Label key → value → objects with that label. */
  byLabel: Map<string, Map<string, SelectableObject[]>>;
}

export interface CandidateIndex {
  readonly kinds: ReadonlyMap<string, KindBucket>;
  /**
   * Answers of label selectors that look across namespaces, by kind and selector: platform
   * policies repeat the same few selectors, and each answer is a scan of an indexed list.
   */
  readonly acrossNamespaces: Map<string, readonly SelectableObject[]>;
}

const EMPTY: readonly SelectableObject[] = [];

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function indexCandidates(objects: readonly SelectableObject[]): CandidateIndex {
  const kinds = new Map<string, KindBucket>();
  for (const obj of objects) {
    let bucket = kinds.get(obj.kind);
    if (!bucket) kinds.set(obj.kind, (bucket = { all: [], byNamespace: new Map(), byLabel: new Map() }));
    bucket.all.push(obj);
    push(bucket.byNamespace, obj.namespace, obj);
    if (!obj.labels) continue;
    for (const k of Object.keys(obj.labels)) {
      const v = obj.labels[k];
      if (typeof v !== 'string') continue;
      let values = bucket.byLabel.get(k);
      if (!values) bucket.byLabel.set(k, (values = new Map()));
      push(values, v, obj);
    }
  }
  return { kinds, acrossNamespaces: new Map() };
}

/**
 * The objects of `kind` whose labels satisfy `selector` (only those in `namespace` when it is
 * set), in candidate order.
 */
export function selectCandidates(index: CandidateIndex, kind: unknown, selector: LabelSelector, namespace?: string): readonly SelectableObject[] {
  if (typeof kind !== 'string') return EMPTY;
  const bucket = index.kinds.get(kind);
  if (!bucket) return EMPTY;
  const memo = namespace === undefined ? JSON.stringify([kind, selector.matchLabels ?? null, selector.matchExpressions ?? null]) : undefined;
  const known = memo === undefined ? undefined : index.acrossNamespaces.get(memo);
  if (known) return known;
  const out = narrowest(bucket, namespace, selector.matchLabels).filter((o) => matchesLabelSelector(selector, o.labels));
  if (memo !== undefined) index.acrossNamespaces.set(memo, out);
  return out;
}

/**
 * The smallest indexed list that contains every object that can match: the namespace's objects of
 * the kind, or those carrying one of the required labels, whichever is shortest.
 */
function narrowest(bucket: KindBucket, namespace: string | undefined, matchLabels: Readonly<Record<string, unknown>> | undefined): readonly SelectableObject[] {
  let best: readonly SelectableObject[] = bucket.all;
  if (namespace !== undefined) best = bucket.byNamespace.get(namespace) ?? EMPTY;
  if (matchLabels) {
    for (const [k, v] of Object.entries(matchLabels)) {
      if (best.length === 0) break;
      // A non-string value matches nothing; leave it to the full match.
      if (typeof v !== 'string') continue;
      const list = bucket.byLabel.get(k)?.get(v) ?? EMPTY;
      if (list.length < best.length) best = list;
    }
  }
  return best;
}
