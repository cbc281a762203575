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

/** An HTTPRoute as the API server stores it: `rules`, `matches` and `path` defaulted. */
export function withHttpRouteDefaults(route: JsonObject): JsonObject {
  const spec = isRecord(route.spec) ? route.spec : {};
  const rules = Array.isArray(spec.rules) ? spec.rules : [{ matches: [MATCH_EVERY_PATH()] }];
  const defaulted = rules.map((rule) => {
    if (!isRecord(rule)) return rule;
    const matches = Array.isArray(rule.matches) ? rule.matches : [MATCH_EVERY_PATH()];
    return { ...rule, matches: matches.map((m) => (isRecord(m) && m.path === undefined ? { ...m, ...MATCH_EVERY_PATH() } : m)) };
  });
  return { ...route, spec: { ...spec, rules: defaulted } };
}
