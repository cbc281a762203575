/**
 * Fixtures for the resolution tests: small multi-document Kubernetes manifests in `fixtures/`,
 * named for the behaviour they show, plus helpers to read the parts of a `Resolution` a test
 * asserts on.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { resolvePolicies, type Resolution, type ResolveOptions, type RouteResult } from '../../src/index.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** The names of every fixture (`fixtures/<name>.yaml`), sorted: for tests that hold over all of them. */
export function fixtureNames(): string[] {
  return readdirSync(fixtures)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/** The objects of `fixtures/<name>.yaml`, in file order (empty documents skipped). */
export function loadFixture(name: string): unknown[] {
  const text = readFileSync(join(fixtures, `${name}.yaml`), 'utf8');
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${name}.yaml: ${doc.errors[0]!.message}`);
      return doc.toJS() as unknown;
    })
    .filter((o) => o !== null && o !== undefined);
}

/**
 * The translator on specs as written: the harness profile (input order, no API server, so no
 * defaults and no collapsing of repeated names) with every namespace existing and exact field
 * names. The resolution tests pin Envoy Gateway's algorithm this way; what the API server does
 * first (the cluster profile) is tested in `test/admit/`.
 */
export const AS_WRITTEN: ResolveOptions = { profile: 'harness', namespaces: 'inferred', fieldNameMatching: 'exact' };

/** Resolve a fixture, as written (`AS_WRITTEN`) unless a test asks otherwise. */
export function resolveFixture(name: string, options: ResolveOptions = AS_WRITTEN): Resolution {
  return resolvePolicies(loadFixture(name), options);
}

type Ancestors = NonNullable<Resolution['policies'][number]['status']['ancestors']>;
export type Ancestor = Ancestors[number];

/** The result entry of policy `ns/name`; fails the test when it is not in the output. */
export function policy(res: Resolution, id: string): Resolution['policies'][number] {
  const [namespace, name] = id.split('/');
  const p = res.policies.find((x) => x.ref.namespace === namespace && x.ref.name === name);
  if (!p) throw new Error(`policy ${id} is not in the output (have: ${res.policies.map((x) => `${x.ref.namespace}/${x.ref.name}`).join(', ')})`);
  return p;
}

/** Whether policy `ns/name` appears in the output at all. */
export const hasPolicy = (res: Resolution, id: string): boolean => res.policies.some((x) => `${x.ref.namespace}/${x.ref.name}` === id);

/** The ancestors of a policy (fails the test on `null`). */
export function ancestors(res: Resolution, id: string): Ancestors {
  const a = policy(res, id).status.ancestors;
  if (a === null) throw new Error(`policy ${id} has ancestors: null`);
  return a;
}

/** `Gateway ns/name`, `Gateway ns/name/section`, `ListenerSet ns/name` — a readable ancestor id. */
export const ancestorId = (a: Ancestor): string =>
  `${a.ancestorRef.kind} ${a.ancestorRef.namespace}/${a.ancestorRef.name}${a.ancestorRef.sectionName ? `/${a.ancestorRef.sectionName}` : ''}`;

/** The ancestor of policy `id` with readable id `ancestor` (see `ancestorId`). */
export function ancestor(res: Resolution, id: string, ancestorRef: string): Ancestor {
  const list = ancestors(res, id);
  const a = list.find((x) => ancestorId(x) === ancestorRef);
  if (!a) throw new Error(`policy ${id} has no ancestor ${ancestorRef} (have: ${list.map(ancestorId).join(', ')})`);
  return a;
}

/** Conditions as compact `Type=Status/Reason` strings, in order. */
export const conditionSummary = (a: Ancestor): string[] => a.conditions.map((c) => `${c.type}=${c.status}/${c.reason}`);

/** The message of the condition of `type` on an ancestor. */
export function message(a: Ancestor, type: string): string | undefined {
  return a.conditions.find((c) => c.type === type)?.message;
}

export interface RouteFilter {
  route?: string; // `ns/name`
  kind?: string;
  gateway?: string; // `ns/name`
  listener?: string;
  /** `ns/name` of the ListenerSet, or `null` for the Gateway's own listeners. */
  listenerSet?: string | null;
  ruleName?: string;
  ruleIndex?: number;
}

/** The route results matching a filter. */
export function routes(res: Resolution, filter: RouteFilter = {}): RouteResult[] {
  return res.routes.filter(
    (r) =>
      (filter.route === undefined || `${r.route.namespace}/${r.route.name}` === filter.route) &&
      (filter.kind === undefined || r.route.kind === filter.kind) &&
      (filter.gateway === undefined || `${r.gateway.namespace}/${r.gateway.name}` === filter.gateway) &&
      (filter.listener === undefined || r.listener === filter.listener) &&
      (filter.listenerSet === undefined || (r.listenerSet ? `${r.listenerSet.namespace}/${r.listenerSet.name}` : null) === filter.listenerSet) &&
      (filter.ruleName === undefined || r.ruleName === filter.ruleName) &&
      (filter.ruleIndex === undefined || r.ruleIndex === filter.ruleIndex),
  );
}

/** The single route result matching a filter; fails the test when there is not exactly one. */
export function route(res: Resolution, filter: RouteFilter): RouteResult {
  const found = routes(res, filter);
  if (found.length !== 1) throw new Error(`expected one route result for ${JSON.stringify(filter)}, found ${found.length}`);
  return found[0]!;
}

/** `ns/name` of the policies that shaped a route result. */
export const appliedPolicies = (r: RouteResult): string[] => r.policies.map((p) => `${p.namespace}/${p.name}`);
