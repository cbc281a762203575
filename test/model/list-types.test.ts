import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { uniqueBy } from '../../src/model/crd.js';
import { duplicateIssues, listTypeIssues } from '../../src/model/list-types.js';

const at = (issues: ReadonlyArray<{ path: PropertyKey[] }>) => issues.map((i) => i.path.join('.'));

describe('list types (x-kubernetes-list-type)', () => {
  it('map lists: items that are not objects have no key; items without the key share one', () => {
    const byZone = { keyOf: (w: unknown) => (w as { zone?: unknown }).zone, mapKey: 'zone' };
    expect(at(duplicateIssues([null, { weight: 1 }, 'x', { zone: 'a' }, { zone: 'a' }], byZone))).toEqual(['4']);
    expect(at(duplicateIssues([{ weight: 1 }, { weight: 2 }], byZone))).toEqual(['1']);
  });

  it('sets: whole items, null included', () => {
    const whole = { keyOf: (x: unknown) => x };
    expect(at(duplicateIssues(['a', null, 'b', null, 'a'], whole))).toEqual(['3', '4']);
  });

  it('finds the duplicates zod skips below an aborting issue, at their paths', () => {
    const Zone = z.object({ zone: z.string(), weight: z.number().int() });
    const Spec = z.object({ zones: uniqueBy(z.array(Zone), (w) => w.zone, { mapKey: 'zone' }).optional() });
    const input = { zones: [{ zone: 'a', weight: 1.5 }, { zone: 'a', weight: 2 }] };
    const parsed = Spec.safeParse(input);
    // zod's int check aborts, so its own uniqueness check never runs here.
    expect(parsed.success === false && parsed.error.issues.map((i) => i.code)).toEqual(['invalid_type']);
    expect(at(listTypeIssues(Spec, input))).toEqual(['zones.1']);
  });
});
