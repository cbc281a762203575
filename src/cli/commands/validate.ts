/**
 * `btp validate <inputs…>`: every object of a kind the library reads, checked as the Kubernetes
 * API server checks it on create (`admitObject`): `apiVersion`, `kind` and `metadata` for all,
 * and for BackendTrafficPolicies the CRD (defaults, OpenAPI checks, CEL rules). Errors print as
 * `kubectl apply` shows them, each after the `file:line:col` of the field it names. Exits 1 when an
 * object is invalid (or, with `--strict`, has a warning).
 */
import { admitObject } from '../../admit/admit-object.js';
import { formatIssue } from '../../model/index.js';
import { colourOf, INPUT_HELP, outputHelp, parseCommandArgs, REPORT_FORMATS } from '../args.js';
import { checksOf, findingsExitCode, findingsNotes, inputFindings, issueRule, subjectOf, type Check, type Finding, type Subject } from '../findings.js';
import { count, machineOutput, painter, terminalLines } from '../format-table.js';
import type { CliIo } from '../io.js';
import { junitReport } from '../junit.js';
import { inputDiagnostics, listDocument, nameLines, positionedIssues, resourceName, type PositionedIssue } from '../machine-output.js';
import { objectName, readInputs } from '../read-inputs.js';
import { sarifReport } from '../sarif.js';
import { formatPosition, SourceLocator, type SourcePosition } from '../source-positions.js';
import { append } from '../../lang/append.js';

/** `btp validate --help`. */
export const VALIDATE_USAGE = `Usage: btp validate [options] <files, directories or -…>

Check every object the way the Kubernetes API server would on create (kubectl apply):
apiVersion, kind, name, namespace, labels and annotations of every Gateway, route, ListenerSet,
ReferenceGrant, Namespace, Service, Secret and ConfigMap; for BackendTrafficPolicies also the CRD
(defaults, OpenAPI checks and CEL rules). Errors read as the API server prints them, after the
file:line:col of the field they name. Exits 1 when an object is invalid.

-o name prints each object checked as kubectl does; -o junit a JUnit XML report (a test case per
policy and per invalid object); -o sarif a SARIF 2.1.0 log (a result per error and warning).

Options:
${outputHelp(REPORT_FORMATS)}
  --unknown-fields warn|error|strip
                                 fields the CRD does not declare: a warning each (default, like
                                 kubectl's Warn), an error (Strict), or nothing (Ignore)
${INPUT_HELP}`;

interface Checked {
  apiVersion?: unknown;
  kind: string;
  namespace: string;
  name: string;
  /** `file:line:col` of the object. */
  source: string;
  valid: boolean;
  issues: PositionedIssue[];
  warnings: PositionedIssue[];
  /** The API server's refusal, when invalid. */
  message?: string;
}

const POLICY = 'BackendTrafficPolicy';

