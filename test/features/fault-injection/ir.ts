/**
 * IR `traffic.faultInjection` → ours. Rules:
 * - `delay.fixedDelay`: Go duration (`5.4s`) → ms (5400).
 * - percentages and statuses unchanged.
 */
import { durationsToMs, mapKey } from '../../support/ir-values.js';

export function faultInjectionIrToOurs(v: unknown): unknown {
  return mapKey(v, 'delay', (delay) => durationsToMs(delay, ['fixedDelay']));
}
