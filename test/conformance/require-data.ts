/**
 * Global setup of `npm run conformance`: without the data the run fails at once, saying how to
 * get it, instead of passing with every suite skipped. (It exits rather than throws: a thrown
 * error reaches the user as "no test files found" and a stack trace.)
 */
import { conformanceProblem, HOW_TO_GET_DATA } from '../support/conformance-dir.js';

export default function requireConformanceData(): void {
  const problem = conformanceProblem();
  if (problem === undefined) return;
  console.error(`npm run conformance needs Envoy Gateway's conformance data: ${problem}.\nTo get it, ${HOW_TO_GET_DATA}.`);
  process.exit(1);
}
