/**
 * IR `traffic.loadBalancer` → ours. Rules:
 * - `roundRobin.slowStart.window`, `leastRequest.slowStart.window`: Go duration → ms.
 * - `backendUtilization.{blackoutPeriod, weightExpirationPeriod, weightUpdatePeriod}`,
 *   `backendUtilization.slowStart.window`, `backendUtilization.outOfBand.reportingPeriod`:
 *   Go duration → ms.
 * - `consistentHash.cookie.ttl`: the raw Duration EG keeps → ms.
 * Everything else (zones, endpoint override, table size, …) is unchanged.
 */
import { durationsToMs, mapKey } from '../../support/ir-values.js';

const slowStart = (member: unknown) => mapKey(member, 'slowStart', (s) => durationsToMs(s, ['window']));

export function loadBalancerIrToOurs(lb: unknown): unknown {
  let out = mapKey(lb, 'roundRobin', slowStart);
  out = mapKey(out, 'leastRequest', slowStart);
  out = mapKey(out, 'backendUtilization', (bu) => {
    let b = durationsToMs(bu, ['blackoutPeriod', 'weightExpirationPeriod', 'weightUpdatePeriod']);
    b = slowStart(b);
    return mapKey(b, 'outOfBand', (o) => durationsToMs(o, ['reportingPeriod']));
  });
  out = mapKey(out, 'consistentHash', (ch) => mapKey(ch, 'cookie', (c) => durationsToMs(c, ['ttl'])));
  return out;
}
