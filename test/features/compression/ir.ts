/**
 * IR `traffic.compression` → ours. No rule: `minContentLength` is already a number of bytes and
 * `chooseFirst` is only written when true in both.
 */
export function compressionIrToOurs(v: unknown): unknown {
  return v;
}
