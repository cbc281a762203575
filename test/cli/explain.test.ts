/**
 * `btp explain` on the small resolution fixtures: each policy's line comes from its outcome on
 * the entry, or from what became of its targets when it does not reach the entry.
 */
import { describe, expect, it } from 'vitest';
import { btp } from './run-cli.js';

const fixture = (name: string) => `test/resolve/fixtures/${name}.yaml`;

/** The `outcome policy` lines and the indented lines under each, per policy. */
function policies(stdout: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let current: string[] | undefined;
  for (const line of stdout.split('\n').slice(stdout.split('\n').indexOf('Policies') + 1)) {
    const head = /^ {2}(\S[\w ]*?) +(\S+\/\S+) {2}/.exec(line);
    if (head) out[`${head[1]} ${head[2]}`] = current = [];
    else if (line.startsWith('    ') && current) current.push(line.trim());
    else if (!line.startsWith(' ')) current = undefined;
  }
  return out;
}

describe('btp explain', () => {
  it('a UDP route names the policy that set its load balancing as applied', () => {
    const run = btp(['explain', 'udproute/apps/coredns', fixture('tcp-rule-and-udp-route')]);
    expect(policies(run.stdout)['applied apps/gateway']).toContain('fills in the settings that more specific policies left unset (scope: Gateway)');
  });

  it('an empty policy has no settings, and losing costs it nothing', () => {
    const run = btp(['explain', 'httproute/infra/api/rule/v1', fixture('condition-order-by-target-kind')]);
    expect(run.stdout).toContain('\n  No settings.\n');
    expect(run.stdout).not.toMatch(/^\s+\{\}$/m);
    expect(policies(run.stdout)['overridden infra/api']).toEqual([
      'targets HTTPRoute infra/api',
      'infra/api-v1-rule is more specific and replaces it whole on this rule: it sets nothing here anyway',
      'status on Gateway infra/eg/http: Accepted, Warning, Overridden',
    ]);
  });

  it('a conflict names the target that was taken and who holds it', () => {
    const run = btp(['explain', 'httproute/apps/backend', fixture('target-selectors')]);
    const lines = policies(run.stdout)['conflicted apps/select-in'];
    expect(lines).toContain(
      'Unable to target HTTPRoute backend, another BackendTrafficPolicy has already attached to it. apps/select-everything-here got there first (older: policies are ordered by creationTimestamp, then namespace and name)',
    );
  });

  it('a selector whose ReferenceGrant covers other objects only says so', () => {
    const run = btp(['explain', 'httproute/other/other-frontend-2', fixture('target-selectors')]);
    expect(policies(run.stdout)['not attached apps/select-all-namespaces']).toContain(
      'selecting an HTTPRoute in another namespace needs a ReferenceGrant in other from BackendTrafficPolicies in apps, and those there do not allow this HTTPRoute',
    );
  });

  it('a policy that fails translation behind a more specific one names it', () => {
    // `soon` is not a Duration: the API server refuses the policy, so this is the translator's reading.
    const run = btp(['explain', '--profile', 'harness', '--namespaces', 'inferred', 'httproute/apps/web/rule/a', fixture('invalid-policy-after-claim')]);
    expect(policies(run.stdout)['invalid apps/broken']).toContain(
      'Envoy Gateway could not translate it: Timeout: invalid RequestTimeout value soon.; apps/rule-a had already claimed this rule',
    );
  });

  it('a targetRef to a rule, a listener or a namespace that is not this entry’s', () => {
    const rule = btp(['explain', 'httproute/infra/api/rule/v1', fixture('condition-order-by-target-kind')]);
    expect(policies(rule.stdout)['not attached infra/api-v2-rule']).toContain('it targets rule v2 only, not this one');
    const ns = btp(['explain', 'httproute/apps/web', fixture('missing-targets')]);
    expect(policies(ns.stdout)['not attached apps/gateway-in-other-namespace']).toContain(
      "targetRefs only name objects in the policy's own namespace (apps); this Gateway is in infra",
    );
  });
});
