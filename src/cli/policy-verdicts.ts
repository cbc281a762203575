/**
 * Running the library on what was read, and judging the outcome for CI: which policies are
 * invalid (the API server would reject them), not accepted (a condition `Accepted=False`) or
 * attached to nothing (no status at all). Shared by `resolve`, `explain`, `status` and `envoy`,
 * which all exit 1 when any policy has such a problem.
 */
import {
  DEFAULT_CONTROLLER_NAME,
  formatIssue,
  parseBackendTrafficPolicy,
  resolvePolicies,
  type Diagnostic,
  type PolicyAncestorStatus,
  type Resolution,
  type ResolveOptions,
} from '../index.js';
import { objectName, type InputObject } from './read-inputs.js';
import { append } from '../lang/append.js';

/** A resolution together with the objects it was computed from (for sources and diagnostics). */
export interface Resolved {
  /** The objects resolution was given (CRD defaults filled in with `--apply-defaults`). */
  objects: InputObject[];
  resolution: Resolution;
  /** The controller whose view this is (`--controller-name`, or Envoy Gateway's). */
  controllerName: string;
}

/**
 * `resolvePolicies` over the objects, in input order. With `applyDefaults` in the harness profile,
 * each valid policy is replaced by what the API server would store (defaults filled in, unknown
 * fields dropped); the cluster profile does that itself.
 */
export function resolveObjects(objects: readonly InputObject[], options: ResolveOptions, applyDefaults = false): Resolved {
  const used = applyDefaults && options.profile === 'harness' ? objects.map(withDefaults) : [...objects];
  return { objects: used, resolution: resolvePolicies(used.map((o) => o.value), options), controllerName: options.controllerName ?? DEFAULT_CONTROLLER_NAME };
}

function withDefaults(object: InputObject): InputObject {
  if (object.kind !== 'BackendTrafficPolicy') return object;
  const parsed = parseBackendTrafficPolicy(object.value, { unknownFields: 'strip' });
  return parsed.success ? { ...object, value: parsed.data as unknown as Record<string, unknown> } : object;
}

/** What happened to one BackendTrafficPolicy of the input. */
export interface PolicyVerdict {
  namespace: string;
  name: string;
  /** Where the policy was read (the first object, when a name repeats). */
  source: string;
  /** The status Envoy Gateway would write; `null` when it writes no ancestor, `undefined` when it does not list the policy at all. */
  ancestors: PolicyAncestorStatus[] | null | undefined;
  /** What the API server would reject (`error` diagnostics on this policy). */
  crdErrors: Diagnostic[];
  /** `Accepted=False` conditions, with their ancestor. */
  rejected: Array<{ ancestor: PolicyAncestorStatus['ancestorRef']; reason: string; message: string }>;
  /** Why each target that is not in the input, or attaches to no listener there, did not attach (`Resolution.attachments`). */
  notFound: string[];
  /** Why each route target it is accepted on reaches no route entry (no listener takes the route): a warning, since Envoy Gateway accepts it. */
  unreached: string[];
  /** One line for the summary when the policy fails the CI gate; absent when all is well. */
  problem?: string;
}

const key = (namespace: string, name: string) => `${namespace}/${name}`;

/** The verdict on every policy of the input, in input order (a repeated name counts once). */
export function policyVerdicts({ objects, resolution }: Resolved): PolicyVerdict[] {
  const statuses = new Map(resolution.policies.map((p) => [key(p.ref.namespace, p.ref.name), p.status.ancestors]));
  const attachments = new Map(resolution.attachments.map((a) => [key(a.policy.namespace, a.policy.name), a]));
  const verdicts = new Map<string, PolicyVerdict>();
  objects.forEach((object, index) => {
    if (object.kind !== 'BackendTrafficPolicy') return;
    const { namespace, name } = objectName(object.value);
    const id = key(namespace, name);
    const crdErrors = resolution.diagnostics.filter((d) => d.severity === 'error' && inputIndex(d.path) === index);
    const existing = verdicts.get(id);
    if (existing) {
      append(existing.crdErrors, crdErrors);
      return;
    }
    const ancestors = statuses.has(id) ? statuses.get(id)! : undefined;
    const rejected = (ancestors ?? []).flatMap((a) =>
      a.conditions.filter((c) => c.type === 'Accepted' && c.status === 'False').map((c) => ({ ancestor: a.ancestorRef, reason: c.reason, message: c.message })),
    );
    const targets = attachments.get(id)?.targets ?? [];
    const notFound = targets.flatMap((t) => (t.result === 'NotFound' && t.message ? [t.message] : []));
    const unreached = targets.flatMap((t) => (t.result === 'Attached' && t.message ? [t.message] : []));
    verdicts.set(id, { namespace, name, source: object.source, ancestors, crdErrors, rejected, notFound, unreached });
  });
  for (const v of verdicts.values()) {
    const problem = problemOf(v);
    if (problem !== undefined) v.problem = problem;
  }
  return [...verdicts.values()];
}

function problemOf(v: PolicyVerdict): string | undefined {
  if (v.crdErrors.length > 0) {
    const first = v.crdErrors[0]!;
    const more = v.crdErrors.length > 1 ? ` (and ${v.crdErrors.length - 1} more)` : '';
    if (first.issue) return `rejected by the API server: ${formatIssue(first.issue)}${more}`;
    return `invalid: ${stripIndex(first.path)}: ${first.message}${more}`;
  }
  if (v.rejected.length > 0) {
    const first = v.rejected[0]!;
    return `not accepted (${first.reason}) on ${ancestorName(first.ancestor)}: ${first.message}`;
  }
  if (v.ancestors === undefined) return 'not attached: its targetSelectors select nothing in the input';
  if (v.ancestors === null || v.ancestors.length === 0) {
    const [first, ...others] = v.notFound;
    if (first === undefined) return 'not attached: none of its targets is in the input (or attached to a Gateway there)';
    return `not attached: ${first}${others.length > 0 ? ` (and ${others.length} more ${others.length > 1 ? 'targets' : 'target'})` : ''}`;
  }
  return undefined;
}

/** `Gateway infra/eg/http`: an ancestorRef as one word. */
export function ancestorName(a: { kind?: string; namespace?: string; name: string; sectionName?: string }): string {
  return `${a.kind ?? 'Gateway'} ${a.namespace ? `${a.namespace}/` : ''}${a.name}${a.sectionName ? `/${a.sectionName}` : ''}`;
}

/** The index into the resolved array at the head of a diagnostic path (`[3].spec…` → 3). */
function inputIndex(path: string): number | undefined {
  const m = /^\[(\d+)\]/.exec(path);
  return m ? Number(m[1]) : undefined;
}

const stripIndex = (path: string): string => path.replace(/^\[\d+\](\.items\[\d+\])*\.?/, '') || '<object>';

/** The `file:line` of the input object a path (`[3].spec…`) points into. */
export function sourceOf(path: string, objects: readonly InputObject[]): string | undefined {
  const index = inputIndex(path);
  return index !== undefined ? objects[index]?.source : undefined;
}

