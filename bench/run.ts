/**
 * `npm run bench`: resolvePolicies on generated clusters of 1k–50k routes, against
 * `structuredClone` of the same input as a yardstick for "touching every object once", with the
 * answer checked against the slow reference on every size. Also parseBackendTrafficPolicy and (when
 * the build has it) emitEnvoy throughput and incremental emission (createEnvoyEmitter, one changed
 * entry at 20k routes), and the package's budgets (`budgets.ts`: packed size,
 * import sizes, `btp` start-up), each against its limit.
 *
 * Runs on the built library (`dist/index.js`): `npm run build` first, then this file bundled by
 * tsup into `bench/.out/run.js` (outside `dist/`, so it never ends up in the package). Flags: `--json`, `--sizes 1000,5000`, `--variants mixed`,
 * `--runs N`, `--sample N` (routes and policies checked against the reference per size),
 * `--only budgets` (the budgets alone, in half a minute), `--only resolve` (the resolvePolicies
 * table alone, with its checks: about four minutes), `--only hostile` (the hostile-inputs
 * section of `hostile.ts` alone; `--hostile <text>` keeps the scenarios whose name contains it),
 * `--only resolver` (createResolver's changes alone, `resolver-changes.ts`; `--resolver-routes N`,
 * default 20000, `--changes N` per kind, default 200).
 */
import os from 'node:os';
import v8 from 'node:v8';
import { budgetLines, measureBudgets, withinBudget } from './budgets.js';
import { asListed, generateCluster, type Variant } from './generator.js';
import { measureResolverChanges, type ResolverChangesResult } from './resolver-changes.js';
import { check } from './reference.js';
import { MAX_EXPONENT, runHostile, type HostileRow } from './hostile.js';

type Library = typeof import('../src/index.js');
// `bench/.out/run.js` → `dist/index.js`: the build under test, not the sources.
const lib = (await import(new URL('../../dist/index.js', import.meta.url).href)) as Library;

// ---------------------------------------------------------------- options

const argv = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
};
const json = argv.includes('--json');
const sizes = (flag('sizes') ?? '1000,5000,20000,50000').split(',').map(Number);
const variants = (flag('variants') ?? 'mixed,selector-heavy,merge-heavy').split(',') as Variant[];
const forcedRuns = flag('runs') === undefined ? undefined : Number(flag('runs'));
const sample = Number(flag('sample') ?? 200);
/** Unless `--sizes` says otherwise, the extra variants run at these sizes only (mixed covers the range). */
const VARIANT_SIZES = new Set([5000, 20000]);
/** The size of the row for objects as a cluster lists them (mixed only). */
const LISTED_ROUTES = 20000;
const sizesGiven = flag('sizes') !== undefined;
const only = flag('only');
const budgetsOnly = only === 'budgets';
const hostileOnly = only === 'hostile';
const resolverOnly = only === 'resolver';
const resolveOnly = only === 'resolve';
const resolverRoutes = Number(flag('resolver-routes') ?? 20000);
const changes = Number(flag('changes') ?? 200);

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('run with `node --expose-gc` (npm run bench does) so heap numbers are meaningful');
  process.exit(2);
}
const log = (line = '') => {
  if (!json) console.log(line);
};

// ---------------------------------------------------------------- measuring

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const runsFor = (routes: number) => forcedRuns ?? (routes <= 5000 ? 9 : routes <= 20000 ? 5 : 3);

