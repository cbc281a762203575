/**
 * `btp envoy -o config-dump`: the emitted clusters and route configurations in the shape of Envoy's
 * admin `/config_dump` (`envoy.admin.v3.ConfigDump`), which is also what Envoy Gateway's
 * `egctl config envoy-proxy all -o json` prints: a `configs` list of typed sections, here a
 * `ClustersConfigDump` with each cluster under `dynamicActiveClusters[].cluster` and a
 * `RoutesConfigDump` with each route configuration under `dynamicRouteConfigs[].routeConfig`, every
 * resource with its `@type`. So the two can be compared section by section and resource by name.
 *
 * Fields are in protojson's lowerCamelCase, as egctl prints them (Envoy's admin endpoint prints
 * proto field names, `dynamic_active_clusters`; both are valid protojson). Timestamps and
 * `versionInfo`, which describe a running proxy's history, are left out. HTTP filters live in the
 * listeners' HTTP connection managers, which `btp` does not emit, so they are not in the dump.
 */
import type { EnvoyConfig } from '../index.js';

const TYPE = 'type.googleapis.com/';

/** An `envoy.admin.v3.ConfigDump` (protojson) of the clusters and route configurations. */
export function configDump(config: Pick<EnvoyConfig, 'clusters' | 'routeConfigurations'>): { configs: unknown[] } {
  return {
    configs: [
      {
        '@type': `${TYPE}envoy.admin.v3.ClustersConfigDump`,
        dynamicActiveClusters: config.clusters.map((cluster) => ({ cluster: { '@type': `${TYPE}envoy.config.cluster.v3.Cluster`, ...cluster } })),
      },
      {
        '@type': `${TYPE}envoy.admin.v3.RoutesConfigDump`,
        dynamicRouteConfigs: config.routeConfigurations.map((routeConfig) => ({ routeConfig: { '@type': `${TYPE}envoy.config.route.v3.RouteConfiguration`, ...routeConfig } })),
      },
    ],
  };
}
