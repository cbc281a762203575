/** The fixtures of the admission tests: multi-document manifests in `fixtures/`, read as kubectl reads them. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readObjects } from '../../src/cli/read-inputs.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** The objects of `fixtures/<name>.yaml`, in file order, read by the CLI's reader (merge keys applied). */
export function admissionFixture(name: string): Array<Record<string, unknown>> {
  const file = join(FIXTURES, `${name}.yaml`);
  return readObjects(file, readFileSync(file, 'utf8')).map((o) => o.value);
}
