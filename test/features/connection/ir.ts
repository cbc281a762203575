/** IR `traffic.backendConnection` → ours: unchanged (`bufferLimit` is already bytes). */
export function backendConnectionIrToOurs(bc: unknown): unknown {
  return bc;
}
