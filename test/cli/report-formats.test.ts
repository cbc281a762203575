/**
 * What the structured outputs carry, and the reports for CI: every `-o json|yaml` document has the
 * diagnostics and the refused objects, each at its `file:line:col`; the exit code follows
 * severity (`--strict` adds warnings); `-o name`; `-o junit`, read by a JUnit consumer's parser
 * (junit2json); `-o sarif`, checked against the SARIF 2.1.0 schema (OASIS's, as shipped by
 * @microsoft/jest-sarif).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv';
import { parse as parseJunit, type TestCase } from 'junit2json';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { GATEWAY, GATEWAY_AND_ROUTE, policy, scratchFolder } from './manifests.js';
import { btp } from './run-cli.js';

const { dir, write } = scratchFolder('btp-reports-');

/** The SARIF 2.1.0 schema (draft-04; its only draft-04 keyword in use is the top-level `id`). */
function sarifValidator() {
  const require = createRequire(import.meta.url);
  const { id, $schema: _draft, ...schema } = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true, unicodeRegExp: false });
  return ajv.compile({ $id: id as string, ...schema });
}

describe('-o json|yaml carry the diagnostics and the refused objects', () => {
  it('in every command, each with the file:line:col of what it is about', () => {
    const documents = {
      resolve: JSON.parse(btp(['resolve', '-o', 'json', 'examples/platform', 'examples/problems']).stdout),
      status: JSON.parse(btp(['status', '-o', 'json', 'examples/platform', 'examples/problems']).stdout),
      envoy: JSON.parse(btp(['envoy', '-o', 'json', 'examples/platform', 'examples/problems']).stdout),
      explain: JSON.parse(btp(['explain', '-o', 'json', 'httproute/shop/storefront', 'examples/platform', 'examples/problems']).stdout),
      yaml: parseYaml(btp(['status', '-o', 'yaml', 'examples/platform', 'examples/problems']).stdout),
    };
    for (const [command, document] of Object.entries(documents)) {
      expect(document.diagnostics.map((d: { severity: string; source: string }) => `${d.severity} ${d.source}`), command).toEqual([
        'error examples/problems/crd-invalid.yaml:17:3',
        'error examples/problems/crd-invalid.yaml:16:7',
      ]);
      expect(document.rejected, command).toEqual([
        expect.objectContaining({
          kind: 'BackendTrafficPolicy',
          namespace: 'search',
          name: 'search-tuning',
          source: 'examples/problems/crd-invalid.yaml:4:1',
          issues: [
            expect.objectContaining({ path: 'spec.loadBalancer', source: 'examples/problems/crd-invalid.yaml:17:3' }),
            expect.objectContaining({ path: 'spec.timeout.http.requestTimeout', source: 'examples/problems/crd-invalid.yaml:16:7' }),
          ],
        }),
      ]);
    }
  });

  it('status -o yaml says why a policy has ancestors: null when its Gateway was dropped', () => {
    const input = write(
      'dropped.yaml',
      `${GATEWAY.replace('name: eg,', 'name: Bad_Name,')}---\n${policy('p', '  retry: {numRetries: 1}\n', 'kind: Gateway, name: Bad_Name')}`,
    );
    const run = btp(['status', '-o', 'yaml', input]);
    expect(run.code).toBe(1);
    const list = parseYaml(run.stdout);
    expect(list.items[0].status.ancestors).toBeNull();
    expect(list.rejected).toEqual([expect.objectContaining({ kind: 'Gateway', name: 'Bad_Name', source: `${input}:1:1` })]);
    expect(list.diagnostics[0]).toMatchObject({ severity: 'error', source: `${input}:3:12` });
    expect(run.stderr).toBe('btp: 1 BackendTrafficPolicy invalid or not accepted (default/p); see btp status\nbtp: 1 other error (Gateway default/Bad_Name); see btp status\n');
  });
});

