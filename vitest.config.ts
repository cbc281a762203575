import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The example controller imports the package as a user does; its test runs it on the source.
  resolve: { alias: [{ find: /^backend-traffic-policy$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) }] },
  test: {
    include: ['test/**/*.test.ts', 'examples/controller/test/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
