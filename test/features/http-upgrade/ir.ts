/**
 * IR `traffic.httpUpgrade` → ours. No rule: `[{type, connect?: {terminate?}}]` in both.
 */
export function httpUpgradeIrToOurs(v: unknown): unknown {
  return v;
}
