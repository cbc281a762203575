/**
 * Building blocks of the Envoy v3 messages `emitEnvoy` produces, in protojson form: lowerCamelCase
 * field names, well-known types as protojson prints them, and only the fields we set.
 *
 * Messages are object type aliases rather than interfaces, so that each is also a plain JSON object
 * (`{ [field: string]: unknown }`) for code that handles messages generically.
 */

/** `google.protobuf.Duration`: seconds with 0, 3, 6 or 9 fraction digits and an `s` (`"1.500s"`). */
export type Duration = string;

/** A 64-bit integer (`int64`, `uint64`, `UInt64Value`): protojson prints it as a decimal string. */
export type Int64 = string;

/**
 * `google.protobuf.Any`: the message's own fields inline, after its
 * `@type: type.googleapis.com/<full name>`. `T` is the message; unknown messages read as free JSON.
 */
export type Any<T extends object = { [field: string]: unknown }> = { '@type': string } & T;

/** `envoy.config.core.v3.TypedExtensionConfig`. */
export type TypedExtensionConfig<T extends object = { [field: string]: unknown }> = {
  name: string;
  typedConfig: Any<T>;
};

/** `envoy.type.v3.FractionalPercent`: `numerator` per `denominator` (`HUNDRED`, the zero value, is left out). */
export type FractionalPercent = {
  numerator?: number;
  denominator?: 'HUNDRED' | 'TEN_THOUSAND' | 'MILLION';
};

/** `envoy.type.v3.Percent`: 0–100. */
export type Percent = { value: number };

/** `envoy.type.matcher.v3.RegexMatcher` (`googleRe2: {}` is the deprecated engine selector some Envoy Gateway outputs keep). */
export type RegexMatcher = { regex: string; googleRe2?: Record<string, never> };

/** `envoy.type.matcher.v3.StringMatcher`: one of its match patterns. */
export type StringMatcher = { exact: string } | { prefix: string } | { suffix: string } | { safeRegex: RegexMatcher };

/** `envoy.config.core.v3.HeaderValueOption` as Envoy Gateway writes it. */
export type HeaderValueOption = {
  header: { key: string; value: string };
  /** `APPEND_IF_EXISTS_OR_ADD`, the zero value, is left out. */
  appendAction?: 'OVERWRITE_IF_EXISTS_OR_ADD' | 'ADD_IF_ABSENT' | 'OVERWRITE_IF_EXISTS';
};

/** `envoy.type.v3.Int64Range`: `[start, end)`. */
export type Int64Range = { start: Int64; end: Int64 };

/** An object of the `envoy-gateway` metadata: the Kubernetes resource a message was made for. */
export type ResourceMetadata = { kind: string; name: string; namespace: string; sectionName?: string };

/**
 * `envoy.config.core.v3.Metadata` as Envoy Gateway sets it: under `envoy-gateway`, the resources a
 * message was made for and the BackendTrafficPolicies that shaped it.
 */
export type Metadata = {
  filterMetadata: {
    'envoy-gateway': { resources: ResourceMetadata[]; policies?: ResourceMetadata[] };
  };
};
