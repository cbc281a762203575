/**
 * Keys built from parts, as one flat string. A template literal builds a long string as a chain of
 * rope nodes, which the engine flattens into a second string the first time the key is hashed, and
 * both then live as long as the key: about three times the memory for the route and object keys a
 * resolution holds by the ten thousand. `join` writes the parts into one string at once.
 */
export function flatKey(...parts: string[]): string {
  return parts.join('');
}
