/**
 * An entry of `spec.responseOverride`: replaces responses that match (by status code and/or
 * response headers) with a custom response or a redirect. Envoy Gateway implements it with the
 * `custom_response` HTTP filter, added disabled to the listener and enabled on the route.
 */
import * as z from 'zod';
import { has, int32, integer, k8sArray, k8sEnum, k8sString, uniqueBy, withRules } from '../../model/crd.js';

/** RFC 7230 token characters (Gateway API `HTTPHeaderName`). */
const HEADER_NAME_PATTERN = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;
/** Gateway API `PreciseHostname`: a lowercase DNS name, no wildcard. */
const PRECISE_HOSTNAME_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Gateway API `Group`: empty (the core group) or a DNS subdomain. */
const GROUP_PATTERN = /^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Gateway API `Kind`. */
const KIND_PATTERN = /^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/;

/** A range of status codes; `start` and `end` are both inclusive. */
export const StatusCodeRangeSchema = withRules(
  z.object({
    start: integer(),
    end: integer(),
  }),
  [{ message: 'end must be greater than start', test: (r) => r.end > r.start }],
);
export type StatusCodeRange = z.infer<typeof StatusCodeRangeSchema>;

/**
 * One status code (`type: Value`, the default) or a range (`type: Range`). The type is defaulted
 * before CEL runs, so a bare `range` without `type` is reported as a missing `value`.
 */
export const StatusCodeMatchSchema = withRules(
  z.object({
    type: k8sEnum(['Value', 'Range'], { allOf: true }).default('Value'),
    value: integer().optional(),
    range: StatusCodeRangeSchema.optional(),
  }),
  [
    {
      message: 'value must be set for type Value',
      test: (m) => (!has(m.type) || m.type === 'Value' ? has(m.value) : true),
    },
    {
      message: 'range must be set for type Range',
      test: (m) => (has(m.type) && m.type === 'Range' ? has(m.range) : true),
    },
  ],
);
export type StatusCodeMatch = z.infer<typeof StatusCodeMatchSchema>;

/** Envoy Gateway's `StringMatch`: how a header value is compared. */
export const StringMatchSchema = z.object({
  type: k8sEnum(['Exact', 'Prefix', 'Suffix', 'RegularExpression']).default('Exact'),
  value: k8sString({ minLength: 1, maxLength: 1024 }),
});
export type StringMatch = z.infer<typeof StringMatchSchema>;

/** A condition on one response header of the original (backend or local) response. */
export const ResponseHeaderMatchSchema = z.object({
  name: k8sString({ minLength: 1, maxLength: 256, pattern: HEADER_NAME_PATTERN }),
  value: StringMatchSchema,
});
export type ResponseHeaderMatch = z.infer<typeof ResponseHeaderMatchSchema>;

/** Which responses are overridden: any listed status code, and/or all listed headers. */
export const CustomResponseMatchSchema = withRules(
  z.object({
    statusCodes: k8sArray(StatusCodeMatchSchema, { minItems: 1, maxItems: 50 }).optional(),
    responseHeaders: k8sArray(ResponseHeaderMatchSchema, { minItems: 1, maxItems: 16 }).optional(),
  }),
  [
    {
      message: 'at least one of statusCodes or responseHeaders must be specified',
      test: (m) => has(m.statusCodes) || has(m.responseHeaders),
    },
  ],
);
export type CustomResponseMatch = z.infer<typeof CustomResponseMatchSchema>;

/** Gateway API `LocalObjectReference`: an object in the policy's namespace. */
export const LocalObjectReferenceSchema = z.object({
  group: k8sString({ maxLength: 253, pattern: GROUP_PATTERN }),
  kind: k8sString({ minLength: 1, maxLength: 63, pattern: KIND_PATTERN }),
  name: k8sString({ minLength: 1, maxLength: 253 }),
});
export type LocalObjectReference = z.infer<typeof LocalObjectReferenceSchema>;

/** The body of a custom response: given inline, or read from a ConfigMap in the policy's namespace. */
export const CustomResponseBodySchema = withRules(
  z.object({
    type: k8sEnum(['Inline', 'ValueRef'], { allOf: true }).default('Inline'),
    inline: z.string().optional(),
    valueRef: LocalObjectReferenceSchema.optional(),
  }),
  [
    {
      message: 'inline must be set for type Inline',
      test: (b) => (!has(b.type) || b.type === 'Inline' ? has(b.inline) : true),
    },
    {
      message: 'valueRef must be set for type ValueRef',
      test: (b) => (has(b.type) && b.type === 'ValueRef' ? has(b.valueRef) : true),
    },
    {
      message: 'only ConfigMap is supported for ValueRef',
      test: (b) => (has(b.valueRef) ? b.valueRef?.kind === 'ConfigMap' : true),
    },
  ],
);
export type CustomResponseBody = z.infer<typeof CustomResponseBodySchema>;

