/**
 * Every input shape the CLI reads gives the same resolution as the files of examples/platform:
 * stdin, directories, JSON, `kind: List` (kubectl get -o yaml|json), typed lists, and Envoy Gateway
 * resource bundles (checked against all of Envoy Gateway's golden cases).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { readObjects } from '../../src/cli/read-inputs.js';
import { resolvePolicies, type Resolution } from '../../src/index.js';
import { compareCase, HARNESS_NAMESPACES, loadCase } from '../conformance/gatewayapi-compare.js';
import { conformanceDir, hasConformance } from '../support/conformance-dir.js';
import { btp, repoRoot } from './run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'btp-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const platformFiles = readdirSync(path.join(repoRoot, 'examples/platform'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => path.join('examples/platform', f));
const platformText = platformFiles.map((f) => readFileSync(path.join(repoRoot, f), 'utf8')).join('\n---\n');
const platformObjects = parseAllDocuments(platformText)
  .map((d) => d.toJS())
  .filter((o) => o !== null);

const resolutionOf = (argv: string[], stdin?: string): Resolution => {
  const run = btp(['resolve', '-o', 'json', ...argv], stdin === undefined ? {} : { stdin });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Resolution;
};
const reference = resolvePolicies(platformObjects);

describe('input shapes', () => {
  it('the files of a directory, read recursively in name order, equal the library on the same objects', () => {
    expect(resolutionOf(['examples/platform'])).toEqual(reference);
    expect(resolutionOf(platformFiles)).toEqual(reference);
  });

  it('- reads a multi-document YAML stream from stdin', () => {
    expect(resolutionOf(['-'], platformText)).toEqual(reference);
  });

  it('stdin mixes with files', () => {
    const [first, ...rest] = platformFiles;
    expect(resolutionOf([first!, '-'], rest.map((f) => readFileSync(path.join(repoRoot, f), 'utf8')).join('\n---\n'))).toEqual(reference);
  });

  it('a kubectl List in JSON (kubectl get … -o json)', () => {
    const list = path.join(dir, 'list.json');
    writeFileSync(list, JSON.stringify({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: platformObjects }, null, 2));
    expect(resolutionOf([list])).toEqual(reference);
  });

  it('a kubectl List in YAML, and typed lists (HTTPRouteList) whose items omit kind', () => {
    const routes = platformObjects.filter((o) => o.kind === 'HTTPRoute').map(({ kind: _kind, ...rest }) => rest);
    const others = platformObjects.filter((o) => o.kind !== 'HTTPRoute');
    const file = path.join(dir, 'lists.yaml');
    writeFileSync(file, `${stringify({ apiVersion: 'v1', kind: 'List', items: others })}---\n${stringify({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRouteList', items: routes })}`);
    const resolution = resolutionOf([file]);
    expect(resolution.policies).toEqual(reference.policies);
    expect(new Set(resolution.routes.map((r) => JSON.stringify(r)))).toEqual(new Set(reference.routes.map((r) => JSON.stringify(r))));
  });

  it('a JSON array of objects', () => {
    const file = path.join(dir, 'array.json');
    writeFileSync(file, JSON.stringify(platformObjects));
    expect(resolutionOf([file])).toEqual(reference);
  });

  it('an Envoy Gateway resource bundle, keys in any case, items without kind', () => {
    const byKey: Record<string, string> = { Gateway: 'gateways', HTTPRoute: 'HTTPRoutes', GRPCRoute: 'grpcroutes', BackendTrafficPolicy: 'backendTrafficPolicies', Namespace: 'namespaces', ReferenceGrant: 'referenceGrants' };
    const bundle: Record<string, unknown[]> = {};
    for (const o of platformObjects) {
      const key = byKey[o.kind];
      if (!key) continue;
      const { kind: _kind, ...rest } = o;
      (bundle[key] ??= []).push(rest);
    }
    const file = path.join(dir, 'bundle.yaml');
    writeFileSync(file, stringify(bundle));
    const viaCli = resolutionOf([file]);
    expect(viaCli).toEqual(resolvePolicies(bundle));
    expect(viaCli.policies).toEqual(reference.policies);
  });

  it('source lines point at each object, in files, Lists and bundles', () => {
    const yaml = 'apiVersion: v1\nkind: List\nitems:\n  - kind: Namespace\n    metadata: {name: a}\n  - kind: Namespace\n    metadata: {name: b}\n---\n# a comment\ngateways:\n  - metadata: {name: eg}\n';
    expect(readObjects('x.yaml', yaml).map((o) => `${o.kind} ${o.source} ${o.at.line}:${o.at.column}`)).toEqual(['Namespace x.yaml:4 4:5', 'Namespace x.yaml:6 6:5', 'Gateway x.yaml:11 11:5']);
  });

  it('diagnostics name the file, line and column of the field', () => {
    const file = path.join(dir, 'typo.yaml');
    writeFileSync(
      file,
      'apiVersion: gateway.envoyproxy.io/v1alpha1\nkind: BackendTrafficPolicy\nmetadata: {name: typo, namespace: infra}\nspec:\n  targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: eg}]\n  circuitBreaker: {maxconnections: 10}\n',
    );
    const run = btp(['resolve', 'examples/platform', file]);
    expect(run.stdout).toContain(`warning  ${file}:6:20: BackendTrafficPolicy infra/typo: spec.circuitBreaker.maxconnections: unknown field`);
  });
});

describe.runIf(hasConformance())('Envoy Gateway golden cases through the CLI', () => {
  const goldens = path.join(conformanceDir(), 'gatewayapi');
  const knownGaps = (parse(readFileSync(path.join(repoRoot, 'test/conformance/known-gaps.yaml'), 'utf8')) ?? {}) as Record<string, Record<string, string>>;
  const cases = hasConformance() ? readdirSync(goldens).filter((f) => f.endsWith('.in.yaml')).map((f) => f.slice(0, -'.in.yaml'.length)).sort() : [];

  // Envoy Gateway's test harness declares these two namespaces; the goldens assume them.
  const harness = HARNESS_NAMESPACES.map((name) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}}\n`).join('---\n');

  it.each(cases)('%s: btp resolve --profile harness matches the golden status, attribution and traffic', (name) => {
    const run = btp(['resolve', '--profile', 'harness', '-o', 'json', path.join(goldens, `${name}.in.yaml`), '-'], { stdin: harness });
    expect(run.code).toBeLessThan(2);
    const result = compareCase(name, JSON.parse(run.stdout) as Resolution, loadCase(goldens, name).output);
    const gaps = knownGaps[name] ?? {};
    const areas = (['status', 'attribution', 'traffic'] as const).filter((area) => gaps[area] === undefined);
    expect(areas.flatMap((area) => result[area].mismatches)).toEqual([]);
  });
});
