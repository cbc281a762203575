/** IR `traffic.admissionControl` → ours. Rule: `samplingWindow`: Go duration → ms; the rest unchanged. */
import { durationsToMs } from '../../support/ir-values.js';

export function admissionControlIrToOurs(ac: unknown): unknown {
  return durationsToMs(ac, ['samplingWindow']);
}
