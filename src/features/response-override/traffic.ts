/**
 * `responseOverride` → Envoy Gateway's IR `traffic.responseOverride`:
 * `{name: 'backendtrafficpolicy/<ns>/<name>', rules: [{name: '<that>/responseoverride/rule/<i>',
 * match: {statusCodes?, responseHeaders?}, response?, redirect?, source?}]}`.
 *
 * - `statusCodes[]`: `{value}` (type `Value`, also when the type is unset) or `{range: {start,
 *   end}}` (type `Range`).
 * - `responseHeaders[]`: Envoy Gateway's `StringMatch` shape, `{name, exact | prefix | suffix |
 *   safeRegex, distinct: false}` (type unset means `Exact`).
 * - `response`: `{contentType?, body?, statusCode?, addResponseHeaders?}`. `body` is the text of
 *   the inline body or of the referenced ConfigMap's value (EG's IR holds bytes, shown base64).
 *   `addResponseHeaders` lists `header.add` (append) then `header.set` (overwrite), each as
 *   `{name, value: [v], append, addIfAbsent: false}`.
 * - `redirect`: `{scheme?, hostname?, path?: {fullReplace? | prefixMatchReplace?}, port?,
 *   statusCode?}`.
 *
 * A `ValueRef` body reads ConfigMap `<ctx.responseOverrideNamespace>/<valueRef.name>`: its
 * `response.body` key, else its first `data` value, else its first `binaryData` value (base64
 * decoded).
 *
 * Errors (prefix `ResponseOverride`), the first failing rule wins:
 * `can't find the referenced configmap <ns>/<name>`, and, for a ConfigMap with neither `data` nor
 * `binaryData`, `can't find the key response.body in the referenced configmap <ns>/<name>`.
 */
import * as z from 'zod';
import type { BackendTrafficPolicySpecInput } from '../../model/backend-traffic-policy.js';
import { type Result, fail, ok } from '../../model/result.js';
import { isRecord } from '../raw-values.js';
import type { FeatureOutcome, TrafficContext, Translation } from '../feature.js';
import { StringMatchTrafficSchema, type StringMatchTraffic } from '../string-match.js';

/** A response-header match: Envoy Gateway's IR `StringMatch` (`invert` never set here). */
export const ResponseHeaderMatchTrafficSchema = StringMatchTrafficSchema;
export type ResponseHeaderMatchTraffic = StringMatchTraffic;

/** A status code, or an inclusive range of them. */
export const StatusCodeMatchTrafficSchema = z.object({
  value: z.number().optional(),
  range: z.object({ start: z.number(), end: z.number() }).optional(),
});
export type StatusCodeMatchTraffic = z.infer<typeof StatusCodeMatchTrafficSchema>;

/** A response header to add (`append`) or set. */
export const AddHeaderTrafficSchema = z.object({
  name: z.string(),
  value: z.array(z.string()),
  append: z.boolean(),
  addIfAbsent: z.boolean(),
});
export type AddHeaderTraffic = z.infer<typeof AddHeaderTrafficSchema>;

/** The response that replaces the original; `body` is its text. */
export const CustomResponseTrafficSchema = z.object({
  contentType: z.string().optional(),
  body: z.string().optional(),
  statusCode: z.number().optional(),
  addResponseHeaders: z.array(AddHeaderTrafficSchema).optional(),
});
export type CustomResponseTraffic = z.infer<typeof CustomResponseTrafficSchema>;

/** A redirect that replaces the original response. */
export const CustomRedirectTrafficSchema = z.object({
  scheme: z.string().optional(),
  hostname: z.string().optional(),
  path: z.object({ fullReplace: z.string().optional(), prefixMatchReplace: z.string().optional() }).optional(),
  port: z.number().optional(),
  statusCode: z.number().optional(),
});
export type CustomRedirectTraffic = z.infer<typeof CustomRedirectTrafficSchema>;

/** One override: what it matches and what it answers. */
export const ResponseOverrideRuleTrafficSchema = z.object({
  name: z.string(),
  match: z.object({
    statusCodes: z.array(StatusCodeMatchTrafficSchema).optional(),
    responseHeaders: z.array(ResponseHeaderMatchTrafficSchema).optional(),
  }),
  response: CustomResponseTrafficSchema.optional(),
  redirect: CustomRedirectTrafficSchema.optional(),
  source: z.string().optional(),
});
export type ResponseOverrideRuleTraffic = z.infer<typeof ResponseOverrideRuleTrafficSchema>;

/** `traffic.responseOverride`: the policy's overrides, named `backendtrafficpolicy/<ns>/<name>`. */
export const ResponseOverrideTrafficSchema = z.object({
  name: z.string(),
  rules: z.array(ResponseOverrideRuleTrafficSchema),
});
export type ResponseOverrideTraffic = z.infer<typeof ResponseOverrideTrafficSchema>;

type Raw = Record<string, unknown>;
const asRecord = (v: unknown): Raw => (isRecord(v) ? v : {});
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** A raw string field (Go would reject anything but a string; scalars are printed, the rest is ''). */
const str = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : '';
const int = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** `backendtrafficpolicy/<ns>/<name>`: the IR config name of a policy. */
function responseOverrideName(policy: { namespace: string; name: string }): string {
  return `backendtrafficpolicy/${policy.namespace}/${policy.name}`;
}