/** `btp validate`: returns the exit code (0, or 1 when an object is invalid). */
export function validateCommand(args: readonly string[], io: CliIo): number {
  const parsed = parseCommandArgs('validate', args, 'validate', {}, REPORT_FORMATS);
  if (parsed.help) {
    io.stdout(`${VALIDATE_USAGE}\n`);
    return 0;
  }
  const inputs = readInputs(parsed.positionals, io, parsed.inputs);
  const locator = new SourceLocator();
  const checked: Checked[] = [];
  const judged: Check[] = [];
  const findings: Finding[] = [];
  const others = new Map<string, number>();
  for (const object of inputs.objects) {
    const admission = admitObject(object.value, { unknownFields: parsed.unknownFields });
    if (admission.outcome === 'ignored') {
      others.set(object.kind, (others.get(object.kind) ?? 0) + 1);
      continue;
    }
    const name = objectName(object.value);
    const position = locator.objectPosition(object.at);
    const c: Checked = {
      ...(object.value.apiVersion !== undefined ? { apiVersion: object.value.apiVersion } : {}),
      kind: object.kind,
      namespace: admission.kind === 'Namespace' ? '' : name.namespace,
      name: name.name,
      source: formatPosition(position),
      valid: admission.outcome === 'admitted',
      issues: admission.outcome === 'rejected' ? positionedIssues(admission.issues, object, locator) : [],
      warnings: positionedIssues(admission.warnings, object, locator),
    };
    if (admission.outcome === 'rejected') c.message = admission.message;
    checked.push(c);
    const subject: Subject = subjectOf(object);
    const at = (issue: PositionedIssue): SourcePosition => locator.fieldPosition(object.at, issue.path);
    for (const issue of c.issues) findings.push({ ruleId: issueRule(issue), level: 'error', message: formatIssue(issue), subject, position: at(issue) });
    for (const issue of c.warnings) findings.push({ ruleId: issueRule(issue), level: 'warning', message: formatIssue(issue), subject, position: at(issue) });
    if (c.kind === POLICY || !c.valid) judged.push({ subject, position, findings: [] });
  }
  append(findings, inputFindings(inputs.warnings));
  for (const w of inputs.warnings) judged.push({ subject: { kind: 'File', name: w.file }, findings: [] });
  const exitCode = findingsExitCode(findings, parsed.strict);

  if (parsed.output !== 'table') {
    const invalid = checked.filter((c) => !c.valid).map(({ apiVersion, kind, namespace, name, source, issues, message }) => ({ apiVersion, kind, namespace, name, source, issues, message }));
    const text =
      parsed.output === 'name'
        ? nameLines(checked.map((c) => resourceName(c.kind, c.name, c.apiVersion)))
        : parsed.output === 'junit'
          ? junitReport('validate', checksOf(judged, findings, parsed.strict), parsed.strict)
          : parsed.output === 'sarif'
            ? machineOutput(sarifReport('validate', findings), 'json')
            : machineOutput(listDocument(checked, { diagnostics: inputDiagnostics(inputs.warnings), rejected: invalid }), parsed.output === 'yaml' ? 'yaml' : 'json');
    io.stdout(text);
    const refused = checked.filter((c) => !c.valid).map((c) => `${c.kind} ${c.namespace ? `${c.namespace}/` : ''}${c.name}`);
    const lead = refused.length > 0 ? `btp: ${count(refused.length, 'object')} invalid (${refused.slice(0, 5).join(', ')}${refused.length > 5 ? ', …' : ''}); see btp validate` : undefined;
    const notes = findingsNotes(findings, parsed.strict, lead, (f) => f.level === 'error');
    if (notes) io.stderr(notes);
    return exitCode;
  }

  const paint = painter(colourOf(parsed, io));
  const lines: string[] = [];
  const name = (c: Checked) => `${c.kind === POLICY ? '' : `${c.kind} `}${c.namespace ? `${c.namespace}/` : ''}${c.name}`;
  // Every policy, and the other objects that have something to say.
  for (const c of checked) {
    if (c.kind !== POLICY && c.valid && c.warnings.length === 0) continue;
    lines.push(c.valid ? `${name(c)}: ${paint.green('valid')}` : `${name(c)}: ${paint.red('invalid')} ${paint.dim(`(${c.source})`)}`);
    for (const issue of c.issues) lines.push(`  ${paint.dim(`${issue.source}:`)} ${formatIssue(issue)}`);
    for (const w of c.warnings) lines.push(`  ${paint.dim(`${w.source}:`)} ${paint.yellow('warning')}: ${formatIssue(w)}`);
  }
  if (lines.length > 0) lines.push('');
  const policies = checked.filter((c) => c.kind === POLICY);
  const rest = checked.filter((c) => c.kind !== POLICY);
  const invalid = (list: readonly Checked[]) => list.filter((c) => !c.valid).length;
  lines.push(policies.length === 0 ? 'no BackendTrafficPolicy found' : `${count(policies.length, POLICY)}: ${policies.length - invalid(policies)} valid, ${invalid(policies)} invalid`);
  if (rest.length > 0) lines.push(`${count(rest.length, 'other object')}: ${rest.length - invalid(rest)} valid, ${invalid(rest)} invalid`);
  if (others.size > 0) {
    const counted = [...others].sort(([a], [b]) => a.localeCompare(b, 'en')).map(([kind, n]) => count(n, kind));
    lines.push(`also read, not checked: ${counted.join(', ')}`);
  }
  io.stdout(terminalLines(lines, paint));
  return exitCode;
}
