/**
 * HTTP connection manager filters and the filter configurations route features put in `Any`s (as
 * an `HttpFilter`'s config, or per route in `typed_per_filter_config`), with the fields we set.
 */
import type { Any, Duration, FractionalPercent, HeaderValueOption, Int64, StringMatcher, TypedExtensionConfig } from './core.js';

/** `envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter`. */
export type HttpFilter = {
  name: string;
  typedConfig: Any;
  /** The filter only runs on routes that enable it with a per-route config of the same name. */
  disabled?: boolean;
};

/** `envoy.extensions.filters.http.router.v3.Router`. */
export type Router = { suppressEnvoyHeaders?: boolean };

/** `envoy.config.route.v3.FilterConfig`: enables a disabled filter on a route. */
export type FilterConfig = { config: Record<string, never> };

/** `envoy.extensions.filters.http.fault.v3.HTTPFault`. */
export type HTTPFault = {
  delay?: { fixedDelay?: Duration; percentage?: FractionalPercent };
  abort?: { httpStatus?: number; grpcStatus?: number; percentage?: FractionalPercent };
};

/** `envoy.extensions.filters.http.buffer.v3.Buffer`. */
export type Buffer = { maxRequestBytes: number };

/** `envoy.extensions.filters.http.buffer.v3.BufferPerRoute`. */
export type BufferPerRoute = { buffer: Buffer };

/** `envoy.extensions.filters.http.compressor.v3.Compressor`. */
export type Compressor = {
  compressorLibrary: TypedExtensionConfig<Record<string, never>>;
  chooseFirst?: boolean;
  responseDirectionConfig?: { commonConfig: { minContentLength: number } };
};

/** `envoy.extensions.filters.http.compressor.v3.CompressorPerRoute`. */
export type CompressorPerRoute = { overrides: { responseDirectionConfig: Record<string, never> } };

/** `envoy.extensions.filters.http.bandwidth_limit.v3.BandwidthLimit`. */
export type BandwidthLimit = {
  statPrefix: string;
  enableMode?: 'REQUEST' | 'RESPONSE';
  limitKbps?: Int64;
  enableResponseTrailers?: boolean;
  responseTrailerPrefix?: string;
};

/** `envoy.extensions.filters.http.custom_response.v3.CustomResponse`. */
export type CustomResponse = { customResponseMatcher: { matcherList: { matchers: FieldMatcher[] } } };

/** `xds.type.matcher.v3.Matcher.MatcherList.FieldMatcher`: a predicate and the action taken on a match. */
export type FieldMatcher = { predicate: Predicate; onMatch: { action: TypedExtensionConfig<LocalResponsePolicy | RedirectPolicy> } };

/** `xds.type.matcher.v3.Matcher.MatcherList.Predicate`. */
export type Predicate = { singlePredicate: SinglePredicate } | { orMatcher: { predicate: Predicate[] } } | { andMatcher: { predicate: Predicate[] } };

/** `…Predicate.SinglePredicate`: an input and how to match it. */
export type SinglePredicate =
  | { input: TypedExtensionConfig; valueMatch: StringMatcher }
  | { input: TypedExtensionConfig; customMatch: TypedExtensionConfig<{ exprMatch: { celExprParsed: { expr: CelExpr } } }> };

/** A parsed CEL expression (`google.api.expr.v1alpha1.Expr`), as far as status-code ranges need it. */
export type CelExpr = {
  id: Int64;
  callExpr?: { function: string; args: CelExpr[] };
  selectExpr?: { operand: CelExpr; field: string };
  identExpr?: { name: string };
  constExpr?: { int64Value: Int64 };
};

/** `envoy.extensions.http.custom_response.local_response_policy.v3.LocalResponsePolicy`. */
export type LocalResponsePolicy = {
  bodyFormat?: { textFormat: string };
  statusCode?: number;
  responseHeadersToAdd?: HeaderValueOption[];
};

/** `envoy.extensions.http.custom_response.redirect_policy.v3.RedirectPolicy`. */
export type RedirectPolicy = {
  redirectAction: { schemeRedirect?: string; hostRedirect?: string; portRedirect?: number; pathRedirect?: string };
  statusCode?: number;
};
