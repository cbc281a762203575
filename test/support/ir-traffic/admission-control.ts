/** IR `traffic.admissionControl` → ours. Rule: `samplingWindow`: Go duration → ms; the rest unchanged. */
import { durationsToMs } from './cluster-util.js';

export function admissionControlIrToOurs(ac: unknown): unknown {
  return durationsToMs(ac, ['samplingWindow']);
}
