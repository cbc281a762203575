/**
 * Comparing route results as a resolver does: by field, with the flush's last answer per settings
 * field remembered (`ResultComparison`). The memo must answer exactly as a deep comparison does,
 * however the pairs it is asked about repeat or alternate.
 */
import { describe, expect, it } from 'vitest';
import { newResultComparison, sameRouteResult } from '../../src/resolve/route-result.js';
import type { RouteResult } from '../../src/resolve/types.js';
import { jsonEqual } from '../../src/lang/json.js';

const gateway = Object.freeze({ namespace: 'default', name: 'eg' });
const route = Object.freeze({ kind: 'HTTPRoute', namespace: 'default', name: 'r' });
const result = (traffic: Record<string, unknown>, outcomes: unknown[] = []): RouteResult =>
  Object.freeze({ gateway, listener: 'http', route, ruleIndex: 0, hostnames: [], policies: [], provenance: {}, traffic, outcomes }) as unknown as RouteResult;

describe('sameRouteResult', () => {
  it('answers as jsonEqual does when pairs of settings repeat, alternate and come back', () => {
    const fiveSeconds = Object.freeze({ timeout: Object.freeze({ http: Object.freeze({ requestTimeout: 5000 }) }) });
    const fiveAgain = Object.freeze({ timeout: Object.freeze({ http: Object.freeze({ requestTimeout: 5000 }) }) });
    const sixSeconds = Object.freeze({ timeout: Object.freeze({ http: Object.freeze({ requestTimeout: 6000 }) }) });
    const pairs: Array<[RouteResult, RouteResult]> = [
      [result(fiveSeconds), result(sixSeconds)],
      [result(fiveSeconds), result(sixSeconds)],
      [result(fiveSeconds), result(fiveAgain)],
      [result(fiveSeconds), result(fiveAgain)],
      [result(fiveSeconds), result(sixSeconds)],
      [result(sixSeconds), result(sixSeconds)],
      [result(fiveSeconds, ['a']), result(fiveAgain, ['b'])],
      [result(fiveSeconds, ['a']), result(fiveAgain, ['a'])],
    ];
    const memo = newResultComparison();
    for (const [a, b] of pairs) {
      const expected = jsonEqual(a, b);
      expect(sameRouteResult(a, b)).toBe(expected);
      expect(sameRouteResult(a, b, memo)).toBe(expected);
    }
  });
});
