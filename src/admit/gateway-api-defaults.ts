/**
 * The Gateway API CRD defaults that change what a route produces. The API server stores an
 * HTTPRoute without `rules` with one rule matching every path (`PathPrefix /`), a rule without
 * `matches` with that match, and a match without `path` with that path; Envoy Gateway's
 * translator then makes an Envoy route of each. Other Gateway API defaults (a listener's
 * `allowedRoutes`, a parentRef's group and kind, a TLS mode of `Terminate`) are what resolution
 * already assumes when the field is absent.
 */
import { isRecord, type JsonObject } from '../lang/json.js';

const MATCH_EVERY_PATH = (): JsonObject => ({ path: { type: 'PathPrefix', value: '/' } });

/**
 * An HTTPRoute as the API server stores it: `rules`, `matches` and `path` defaulted. Only the
 * objects that gain a default are copied (and those above them): `route` is never changed, and is
 * returned itself when it has every field already, as most routes do.
 */
export function withHttpRouteDefaults(route: JsonObject): JsonObject {
  const spec = isRecord(route.spec) ? route.spec : undefined;
  const rules = spec && Array.isArray(spec.rules) ? spec.rules : undefined;
  if (!spec || !rules) return { ...route, spec: { ...spec, rules: rules ?? [{ matches: [MATCH_EVERY_PATH()] }] } };
  const defaulted = changedItems(rules, (rule) => {
    if (!isRecord(rule)) return rule;
    if (!Array.isArray(rule.matches)) return { ...rule, matches: [MATCH_EVERY_PATH()] };
    const matches = changedItems(rule.matches, (m) => (isRecord(m) && m.path === undefined ? { ...m, ...MATCH_EVERY_PATH() } : m));
    return matches === rule.matches ? rule : { ...rule, matches };
  });
  return defaulted === rules ? route : { ...route, spec: { ...spec, rules: defaulted } };
}

/** `items.map(f)`, or `items` itself when `f` returns every item unchanged. */
function changedItems(items: unknown[], f: (item: unknown) => unknown): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const next = f(item);
    if (next !== item) (out ??= items.slice(0, i)).push(next);
    else out?.push(item);
  }
  return out ?? items;
}