function time(fn: () => unknown): number {
  gc!();
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

interface ResolveRow {
  variant: Variant;
  /** The cluster as a cluster lists it (`asListed`): server-written fields on every object. */
  listed: boolean;
  routes: number;
  policies: number;
  objects: number;
  entries: number;
  runs: number;
  resolveMs: number;
  resolveRunsMs: number[];
  cloneMs: number;
  ratio: number;
  /** Heap growth: what the Resolution holds after a GC (the input's own size for scale). */
  retainedMB: number;
  inputMB: number;
  exponent: number | null;
  check: { sampledRoutes: number; sampledPolicies: number; problems: string[] };
}

interface IncrementalRow {
  routes: number;
  entries: number;
  samples: number;
  fullP50: number;
  fullP99: number;
  updateP50: number;
  updateP99: number;
  orderedP50: number;
  orderedP99: number;
  /** One update when the whole output is over the default budget (the whole state is re-emitted). */
  overBudgetP50: number;
  firstMs: number;
}

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

/**
 * createEnvoyEmitter against emitEnvoy: one route entry's value changes (its route timeout, which
 * changes its Envoy routes), fed as a resolver's change, alternately to new values. The budget is
 * raised to hold the whole output (20k generated routes make more Envoy routes than the default
 * 100,000): over budget, every update re-emits the whole state, measured on a few samples. Updates
 * are timed without a GC before each (one GC before each series): they allocate little.
 */
function measureIncremental(routes: number): IncrementalRow {
  const resolution = lib.resolvePolicies(generateCluster({ routes, seed: 3 }).objects);
  const entries = resolution.routes;
  const options = { budget: { routes: 1e9, bytes: 1e12 } };
  const none = { added: [], changed: [], removed: [] };
  const full: number[] = [];
  for (let i = 0; i < 5; i++) full.push(time(() => lib.emitEnvoy(resolution, options)));
  const series = (emitter: ReturnType<typeof lib.createEnvoyEmitter>, samples: number, withOrder: boolean): number[] => {
    const out: number[] = [];
    const current = [...entries];
    gc!();
    for (let i = 0; i < samples; i++) {
      const at = (i * 7919) % current.length;
      const changed = { ...current[at]!, timeout: 1000 + i };
      current[at] = changed;
      const t0 = performance.now();
      emitter.update({ routes: { ...none, changed: [changed] } }, withOrder ? current : undefined);
      out.push(performance.now() - t0);
    }
    return out;
  };
  const emitter = lib.createEnvoyEmitter(options);
  const firstMs = time(() => emitter.update({ routes: { ...none, added: entries } }, entries));
  const update = series(emitter, 101, false);
  const ordered = series(emitter, 101, true);
  const capped = lib.createEnvoyEmitter();
  capped.update({ routes: { ...none, added: entries } }, entries);
  const overBudget = series(capped, 5, false);
  return {
    routes,
    entries: entries.length,
    samples: update.length,
    fullP50: percentile(full, 50),
    fullP99: percentile(full, 99),
    updateP50: percentile(update, 50),
    updateP99: percentile(update, 99),
    orderedP50: percentile(ordered, 50),
    orderedP99: percentile(ordered, 99),
    overBudgetP50: percentile(overBudget, 50),
    firstMs,
  };
}

/** Live heap after full GCs, with pauses so that concurrent sweeping has finished counting. */
async function heapUsed(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc!();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return process.memoryUsage().heapUsed;
}

async function measureResolve(variant: Variant, routes: number, listed = false): Promise<ResolveRow> {
  const before = await heapUsed();
  const cluster = generateCluster({ routes, variant, seed: 1 });
  const input = listed ? asListed(cluster.objects) : cluster.objects;
  const inputMB = ((await heapUsed()) - before) / 2 ** 20;

  // Warm-up (the first run's answer is the one checked); small inputs get more, for the JIT.
  const first = lib.resolvePolicies(input);
  structuredClone(input);
  for (let i = 1; i < (routes <= 5000 ? 3 : 1); i++) {
    lib.resolvePolicies(input);
    structuredClone(input);
  }
  const problems = check(input, first, sample);
  const entries = first.routes.length;

  // Heap growth: what the result keeps alive.
  const h0 = await heapUsed();
  let held: unknown = lib.resolvePolicies(input);
  const retainedMB = ((await heapUsed()) - h0) / 2 ** 20;
  held = undefined;
  void held;

  // The forced GCs above (they measure memory) also reset the engine's heap sizing, and for the
  // next two resolves or so a major collection lands in each: a 20k-route resolve read 3.26× the
  // clone right after them and 2.60× after two untimed pairs, in one process. A running process
  // does not force collections, so their aftermath is kept out of the timings, as the resolver
  // bench keeps out its own.
  for (let i = 0; i < 2; i++) {
    structuredClone(input);
    lib.resolvePolicies(input);
  }
  const n = runsFor(routes);
  const resolveRuns: number[] = [];
  const cloneRuns: number[] = [];
  for (let i = 0; i < n; i++) {
    cloneRuns.push(time(() => structuredClone(input)));
    resolveRuns.push(time(() => lib.resolvePolicies(input)));
  }
  const resolveMs = median(resolveRuns);
  const cloneMs = median(cloneRuns);
  return {
    variant,
    listed,
    routes,
    policies: cluster.counts.policies,
    objects: input.length,
    entries,
    runs: n,
    resolveMs,
    resolveRunsMs: resolveRuns.map((x) => Math.round(x * 10) / 10),
    cloneMs,
    ratio: resolveMs / cloneMs,
    retainedMB,
    inputMB,
    exponent: null,
    check: { sampledRoutes: Math.min(sample, routes), sampledPolicies: Math.min(sample, cluster.counts.policies), problems },
  };
}

// ---------------------------------------------------------------- resolvePolicies

const machine = {
  node: process.version,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  heapLimitMB: Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20),
  platform: `${os.platform()} ${os.release()}`,
};
log(`backend-traffic-policy bench — node ${machine.node}, ${machine.cpus} cores (${machine.cpuModel}), heap limit ${machine.heapLimitMB} MB`);
log();
const rows: ResolveRow[] = [];
let parse: { policies: number; ms: number; usPerPolicy: number; perSecond: number } | undefined;
let emit: { routes: number; entries: number; ms: number; usPerEntry: number; perSecond: number } | { skipped: string } | undefined;
let incremental: IncrementalRow | { skipped: string } | undefined;
if (!budgetsOnly && !hostileOnly && !resolverOnly) {
  log('resolvePolicies (median of N runs after a warm-up; clone = structuredClone of the same input)');
  const header = ['variant', 'routes', 'policies', 'entries', 'N', 'resolve ms', 'clone ms', 'ratio', 'exponent', 'heap +MB', 'input MB', 'check'];
  const widths = [15, 7, 9, 8, 3, 11, 9, 6, 9, 9, 9, 0];
  const row = (cells: string[]) => log(cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' ').trimEnd());
  row(header);

  const show = (r: ResolveRow) => {
    const fmt = (x: number, d = 1) => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
    row([
      r.listed ? `${r.variant}, listed` : r.variant,
      fmt(r.routes, 0),
      fmt(r.policies, 0),
      fmt(r.entries, 0),
      String(r.runs),
      fmt(r.resolveMs),
      fmt(r.cloneMs),
      fmt(r.ratio, 2),
      r.exponent === null ? '—' : fmt(r.exponent, 2),
      fmt(r.retainedMB),
      fmt(r.inputMB),
      r.check.problems.length === 0 ? `ok (${r.check.sampledRoutes} routes, ${r.check.sampledPolicies} policies)` : `WRONG: ${r.check.problems.length} problems`,
    ]);
    for (const p of r.check.problems.slice(0, 5)) log(`    ${p}`);
  };
  for (const variant of variants) {
    let previous: ResolveRow | undefined;
    for (const routes of sizes) {
      if (variant !== 'mixed' && !sizesGiven && !VARIANT_SIZES.has(routes)) continue;
      const r = await measureResolve(variant, routes);
      if (previous) r.exponent = Math.log(r.resolveMs / previous.resolveMs) / Math.log(r.routes / previous.routes);
      previous = r;
      rows.push(r);
      show(r);
    }
  }
  // The same mixed cluster as a cluster lists it (`asListed`): what a controller's informer cache
  // or `kubectl get -o json` hands over. The generator's objects carry only what resolution reads,
  // the dearest input per byte; manifests from a repository are like them, a controller's are
  // like this row.
  if (variants.includes('mixed') && sizes.includes(LISTED_ROUTES)) {
    const r = await measureResolve('mixed', LISTED_ROUTES, true);
    rows.push(r);
    show(r);
  }
}

