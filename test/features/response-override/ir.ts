/**
 * IR `traffic.responseOverride` → ours. Rules (per `rules[]` entry):
 * - `response.body`: EG's IR holds the body as bytes, which its JSON shows base64-encoded; ours is
 *   the text, so it is base64-decoded (as UTF-8).
 * - `redirect.path`: EG writes the unused modifier as `null` (`prefixMatchReplace: null`); ours
 *   omits it, so `null` keys are dropped.
 */
import { dropNulls, isObj, mapKey } from '../../support/ir-values.js';

const decodeBody = (b: unknown) => (typeof b === 'string' ? new TextDecoder().decode(Uint8Array.from(atob(b), (c) => c.charCodeAt(0))) : b);

export function responseOverrideIrToOurs(v: unknown): unknown {
  if (!isObj(v) || !Array.isArray(v.rules)) return v;
  return {
    ...v,
    rules: v.rules.map((rule: unknown) => {
      let out = mapKey(rule, 'response', (r) => mapKey(r, 'body', decodeBody));
      out = mapKey(out, 'redirect', (r) => mapKey(r, 'path', dropNulls));
      return out;
    }),
  };
}
