import { defineConfig } from 'tsup';

/** The library's entries: the root, the models alone (parse and validate; no resolver, no emitter) and the zod-free value parsers. */
const LIBRARY = { index: 'src/index.ts', model: 'src/model/index.ts', values: 'src/values/index.ts' };

export default defineConfig({
  // One build with code splitting: the CLI (bin `btp` → dist/cli/main.js) shares the library's
  // chunks instead of bundling a copy, and each command's module, which cli/run.ts imports only
  // when the command runs, becomes a chunk of its own. The CLI is ESM only; the library is ESM
  // and CommonJS, with declaration files for both (.d.ts, .d.cts) from one type build.
  entry: { ...LIBRARY, 'cli/main': 'src/cli/main.ts' },
  format: ['esm', 'cjs'],
  esbuildOptions(options, { format }) {
    if (format === 'cjs') options.entryPoints = LIBRARY;
    options.chunkNames = 'chunks/[name]-[hash]';
    // Minified, with every function and class keeping its name (`keepNames` sets `name`, which V8
    // prints in stack traces): the packed size stays within its 400 kB budget (unminified, it is
    // 464 kB: the code grew by the rate limit service's configuration, admission and incremental
    // resolution and emission). No source maps: they tripled the package.
    options.minifyWhitespace = true;
    options.minifySyntax = true;
    options.minifyIdentifiers = true;
    options.keepNames = true;
  },
  splitting: true,
  dts: { entry: LIBRARY },
  clean: true,
  target: 'node20',
});
