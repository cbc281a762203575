/**
 * Keys of an options object that name no option. Options come from code, and a misspelt one
 * (`profle`, `destination`, `budgt`) would otherwise change nothing without a word, so each entry
 * point reports them the same way: at `options.<key>` (the key escaped and cut to 64 characters),
 * naming the options there are.
 */
export function unknownOptionKeys(options: object, known: readonly string[], what: string): Array<{ path: string; message: string }> {
  const out: Array<{ path: string; message: string }> = [];
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const path = `options.${JSON.stringify(key.length > 64 ? `${key.slice(0, 64)}…` : key).slice(1, -1)}`;
    out.push({ path, message: `${path} is not ${what} (${known.join(', ')}); ignored` });
  }
  return out;
}
