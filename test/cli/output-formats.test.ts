/**
 * Machine output (`-o json|yaml`) is the library's data, unchanged; tables are coloured only when
 * the io says so (a terminal without NO_COLOR); the resolution options reach the library.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { nodeIo } from '../../src/cli/io.js';
import { backendTrafficPolicyJsonSchema, emitEnvoy, emitRateLimitConfigs, resolvePolicies } from '../../src/index.js';
import { btp, repoRoot } from './run-cli.js';

const objects = readdirSync(path.join(repoRoot, 'examples/platform'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .flatMap((f) => parseAllDocuments(readFileSync(path.join(repoRoot, 'examples/platform', f), 'utf8')).map((d) => d.toJS()))
  .filter((o) => o !== null);

describe('-o json and -o yaml', () => {
  it('resolve prints the Resolution, the same in JSON and YAML', () => {
    const json = JSON.parse(btp(['resolve', '-o', 'json', 'examples/platform']).stdout);
    const yaml = parse(btp(['resolve', '--output', 'yaml', 'examples/platform']).stdout);
    expect(json).toEqual(resolvePolicies(objects));
    expect(yaml).toEqual(json);
  });

  it('status prints a List of BackendTrafficPolicies with metadata and status', () => {
    const list = parse(btp(['status', '-o', 'yaml', 'examples/platform']).stdout);
    expect(list.kind).toBe('List');
    expect(list.items).toEqual(
      resolvePolicies(objects).policies.map((p) => ({
        apiVersion: 'gateway.envoyproxy.io/v1alpha1',
        kind: 'BackendTrafficPolicy',
        metadata: { name: p.ref.name, namespace: p.ref.namespace },
        status: p.status,
      })),
    );
  });

  it('explain prints a List of each entry with its explanation, and the diagnostics', () => {
    const document = JSON.parse(btp(['explain', '-o', 'json', 'grpcroute/shop/inventory', 'examples/platform']).stdout);
    expect(document).toMatchObject({ apiVersion: 'v1', kind: 'List', diagnostics: [], rejected: [] });
    const explained = document.items;
    expect(explained).toHaveLength(1);
    expect(explained[0].entry.route).toEqual({ kind: 'GRPCRoute', namespace: 'shop', name: 'inventory' });
    expect(explained[0].explanation.map((x: { name: string; outcome: string }) => `${x.outcome} ${x.name}`)).toEqual(['applied inventory-merge', 'merged gateway-defaults']);
    const merged = explained[0].explanation[1];
    expect(merged.lost).toContainEqual({ path: 'timeout.http.requestTimeout', value: 30000 });
  });

  it('validate prints a List of one record per object, each issue at the file:line:col of its field', () => {
    const document = JSON.parse(btp(['validate', '-o', 'json', 'examples/platform', 'examples/problems']).stdout);
    expect(document).toMatchObject({ apiVersion: 'v1', kind: 'List', diagnostics: [] });
    const invalid = document.items.filter((c: { valid: boolean }) => !c.valid);
    expect(invalid).toHaveLength(1);
    expect(invalid[0]).toMatchObject({ namespace: 'search', name: 'search-tuning', source: 'examples/problems/crd-invalid.yaml:4:1' });
    expect(invalid[0].issues.map((i: { path: string; source: string }) => `${i.path} ${i.source}`)).toEqual([
      'spec.loadBalancer examples/problems/crd-invalid.yaml:17:3',
      'spec.timeout.http.requestTimeout examples/problems/crd-invalid.yaml:16:7',
    ]);
    expect(document.rejected).toEqual([expect.objectContaining({ kind: 'BackendTrafficPolicy', name: 'search-tuning', issues: invalid[0].issues })]);
  });

  it('envoy prints emitEnvoy of the resolution and the rate limit service configuration, YAML by default', () => {
    const run = btp(['envoy', 'examples/platform']);
    expect(run.code).toBe(0);
    const resolution = resolvePolicies(objects);
    const config = { ...emitEnvoy(resolution), rateLimitConfigs: emitRateLimitConfigs(resolution).configs, diagnostics: [], rejected: [] };
    expect(parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(config)));
    expect(JSON.parse(btp(['envoy', '-o', 'json', 'examples/platform']).stdout)).toEqual(JSON.parse(JSON.stringify(config)));
  });

  it('schema prints the JSON Schema, as JSON or YAML', () => {
    const schema = backendTrafficPolicyJsonSchema();
    expect(JSON.parse(btp(['schema']).stdout)).toEqual(schema);
    expect(parse(btp(['schema', '-o', 'yaml']).stdout)).toEqual(schema);
  });
});

describe('resolution options', () => {
  it('--now and --controller-name reach every condition', () => {
    // The controller name is also the GatewayClass controllerName whose Gateways are resolved (as
    // in Envoy Gateway): the platform's class is applied again under this controller's name.
    const gatewayClass = 'apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata: {name: eg}\nspec: {controllerName: example.com/gateway}\n';
    const list = parse(btp(['status', '-o', 'yaml', '--now', '2025-06-01T00:00:00Z', '--controller-name', 'example.com/gateway', 'examples/platform', '-'], { stdin: gatewayClass }).stdout);
    expect(list.items.length).toBeGreaterThan(0);
    for (const item of list.items) {
      for (const a of item.status.ancestors) {
        expect(a.controllerName).toBe('example.com/gateway');
        for (const c of a.conditions) expect(c.lastTransitionTime).toBe('2025-06-01T00:00:00Z');
      }
    }
  });

  it('--order input lets the input order decide a conflict', () => {
    const conflict = 'examples/problems/conflict.yaml';
    const byAge = btp(['status', 'examples/platform', conflict]).stdout;
    expect(byAge).toMatch(/shop\/storefront-retries[^\n]*\n[^\n]*\n\s+Accepted\s+False\s+Conflicted/);
    // The same two policies in the other order, without timestamps: now the first one wins.
    const swapped = readFileSync(path.join(repoRoot, conflict), 'utf8').replace(/^ *creationTimestamp: .*\n/gm, '').split('---');
    const run = btp(['status', '--order', 'input', 'examples/platform', '-'], { stdin: `${swapped[1]}\n---\n${swapped[0]}` });
    expect(run.stdout).toMatch(/shop\/storefront-timeouts[^\n]*\n[^\n]*\n\s+Accepted\s+False\s+Conflicted/);
  });

  it('the cluster profile resolves policies as the API server stores them; the harness reads them as written unless --apply-defaults', () => {
    const cluster = JSON.parse(btp(['resolve', '-o', 'json', 'examples/platform']).stdout);
    const harness = JSON.parse(btp(['resolve', '-o', 'json', '--profile', 'harness', 'examples/platform']).stdout);
    const defaulted = JSON.parse(btp(['resolve', '-o', 'json', '--profile', 'harness', '--apply-defaults', 'examples/platform']).stdout);
    const pages = (r: { routes: Array<{ ruleName?: string; traffic?: { circuitBreaker?: unknown } }> }) => r.routes.find((x) => x.ruleName === 'pages')?.traffic?.circuitBreaker;
    const stored = { maxConnections: 2048, maxParallelRequests: 2048, maxPendingRequests: 512, maxParallelRetries: 1024 };
    expect(pages(cluster)).toEqual(stored);
    expect(pages(harness)).toEqual({ maxConnections: 2048, maxParallelRequests: 2048, maxPendingRequests: 512 });
    expect(pages(defaulted)).toEqual(stored);
  });

  it('--field-name-matching caseInsensitive reads miscased policy fields as Envoy Gateway\'s file loader does', () => {
    const stdin = 'apiVersion: gateway.envoyproxy.io/v1alpha1\nkind: BackendTrafficPolicy\nmetadata: {name: typo, namespace: search}\nspec:\n  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: search}]\n  Retry: {NumRetries: 7}\n';
    const exact = JSON.parse(btp(['resolve', '-o', 'json', 'examples/platform', '-'], { stdin }).stdout);
    const loose = JSON.parse(btp(['resolve', '-o', 'json', '--field-name-matching', 'caseInsensitive', 'examples/platform', '-'], { stdin }).stdout);
    const live = (r: { routes: Array<{ route: { name: string }; traffic?: unknown }> }) => r.routes.find((x) => x.route.name === 'search')?.traffic;
    expect(live(loose)).toEqual({ retry: { numRetries: 7 } });
    expect(live(exact)).not.toEqual({ retry: { numRetries: 7 } });
  });
});

describe('colour', () => {
  const saved = { isTTY: process.stdout.isTTY, noColor: process.env.NO_COLOR };
  afterEach(() => {
    process.stdout.isTTY = saved.isTTY;
    if (saved.noColor === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = saved.noColor;
  });

  it('tables are coloured only when asked, and machine output never is', () => {
    // eslint-disable-next-line no-control-regex
    const ansi = /\u001b\[/;
    expect(btp(['status', 'examples/platform', 'examples/problems'], { colour: true }).stdout).toMatch(ansi);
    expect(btp(['status', 'examples/platform', 'examples/problems'], { colour: false }).stdout).not.toMatch(ansi);
    expect(btp(['status', '-o', 'json', 'examples/platform', 'examples/problems'], { colour: true }).stdout).not.toMatch(ansi);
  });

  it('the process io colours a terminal, unless NO_COLOR is set, and never a pipe', () => {
    process.stdout.isTTY = true;
    delete process.env.NO_COLOR;
    expect(nodeIo().colour).toBe(true);
    process.env.NO_COLOR = '1';
    expect(nodeIo().colour).toBe(false);
    delete process.env.NO_COLOR;
    process.stdout.isTTY = false as unknown as true;
    expect(nodeIo().colour).toBe(false);
  });
});
