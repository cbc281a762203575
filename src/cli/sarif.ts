/**
 * `-o sarif`: a SARIF 2.1.0 log, the format code-scanning tools take (GitHub code scanning, GitLab,
 * Azure DevOps, VS Code's SARIF viewer). Every finding is a result with its rule id, its level
 * (`error` or `warning`; `--strict` changes the exit code, not the levels) and, when known, a
 * region with the line and column of the field or object. The rules used are listed in the tool's
 * driver with their descriptions.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ruleDescription, subjectName, type Finding } from './findings.js';

/** The schema a SARIF log names (SchemaStore's copy of OASIS's). */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** A file path as a SARIF artifact URI: relative paths as URI references (against the directory btp ran in), absolute ones as `file:` URLs. */
function artifactUri(file: string): string {
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

/** The SARIF log of the findings of `btp <command>`. */
export function sarifReport(command: string, findings: readonly Finding[]): unknown {
  const ruleIds = [...new Set(findings.map((f) => f.ruleId))].sort();
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const results = findings.map((f) => {
    const located = f.position && f.position.file !== '<stdin>';
    return {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId)!,
      level: f.level,
      message: { text: `${f.subject && f.subject.kind !== 'File' ? `${subjectName(f.subject)}: ` : ''}${f.message}` },
      ...(located
        ? {
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: artifactUri(f.position!.file) },
                  region: { startLine: f.position!.line, startColumn: f.position!.column },
                },
              },
            ],
          }
        : {}),
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'btp',
            fullName: `btp ${command} (backend-traffic-policy)`,
            rules: ruleIds.map((id) => ({ id, shortDescription: { text: ruleDescription(id) } })),
          },
        },
        results,
      },
    ],
  };
}
