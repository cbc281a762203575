/** IR `traffic.circuitBreaker` → ours: unchanged (counts and a percentage, no durations). */
export function circuitBreakerIrToOurs(cb: unknown): unknown {
  return cb;
}
