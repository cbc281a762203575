/**
 * `btp envoy -o config-dump`: the emitted clusters and route configurations in the shape of
 * Envoy's admin `/config_dump` (and `egctl config envoy-proxy all -o json`), valid as an
 * `envoy.admin.v3.ConfigDump` against Envoy's own protos, every resource with its `@type`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { emitEnvoy, resolvePolicies } from '../../src/index.js';
import { checkEnvoyResource } from '../support/envoy-proto.js';
import { btp } from './run-cli.js';

const objects = ['gateway', 'policies', 'rollout', 'routes'].flatMap((f) =>
  parseAllDocuments(readFileSync(`examples/platform/${f}.yaml`, 'utf8'))
    .map((d) => d.toJS())
    .filter((o) => o !== null),
);

describe('btp envoy -o config-dump', () => {
  const run = btp(['envoy', '-o', 'config-dump', 'examples/platform']);
  const dump = JSON.parse(run.stdout);

  it('is JSON with a ClustersConfigDump and a RoutesConfigDump section, as Envoy\'s admin endpoint writes them', () => {
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(Object.keys(dump)).toEqual(['configs']);
    expect(dump.configs.map((c: { '@type': string }) => c['@type'])).toEqual([
      'type.googleapis.com/envoy.admin.v3.ClustersConfigDump',
      'type.googleapis.com/envoy.admin.v3.RoutesConfigDump',
    ]);
  });

  it('holds exactly the emitted resources, each with its @type', () => {
    const emitted = JSON.parse(JSON.stringify(emitEnvoy(resolvePolicies(objects))));
    const [clusters, routes] = dump.configs;
    expect(clusters.dynamicActiveClusters).toEqual(emitted.clusters.map((c: object) => ({ cluster: { '@type': 'type.googleapis.com/envoy.config.cluster.v3.Cluster', ...c } })));
    expect(routes.dynamicRouteConfigs).toEqual(
      emitted.routeConfigurations.map((r: object) => ({ routeConfig: { '@type': 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration', ...r } })),
    );
  });

  it('is a valid envoy.admin.v3.ConfigDump, checked field by field against Envoy\'s protos', () => {
    expect(checkEnvoyResource('envoy.admin.v3.ConfigDump', dump)).toEqual([]);
  });

  it('keeps diagnostics out of the dump (it is Envoy\'s shape) and on stderr; --only ratelimit makes no sense with it', () => {
    const problems = btp(['envoy', '-o', 'config-dump', 'examples/platform', 'examples/problems']);
    expect(problems.code).toBe(1);
    expect(Object.keys(JSON.parse(problems.stdout))).toEqual(['configs']);
    expect(problems.stderr).toMatch(/^btp: 4 BackendTrafficPolicies invalid or not accepted/);
    expect(btp(['envoy', '-o', 'config-dump', '--only', 'ratelimit', 'examples/platform'])).toMatchObject({ code: 2 });
  });
});