if (!budgetsOnly && !hostileOnly && !resolverOnly && !resolveOnly) {
  // ---------------------------------------------------------------- parseBackendTrafficPolicy

  const parseCluster = generateCluster({ routes: 5000, seed: 2 });
  const policies = parseCluster.objects.filter((o) => o.kind === 'BackendTrafficPolicy');
  for (const p of policies) lib.parseBackendTrafficPolicy(p);
  const parseRuns: number[] = [];
  for (let i = 0; i < 5; i++) parseRuns.push(time(() => policies.forEach((p) => lib.parseBackendTrafficPolicy(p))));
  const parseMs = median(parseRuns);
  parse = { policies: policies.length, ms: parseMs, usPerPolicy: (parseMs * 1000) / policies.length, perSecond: Math.round((policies.length / parseMs) * 1000) };
  log();
  log(`parseBackendTrafficPolicy: ${parse.policies} policies in ${parse.ms.toFixed(1)} ms — ${parse.usPerPolicy.toFixed(1)} µs/policy, ${parse.perSecond.toLocaleString('en-US')} policies/s`);

  // ---------------------------------------------------------------- emitEnvoy

  type Emit = (resolution: unknown, options?: unknown) => unknown;
  const emitEnvoy = (lib as unknown as { emitEnvoy?: Emit }).emitEnvoy;
  if (typeof emitEnvoy === 'function') {
    const routes = 5000;
    const resolution = lib.resolvePolicies(generateCluster({ routes, seed: 3 }).objects);
    emitEnvoy(resolution);
    const emitRuns: number[] = [];
    for (let i = 0; i < 5; i++) emitRuns.push(time(() => emitEnvoy(resolution)));
    const ms = median(emitRuns);
    const entries = resolution.routes.length;
    emit = { routes, entries, ms, usPerEntry: (ms * 1000) / entries, perSecond: Math.round((entries / ms) * 1000) };
    log(`emitEnvoy: ${routes.toLocaleString('en-US')} routes (${entries.toLocaleString('en-US')} route entries) in ${ms.toFixed(1)} ms — ${emit.usPerEntry.toFixed(1)} µs/entry, ${emit.perSecond.toLocaleString('en-US')} entries/s`);
  } else {
    emit = { skipped: 'this build has no emitEnvoy' };
    log('emitEnvoy: skipped (this build has no emitEnvoy)');
  }

  // ---------------------------------------------------------------- incremental emission

  incremental = typeof lib.createEnvoyEmitter === 'function' ? measureIncremental(20000) : { skipped: 'this build has no createEnvoyEmitter' };
  log();
  if ('skipped' in incremental) log(`incremental emission: skipped (${incremental.skipped})`);
  else {
    const r = incremental;
    const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
    log(`incremental emission: ${r.routes.toLocaleString('en-US')} routes (${r.entries.toLocaleString('en-US')} route entries), one entry changed, budget raised to hold the output (p50 / p99)`);
    log(`  emitEnvoy, whole (5 runs):               ${ms(r.fullP50)} / ${ms(r.fullP99)}`);
    log(`  emitter.update(change) (${r.samples} runs):       ${ms(r.updateP50)} / ${ms(r.updateP99)}  (p99 = ${((100 * r.updateP99) / r.fullP50).toFixed(2)}% of a whole emission)`);
    log(`  emitter.update(change, routes) (${r.samples} runs): ${ms(r.orderedP50)} / ${ms(r.orderedP99)}`);
    log(`  first update (every entry added):        ${ms(r.firstMs)}`);
    log(`  over the default budget, one update:     ${ms(r.overBudgetP50)} (p50 of 5: the whole state is re-emitted)`);
  }

}

