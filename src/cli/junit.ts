/**
 * `-o junit`: a JUnit XML report, the test-report format CI systems show (GitLab, Jenkins, Azure
 * Pipelines, GitHub actions that annotate from it), as kubeconform writes one. Each check is a test
 * case (every policy, every object the API server would refuse, every other object with an error):
 * it fails with the findings that fail the command (`<failure>`, one line each, with
 * `file:line:col`), and keeps its warnings in `<system-out>`. A skipped input file is a skipped
 * test case, unless `--strict` makes it a failure.
 */
import { fails, type Check } from './findings.js';
import { escapeControl } from './format-table.js';
import { formatPosition } from './source-positions.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text for XML 1.0: control characters escaped (XML cannot hold most of them), markup characters as entities. */
function xml(s: string): string {
  return escapeControl(s)
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(/[\uFFFE\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const line = (f: Check['findings'][number]): string => `${f.position ? `${formatPosition(f.position)}: ` : ''}${f.message}`;

/** The JUnit XML document for the checks of `btp <command>`. */
export function junitReport(command: string, checks: readonly Check[], strict: boolean): string {
  let failures = 0;
  let skipped = 0;
  const cases: string[] = [];
  for (const check of checks) {
    const failing = check.findings.filter((f) => fails(f, strict));
    const other = check.findings.filter((f) => !fails(f, strict));
    const file = check.position?.file ?? (check.subject.kind === 'File' ? check.subject.name : undefined);
    const name = `${check.subject.namespace ? `${check.subject.namespace}/` : ''}${check.subject.name}`;
    const attributes = `name="${xml(name)}" classname="${xml(check.subject.kind)}"${file ? ` file="${xml(file)}"` : ''}`;
    const body: string[] = [];
    if (failing.length > 0) {
      failures++;
      const first = failing[0]!;
      const message = `${first.message}${failing.length > 1 ? ` (and ${failing.length - 1} more)` : ''}`;
      body.push(`      <failure message="${xml(message)}" type="${xml(first.ruleId)}">${failing.map((f) => xml(line(f))).join('\n')}</failure>`);
    } else if (check.subject.kind === 'File' && other.length > 0) {
      skipped++;
      body.push(`      <skipped message="${xml(other[0]!.message)}"/>`);
    }
    if (other.length > 0 && !(check.subject.kind === 'File' && failing.length === 0)) {
      body.push(`      <system-out>${other.map((f) => xml(`${f.level}: ${line(f)}`)).join('\n')}</system-out>`);
    }
    cases.push(body.length === 0 ? `    <testcase ${attributes}/>` : `    <testcase ${attributes}>\n${body.join('\n')}\n    </testcase>`);
  }
  const counts = `tests="${checks.length}" failures="${failures}" errors="0" skipped="${skipped}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="btp ${xml(command)}" ${counts}>`,
    `  <testsuite name="btp ${xml(command)}" ${counts}>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
