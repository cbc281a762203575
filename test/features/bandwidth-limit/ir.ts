/**
 * IR `traffic.bandwidthLimit` → ours. No rule: `limitKibps` is a rate in KiB/s in both, and
 * `responseTrailers.prefix` is a string.
 */
export function bandwidthLimitIrToOurs(v: unknown): unknown {
  return v;
}
