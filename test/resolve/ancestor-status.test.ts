/**
 * The ancestor builder against a plain model of Envoy Gateway's: every condition appended or
 * updated on an entry made at once, and past 17 entries the first of the lowest priority (rank,
 * namespace, name) evicted after each new one. The builder skips making an entry that would be
 * evicted at once and keeps each entry's rank; on any sequence of operations both must list the
 * same ancestors with the same conditions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AncestorRef, finishAncestors, MAX_ANCESTORS, newStatusBuilder, type NewCondition, setAccepted, setCondition, setWarning } from '../../src/resolve/ancestor-status.js';

type Entry = { ancestorRef: AncestorRef; controllerName: string; conditions: Array<{ type: string; status: string; reason: string; message: string; observedGeneration?: number }> };

/** The model: Envoy Gateway's ancestor list, written out plainly. */
class Model {
  entries: Entry[] = [];
  constructor(readonly generation: number | undefined) {}

  private find(ref: AncestorRef): { entry: Entry; made: boolean } {
    const key = (r: AncestorRef) => `${r.group}|${r.kind}|${r.namespace}|${r.name}|${r.sectionName ?? ''}`;
    const found = this.entries.find((e) => key(e.ancestorRef) === key(ref));
    if (found) return { entry: found, made: false };
    const ancestorRef: AncestorRef = { group: ref.group, kind: ref.kind, namespace: ref.namespace, name: ref.name };
    if (ref.sectionName) ancestorRef.sectionName = ref.sectionName;
    const entry: Entry = { ancestorRef, controllerName: 'c', conditions: [] };
    this.entries.push(entry);
    return { entry, made: true };
  }

  private put(entry: Entry, cond: NewCondition): void {
    const next: Entry['conditions'][number] = { ...cond };
    if (this.generation !== undefined) next.observedGeneration = this.generation;
    const i = entry.conditions.findIndex((c) => c.type === cond.type);
    if (i < 0) entry.conditions.push(next);
    else entry.conditions[i] = next;
  }

  private bound(made: boolean): void {
    if (!made || this.entries.length <= MAX_ANCESTORS + 1) return;
    const rank = (e: Entry) => (e.conditions.some((c) => c.type === 'Accepted' && c.status === 'False') ? 0 : e.conditions.some((c) => c.type === 'Overridden' && c.status === 'True') ? 1 : 2);
    const cmp = (a: Entry, b: Entry) => rank(a) - rank(b) || (a.ancestorRef.namespace < b.ancestorRef.namespace ? -1 : a.ancestorRef.namespace > b.ancestorRef.namespace ? 1 : 0) || (a.ancestorRef.name < b.ancestorRef.name ? -1 : a.ancestorRef.name > b.ancestorRef.name ? 1 : 0);
    let worst = 0;
    for (let i = 1; i < this.entries.length; i++) if (cmp(this.entries[i]!, this.entries[worst]!) > 0) worst = i;
    this.entries.splice(worst, 1);
  }

  condition(ref: AncestorRef, cond: NewCondition): void {
    const { entry, made } = this.find(ref);
    this.put(entry, cond);
    this.bound(made);
  }

  accepted(ref: AncestorRef): void {
    const { entry, made } = this.find(ref);
    if (!entry.conditions.some((c) => c.type === 'Accepted')) this.put(entry, { type: 'Accepted', status: 'True', reason: 'Accepted', message: 'Policy has been accepted.' });
    this.bound(made);
  }

  warning(ref: AncestorRef, reason: string, message: string): void {
    const { entry, made } = this.find(ref);
    const existing = entry.conditions.find((c) => c.type === 'Warning');
    if (!existing) this.put(entry, { type: 'Warning', status: 'True', reason, message });
    else if (existing.message !== message && !existing.message.includes(message)) {
      this.put(entry, { type: 'Warning', status: 'True', reason: existing.reason === reason ? reason : 'Warnings', message: message.includes(existing.message) ? message : `${existing.message}; ${message}` });
    }
    this.bound(made);
  }
}

const ref = fc.record({
  kind: fc.constantFrom('Gateway', 'ListenerSet'),
  namespace: fc.constantFrom('a', 'b'),
  name: fc.constantFrom(...Array.from({ length: 16 }, (_, i) => `g${i}`)),
  sectionName: fc.constantFrom(undefined, 'web', 'alt'),
}).map(({ sectionName, ...r }): AncestorRef => ({ group: 'gateway.networking.k8s.io', ...r, ...(sectionName ? { sectionName } : {}) }));

const condition: fc.Arbitrary<NewCondition> = fc.record({
  type: fc.constantFrom('Accepted', 'Overridden', 'Merged', 'Warning'),
  status: fc.constantFrom('True' as const, 'False' as const),
  reason: fc.constantFrom('Accepted', 'Conflicted', 'Overridden', 'Merged'),
  message: fc.constantFrom('m1', 'm2'),
});

const op = fc.oneof(
  fc.record({ op: fc.constant('condition' as const), ref, condition }),
  fc.record({ op: fc.constant('accepted' as const), ref }),
  fc.record({ op: fc.constant('warning' as const), ref, reason: fc.constantFrom('DeprecatedField', 'Other'), message: fc.constantFrom('w1', 'w2', 'w1; w2') }),
);

describe('ancestor status builder', () => {
  it('lists what the plain model lists, on any sequence of conditions', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 30, maxLength: 200, size: 'max' }), fc.option(fc.nat(5), { nil: undefined }), (ops, generation) => {
        const b = newStatusBuilder('c', generation);
        const model = new Model(generation);
        for (const o of ops) {
          if (o.op === 'condition') {
            setCondition(b, o.ref, o.condition);
            model.condition(o.ref, o.condition);
          } else if (o.op === 'accepted') {
            setAccepted(b, o.ref);
            model.accepted(o.ref);
          } else {
            setWarning(b, o.ref, o.reason, o.message);
            model.warning(o.ref, o.reason, o.message);
          }
          expect(b.entries).toEqual(model.entries);
        }
        const modelBuilder = newStatusBuilder('c', generation);
        modelBuilder.entries = model.entries as typeof modelBuilder.entries;
        modelBuilder.ranks = model.entries.map(() => 0);
        expect(finishAncestors(b, 'now')).toEqual(finishAncestors(modelBuilder, 'now'));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the 16 first in priority, the last one marked Aggregated, when 500 Gateways come one by one', () => {
    const b = newStatusBuilder('c');
    for (let i = 0; i < 500; i++) {
      const r: AncestorRef = { group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'edge', name: `g${String(499 - i).padStart(3, '0')}` };
      if (i % 50 === 0) setCondition(b, r, { type: 'Accepted', status: 'False', reason: 'Conflicted', message: 'c' });
      else setAccepted(b, r);
    }
    const listed = finishAncestors(b, undefined)!;
    expect(listed.map((e) => e.ancestorRef.name)).toEqual([...['g049', 'g099', 'g149', 'g199', 'g249', 'g299', 'g349', 'g399', 'g449', 'g499'], 'g000', 'g001', 'g002', 'g003', 'g004', 'g005']);
    expect(listed[15]!.conditions.map((c) => c.type)).toEqual(['Accepted', 'Aggregated']);
  });
});
