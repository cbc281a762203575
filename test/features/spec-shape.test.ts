import { describe, expect, it } from 'vitest';
import { FEATURES } from '../../src/features/registry.js';
import { FEATURE_SPEC_SHAPE } from '../../src/features/spec-shape.js';

describe("the policy's spec shape", () => {
  it("holds every registry row's spec fields, the same schemas, in the registry's order", () => {
    const fromRegistry = FEATURES.flatMap((f) => Object.entries(f.spec));
    expect(Object.keys(FEATURE_SPEC_SHAPE)).toEqual(fromRegistry.map(([key]) => key));
    for (const [key, schema] of fromRegistry) expect(FEATURE_SPEC_SHAPE[key as keyof typeof FEATURE_SPEC_SHAPE], key).toBe(schema);
  });
});
