/**
 * `traffic.compression` → Envoy's compressor filters (envoy-mapping §1.17).
 *
 * The HCM gets one disabled `envoy.filters.http.compressor.<gzip|brotli|zstd>` per algorithm any
 * route uses, with the library, `choose_first` (the policy's first entry) and the minimum content
 * length of the first route that uses it (the emitter keeps the first filter of a name). A route
 * enables each of its algorithms with an empty `CompressorPerRoute` override, and removes the
 * client's `accept-encoding` from the upstream request so the backend answers uncompressed and
 * Envoy does the compressing.
 */
import type { JsonObject } from '../../emit/emit-context.js';
import type { RouteEmission } from '../feature.js';
import { typedExtension } from '../../emit/protojson.js';
import { isRecord } from '../../lang/json.js';
import { httpFilter, list, removeRequestHeader, setPerFilterConfig, uint } from '../../emit/route-parts.js';

const COMPRESSOR_TYPE = 'envoy.extensions.filters.http.compressor.v3.Compressor';
const COMPRESSOR_PER_ROUTE_TYPE = 'envoy.extensions.filters.http.compressor.v3.CompressorPerRoute';

/** Envoy's library message per Envoy Gateway compressor type (a Map: `type` is user data, `__proto__` included). */
const LIBRARIES: ReadonlyMap<string, { lower: string; typeName: string }> = new Map([
  ['Gzip', { lower: 'gzip', typeName: 'envoy.extensions.compression.gzip.compressor.v3.Gzip' }],
  ['Brotli', { lower: 'brotli', typeName: 'envoy.extensions.compression.brotli.compressor.v3.Brotli' }],
  ['Zstd', { lower: 'zstd', typeName: 'envoy.extensions.compression.zstd.compressor.v3.Zstd' }],
]);

/** The known entries of a compression list with their library. */
function entries(value: unknown): Array<{ entry: JsonObject; lower: string; typeName: string }> {
  return list(value).flatMap((entry) => {
    const lib = isRecord(entry) && typeof entry.type === 'string' ? LIBRARIES.get(entry.type) : undefined;
    return lib && isRecord(entry) ? [{ entry, ...lib }] : [];
  });
}

const filterName = (lower: string) => `envoy.filters.http.compressor.${lower}`;

/** The HCM `Compressor` config of one entry. */
export function compressorConfig(entry: JsonObject, lower: string, typeName: string): JsonObject {
  const config: JsonObject = { compressorLibrary: typedExtension(`envoy.compression.${lower}.compressor`, typeName) };
  if (entry.chooseFirst === true) config.chooseFirst = true;
  const min = uint(entry.minContentLength);
  if (min !== undefined) config.responseDirectionConfig = { commonConfig: { minContentLength: min } };
  return config;
}

export const compressionRoute: RouteEmission = {
  apply(route, value) {
    const known = entries(value);
    if (known.length === 0) return;
    for (const { lower } of known) {
      setPerFilterConfig(route, filterName(lower), COMPRESSOR_PER_ROUTE_TYPE, { overrides: { responseDirectionConfig: {} } });
    }
    removeRequestHeader(route, 'accept-encoding');
  },
  httpFilters(value) {
    return entries(value).map(({ entry, lower, typeName }) => httpFilter(filterName(lower), COMPRESSOR_TYPE, compressorConfig(entry, lower, typeName), true));
  },
};
