/** IR `traffic.dns` → ours. Rule: `dnsRefreshRate`: Go duration → ms. `name` is unchanged. */
import { durationsToMs } from '../../support/ir-values.js';

export function dnsIrToOurs(dns: unknown): unknown {
  return durationsToMs(dns, ['dnsRefreshRate']);
}