describe('exit codes follow severity', () => {
  const deep = (n: number): string => `${'{a: '.repeat(n)}1${'}'.repeat(n)}`;
  const clean = 'examples/platform';

  it('an error diagnostic about an object of any kind exits 1 (here: a Service nested past the limit, ignored)', () => {
    const service = write('deep-service.yaml', `apiVersion: v1\nkind: Service\nmetadata: {name: deep, namespace: default}\nspec: ${deep(70)}\n`);
    const run = btp(['resolve', clean, service]);
    expect(run.stdout).toMatch(/error {2}.*deep-service\.yaml:4:\d+: .*Service ignored: nested deeper than 64 levels/);
    expect(run.code).toBe(1);
    expect(btp(['resolve', '-o', 'json', clean, service]).stderr).toBe('btp: 1 other error (Service default/deep); see btp status\n');
  });

  it('warnings exit 0, or 1 with --strict, in every command', () => {
    // A clean set whose policy has a field the CRD does not declare: the API server drops it, with a warning.
    const typo = write(
      'typo.yaml',
      `${GATEWAY_AND_ROUTE}---\n${policy('typo', '  circuitBreaker: {maxconnections: 10}\n')}`,
    );
    for (const command of ['resolve', 'status', 'envoy', 'validate']) {
      expect(btp([command, typo]).code, command).toBe(0);
      expect(btp([command, '--strict', typo]).code, `${command} --strict`).toBe(1);
    }
    expect(btp(['explain', 'httproute/default/web', typo]).code).toBe(0);
    expect(btp(['explain', '--strict', 'httproute/default/web', typo]).code).toBe(1);
    expect(btp(['status', '--strict', '-o', 'json', typo]).stderr).toBe('btp: 1 warning, which --strict counts as failures\n');
  });

  it('a clean input exits 0 with --strict too', () => {
    for (const command of ['resolve', 'status', 'envoy', 'validate']) expect(btp([command, '--strict', clean]).code, command).toBe(0);
  });
});

