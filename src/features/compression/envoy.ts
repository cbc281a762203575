/**
 * `traffic.compression` → Envoy's compressor filters.
 *
 * The HCM gets one disabled `envoy.filters.http.compressor.<gzip|brotli|zstd>` per algorithm any
 * route uses, with the library, `choose_first` (the policy's first entry) and the minimum content
 * length of the first route that uses it (the emitter keeps the first filter of a name). A route
 * enables each of its algorithms with an empty `CompressorPerRoute` override, and removes the
 * client's `accept-encoding` from the upstream request so the backend answers uncompressed and
 * Envoy does the compressing. A type Envoy Gateway does not know is left out.
 */
import type { Compressor, CompressorPerRoute } from '../../emit/envoy-types/index.js';
import type { RouteEmission } from '../feature.js';
import { typedExtension } from '../../emit/protojson.js';
import { httpFilter, removeRequestHeader, setPerFilterConfig, uint } from '../../emit/route-parts.js';
import { EnvoyRules, UINT32_MAX } from '../../emit/envoy-rules.js';
import type { CompressionEntryTraffic } from './traffic.js';

const COMPRESSOR_TYPE = 'envoy.extensions.filters.http.compressor.v3.Compressor';
const COMPRESSOR_PER_ROUTE_TYPE = 'envoy.extensions.filters.http.compressor.v3.CompressorPerRoute';

/** Envoy's library message per Envoy Gateway compressor type (a Map: `type` is user data, `__proto__` included). */
const LIBRARIES: ReadonlyMap<string, { lower: string; typeName: string }> = new Map([
  ['Gzip', { lower: 'gzip', typeName: 'envoy.extensions.compression.gzip.compressor.v3.Gzip' }],
  ['Brotli', { lower: 'brotli', typeName: 'envoy.extensions.compression.brotli.compressor.v3.Brotli' }],
  ['Zstd', { lower: 'zstd', typeName: 'envoy.extensions.compression.zstd.compressor.v3.Zstd' }],
]);

/** The known entries of a compression list with their library. */
function entries(value: readonly CompressionEntryTraffic[] | undefined): Array<{ entry: CompressionEntryTraffic; lower: string; typeName: string }> {
  return (value ?? []).flatMap((entry) => {
    const lib = LIBRARIES.get(entry.type);
    return lib ? [{ entry, ...lib }] : [];
  });
}

const filterName = (lower: string) => `envoy.filters.http.compressor.${lower}`;

/** The HCM `Compressor` config of one entry. */
function compressorConfig(entry: CompressionEntryTraffic, lower: string, typeName: string): Compressor {
  const config: Compressor = { compressorLibrary: typedExtension(`envoy.compression.${lower}.compressor`, typeName) };
  if (entry.chooseFirst === true) config.chooseFirst = true;
  const min = uint(entry.minContentLength);
  if (min !== undefined) config.responseDirectionConfig = { commonConfig: { minContentLength: min } };
  return config;
}

export const compressionRoute: RouteEmission<CompressionEntryTraffic[]> = {
  apply(route, value) {
    const known = entries(value);
    if (known.length === 0) return;
    for (const { lower } of known) {
      setPerFilterConfig<CompressorPerRoute>(route, filterName(lower), COMPRESSOR_PER_ROUTE_TYPE, { overrides: { responseDirectionConfig: {} } });
    }
    removeRequestHeader(route, 'accept-encoding');
  },
  httpFilters(value) {
    return entries(value).map(({ entry, lower, typeName }) => httpFilter(filterName(lower), COMPRESSOR_TYPE, compressorConfig(entry, lower, typeName), true));
  },
  /** `CommonDirectionConfig.min_content_length` is a `uint32`. */
  rejections(value) {
    const rules = new EnvoyRules();
    value.forEach((entry, i) => {
      if (LIBRARIES.has(entry.type) && uint(entry.minContentLength) !== undefined) rules.integer(`[${i}].minContentLength`, entry.minContentLength, 0, UINT32_MAX, 'CommonDirectionConfig.min_content_length');
    });
    return rules.found;
  },
};
