/**
 * IR `traffic.requestBuffer` → ours. Rule:
 * - `limit`: EG's IR keeps the Kubernetes quantity (`4Mi`); ours is bytes (4194304).
 */
import { quantityAsInt64 } from '../../../src/values/quantity.js';
import { mapKey } from '../../support/ir-values.js';

export function requestBufferIrToOurs(v: unknown): unknown {
  return mapKey(v, 'limit', (q) => {
    const n = quantityAsInt64(q);
    return n.success ? n.data : q;
  });
}
