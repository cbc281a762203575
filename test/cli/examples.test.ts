/**
 * The CLI on the bundled examples: each command's output on examples/ is checked in under
 * test/cli/expected/ (update with `npx vitest run test/cli -u` and review the diff), and the
 * exit codes follow the documented contract.
 */
import { describe, expect, it } from 'vitest';
import { btp } from './run-cli.js';

const expected = (name: string) => `./expected/${name}`;

describe('btp on examples/platform (the clean set npm start shows)', () => {
  it('resolve prints every listener, route and rule with its policies and settings, and exits 0', async () => {
    const run = btp(['resolve', 'examples/platform']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    await expect(run.stdout).toMatchFileSnapshot(expected('resolve-platform.txt'));
  });

  it('explain of the checkout rule shows the rule policy winning and the gateway defaults overridden', async () => {
    const run = btp(['explain', 'httproute/shop/storefront/rule/checkout', 'examples/platform']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/applied\s+shop\/checkout-rule/);
    expect(run.stdout).toMatch(/overridden\s+infra\/gateway-defaults/);
    await expect(run.stdout).toMatchFileSnapshot(expected('explain-storefront-checkout.txt'));
  });

  it('explain of the StrategicMerge route attributes each field to the route policy or the gateway defaults', async () => {
    const run = btp(['explain', 'grpcroute/shop/inventory', 'examples/platform']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/merged\s+infra\/gateway-defaults/);
    await expect(run.stdout).toMatchFileSnapshot(expected('explain-inventory.txt'));
  });

  it('explain of a route the rollout skips names the missing ReferenceGrant', async () => {
    const run = btp(['explain', 'httproute/search/search', 'examples/platform']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('needs a ReferenceGrant in search from BackendTrafficPolicies in infra');
    await expect(run.stdout).toMatchFileSnapshot(expected('explain-search.txt'));
  });

  it('explain of the rollout route shows the cross-namespace selector merged into the gateway defaults', async () => {
    const run = btp(['explain', 'httproute/catalog/catalog/rule/0', 'examples/platform']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/applied\s+infra\/outlier-detection-rollout/);
    expect(run.stdout).toMatch(/healthCheck\.passive\.baseEjectionTime\s+30s\s+infra\/outlier-detection-rollout/);
  });

  it('status prints every policy as accepted and exits 0', async () => {
    const run = btp(['status', 'examples/platform']);
    expect(run.code).toBe(0);
    await expect(run.stdout).toMatchFileSnapshot(expected('status-platform.txt'));
  });

  it('validate finds every policy valid and exits 0', () => {
    const run = btp(['validate', 'examples/platform']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('6 BackendTrafficPolicies: 6 valid, 0 invalid');
  });
});

describe('btp on examples/ with examples/problems', () => {
  it('resolve shows the 500 of the untranslatable policy and exits 1', async () => {
    const run = btp(['resolve', 'examples/platform', 'examples/problems']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('every request is answered with HTTP 500');
    await expect(run.stdout).toMatchFileSnapshot(expected('resolve-all.txt'));
  });

  it('status reports Conflicted, TargetNotFound and Invalid, and the CRD errors, and exits 1', async () => {
    const run = btp(['status', 'examples/platform', 'examples/problems']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Accepted\s+False\s+Conflicted/);
    expect(run.stdout).toMatch(/Accepted\s+False\s+TargetNotFound/);
    expect(run.stdout).toMatch(/Accepted\s+False\s+Invalid\s+LoadBalancer: ConsistentHash: invalid TableSize value 1000\./);
    await expect(run.stdout).toMatchFileSnapshot(expected('status-all.txt'));
  });

  it('validate reports the CRD-invalid policy as the API server prints its errors, and exits 1', async () => {
    const run = btp(['validate', 'examples/platform', 'examples/problems']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "spec.timeout.http.requestTimeout: Invalid value: \"1.5s\": spec.timeout.http.requestTimeout in body should match '^([0-9]{1,5}(h|m|s|ms)){1,4}$'",
    );
    expect(run.stdout).toContain('spec.loadBalancer: Invalid value: "object": If LoadBalancer type is consistentHash, consistentHash field needs to be set.');
    await expect(run.stdout).toMatchFileSnapshot(expected('validate-all.txt'));
  });

  it('explain of the contested route shows the conflict, the winner and the misspelt rule name', async () => {
    const run = btp(['explain', 'httproute/shop/storefront', 'examples/platform', 'examples/problems']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/conflicted\s+shop\/storefront-retries/);
    expect(run.stdout).toContain('shop/storefront-timeouts got there first');
    expect(run.stdout).toContain('No section name check-out found for HTTPRoute shop/storefront');
    await expect(run.stdout).toMatchFileSnapshot(expected('explain-storefront-problems.txt'));
  });

  it('explain of the route with the untranslatable policy says why it answers 500', () => {
    const run = btp(['explain', 'httproute/shop/recommendations', 'examples/platform', 'examples/problems']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/invalid\s+shop\/recommendations-affinity/);
    expect(run.stdout).toContain('Envoy Gateway could not translate it: LoadBalancer: ConsistentHash: invalid TableSize value 1000.; Envoy answers every request on this rule with HTTP 500');
  });

  it('each problem file alone, with the platform, fails the gate', () => {
    for (const file of ['conflict.yaml', 'rule-name-typo.yaml', 'table-size-not-prime.yaml', 'crd-invalid.yaml']) {
      const run = btp(['status', 'examples/platform', `examples/problems/${file}`]);
      expect(run.code, file).toBe(1);
    }
  });
});
