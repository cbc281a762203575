/** `btp envoy` and `btp explain` on global rate limits (docs/examples/global-rate-limit.yaml). */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { emitEnvoy, emitRateLimitConfigs, globalRateLimitRows, loadRateLimitServiceFiles, rateLimitConfigFiles, resolvePolicies } from '../../../src/index.js';
import { btp } from '../../cli/run-cli.js';

const EXAMPLE = 'docs/examples/global-rate-limit.yaml';
const resolution = resolvePolicies(parseAllDocuments(readFileSync(EXAMPLE, 'utf8')).map((d) => d.toJS()));
const configs = emitRateLimitConfigs(resolution).configs;
const dir = mkdtempSync(path.join(tmpdir(), 'btp-ratelimit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('btp envoy', () => {
  it('prints the xDS resources and, in its own section, the rate limit service configuration', () => {
    const run = btp(['envoy', EXAMPLE]);
    expect(run.code).toBe(0);
    expect(parse(run.stdout)).toEqual(JSON.parse(JSON.stringify({ ...emitEnvoy(resolution), rateLimitConfigs: configs, diagnostics: [], rejected: [] })));
    expect(configs.map((c) => c.domain)).toEqual(['infra/eg/http', 'shop/api-limits']);
  });

  it('prints one part alone with --only', () => {
    expect(JSON.parse(btp(['envoy', '--only', 'ratelimit', '-o', 'json', EXAMPLE]).stdout)).toEqual({ rateLimitConfigs: configs, diagnostics: [], rejected: [] });
    expect(parse(btp(['envoy', '--only', 'xds', EXAMPLE]).stdout)).toEqual(JSON.parse(JSON.stringify({ ...emitEnvoy(resolution), diagnostics: [], rejected: [] })));
    expect(btp(['envoy', '--only', 'all', EXAMPLE])).toMatchObject({ code: 2, stderr: 'btp: --only must be xds or ratelimit (got "all")\n' });
  });

  it('writes the YAML files for the service’s runtime directory with --ratelimit-dir', () => {
    const target = path.join(dir, 'config');
    const run = btp(['envoy', '--only', 'ratelimit', '--ratelimit-dir', target, EXAMPLE]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`btp: wrote 2 rate limit service files to ${target}: infra_eg_http.yaml, shop_api-limits.yaml\n`);
    const files = rateLimitConfigFiles(configs);
    expect(readdirSync(target).sort()).toEqual(files.map((f) => f.fileName).sort());
    for (const f of files) expect(readFileSync(path.join(target, f.fileName), 'utf8')).toBe(f.content);
    const written = readdirSync(target).map((name) => ({ name, content: readFileSync(path.join(target, name), 'utf8') }));
    expect(loadRateLimitServiceFiles(written)).toMatchObject({ ok: true });
  });

  it('exits 1 and says why when the service would refuse a configuration, which it leaves out', () => {
    const bad = path.join(dir, 'bad.yaml');
    // A unit outside the CRD's enum: the API server rejects the policy, but Envoy Gateway's
    // translator reads it as written (the harness profile; this file declares no Namespaces), and
    // the service refuses it.
    writeFileSync(bad, readFileSync(EXAMPLE, 'utf8').replace('unit: Hour', 'unit: Fortnight'));
    const asWritten = emitRateLimitConfigs(resolvePolicies(parseAllDocuments(readFileSync(bad, 'utf8')).map((d) => d.toJS()), { profile: 'harness', namespaces: 'inferred' })).configs;
    const run = btp(['envoy', '--profile', 'harness', '--namespaces', 'inferred', '--only', 'ratelimit', bad]);
    expect(run.code).toBe(1);
    expect(asWritten).toHaveLength(1);
    const printed = parse(run.stdout);
    expect(printed.rateLimitConfigs).toEqual(asWritten);
    // The document carries why: the CRD error and the service's refusal, each at its field.
    expect(printed.diagnostics.map((d: { severity: string; source?: string }) => `${d.severity} ${d.source}`)).toEqual([
      `error ${bad}:42:35`,
      `error ${bad}:39:11`,
    ]);
    expect(run.stderr).toContain(
      `btp: rate limit service error: ${bad}:39:11: BackendTrafficPolicy shop/api-limits: spec.rateLimit.global.rules[1]: the rate limit service would refuse the configuration of domain "shop/api-limits", so it is not emitted: descriptors[0].descriptors[0].descriptors[0].rate_limit.unit: invalid rate limit unit 'FORTNIGHT'\n`,
    );
  });
});

describe('btp explain', () => {
  it('shows each global rule’s limit and the descriptors the routes send for it', () => {
    const run = btp(['explain', 'httproute/shop/api', EXAMPLE]);
    expect(run.code).toBe(0);
    const section = run.stdout.slice(run.stdout.indexOf('Global rate limits'), run.stdout.indexOf('\n\n1 BackendTrafficPolicy'));
    expect(section.split('\n')).toEqual([
      'Global rate limits',
      '  each rule, its limit in the rate limit service, and the descriptors the routes send for it',
      '  shop/api-limits/rule/0 → 100 per MINUTE, domain infra/eg/http',
      '    httproute/shop/api/rule/0/match/0/api_example_com → rule-0-match-0=<header x-user-id (each value)>',
      '  shop/api-limits/rule/1 (shared) → 1000 per HOUR, domain shop/api-limits',
      '    shop/api-limits/rule/1 → rule-0-method [:method exact "POST"] → masked_remote_address=invert:10.0.0.0/8 [client address not in 10.0.0.0/8]',
      '    shop/api-limits/rule/1 → rule-0-method [:method exact "PUT"] → masked_remote_address=invert:10.0.0.0/8 [client address not in 10.0.0.0/8]',
    ]);
  });

  it('gives the rows in machine output, and nothing for a rule without global rate limits', () => {
    const [explained] = JSON.parse(btp(['explain', '-o', 'json', 'httproute/shop/api', EXAMPLE]).stdout).items;
    expect(explained.globalRateLimits).toEqual(globalRateLimitRows(resolution, resolution.routes[0]!));
    const [platform] = JSON.parse(btp(['explain', '-o', 'json', 'httproute/shop/storefront/rule/0', 'examples/platform']).stdout).items;
    expect(platform).not.toHaveProperty('globalRateLimits');
    expect(btp(['explain', 'httproute/shop/storefront/rule/0', 'examples/platform']).stdout).not.toContain('Global rate limits');
  });
});