describe('-o name', () => {
  it('status: each policy, as kubectl get -o name prints it', () => {
    const run = btp(['status', '-o', 'name', 'examples/platform']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').slice(0, 2)).toEqual(['backendtrafficpolicy.gateway.envoyproxy.io/gateway-defaults', 'backendtrafficpolicy.gateway.envoyproxy.io/payments-api']);
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(6);
  });

  it('validate: each object checked, with its group; the exit code still says whether they are valid', () => {
    const run = btp(['validate', '-o', 'name', 'examples/platform', 'examples/problems']);
    expect(run.code).toBe(1);
    const names = run.stdout.trimEnd().split('\n');
    expect(names).toContain('gateway.gateway.networking.k8s.io/eg');
    expect(names).toContain('namespace/shop');
    expect(names).toContain('backendtrafficpolicy.gateway.envoyproxy.io/search-tuning');
    expect(run.stderr).toBe('btp: 1 object invalid (BackendTrafficPolicy search/search-tuning); see btp validate\n');
  });
});

describe('-o junit', () => {
  const testCases = async (xml: string) => {
    const parsed = await parseJunit(xml);
    const suites = 'testsuite' in (parsed ?? {}) ? (parsed as { testsuite: Array<{ testcase?: TestCase[]; tests?: number; failures?: number; skipped?: number }> }).testsuite : [];
    expect(suites).toHaveLength(1);
    return suites[0]!;
  };

  it('status: a test case per policy and per refused object, failing with the problem at file:line:col', async () => {
    const run = btp(['status', '-o', 'junit', 'examples/platform', 'examples/problems']);
    expect(run.code).toBe(1);
    const suite = await testCases(run.stdout);
    expect(suite.tests).toBe(11);
    expect(suite.failures).toBe(4);
    const failing = suite.testcase!.filter((c) => c.failure);
    expect(failing.map((c) => `${c.classname} ${c.name} ${c.failure![0]!.type}`)).toEqual([
      'BackendTrafficPolicy shop/storefront-retries not-accepted/Conflicted',
      'BackendTrafficPolicy search/search-tuning invalid/cel',
      'BackendTrafficPolicy shop/checkout-retries not-accepted/TargetNotFound',
      'BackendTrafficPolicy shop/recommendations-affinity not-accepted/Invalid',
    ]);
    expect(failing[1]!.failure![0]!.inner!.split('\n')).toEqual([
      'examples/problems/crd-invalid.yaml:17:3: spec.loadBalancer: Invalid value: "object": If LoadBalancer type is consistentHash, consistentHash field needs to be set.',
      'examples/problems/crd-invalid.yaml:16:7: spec.timeout.http.requestTimeout: Invalid value: "1.5s": spec.timeout.http.requestTimeout in body should match \'^([0-9]{1,5}(h|m|s|ms)){1,4}$\'',
    ]);
  });

  it('validate: a test case per policy and per invalid object; warnings in system-out; skipped files skipped', async () => {
    const chart = mkdtempSync(path.join(dir, 'chart-'));
    writeFileSync(path.join(chart, 'values.yaml'), 'replicas: 3\n');
    writeFileSync(
      path.join(chart, 'policy.yaml'),
      'apiVersion: gateway.envoyproxy.io/v1alpha1\nkind: BackendTrafficPolicy\nmetadata: {name: p, namespace: default}\nspec:\n  targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: eg}]\n  retry: {numRetries: 1, bogus: 1}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: Bad_Name, namespace: default}\n',
    );
    const run = btp(['validate', '-o', 'junit', chart]);
    expect(run.code).toBe(1);
    const suite = await testCases(run.stdout);
    expect(suite).toMatchObject({ tests: 3, failures: 1, skipped: 1 });
    const [policy, service, values] = suite.testcase!;
    expect(policy).toMatchObject({ classname: 'BackendTrafficPolicy', name: 'default/p' });
    expect(policy!.failure).toBeUndefined();
    expect(policy!['system-out']![0]).toBe(`warning: ${path.join(chart, 'policy.yaml')}:6:26: unknown field "spec.retry.bogus"`);
    expect(service).toMatchObject({ classname: 'Service', name: 'default/Bad_Name' });
    expect(service!.failure![0]!.inner).toMatch(new RegExp(`^${path.join(chart, 'policy.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:10:12: metadata.name: Invalid value: "Bad_Name"`));
    expect(values).toMatchObject({ classname: 'File', name: path.join(chart, 'values.yaml'), skipped: [{ message: 'not a Kubernetes manifest (no kind), skipped' }] });

    const strict = await testCases(btp(['validate', '--strict', '-o', 'junit', chart]).stdout);
    expect(strict).toMatchObject({ tests: 3, failures: 3, skipped: 0 });
  });

  it('escapes what XML cannot hold', async () => {
    const nasty = write('nasty.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: "a<b>&\\"c\\u001b[2J", namespace: default}\n');
    const suite = await testCases(btp(['validate', '-o', 'junit', nasty]).stdout);
    expect(suite.testcase![0]!.name).toBe('default/a<b>&"c\\u001b[2J');
  });
});

describe('-o sarif', () => {
  const validate = sarifValidator();

  it('status and validate write valid SARIF 2.1.0, a result per problem with its rule and region', () => {
    for (const command of ['status', 'validate']) {
      const run = btp([command, '-o', 'sarif', 'examples/platform', 'examples/problems']);
      expect(run.code, command).toBe(1);
      const log = JSON.parse(run.stdout);
      expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
      expect(log.version).toBe('2.1.0');
      const [sarifRun] = log.runs;
      expect(sarifRun.tool.driver.name).toBe('btp');
      for (const result of sarifRun.results) {
        expect(sarifRun.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
        // Artifact URIs are URI references that resolve inside the directory btp ran in.
        const uri = result.locations[0].physicalLocation.artifactLocation.uri;
        expect(new URL(uri, 'file:///repo/').href.startsWith('file:///repo/')).toBe(true);
      }
    }
    const status = JSON.parse(btp(['status', '-o', 'sarif', 'examples/platform', 'examples/problems']).stdout).runs[0];
    expect(status.results.map((r: { ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }> }) => {
      const { artifactLocation, region } = r.locations[0]!.physicalLocation;
      return `${r.level} ${r.ruleId} ${artifactLocation.uri}:${region.startLine}:${region.startColumn}`;
    })).toEqual([
      'error invalid/cel examples/problems/crd-invalid.yaml:17:3',
      'error invalid/pattern examples/problems/crd-invalid.yaml:16:7',
      'error not-accepted/Conflicted examples/problems/conflict.yaml:22:1',
      'error not-accepted/TargetNotFound examples/problems/rule-name-typo.yaml:4:1',
      'error not-accepted/Invalid examples/problems/table-size-not-prime.yaml:28:1',
    ]);
    expect(status.results[0].message.text).toBe(
      'BackendTrafficPolicy search/search-tuning: spec.loadBalancer: Invalid value: "object": If LoadBalancer type is consistentHash, consistentHash field needs to be set.',
    );
    expect(status.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['invalid/cel', 'invalid/pattern', 'not-accepted/Conflicted', 'not-accepted/Invalid', 'not-accepted/TargetNotFound']);
  });

  it('a clean input is an empty, valid log; warnings are results of level warning', () => {
    const clean = JSON.parse(btp(['status', '-o', 'sarif', 'examples/platform']).stdout);
    expect(validate(clean)).toBe(true);
    expect(clean.runs[0].results).toEqual([]);
    const values = write('values.yaml', 'replicas: 3\n');
    const withWarning = JSON.parse(btp(['validate', '-o', 'sarif', 'examples/platform', values]).stdout);
    expect(validate(withWarning)).toBe(true);
    expect(withWarning.runs[0].results).toEqual([
      expect.objectContaining({ ruleId: 'not-kubernetes', level: 'warning', locations: [{ physicalLocation: { artifactLocation: { uri: `file://${values}` }, region: { startLine: 1, startColumn: 1 } } }] }),
    ]);
  });

  it('names the positions of YAML it read from standard input without a location', () => {
    const log = JSON.parse(btp(['validate', '-o', 'sarif', '-'], { stdin: readFileSync('examples/problems/crd-invalid.yaml', 'utf8') }).stdout);
    expect(validate(log)).toBe(true);
    expect(log.runs[0].results[0].locations).toBeUndefined();
  });
});
