/**
 * What a command found, in one shape for every report: each problem or warning with a rule id, a
 * severity, the object it is about and where in the files it is (`file:line:col` of the field when
 * it names one). The exit code, the CI reports (JUnit, SARIF) and the one-line stderr notes of
 * machine output are all computed from the same findings, so they always agree:
 *
 * - exit 1 when any finding is an error (an invalid, refused or not-accepted policy, an object the
 *   API server would refuse, an `error` diagnostic), or, with `--strict`, a warning;
 * - exit 0 otherwise (exit 2, unusable input, never gets this far).
 */
import { formatIssue, type Diagnostic, type RejectedObject, type ValidationIssue } from '../index.js';
import { count, escapeControl } from './format-table.js';
import { ancestorName, type PolicyVerdict, type Resolved } from './policy-verdicts.js';
import { objectName, type InputObject, type InputWarning } from './read-inputs.js';
import { formatPosition, type SourceLocator, type SourcePosition } from './source-positions.js';
import { append } from '../lang/append.js';

/** The object a finding is about: a Kubernetes object, or an input file (`kind: 'File'`). */
export interface Subject {
  kind: string;
  namespace?: string;
  name: string;
}

/** One problem or warning. */
export interface Finding {
  /** A stable id for the kind of problem (SARIF's `ruleId`): `invalid/pattern`, `not-accepted/Conflicted`, … */
  ruleId: string;
  level: 'error' | 'warning';
  /** One line, as the table prints it after the position. */
  message: string;
  subject?: Subject;
  position?: SourcePosition;
}

const POLICY = 'BackendTrafficPolicy';

/** The rule ids and what each means (SARIF's rule descriptions); `invalid/<check>` ids are made from the issue's code. */
export const RULES: Readonly<Record<string, string>> = {
  invalid: 'The Kubernetes API server would refuse the object (kubectl apply fails).',
  'unknown-field': 'A field the schema does not declare: the API server drops it, with a warning.',
  'not-accepted': 'Envoy Gateway would not accept the policy: a condition Accepted=False.',
  'not-attached': 'The policy reaches nothing: none of its targets is in the input, or its targetSelectors select nothing.',
  diagnostic: 'Resolution could not use part of the input as written.',
  'not-kubernetes': 'An input file, or documents in it, that are not Kubernetes objects (no kind): skipped.',
};

/** The rule id of a validation issue: `invalid/<its check>` (`invalid/cel`, `invalid/required`), or `unknown-field`. */
export function issueRule(issue: ValidationIssue): string {
  if (issue.code === 'unknownField') return 'unknown-field';
  return issue.code ? `invalid/${issue.code}` : 'invalid';
}

/** The description of a rule id, from {@link RULES} by its first part. */
export function ruleDescription(ruleId: string): string {
  const [head, detail] = ruleId.split('/', 2) as [string, string | undefined];
  const base = RULES[head] ?? RULES.diagnostic!;
  if (head === 'invalid' && detail) return `${base} Failed check: ${detail}.`;
  if (head === 'not-accepted' && detail) return `${base} Reason: ${detail}.`;
  return base;
}

/** The index into the resolved objects at the head of a diagnostic path (`[3].spec…` → 3), and the rest (`spec…`). */
export function splitPath(path: string): { index?: number; rest: string } {
  const m = /^\[(\d+)\]\.?/.exec(path);
  return m ? { index: Number(m[1]), rest: path.slice(m[0].length) } : { rest: path };
}

/** `Kind ns/name`. */
export function subjectName(s: Subject): string {
  return `${s.kind} ${s.namespace ? `${s.namespace}/` : ''}${s.name}`;
}

/** The subject of an input object: its kind, namespace (none for cluster-scoped ones) and name. */
export function subjectOf(object: InputObject): Subject {
  const { namespace, name } = objectName(object.value);
  const meta = object.value.metadata as { namespace?: unknown } | undefined;
  const scoped = object.kind !== 'Namespace' && object.kind !== 'GatewayClass';
  return { kind: object.kind, ...(scoped || typeof meta?.namespace === 'string' ? { namespace } : {}), name };
}

/**
 * Where a diagnostic points: the field it names in the object it is about. The object is the one
 * its path starts with (`[3].spec…`), or, for diagnostics of later stages that name it instead
 * (`object` and a path such as `spec.rateLimit…`), the first input object of that kind and name.
 */
