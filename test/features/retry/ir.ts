/**
 * IR `traffic.retry` → ours. Rules:
 * - `perRetry.timeout`: Go duration → ms.
 * - `perRetry.backOff.{baseInterval, maxInterval}`: Go duration → ms. (Hand-written xDS IR inputs
 *   also spell the key `backoff`, which Go's case-insensitive JSON decoding accepts; it is read
 *   as `backOff`.)
 * - `numRetries`, `numAttemptsPerPriority`, `retryOn` are unchanged.
 */
import { durationsToMs, isObj, mapKey } from '../../support/ir-values.js';

export function retryIrToOurs(r: unknown): unknown {
  return mapKey(r, 'perRetry', (pr) => {
    if (!isObj(pr)) return pr;
    const out: Record<string, unknown> = { ...pr };
    if ('backoff' in out && !('backOff' in out)) {
      out.backOff = out.backoff;
      delete out.backoff;
    }
    return mapKey(durationsToMs(out, ['timeout']), 'backOff', (b) => durationsToMs(b, ['baseInterval', 'maxInterval']));
  });
}