/** Gateway API `HTTPHeader`: a header name and value to write. */
export const HTTPHeaderSchema = z.object({
  name: k8sString({ minLength: 1, maxLength: 256, pattern: HEADER_NAME_PATTERN }),
  value: k8sString({ minLength: 1, maxLength: 4096 }),
});
export type HTTPHeader = z.infer<typeof HTTPHeaderSchema>;

// `set` and `add` are list-maps keyed by name, `remove` a set: the API server rejects duplicates.
const headerList = () =>
  uniqueBy(k8sArray(HTTPHeaderSchema, { maxItems: 16 }), (h) => (h as { name?: unknown } | undefined)?.name, { mapKey: 'name' });

/**
 * Gateway API `HTTPHeaderFilter` reused for the custom response's headers. A custom response has
 * no original headers to drop, so `remove` must stay empty.
 */
export const CustomResponseHeaderFilterSchema = withRules(
  z.object({
    set: headerList().optional(),
    add: headerList().optional(),
    remove: uniqueBy(k8sArray(z.string(), { maxItems: 16 }), (name) => name).optional(),
  }),
  [
    {
      message: 'Remove is not supported for header in CustomResponse',
      test: (h) => !has(h.remove) || h.remove?.length === 0,
    },
  ],
);
export type CustomResponseHeaderFilter = z.infer<typeof CustomResponseHeaderFilterSchema>;

/** The response sent instead of the original one. Unset fields keep the original's values. */
export const CustomResponseSchema = z.object({
  contentType: z.string().optional(),
  body: CustomResponseBodySchema.optional(),
  statusCode: integer().optional(),
  header: CustomResponseHeaderFilterSchema.optional(),
});
export type CustomResponse = z.infer<typeof CustomResponseSchema>;

/**
 * Gateway API `HTTPPathModifier` as used by a response-override redirect. The upstream type's
 * four pairing rules are kept, and Envoy Gateway adds its own: there is no matched prefix to
 * replace when redirecting a response, so only `ReplaceFullPath` is accepted.
 */
export const HTTPPathModifierSchema = withRules(
  z.object({
    type: k8sEnum(['ReplaceFullPath', 'ReplacePrefixMatch']),
    replaceFullPath: k8sString({ maxLength: 1024 }).optional(),
    replacePrefixMatch: k8sString({ maxLength: 1024 }).optional(),
  }),
  [
    { message: 'only ReplaceFullPath is supported for path.type', test: (p) => p.type === 'ReplaceFullPath' },
    {
      message: "replaceFullPath must be specified when type is set to 'ReplaceFullPath'",
      test: (p) => has(p.type) && (p.type === 'ReplaceFullPath' ? has(p.replaceFullPath) : true),
    },
    {
      message: "type must be 'ReplaceFullPath' when replaceFullPath is set",
      test: (p) => (has(p.replaceFullPath) ? p.type === 'ReplaceFullPath' : true),
    },
    {
      message: "replacePrefixMatch must be specified when type is set to 'ReplacePrefixMatch'",
      test: (p) => has(p.type) && (p.type === 'ReplacePrefixMatch' ? has(p.replacePrefixMatch) : true),
    },
    {
      message: "type must be 'ReplacePrefixMatch' when replacePrefixMatch is set",
      test: (p) => (has(p.replacePrefixMatch) ? p.type === 'ReplacePrefixMatch' : true),
    },
  ],
);
export type HTTPPathModifier = z.infer<typeof HTTPPathModifierSchema>;

/** A redirect sent instead of the original response; unset parts keep the request's values. */
export const CustomRedirectSchema = z.object({
  scheme: k8sEnum(['http', 'https']).optional(),
  hostname: k8sString({ minLength: 1, maxLength: 253, pattern: PRECISE_HOSTNAME_PATTERN }).optional(),
  path: HTTPPathModifierSchema.optional(),
  port: int32().optional(),
  // An integer enum in the CRD: a literal set, so other codes are reported as unsupported values.
  statusCode: z.literal([301, 302]).default(302),
});
export type CustomRedirect = z.infer<typeof CustomRedirectSchema>;

/** One override: a match plus exactly one of a custom response or a redirect. */
export const ResponseOverrideSchema = withRules(
  z.object({
    match: CustomResponseMatchSchema,
    response: CustomResponseSchema.optional(),
    redirect: CustomRedirectSchema.optional(),
    /** Which responses are eligible: generated by Envoy (`Local`), by the backend, or `All` (the documented default). */
    source: k8sEnum(['All', 'Local', 'Backend']).optional(),
  }),
  [
    {
      message: 'exactly one of response or redirect must be specified',
      test: (o) => (has(o.response) && !has(o.redirect)) || (!has(o.response) && has(o.redirect)),
    },
  ],
);
export type ResponseOverride = z.infer<typeof ResponseOverrideSchema>;
