/**
 * What the machine formats add to the library's data, so that a JSON or YAML document carries
 * everything the table shows: the diagnostics and the refused objects, each with `source`, the
 * `file:line:col` of the field (or object) it is about, and the skipped input files as warning
 * diagnostics. Also `-o name` (kubectl's `kind.group/name` lines) and the `kind: List` wrapper.
 */
import { KIND_RULES, type Diagnostic, type RejectedObject, type ValidationIssue } from '../index.js';
import { diagnosticPosition, splitPath } from './findings.js';
import { escapeControl } from './format-table.js';
import type { Resolved } from './policy-verdicts.js';
import type { InputObject, InputWarning } from './read-inputs.js';
import { formatPosition, type SourceLocator } from './source-positions.js';

/** A diagnostic with where it points. */
export type PositionedDiagnostic = Diagnostic & { source?: string };
/** An issue with where it points. */
export type PositionedIssue = ValidationIssue & { source?: string };
/** A refused object with where it is, and where each of its errors points. */
export type PositionedRejected = Omit<RejectedObject, 'issues'> & { source?: string; issues: PositionedIssue[] };

/** The skipped input files, as warning diagnostics. */
export function inputDiagnostics(warnings: readonly InputWarning[]): PositionedDiagnostic[] {
  return warnings.map((w) => ({ severity: 'warning', path: '', message: `${w.file}: ${w.message}`, source: w.file }));
}

/** Each issue of an object with the position of its field. */
export function positionedIssues(issues: readonly ValidationIssue[], object: InputObject | undefined, locator: SourceLocator): PositionedIssue[] {
  return issues.map((issue) => (object ? { ...issue, source: formatPosition(locator.fieldPosition(object.at, issue.path)) } : issue));
}

/** The `diagnostics` and `rejected` of a machine document: the resolution's (and `extra` diagnostics, such as the emitter's), positioned, and the skipped files. */
export function diagnosticsAndRejected(
  resolved: Resolved,
  warnings: readonly InputWarning[],
  locator: SourceLocator,
  extra: readonly Diagnostic[] = [],
): { diagnostics: PositionedDiagnostic[]; rejected: PositionedRejected[] } {
  const { objects, resolution } = resolved;
  const diagnostics: PositionedDiagnostic[] = [...resolution.diagnostics, ...extra].map((d) => {
    const position = diagnosticPosition(d, objects, locator);
    return position ? { ...d, source: formatPosition(position) } : d;
  });
  const rejected = (resolution.rejected ?? []).map((r): PositionedRejected => {
    const { index } = splitPath(r.path);
    const object = index === undefined ? undefined : objects[index];
    return { ...r, ...(object ? { source: formatPosition(locator.objectPosition(object.at)) } : {}), issues: positionedIssues(r.issues, object, locator) };
  });
  return { diagnostics: [...diagnostics, ...inputDiagnostics(warnings)], rejected };
}

/** A `kind: List` of `items` with more top-level fields (kubectl and other readers ignore fields they do not know). */
export function listDocument(items: readonly unknown[], more: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'List', items, ...more };
}

/** kubectl's `-o name` for an object: `kind.group/name`, lower case (`backendtrafficpolicy.gateway.envoyproxy.io/x`, `service/y`). */
export function resourceName(kind: string, name: string, apiVersion?: unknown): string {
  const rule = Object.hasOwn(KIND_RULES, kind) ? KIND_RULES[kind] : undefined;
  const group = rule ? rule.group : typeof apiVersion === 'string' && apiVersion.includes('/') ? apiVersion.split('/')[0]! : '';
  return `${kind.toLowerCase()}${group ? `.${group}` : ''}/${name}`;
}

/** Lines of `-o name` output, control characters escaped. */
export function nameLines(names: readonly string[]): string {
  return names.map((n) => `${escapeControl(n)}\n`).join('');
}
