/**
 * Inputs named the way kubectl and kubeconform users name them: `-f` (repeatable; `-R` for
 * subdirectories), piped stdin when nothing is named, Helm-style folders whose `Chart.yaml` and
 * `values.yaml` are not manifests, `--ignore-filename-pattern`, and `-n` as the namespace of
 * objects (and `explain` routes) that name none.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Resolution } from '../../src/index.js';
import { scratchFolder } from './manifests.js';
import { btp, repoRoot } from './run-cli.js';

const { dir, write } = scratchFolder('btp-kubectl-');

const GATEWAY = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: eg}
spec:
  gatewayClassName: eg
  listeners: [{name: http, port: 80, protocol: HTTP}]
`;
const ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web}
spec:
  parentRefs: [{name: eg}]
  rules: [{backendRefs: [{name: web, port: 80}]}]
`;
const POLICY = `apiVersion: gateway.envoyproxy.io/v1alpha1
kind: BackendTrafficPolicy
metadata: {name: retries}
spec:
  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: web}]
  retry: {numRetries: 3}
`;

// A Helm chart as `helm template` leaves it, or as it sits in a repository.
const chart = path.join(dir, 'chart');
write('chart/Chart.yaml', 'apiVersion: v2\nname: web\nversion: 0.1.0\ndependencies:\n  - name: common\n    version: 1.x\n');
write('chart/values.yaml', 'replicaCount: 2\nimage: {repository: web, tag: latest}\ntolerations: []\n');
write('chart/templates/gateway.yaml', GATEWAY);
write('chart/templates/route.yaml', ROUTE);
write('chart/templates/nested/policy.yaml', POLICY);
write('chart/package.json', '{"name": "web", "version": "1.0.0"}\n');

const resolution = (stdout: string): Resolution => JSON.parse(stdout) as Resolution;

describe('-f/--filename and -R', () => {
  it('reads the files named with -f, repeatable, with paths after the command', () => {
    const run = btp(['resolve', '-o', 'json', '-f', path.join(chart, 'templates/gateway.yaml'), '--filename', path.join(chart, 'templates/route.yaml'), path.join(chart, 'templates/nested/policy.yaml')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(resolution(run.stdout).routes[0]!.policies).toEqual([{ namespace: 'default', name: 'retries' }]);
  });

  it('reads a -f directory one level deep, as kubectl does, and its subdirectories with -R', () => {
    const flat = resolution(btp(['resolve', '-o', 'json', '-f', path.join(chart, 'templates')]).stdout);
    expect(flat.routes[0]!.policies).toEqual([]);
    const deep = resolution(btp(['resolve', '-o', 'json', '-R', '-f', path.join(chart, 'templates')]).stdout);
    expect(deep.routes[0]!.policies).toEqual([{ namespace: 'default', name: 'retries' }]);
  });

  it('reads a directory named after the command recursively, as btp always has', () => {
    expect(resolution(btp(['resolve', '-o', 'json', path.join(chart, 'templates')]).stdout).routes[0]!.policies).toHaveLength(1);
  });

  it('a missing -f path is unusable input', () => {
    expect(btp(['resolve', '-f', path.join(dir, 'nope.yaml')])).toMatchObject({ code: 2, stderr: `btp: ${path.join(dir, 'nope.yaml')}: no such file or directory\n` });
  });
});

describe('standard input', () => {
  const manifests = `${GATEWAY}---\n${ROUTE}---\n${POLICY}`;

  it('is read when it is piped and nothing is named', () => {
    const run = btp(['status'], { stdin: manifests });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('default/retries  <stdin>:15');
  });

  it('is read as - among other inputs, with -f - too', () => {
    expect(btp(['resolve', '-o', 'json', path.join(chart, 'templates/gateway.yaml'), '-'], { stdin: `${ROUTE}---\n${POLICY}` }).code).toBe(0);
    expect(btp(['resolve', '-o', 'json', '-f', '-'], { stdin: manifests }).code).toBe(0);
  });

  it('is not waited for when inputs are named', () => {
    // The test io throws if stdin is read without being piped.
    expect(btp(['resolve', path.join(chart, 'templates')]).code).toBe(0);
  });
});

describe('files that are not Kubernetes manifests', () => {
  it('a Helm chart folder: Chart.yaml, values.yaml and package.json are skipped with one warning each', () => {
    const run = btp(['status', chart]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      [
        `btp: warning: ${path.join(chart, 'Chart.yaml')}: not a Kubernetes manifest (no kind), skipped`,
        `btp: warning: ${path.join(chart, 'package.json')}: not a Kubernetes manifest (no kind), skipped`,
        `btp: warning: ${path.join(chart, 'values.yaml')}: not a Kubernetes manifest (no kind), skipped`,
        '',
      ].join('\n'),
    );
    expect(run.stdout).toContain('1 BackendTrafficPolicy: all accepted');
  });

  it('the warnings are in the machine output too, and --strict fails on them', () => {
    const run = btp(['status', '-o', 'json', chart]);
    expect(JSON.parse(run.stdout).diagnostics).toContainEqual({
      severity: 'warning',
      path: '',
      message: `${path.join(chart, 'values.yaml')}: not a Kubernetes manifest (no kind), skipped`,
      source: path.join(chart, 'values.yaml'),
    });
    const strict = btp(['status', '--strict', chart]);
    expect(strict.code).toBe(1);
    const machine = btp(['status', '--strict', '-o', 'json', chart]);
    expect(machine.stderr).toContain('btp: 3 warnings, which --strict counts as failures\n');
  });

  it('a file that mixes manifests with other documents: one warning, the manifests read', () => {
    const mixed = write('mixed.yaml', `${GATEWAY}---\njust a string\n---\nreplicas: 3\n`);
    const run = btp(['validate', mixed]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`btp: warning: ${mixed}: 2 of its 3 documents are not Kubernetes objects (no kind), skipped\n`);
  });

  it('nothing but such files is unusable input', () => {
    const run = btp(['status', path.join(chart, 'values.yaml')]);
    expect(run.code).toBe(2);
    // Unusable input is one line: the warnings are written only once everything could be read.
    expect(run.stderr).toBe(`btp: no Kubernetes objects in ${path.join(chart, 'values.yaml')}\n`);
    const broken = write('chart-broken/values.yaml', 'replicas: 2\n');
    write('chart-broken/zz.yaml', 'kind: Gateway\nmetadata: {name: x\n');
    expect(btp(['status', path.dirname(broken)]).stderr).toMatch(/^btp: [^\n]*zz\.yaml:\d+:\d+: [^\n]*\n$/);
  });
});

describe('--ignore-filename-pattern', () => {
  it('leaves out every file whose path matches one of the patterns', () => {
    const run = btp(['status', '--ignore-filename-pattern', 'values\\.yaml$', '--ignore-filename-pattern', '(Chart|package)\\.', chart]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const noPolicy = btp(['status', '--ignore-filename-pattern', 'nested/', '--ignore-filename-pattern', '^.*(values|Chart|package)', chart]);
    expect(noPolicy.stdout).toBe('no BackendTrafficPolicy in the input\n');
  });

  it('a pattern that is not a regular expression is unusable input', () => {
    const run = btp(['status', '--ignore-filename-pattern', '(', chart]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^btp: --ignore-filename-pattern "\(": Invalid regular expression/);
  });
});

describe('-n/--namespace', () => {
  const manifests = `${GATEWAY}---\n${ROUTE}---\n${POLICY}---\napiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n`;

  it('is the namespace of the namespaced objects that name none; cluster-scoped objects keep none', () => {
    const run = btp(['resolve', '-o', 'json', '-n', 'shop', '-'], { stdin: manifests });
    expect(run.code).toBe(0);
    const r = resolution(run.stdout);
    expect(r.routes[0]!.route).toEqual({ kind: 'HTTPRoute', namespace: 'shop', name: 'web' });
    expect(r.policies.map((p) => p.ref.namespace)).toEqual(['shop']);
    const validated = JSON.parse(btp(['validate', '-o', 'json', '--namespace', 'shop', '-'], { stdin: manifests }).stdout);
    expect(validated.items.map((c: { kind: string; namespace: string }) => `${c.kind} ${c.namespace}`)).toEqual(['Gateway shop', 'HTTPRoute shop', 'BackendTrafficPolicy shop', 'Namespace ']);
  });

  it('leaves an object that names its namespace alone', () => {
    const run = btp(['resolve', '-o', 'json', '-n', 'shop', '-'], { stdin: manifests.replace('metadata: {name: retries}', 'metadata: {name: retries, namespace: other}') });
    expect(resolution(run.stdout).policies.map((p) => `${p.ref.namespace}/${p.ref.name}`)).toEqual(['other/retries']);
  });

  it('is the namespace of an explain route given as kind/name', () => {
    const run = btp(['explain', '-n', 'shop', 'httproute/web', '-'], { stdin: manifests });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('HTTPRoute shop/web rule 0');
    expect(btp(['explain', '-n', 'shop', 'httproute/web/rule/0', '-'], { stdin: manifests }).code).toBe(0);
    // Without -n, kind/name is in default.
    expect(btp(['explain', 'httproute/web', path.join(chart, 'templates')]).stdout.split('\n')[0]).toBe('HTTPRoute default/web rule 0');
  });

  it('must be a namespace name', () => {
    expect(btp(['resolve', '-n', 'Not_A_Namespace', 'examples/platform'])).toMatchObject({ code: 2 });
  });

  it('reads the repository examples the same with or without -n (they name every namespace)', () => {
    expect(readFileSync(path.join(repoRoot, 'examples/platform/policies.yaml'), 'utf8')).toContain('namespace:');
    expect(btp(['resolve', '-o', 'json', '-n', 'elsewhere', 'examples/platform']).stdout).toBe(btp(['resolve', '-o', 'json', 'examples/platform']).stdout);
  });
});