// ---------------------------------------------------------------- hostile inputs
let hostile: HostileRow[] = [];
if (!budgetsOnly && !resolverOnly && !resolveOnly) {
  log();
  hostile = runHostile(lib, new URL('../../dist/cli/main.js', import.meta.url).pathname, log, gc, flag('hostile'));
}

// ---------------------------------------------------------------- createResolver

let resolver: ResolverChangesResult | undefined;
if (!budgetsOnly && !hostileOnly && !resolveOnly) {
  const cluster = generateCluster({ routes: resolverRoutes, seed: 1 });
  const r = measureResolverChanges(lib, cluster.objects, cluster.counts, changes, gc);
  resolver = r;
  const fmt = (x: number, d = 2) => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  log();
  log(
    `createResolver, one change (${fmt(r.routes, 0)} routes, ${fmt(r.policies, 0)} policies; full resolvePolicies ${fmt(r.fullMs, 1)} ms, first upsert of everything ${fmt(r.loadMs, 1)} ms; goal p99 ≤ 1% of full)`,
  );
  log(`${'change'.padEnd(32)} ${'N'.padStart(4)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'p99/full'.padStart(9)}`);
  for (const row of r.rows) log(`${row.change.padEnd(32)} ${String(row.samples).padStart(4)} ${fmt(row.p50Ms).padStart(8)} ${fmt(row.p99Ms).padStart(8)} ${`${fmt(row.ratio * 100)}%`.padStart(9)}`);
  log(`resolution(): ${fmt(r.resolutionMs)} ms (frozen results, fresh arrays); structuredClone of it: ${fmt(r.cloneResolutionMs, 1)} ms`);
  log(`resync, every object given again as one batch: ${fmt(r.resyncMs, 1)} ms (${fmt((r.resyncMs / r.fullMs) * 100, 1)}% of a full resolve; nothing changes)`);
}

// ---------------------------------------------------------------- budgets

const { budgets, context } = hostileOnly || resolverOnly || resolveOnly ? { budgets: [], context: '' } : await measureBudgets(new URL('../../', import.meta.url).pathname);
if (!hostileOnly && !resolverOnly && !resolveOnly) {
  log();
  log('package budgets (on dist/, as published)');
  for (const line of budgetLines(budgets)) log(`  ${line}`);
  log(`  (${context})`);
}
const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
log();
log(`peak RSS of this process: ${peakRssMB.toLocaleString('en-US')} MB (default heap limit ${machine.heapLimitMB.toLocaleString('en-US')} MB)`);

const failed = rows.some((r) => r.check.problems.length > 0);
if (json) console.log(JSON.stringify({ machine: { ...machine, peakRssMB }, resolve: rows, parse, emit, incremental, resolver, hostile, budgets }, null, 2));
if (failed) {
  console.error('bench: some answers disagree with the reference');
  process.exitCode = 1;
}
const steep = hostile.filter((h) => h.exponent > MAX_EXPONENT);
if (steep.length > 0) {
  console.error(`bench: hostile inputs grow faster than linear: ${steep.map((h) => `${h.scenario} (${h.exponent.toFixed(2)})`).join(', ')}`);
  process.exitCode = 1;
}
const over = budgets.filter((b) => !withinBudget(b));
if (over.length > 0) {
  console.error(`bench: over budget: ${over.map((b) => b.name).join(', ')}`);
  process.exitCode = 1;
}