export function diagnosticPosition(d: Diagnostic, objects: readonly InputObject[], locator: SourceLocator): SourcePosition | undefined {
  const { index, rest } = splitPath(d.path);
  if (index !== undefined) {
    const object = objects[index];
    return object ? locator.fieldPosition(object.at, d.issue?.path ?? rest) : undefined;
  }
  if (!d.object) return undefined;
  const object = locator.objectNamed(objects, d.object.kind, d.object.namespace ?? '', d.object.name ?? '', (o) => {
    const { namespace, name } = objectName(o.value);
    return { kind: o.kind, namespace: o.kind === 'Namespace' ? '' : namespace, name };
  });
  return object ? locator.fieldPosition(object.at, d.issue?.path ?? d.path) : undefined;
}

/**
 * A diagnostic's text without its position: the object it is about (unless `withObject` is false),
 * then an API server error as kubectl prints it, else `path: message`.
 */
function diagnosticText(d: Diagnostic, withObject = true): string {
  const object = d.object && withObject ? `${d.object.kind} ${d.object.namespace ? `${d.object.namespace}/` : ''}${d.object.name ?? ''}: ` : '';
  if (d.issue) return `${object}${formatIssue(d.issue)}`;
  const { index, rest } = splitPath(d.path);
  const path = index !== undefined ? rest : d.path;
  return `${object}${path ? `${path}: ` : ''}${d.message}`;
}

/** The first input object of each BackendTrafficPolicy, by `namespace/name` (a verdict's object). */
export function policyObjects(objects: readonly InputObject[]): Map<string, InputObject> {
  const out = new Map<string, InputObject>();
  for (const o of objects) {
    if (o.kind !== POLICY) continue;
    const { namespace, name } = objectName(o.value);
    if (!out.has(`${namespace}/${name}`)) out.set(`${namespace}/${name}`, o);
  }
  return out;
}

/** A diagnostic as one line: `file:line:col: ` of the field it names (when known), then {@link diagnosticText}. */
export function formatPositionedDiagnostic(d: Diagnostic, objects: readonly InputObject[], locator: SourceLocator): string {
  const position = diagnosticPosition(d, objects, locator);
  return `${position ? `${formatPosition(position)}: ` : ''}${diagnosticText(d)}`;
}

/** A skipped input file as a finding. */
function inputFinding(w: InputWarning): Finding {
  return { ruleId: 'not-kubernetes', level: 'warning', message: w.message, subject: { kind: 'File', name: w.file }, position: { file: w.file, line: 1, column: 1 } };
}

/**
 * Everything a resolving command found: every diagnostic (API server refusals, CRD errors, unknown
 * fields, ignored objects, and `extra` ones such as the emitter's), each policy that is not
 * accepted or attached to nothing, and the skipped input files.
 */
export function resolutionFindings(
  resolved: Resolved,
  verdicts: readonly PolicyVerdict[],
  warnings: readonly InputWarning[],
  locator: SourceLocator,
  extra: readonly Diagnostic[] = [],
): Finding[] {
  const { objects, resolution } = resolved;
  const findings: Finding[] = [];
  const diagnosed = new Set<number>();
  for (const d of [...resolution.diagnostics, ...extra]) {
    const { index } = splitPath(d.path);
    if (index !== undefined) diagnosed.add(index);
    const object = index === undefined ? undefined : objects[index];
    const subject = d.object ? { kind: d.object.kind, ...(d.object.namespace ? { namespace: d.object.namespace } : {}), name: d.object.name ?? '' } : object ? subjectOf(object) : undefined;
    const position = diagnosticPosition(d, objects, locator);
    findings.push({
      ruleId: d.issue ? issueRule(d.issue) : 'diagnostic',
      level: d.severity,
      message: diagnosticText(d, !subject),
      ...(subject ? { subject } : {}),
      ...(position ? { position } : {}),
    });
  }
  // Refused objects come with a diagnostic for each error; one without would still be reported.
  for (const r of resolution.rejected ?? []) {
    const { index } = splitPath(r.path);
    if (index !== undefined && diagnosed.has(index)) continue;
    append(findings, rejectedFindings(r, index === undefined ? undefined : objects[index], locator));
  }
  const firstObject = policyObjects(objects);
  for (const v of verdicts) {
    if (v.crdErrors.length > 0) continue; // CRD errors are diagnostics, above
    const object = firstObject.get(`${v.namespace}/${v.name}`);
    const subject: Subject = { kind: POLICY, namespace: v.namespace, name: v.name };
    const position = object ? locator.objectPosition(object.at) : undefined;
    const at = position ? { position } : {};
    if (v.problem === undefined) {
      for (const message of v.unreached) findings.push({ ruleId: 'no-route-entry', level: 'warning', message: `accepted, but shapes no route: ${message}`, subject, ...at });
      continue;
    }
    if (v.rejected.length > 0) {
      for (const r of v.rejected) {
        findings.push({ ruleId: `not-accepted/${r.reason}`, level: 'error', message: `not accepted (${r.reason}) on ${ancestorName(r.ancestor)}: ${r.message}`, subject, ...at });
      }
    } else {
      findings.push({ ruleId: 'not-attached', level: 'error', message: v.problem, subject, ...at });
    }
  }
  append(findings, warnings.map(inputFinding));
  return findings;
}

