/** Go's order of strings (`<` on their UTF-8 bytes), which differs from JavaScript's `<` on UTF-16 code units above U+FFFF. */
export function compareGoStrings(a: string, b: string): number {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}
