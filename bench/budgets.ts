/**
 * The package's budgets, measured on the build in `dist/` as a user meets it: the packed size,
 * what importing one function costs a browser bundle (esbuild, minified), and how long `btp`
 * takes to start. Each is printed against its budget; `run.ts` turns an overrun into a failing
 * exit code.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

export interface Budget {
  name: string;
  value: number;
  budget: number;
  unit: 'kB' | 'ms' | 'modules';
  /** How it was measured, printed after the numbers. */
  note: string;
}

const KB = 1000;
/** The stages that parsing a policy must not load (their source folders). */
const LATER_STAGES = /^src\/(resolve|match|emit)\//;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** `npm pack`'s tarball size for the current dist/ (no prepack build: the bench built it). */
function packedSize(root: string): number {
  const out = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`npm pack --dry-run failed: ${out.stderr}`);
  return (JSON.parse(out.stdout) as Array<{ size: number }>)[0]!.size;
}

/** The minified size of a browser bundle that imports `name` from `specifier` and uses it. */
async function importSize(root: string, name: string, specifier: string): Promise<number> {
  const result = await build({
    stdin: { contents: `import { ${name} } from '${specifier}';\nconsole.log(${name});\n`, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.contents.length;
}

/** The modules of the resolver, matcher and emitter that a bundle of `name` from the sources contains. */
async function laterStageModules(root: string, name: string): Promise<string[]> {
  const result = await build({
    stdin: { contents: `import { ${name} } from './src/index.ts';\nconsole.log(${name});\n`, resolveDir: root, loader: 'ts' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  // The output's inputs, not the metafile's: those list every module read, kept or shaken off.
  const kept = Object.values(result.metafile.outputs)[0]!.inputs;
  return Object.keys(kept).filter((file) => LATER_STAGES.test(file) && kept[file]!.bytesInOutput > 0);
}

/** Median wall time of `node <args>` over `runs` runs, after one warm-up run (file cache). */
function medianRunMs(root: string, args: readonly string[], runs: number): number {
  const once = () => {
    const t0 = performance.now();
    const out = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    const ms = performance.now() - t0;
    if (out.status !== 0) throw new Error(`node ${args.join(' ')} exited ${out.status}: ${out.stderr}`);
    return ms;
  };
  once();
  return median(Array.from({ length: runs }, once));
}

export async function measureBudgets(root: string, runs = 11): Promise<{ budgets: Budget[]; context: string }> {
  const btp = path.join('dist', 'cli', 'main.js');
  const smallFile = path.join('examples', 'platform', 'policies.yaml');
  const resolverModules = await laterStageModules(root, 'parseBackendTrafficPolicy');
  const budgets: Budget[] = [
    // 410 for a while for the admission fast path (model/fast-parse.ts, ~4 kB per build); back to 400 once keepNames went (387 kB).
    { name: 'packed size', value: packedSize(root) / KB, budget: 400, unit: 'kB', note: 'npm pack' },
    {
      name: 'parseDuration alone',
      value: (await importSize(root, 'parseDuration', 'backend-traffic-policy/values')) / KB,
      budget: 15,
      unit: 'kB',
      note: "from 'backend-traffic-policy/values', esbuild --bundle --minify --platform=browser",
    },
    {
      name: 'parseDuration alone, from the root',
      value: (await importSize(root, 'parseDuration', 'backend-traffic-policy')) / KB,
      budget: 15,
      unit: 'kB',
      note: "from 'backend-traffic-policy', the same bundle",
    },
    {
      name: 'parseBackendTrafficPolicy alone',
      value: resolverModules.length,
      budget: 0,
      unit: 'modules',
      note:
        `of src/resolve, src/match, src/emit in its bundle${resolverModules.length ? ` (${resolverModules.slice(0, 3).join(', ')}, …)` : ''}; ` +
        `${((await importSize(root, 'parseBackendTrafficPolicy', 'backend-traffic-policy/model')) / KB).toFixed(1)} kB minified from 'backend-traffic-policy/model' (zod is most of it)`,
    },
    { name: 'btp --version', value: medianRunMs(root, [btp, '--version'], runs), budget: 150, unit: 'ms', note: `median of ${runs} runs` },
    {
      name: 'btp validate <one small file>',
      value: medianRunMs(root, [btp, 'validate', smallFile], runs),
      budget: 400,
      unit: 'ms',
      note: `${smallFile}, median of ${runs} runs`,
    },
  ];
  // Start-up times depend on the machine and on what else runs on it: give both for scale.
  const nodeMs = medianRunMs(root, ['-e', '0'], runs);
  const load = os.loadavg().map((x) => x.toFixed(1)).join(' ');
  return { budgets, context: `node -e 0 takes ${nodeMs.toFixed(0)} ms here; load average ${load} on ${os.cpus().length} cores` };
}

export const withinBudget = (b: Budget): boolean => b.value <= b.budget;

/** One line per budget: name, value, budget, ok or OVER, how it was measured. */
export function budgetLines(budgets: readonly Budget[]): string[] {
  const fmt = (b: Budget, x: number) => (b.unit === 'modules' ? `${x} ${b.unit}` : `${x.toFixed(b.unit === 'kB' ? 1 : 0)} ${b.unit}`);
  return budgets.map(
    (b) => `${b.name.padEnd(36)} ${fmt(b, b.value).padStart(10)}  ≤ ${fmt(b, b.budget).padEnd(10)} ${(withinBudget(b) ? 'ok' : 'OVER').padEnd(4)}  ${b.note}`,
  );
}
