/** IR `traffic.dns` → ours. Rule: `dnsRefreshRate`: Go duration → ms. `name` is unchanged. */
import { durationsToMs } from './cluster-util.js';

export function dnsIrToOurs(dns: unknown): unknown {
  return durationsToMs(dns, ['dnsRefreshRate']);
}
