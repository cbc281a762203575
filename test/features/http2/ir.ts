/**
 * IR `traffic.http2` → ours. Rules:
 * - The IR's `initialStreamWindowSize` / `initialConnectionWindowSize` JSON tags are swapped in
 *   Envoy Gateway (the policy's stream window is written under `initialConnectionWindowSize`):
 *   swap them back. Values stay bytes.
 * - `connectionKeepalive.{interval, timeout, idleInterval}`: Go duration → ms.
 */
import { durationsToMs, isObj, mapKey } from '../../support/ir-values.js';

export function http2IrToOurs(h: unknown): unknown {
  if (!isObj(h)) return h;
  const out: Record<string, unknown> = { ...h };
  delete out.initialStreamWindowSize;
  delete out.initialConnectionWindowSize;
  if ('initialConnectionWindowSize' in h) out.initialStreamWindowSize = h.initialConnectionWindowSize;
  if ('initialStreamWindowSize' in h) out.initialConnectionWindowSize = h.initialStreamWindowSize;
  return mapKey(out, 'connectionKeepalive', (k) => durationsToMs(k, ['interval', 'timeout', 'idleInterval']));
}
