/**
 * IR `traffic.telemetry` → ours. No rule: fractions, the key-sorted `customTags` / `tags` lists and
 * `spanName` have the same shape in both.
 */
export function telemetryIrToOurs(v: unknown): unknown {
  return v;
}
