/**
 * IR `traffic.rateLimit` → ours. No rule: rate limits carry no durations, units stay names
 * (`Hour`), requests stay counts, and match/rule shapes are kept as Envoy Gateway writes them.
 */
export function rateLimitIrToOurs(v: unknown): unknown {
  return v;
}
