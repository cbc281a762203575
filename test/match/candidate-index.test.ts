/**
 * The candidate index answers every label selector exactly as a scan of all objects would, in
 * candidate order: `In`/`Exists` through the lists of their values, `NotIn`/`DoesNotExist` by
 * complement.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCandidate, indexCandidates, removeCandidate, selectCandidates, updateCandidates, type CandidateIndex } from '../../src/match/candidate-index.js';
import { matchesLabelSelector } from '../../src/match/label-selector.js';
import type { SelectableObject } from '../../src/match/policy-targets.js';
import type { LabelSelector } from '../../src/model/label-selector.js';

const object = (name: string, namespace: string, labels?: Record<string, string>): SelectableObject => ({
  group: 'gateway.networking.k8s.io',
  kind: 'HTTPRoute',
  namespace,
  name,
  labels,
  creationTimestamp: 0,
});

const objects = [
  object('a', 'ns1', { app: 'x', tier: 'web' }),
  object('b', 'ns1', { app: 'y' }),
  object('c', 'ns2'),
  object('d', 'ns2', { app: 'z', tier: 'db' }),
  object('e', 'ns1', { tier: 'web' }),
  object('f', 'ns2', JSON.parse('{"__proto__": "x"}')),
];
const names = (list: readonly SelectableObject[]) => list.map((o) => o.name);

describe('selectCandidates', () => {
  const index = indexCandidates(objects);
  it.each<[LabelSelector, string[]]>([
    [{ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['x', 'z'] }] }, ['b', 'c', 'e', 'f']],
    [{ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, ['c', 'e', 'f']],
    [{ matchExpressions: [{ key: 'app', operator: 'In', values: ['z', 'x', 'x'] }] }, ['a', 'd']],
    [{ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, ['a', 'd', 'e']],
    [{ matchExpressions: [{ key: '__proto__', operator: 'Exists' }] }, ['f']],
    [{ matchExpressions: [{ key: '__proto__', operator: 'DoesNotExist' }] }, ['a', 'b', 'c', 'd', 'e']],
    [{ matchLabels: { tier: 'web' }, matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['x'] }] }, ['e']],
  ])('%j selects what a scan selects, in candidate order', (selector, expected) => {
    expect(names(selectCandidates(index, 'HTTPRoute', selector))).toEqual(expected);
    expect(names(objects.filter((o) => matchesLabelSelector(selector, o.labels)))).toEqual(expected);
    expect(names(selectCandidates(index, 'HTTPRoute', selector, 'ns2'))).toEqual(expected.filter((n) => objects.find((o) => o.name === n)!.namespace === 'ns2'));
  });

  it('agrees with a scan on random selectors', () => {
    const value = fc.constantFrom('x', 'y', 'z', 'w');
    const key = fc.constantFrom('app', 'tier', 'zone');
    const requirement = fc.oneof(
      fc.record({ key, operator: fc.constantFrom('In', 'NotIn'), values: fc.array(value, { minLength: 1, maxLength: 3 }) }),
      fc.record({ key, operator: fc.constantFrom('Exists', 'DoesNotExist') }),
    );
    const labels = fc.option(fc.dictionary(key, value, { maxKeys: 3 }), { nil: undefined });
    fc.assert(
      fc.property(fc.array(labels, { maxLength: 30 }), fc.array(requirement, { maxLength: 3 }), (labelSets, matchExpressions) => {
        const objs = labelSets.map((l, i) => object(`o${i}`, i % 2 ? 'ns1' : 'ns2', l));
        const selector = { matchExpressions } as LabelSelector;
        expect(names(selectCandidates(indexCandidates(objs), 'HTTPRoute', selector))).toEqual(names(objs.filter((o) => matchesLabelSelector(selector, o.labels))));
      }),
      { seed: 15, numRuns: 300 },
    );
  });

  it('keeps answering as a scan while candidates come and go, each selector asked between changes', () => {
    const value = fc.constantFrom('x', 'y', 'z');
    const key = fc.constantFrom('app', 'tier');
    const requirement = fc.oneof(
      fc.record({ key, operator: fc.constantFrom('In', 'NotIn'), values: fc.array(value, { minLength: 1, maxLength: 2 }) }),
      fc.record({ key, operator: fc.constantFrom('Exists', 'DoesNotExist') }),
    );
    const labels = fc.option(fc.dictionary(key, value, { maxKeys: 2 }), { nil: undefined });
    // Candidate order is by name number; a step adds a new candidate or removes a held one.
    const step = fc.oneof(fc.record({ add: labels }), fc.record({ remove: fc.nat() }));
    fc.assert(
      fc.property(fc.array(labels, { maxLength: 12 }), fc.array(step, { maxLength: 12 }), fc.array(requirement, { minLength: 1, maxLength: 3 }), (initial, steps, selectors) => {
        const order = (o: SelectableObject) => Number(o.name.slice(1));
        let held = initial.map((l, i) => object(`o${i}`, i % 2 ? 'ns1' : 'ns2', l));
        const index = indexCandidates(held, (a, b) => order(a) - order(b));
        let next = held.length;
        const check = () => {
          // Every selector is asked after each change: the lists made for one must follow the changes.
          for (const req of selectors) {
            const selector = { matchExpressions: [req] } as LabelSelector;
            expect(names(selectCandidates(index, 'HTTPRoute', selector))).toEqual(names(held.filter((o) => matchesLabelSelector(selector, o.labels))));
          }
        };
        check();
        for (const s of steps) {
          if ('add' in s) {
            const o = object(`o${next++}`, next % 2 ? 'ns1' : 'ns2', s.add);
            addCandidate(index, o);
            held = [...held, o];
          } else if (held.length > 0) {
            const o = held[s.remove % held.length]!;
            removeCandidate(index, o);
            held = held.filter((h) => h !== o);
          }
          check();
        }
      }),
      { seed: 16, numRuns: 300 },
    );
  });

  it('updates many candidates at once to the very lists one-by-one changes make, ties included', () => {
    const value = fc.constantFrom('x', 'y', 'z');
    const key = fc.constantFrom('app', 'tier');
    const labels = fc.option(fc.dictionary(key, value, { maxKeys: 2 }), { nil: undefined });
    // Candidates compare by half their number, so pairs tie and placement among equals shows.
    const batch = fc.record({ add: fc.array(labels, { maxLength: 6 }), remove: fc.array(fc.nat(), { maxLength: 6 }) });
    const lists = (index: CandidateIndex) =>
      [...index.kinds].map(([kind, b]) => [
        kind,
        names(b.all),
        [...b.byNamespace].map(([ns, l]) => [ns, names(l)]),
        [...b.byLabel].map(([k, byValue]) => [k, [...byValue].map(([v, l]) => [v, names(l)])]),
        [...b.withoutLabel].map(([k, l]) => [k, names(l)]),
      ]);
    fc.assert(
      fc.property(fc.array(labels, { maxLength: 12 }), fc.array(batch, { maxLength: 6 }), (initial, batches) => {
        const rank = (o: SelectableObject) => Math.floor(Number(o.name.slice(1)) / 2);
        const compare = (a: SelectableObject, b: SelectableObject) => rank(a) - rank(b);
        let held = initial.map((l, i) => object(`o${i}`, i % 2 ? 'ns1' : 'ns2', l));
        const batched = indexCandidates(held, compare);
        const single = indexCandidates(held, compare);
        // A NotIn selector makes the lists of objects without a label, which changes must keep too.
        const notIn = { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['x'] }] } as LabelSelector;
        selectCandidates(batched, 'HTTPRoute', notIn);
        selectCandidates(single, 'HTTPRoute', notIn);
        let next = held.length;
        for (const b of batches) {
          const removed = [...new Set(b.remove.filter(() => held.length > 0).map((n) => held[n % held.length]!))];
          // Added in an order that is not candidate order: the batch must sort them.
          const added = b.add.map((l) => object(`o${next++}`, next % 2 ? 'ns1' : 'ns2', l)).reverse();
          updateCandidates(batched, removed, added);
          for (const o of removed) removeCandidate(single, o);
          for (const o of added) addCandidate(single, o);
          held = [...held.filter((h) => !removed.includes(h)), ...added];
          expect(lists(batched)).toEqual(lists(single));
          const byScan = names(held.filter((o) => matchesLabelSelector(notIn, o.labels)).sort(compare));
          expect(names(selectCandidates(batched, 'HTTPRoute', notIn))).toEqual(byScan);
          expect(names(selectCandidates(single, 'HTTPRoute', notIn))).toEqual(byScan);
        }
      }),
      { seed: 17, numRuns: 400 },
    );
  });

  it("answers matchLabels selectors in a namespace as a scan, through the namespace's own label lists once it is large, as candidates come and go", () => {
    const value = fc.constantFrom('x', 'y', 'z');
    const labels = fc.option(fc.record({ app: value, tier: value }, { requiredKeys: [] }), { nil: undefined, freq: 5 });
    const selector = fc.record({ app: value, tier: value }, { requiredKeys: [] }).map((matchLabels): LabelSelector => ({ matchLabels }));
    const batch = fc.record({ add: fc.array(labels, { maxLength: 8 }), remove: fc.array(fc.nat(), { maxLength: 8 }) });
    // Past 16 objects a namespace gets label lists of its own; the first answers (from 10 objects up)
    // are asked below that, and the namespaces grow past it and shrink back.
    fc.assert(
      fc.property(fc.array(labels, { minLength: 10, maxLength: 60 }), fc.array(batch, { maxLength: 8 }), fc.array(selector, { minLength: 1, maxLength: 3 }), fc.boolean(), (initial, batches, selectors, oneByOne) => {
        const order = (o: SelectableObject) => Number(o.name.slice(1));
        const compare = (a: SelectableObject, b: SelectableObject) => order(a) - order(b);
        let held = initial.map((l, i) => object(`o${i}`, i % 3 ? 'ns1' : 'ns2', l));
        const index = indexCandidates(held, compare);
        let next = held.length;
        const check = () => {
          for (const sel of selectors) {
            for (const ns of ['ns1', 'ns2', 'ns3']) {
              const byScan = held.filter((o) => o.namespace === ns && matchesLabelSelector(sel, o.labels)).sort(compare);
              expect(names(selectCandidates(index, 'HTTPRoute', sel, ns)), `${JSON.stringify(sel)} in ${ns}`).toEqual(names(byScan));
            }
          }
        };
        check();
        for (const b of batches) {
          const removed = [...new Set(b.remove.filter(() => held.length > 0).map((n) => held[n % held.length]!))];
          const added = b.add.map((l) => object(`o${next++}`, next % 3 ? 'ns1' : 'ns2', l)).reverse();
          if (oneByOne) {
            for (const o of removed) removeCandidate(index, o);
            for (const o of added) addCandidate(index, o);
          } else updateCandidates(index, removed, added);
          held = [...held.filter((h) => !removed.includes(h)), ...added];
          check();
        }
      }),
      { seed: 18, numRuns: 300 },
    );
  });
});
