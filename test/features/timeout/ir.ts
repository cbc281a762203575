/**
 * IR `traffic.timeout` → ours. Rules:
 * - `tcp.connectTimeout`: Go duration → ms.
 * - `http.{connectionIdleTimeout, maxConnectionDuration, requestTimeout, maxStreamDuration,
 *   streamIdleTimeout}`: Go duration → ms.
 */
import { durationsToMs, mapKey } from '../../support/ir-values.js';

export function timeoutIrToOurs(t: unknown): unknown {
  let out = mapKey(t, 'tcp', (tcp) => durationsToMs(tcp, ['connectTimeout']));
  out = mapKey(out, 'http', (http) =>
    durationsToMs(http, ['connectionIdleTimeout', 'maxConnectionDuration', 'requestTimeout', 'maxStreamDuration', 'streamIdleTimeout']),
  );
  return out;
}