/** One finding per error of an object the API server refuses. */
function rejectedFindings(r: Pick<RejectedObject, 'kind' | 'namespace' | 'name' | 'issues' | 'message'>, object: InputObject | undefined, locator: SourceLocator): Finding[] {
  const subject: Subject = { kind: r.kind, ...(r.namespace ? { namespace: r.namespace } : {}), name: r.name ?? '' };
  const issues = r.issues.length > 0 ? r.issues : [{ path: '', message: r.message }];
  return issues.map((issue) => {
    const position = object ? locator.fieldPosition(object.at, issue.path) : undefined;
    return { ruleId: issueRule(issue), level: 'error' as const, message: formatIssue(issue), subject, ...(position ? { position } : {}) };
  });
}

/** The skipped input files as findings (for `validate`, which has no diagnostics of its own). */
export function inputFindings(warnings: readonly InputWarning[]): Finding[] {
  return warnings.map(inputFinding);
}

/** Does this finding fail the command? Errors always; warnings with `--strict`. */
export const fails = (f: Finding, strict: boolean): boolean => f.level === 'error' || strict;

/** The exit code the findings call for: 1 when any fails the command, else 0. */
export function findingsExitCode(findings: readonly Finding[], strict: boolean): 0 | 1 {
  return findings.some((f) => fails(f, strict)) ? 1 : 0;
}

/** One test of a report: an object the command judged, and what it found about it. */
export interface Check {
  subject: Subject;
  position?: SourcePosition;
  findings: Finding[];
}

const subjectKey = (s: Subject): string => `${s.kind}\u0000${s.namespace ?? ''}\u0000${s.name}`;

/**
 * The checks of a report: one for each object in `judged` (every policy, every refused object),
 * with the findings about it; then one for each other object with a finding that fails the command,
 * so that a report fails exactly when the exit code is 1. Warnings about no judged object are left
 * out (SARIF keeps them).
 */
export function checksOf(judged: readonly Check[], findings: readonly Finding[], strict: boolean): Check[] {
  const checks = judged.map((c) => ({ ...c, findings: [...c.findings] }));
  const byKey = new Map(checks.map((c) => [subjectKey(c.subject), c]));
  for (const f of findings) {
    const subject = f.subject ?? { kind: 'Input', name: f.message };
    const existing = byKey.get(subjectKey(subject));
    if (existing) existing.findings.push(f);
    else if (fails(f, strict)) {
      const check: Check = { subject, ...(f.position ? { position: f.position } : {}), findings: [f] };
      checks.push(check);
      byKey.set(subjectKey(subject), check);
    }
  }
  return checks;
}

/**
 * For machine output, which keeps stdout clean: the lines for stderr that say why the exit code is
 * 1 — `lead` first (the policies, in the words of `problemNote`), then the errors it does not
 * cover, then the warnings `--strict` counts — control characters escaped.
 */
export function findingsNotes(
  findings: readonly Finding[],
  strict: boolean,
  lead: string | undefined,
  covered: (f: Finding) => boolean = (f) => f.subject?.kind === POLICY,
): string {
  const lines: string[] = [];
  if (lead) lines.push(lead.trimEnd());
  const others = findings.filter((f) => f.level === 'error' && !covered(f));
  if (others.length > 0) {
    const names = [...new Set(others.map((f) => (f.subject ? subjectName(f.subject) : f.message)))];
    lines.push(`btp: ${count(others.length, 'other error')} (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}); see btp status`);
  }
  const warnings = findings.filter((f) => f.level === 'warning');
  if (strict && warnings.length > 0) lines.push(`btp: ${count(warnings.length, 'warning')}, which --strict counts as failures`);
  return lines.map((l) => `${escapeControl(l)}\n`).join('');
}
