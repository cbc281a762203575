/**
 * IR `traffic.healthCheck` → ours. Rules:
 * - `active.{timeout, interval, initialJitter}`: Go duration → ms.
 * - `active`: keys EG writes as `null` (`timeout`, `interval`, `unhealthyThreshold`,
 *   `healthyThreshold` have no `omitempty` in the IR) are dropped: ours omits unset values.
 * - `passive.{interval, baseEjectionTime}`: Go duration → ms.
 */
import { dropNulls, durationsToMs, mapKey } from '../../support/ir-values.js';

export function healthCheckIrToOurs(hc: unknown): unknown {
  let out = mapKey(hc, 'active', (a) => durationsToMs(dropNulls(a), ['timeout', 'interval', 'initialJitter']));
  out = mapKey(out, 'passive', (p) => durationsToMs(p, ['interval', 'baseEjectionTime']));
  return out;
}
