/**
 * The exit-code contract: 0 success, 1 a policy is invalid or not accepted, 2 unusable input —
 * always with one clear line on stderr and never a stack trace.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { btp } from './run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'btp-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

const GATEWAY = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: eg, namespace: default}
spec:
  gatewayClassName: eg
  listeners: [{name: http, port: 80, protocol: HTTP}]
`;
const policy = (name: string, spec: string) => `---
apiVersion: gateway.envoyproxy.io/v1alpha1
kind: BackendTrafficPolicy
metadata: {name: ${name}, namespace: default}
spec:
  targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: eg}]
${spec}`;

/** Exactly one line on stderr, no stack frames. */
function expectOneLine(stderr: string): void {
  expect(stderr.endsWith('\n')).toBe(true);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr.startsWith('btp: ')).toBe(true);
}

describe('exit code 2: unusable input, one line on stderr', () => {
  const resolving = ['resolve', 'status', 'envoy', 'validate'];

  it.each(resolving)('%s: a missing file', (command) => {
    const run = btp([command, 'does-not-exist.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('btp: does-not-exist.yaml: no such file or directory\n');
    expect(run.stdout).toBe('');
  });

  it.each(resolving)('%s: a YAML syntax error, with line and column', (command) => {
    const broken = file('broken.yaml', `${GATEWAY}---\nkind: BackendTrafficPolicy\nmetadata: {name: x\nspec: {}\n`);
    const run = btp([command, broken]);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr);
    expect(run.stderr).toMatch(new RegExp(`^btp: ${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `));
  });

  it('a --controller-name no policy status may carry', () => {
    for (const name of ['', 'gateway-controller', 'Example.com/x']) {
      const run = btp(['status', '--controller-name', name, 'examples/platform']);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`btp: --controller-name ${JSON.stringify(name)} is not a controller name: a domain, a slash and a path (such as example.com/gateway-controller), as a policy status's controllerName must be\n`);
    }
    // A valid name is taken (the example's GatewayClass is then another controller's: exit 1, not 2).
    expect(btp(['status', '--controller-name', 'example.com/gateway', 'examples/platform']).code).toBe(1);
  });

  it('a JSON syntax error, with line and column', () => {
    const broken = file('broken.json', '{\n  "kind": "Gateway",\n  "metadata": {"name": "eg",}\n  oops\n}\n');
    const run = btp(['resolve', broken]);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr);
    expect(run.stderr).toMatch(/broken\.json:\d+:\d+: /);
  });

  it('a duplicate key, with line and column', () => {
    const dup = file('dup.yaml', 'kind: Gateway\nmetadata: {name: a}\nmetadata: {name: b}\n');
    const run = btp(['resolve', dup]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/dup\.yaml:3:1: Map keys must be unique/);
  });

  it('a List item that is not a Kubernetes object', () => {
    const scalar = file('scalar.yaml', `${GATEWAY}---\napiVersion: v1\nkind: List\nitems:\n  - just a string\n`);
    const run = btp(['status', scalar]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/scalar\.yaml:11: not a Kubernetes object/);
  });

  it('a List item without kind', () => {
    const nokind = file('nokind.yaml', 'apiVersion: v1\nkind: List\nitems:\n  - metadata: {name: x}\n    spec: {}\n');
    const run = btp(['resolve', nokind]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/nokind\.yaml:4: object has no kind/);
  });

  it('an empty file, or a directory without manifests', () => {
    expect(btp(['resolve', file('empty.yaml', '# nothing here\n')]).stderr).toMatch(/^btp: no Kubernetes objects in .*empty\.yaml\n$/);
    const empty = mkdtempSync(path.join(dir, 'no-manifests-'));
    writeFileSync(path.join(empty, 'notes.md'), '# not a manifest\n');
    const run = btp(['resolve', empty]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`btp: no .yaml, .yml or .json files in ${empty}\n`);
  });

  it('no command: the usage on stderr', () => {
    const run = btp([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Usage: btp <command>/);
  });

  it('an unknown command, an unknown option, a bad option value', () => {
    expectOneLine(btp(['frobnicate']).stderr);
    expect(btp(['frobnicate']).code).toBe(2);
    const unknown = btp(['resolve', '--bogus', 'examples/platform', 'examples/problems']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("btp: resolve: unknown option '--bogus' (see btp resolve --help)\n");
    const badOutput = btp(['status', '-o', 'xml', 'examples/platform', 'examples/problems']);
    expect(badOutput.code).toBe(2);
    expect(badOutput.stderr).toBe('btp: --output must be table, json, yaml, name, junit or sarif (got "xml")\n');
    expect(btp(['status', '--order', 'random', 'examples/platform', 'examples/problems']).stderr).toBe('btp: --order must be creationTimestamp or input (got "random")\n');
    expect(btp(['status', '--now', 'yesterday', 'examples/platform', 'examples/problems']).code).toBe(2);
  });

  it('no inputs', () => {
    expect(btp(['resolve']).stderr).toBe('btp: no input: name files or directories (or -f), - for stdin, or pipe manifests in\n');
    expect(btp(['explain']).code).toBe(2);
    expect(btp(['explain', 'httproute/shop/storefront']).code).toBe(2);
  });

  it('explain: a malformed route, an unknown kind, a route or rule that is not there', () => {
    expect(btp(['explain', 'storefront', 'examples/platform']).stderr).toMatch(/^btp: explain: expected <kind>\/<namespace>\/<name>/);
    expect(btp(['explain', 'service/shop/storefront', 'examples/platform']).stderr).toMatch(/unknown route kind "service"/);
    const missing = btp(['explain', 'httproute/shop/nope', 'examples/platform']);
    expect(missing.code).toBe(2);
    expectOneLine(missing.stderr);
    expect(missing.stderr).toMatch(/^btp: explain: no HTTPRoute shop\/nope in the input \(routes: /);
    expect(btp(['explain', 'httproute/shop/storefront/rule/9', 'examples/platform']).stderr).toBe(
      'btp: explain: HTTPRoute shop/storefront has no rule 9 (rules: 0 (pages), 1 (checkout))\n',
    );
  });

  it('schema takes no files', () => {
    expect(btp(['schema', 'examples/platform', 'examples/problems']).code).toBe(2);
  });
});

describe('exit code 1: a policy is invalid or not accepted', () => {
  it('a CRD-invalid policy (validate and every resolving command)', () => {
    const invalid = file('invalid.yaml', GATEWAY + policy('broken', '  circuitBreaker: {maxConnections: -1}\n'));
    for (const command of ['validate', 'resolve', 'status', 'envoy']) {
      const run = btp([command, invalid]);
      expect(run.code, command).toBe(1);
    }
    expect(btp(['validate', invalid]).stdout).toContain('default/broken: invalid');
  });

  it('a policy that is not accepted (a conflict); validate, which only checks the CRD, still exits 0', () => {
    const conflict = file('conflict.yaml', GATEWAY + policy('first', '  retry: {numRetries: 1}\n') + policy('second', '  retry: {numRetries: 2}\n'));
    expect(btp(['status', conflict]).code).toBe(1);
    expect(btp(['resolve', conflict]).code).toBe(1);
    expect(btp(['validate', conflict]).code).toBe(0);
  });

  it('a policy attached to nothing', () => {
    const orphan = file('orphan.yaml', policy('orphan', '  retry: {numRetries: 1}\n').replace(/^---\n/, ''));
    const run = btp(['status', orphan]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('none of its targets is in the input');
  });

  it('machine output keeps stdout clean and says why on one stderr line', () => {
    const run = btp(['status', '-o', 'json', 'examples/platform', 'examples/problems']);
    expect(run.code).toBe(1);
    expect(() => JSON.parse(run.stdout)).not.toThrow();
    expect(run.stderr).toBe(
      'btp: 4 BackendTrafficPolicies invalid or not accepted (shop/storefront-retries, search/search-tuning, shop/checkout-retries, shop/recommendations-affinity); see btp status\n',
    );
  });
});

describe('exit code 0', () => {
  it('an empty kubectl List: nothing found is an answer, not unusable input', () => {
    const run = btp(['status', '-'], { stdin: '{"apiVersion": "v1", "kind": "List", "items": []}' });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('no BackendTrafficPolicy in the input\n');
  });

  it('help and version', () => {
    for (const argv of [['--help'], ['help'], ['resolve', '--help'], ['explain', '-h'], ['status', '--help'], ['envoy', '--help'], ['validate', '--help'], ['schema', '--help']]) {
      const run = btp(argv);
      expect(run.code, argv.join(' ')).toBe(0);
      expect(run.stdout, argv.join(' ')).toMatch(/^Usage: btp/);
    }
    expect(btp(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('an internal failure is one line too, never a stack trace', async () => {
    const { runCli } = await import('../../src/cli/run.js');
    let stderr = '';
    const code = await runCli(['resolve', 'examples/platform'], {
      stdout: () => {
        throw new Error('disk full');
      },
      stderr: (t) => void (stderr += t),
      readStdin: () => '',
      stdinPiped: false,
      colour: false,
      cwd: process.cwd(),
    });
    expect(code).toBe(2);
    expect(stderr).toBe('btp: internal error: disk full\n');
  });
});
