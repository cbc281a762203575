/**
 * IR `traffic.tcpKeepalive` → ours. Rule: `idleTime` and `interval` are whole seconds in the IR;
 * ours are milliseconds (× 1000). `probes` is unchanged.
 */
import { isObj } from '../../support/ir-values.js';

export function tcpKeepaliveIrToOurs(k: unknown): unknown {
  if (!isObj(k)) return k;
  const out = { ...k };
  for (const key of ['idleTime', 'interval']) if (typeof out[key] === 'number') out[key] = (out[key] as number) * 1000;
  return out;
}
