/**
 * The conformance data is the one the known gaps and counts were written against: each folder's
 * SOURCE_COMMIT is the commit pinned in sources.json (what `npm run conformance:fetch` downloads).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformanceRoot, hasConformance } from '../support/conformance-dir.js';
import sources from './sources.json' with { type: 'json' };

describe.runIf(hasConformance())('the conformance data', () => {
  it.each(['envoy-gateway', 'envoyproxy-ratelimit'] as const)('%s is at the pinned commit', (name) => {
    const commit = readFileSync(path.join(conformanceRoot(), name, 'SOURCE_COMMIT'), 'utf8').trim();
    expect(commit, `${name}: update test/conformance/sources.json with the data, or fetch the pinned data (npm run conformance:fetch -- --force)`).toBe(sources[name].commit);
  });

  it('holds the xds cases of sources.json, and only those', () => {
    const cases = readdirCases(path.join(conformanceRoot(), 'envoy-gateway', 'xds', 'in'));
    expect(cases).toEqual([...sources['envoy-gateway'].xdsCases].sort());
  });
});

function readdirCases(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}
