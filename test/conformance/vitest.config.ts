/**
 * `npm run conformance`: the conformance suites one file after the other, in name order, so the
 * summary lines always come out in the same order (`gatewayapi …`, then `xds N/M`). Without the
 * conformance data it fails at once, saying how to get it (`require-data.ts`).
 */
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import base from '../../vitest.config.js';

class ByName extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => (a.moduleId < b.moduleId ? -1 : a.moduleId > b.moduleId ? 1 : 0));
  }
}

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/conformance/**/*.test.ts'],
    globalSetup: ['test/conformance/require-data.ts'],
    fileParallelism: false,
    sequence: { sequencer: ByName },
  },
});
