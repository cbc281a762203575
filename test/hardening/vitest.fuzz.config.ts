/**
 * `npm run fuzz`: the hardening properties for minutes instead of seconds (FUZZ_SECONDS, default
 * 300; FUZZ_SEED fixes the seed, which is printed either way). Kept out of `npm test` by the
 * `.fuzz.ts` suffix.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const seconds = Number(process.env.FUZZ_SECONDS ?? 300);

export default defineConfig({
  root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..'),
  test: {
    include: ['test/hardening/**/*.fuzz.ts'],
    testTimeout: (seconds + 600) * 1000,
    hookTimeout: 60_000,
  },
});
