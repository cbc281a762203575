/** IR `traffic.proxyProtocol` → ours: unchanged (`{version}`). */
export function proxyProtocolIrToOurs(pp: unknown): unknown {
  return pp;
}
