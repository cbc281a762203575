import { defineConfig } from 'tsup';

// The two builds run in parallel, so each cleans only its own part of dist/.
export default defineConfig([
  {
    // The library: ESM + CJS, each with its own declaration file (.d.ts / .d.cts).
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: ['!cli/**'],
    target: 'node20',
    treeshake: true,
  },
  {
    // The CLI (bin `btp` → dist/cli/main.js): ESM only, a thin shell over the library, which it
    // bundles from source (its runtime dependencies stay external).
    entry: { main: 'src/cli/main.ts' },
    outDir: 'dist/cli',
    format: ['esm'],
    sourcemap: true,
    clean: true,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    external: ['backend-traffic-policy'],
  },
]);