/** Build `traffic.responseOverride` from `spec.responseOverride`; undefined for an empty list. */
function buildResponseOverride(list: unknown, ctx: TrafficContext): Result<ResponseOverrideTraffic | undefined> {
  const items = asList(list);
  if (items.length === 0) return ok(undefined);
  const name = responseOverrideName(ctx.policy);
  const rules: ResponseOverrideRuleTraffic[] = [];
  for (let i = 0; i < items.length; i++) {
    const ro = asRecord(items[i]);
    const rule: ResponseOverrideRuleTraffic = { name: `${name}/responseoverride/rule/${i}`, match: buildMatch(asRecord(ro.match)) };
    if (isRecord(ro.response)) {
      const r = buildResponse(ro.response, ctx);
      if (!r.success) return r;
      rule.response = r.data;
    }
    if (isRecord(ro.redirect)) rule.redirect = buildRedirect(ro.redirect);
    if (typeof ro.source === 'string') rule.source = ro.source;
    rules.push(rule);
  }
  return ok({ name, rules });
}

function buildMatch(m: Raw): ResponseOverrideRuleTraffic['match'] {
  const out: ResponseOverrideRuleTraffic['match'] = {};
  const codes: StatusCodeMatchTraffic[] = [];
  for (const raw of asList(m.statusCodes)) {
    const c = asRecord(raw);
    if (c.type === 'Range') {
      if (isRecord(c.range)) codes.push({ range: { start: int(c.range.start), end: int(c.range.end) } });
    } else if (typeof c.value === 'number') {
      codes.push({ value: c.value });
    }
  }
  if (codes.length > 0) out.statusCodes = codes;
  const headers: ResponseHeaderMatchTraffic[] = [];
  for (const raw of asList(m.responseHeaders)) {
    const h = asRecord(raw);
    const v = asRecord(h.value);
    const value = str(v.value);
    const type = v.type === undefined || v.type === null ? 'Exact' : v.type;
    const key = type === 'Exact' ? 'exact' : type === 'Prefix' ? 'prefix' : type === 'Suffix' ? 'suffix' : type === 'RegularExpression' ? 'safeRegex' : undefined;
    if (key === undefined) continue; // an unknown match type produces no match
    headers.push({ name: str(h.name), [key]: value, distinct: false });
  }
  if (headers.length > 0) out.responseHeaders = headers;
  return out;
}

function buildResponse(r: Raw, ctx: TrafficContext): Result<CustomResponseTraffic> {
  const out: CustomResponseTraffic = {};
  if (typeof r.contentType === 'string') out.contentType = r.contentType;
  const body = buildBody(r.body, ctx);
  if (!body.success) return body;
  if (body.data !== undefined) out.body = body.data;
  if (typeof r.statusCode === 'number') out.statusCode = r.statusCode;
  if (isRecord(r.header)) {
    const headers: AddHeaderTraffic[] = [];
    for (const raw of asList(r.header.add)) {
      const h = asRecord(raw);
      headers.push({ name: str(h.name), value: [str(h.value)], append: true, addIfAbsent: false });
    }
    for (const raw of asList(r.header.set)) {
      const h = asRecord(raw);
      headers.push({ name: str(h.name), value: [str(h.value)], append: false, addIfAbsent: false });
    }
    if (headers.length > 0) out.addResponseHeaders = headers;
  }
  return ok(out);
}

function buildBody(raw: unknown, ctx: TrafficContext): Result<string | undefined> {
  if (!isRecord(raw)) return ok(undefined);
  if (raw.type === 'ValueRef') {
    if (!isRecord(raw.valueRef)) return ok(undefined);
    const ns = ctx.responseOverrideNamespace;
    const cmName = str(raw.valueRef.name);
    const cm = ctx.configMap(ns, cmName);
    if (!cm) return fail(`can't find the referenced configmap ${ns}/${cmName}`);
    const data = isRecord(cm.data) ? cm.data : {};
    const binaryData = isRecord(cm.binaryData) ? cm.binaryData : {};
    if (typeof data['response.body'] === 'string') return ok(data['response.body']);
    const firstData = Object.values(data)[0];
    if (firstData !== undefined) return ok(str(firstData));
    const firstBinary = Object.values(binaryData)[0];
    if (firstBinary !== undefined) return ok(decodeBase64Text(str(firstBinary)));
    return fail(`can't find the key response.body in the referenced configmap ${ns}/${cmName}`);
  }
  return typeof raw.inline === 'string' ? ok(raw.inline) : ok(undefined);
}

/** A ConfigMap `binaryData` value (base64) as UTF-8 text; the raw string when it is not base64. */
function decodeBase64Text(b64: string): string {
  try {
    const bin = atob(b64);
    return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return b64;
  }
}

function buildRedirect(r: Raw): CustomRedirectTraffic {
  const out: CustomRedirectTraffic = {};
  if (typeof r.scheme === 'string') out.scheme = r.scheme;
  if (typeof r.hostname === 'string') out.hostname = r.hostname;
  if (isRecord(r.path)) {
    const p = r.path;
    out.path = {};
    if (p.type === 'ReplaceFullPath' && typeof p.replaceFullPath === 'string') out.path.fullReplace = p.replaceFullPath;
    if (p.type === 'ReplacePrefixMatch' && typeof p.replacePrefixMatch === 'string') out.path.prefixMatchReplace = p.replacePrefixMatch;
  }
  if (typeof r.port === 'number') out.port = r.port;
  if (typeof r.statusCode === 'number') out.statusCode = r.statusCode;
  return out;
}

export const responseOverrideTranslation: Translation<ResponseOverrideTraffic> = {
  build(spec: BackendTrafficPolicySpecInput, ctx: TrafficContext): FeatureOutcome<ResponseOverrideTraffic> {
    const r = buildResponseOverride(spec.responseOverride, ctx);
    if (!r.success) return { errors: [r.error] };
    return r.data === undefined ? {} : { value: r.data };
  },
};
