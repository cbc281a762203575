/**
 * Where the conformance data lives: Envoy Gateway's test data (`envoy-gateway/`) and the rate
 * limit service's (`envoyproxy-ratelimit/`), at the commits pinned in
 * `test/conformance/sources.json`. It is read in place, never copied into the repo: from
 * `BTP_CONFORMANCE_DIR` when set, else from `../shared/conformance` beside the repo.
 * `npm run conformance:fetch` downloads it there.
 *
 * Without the data, the tests that need it are skipped, and each test file that skips says why
 * (once, on stderr); `npm run conformance` refuses to run (`require-data.ts`).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The folder holding `envoy-gateway/` and `envoyproxy-ratelimit/`. */
export function conformanceRoot(): string {
  return path.resolve(repoRoot, process.env.BTP_CONFORMANCE_DIR || path.join('..', 'shared', 'conformance'));
}

/** The `envoy-gateway` conformance directory (holding `crd/`, `gatewayapi/`, `ratelimit-config/`, `xds/`). */
export function conformanceDir(): string {
  return path.join(conformanceRoot(), 'envoy-gateway');
}

/** The `envoyproxy-ratelimit` conformance directory (holding `rls_conf.proto`, `config-tests/`). */
export function ratelimitConformanceDir(): string {
  return path.join(conformanceRoot(), 'envoyproxy-ratelimit');
}

/** What a complete copy of the data holds, relative to the root: one entry per folder of its README. */
const REQUIRED = [
  'envoy-gateway/crd/gateway.envoyproxy.io_backendtrafficpolicies.yaml',
  'envoy-gateway/gatewayapi',
  'envoy-gateway/ratelimit-config/in',
  'envoy-gateway/ratelimit-config/out',
  'envoy-gateway/xds/in',
  'envoy-gateway/xds/out',
  'envoyproxy-ratelimit/rls_conf.proto',
  'envoyproxy-ratelimit/config-tests',
];

/** How to get the data, for every message that reports it missing. */
export const HOW_TO_GET_DATA =
  'run `npm run conformance:fetch`, or set BTP_CONFORMANCE_DIR to a folder holding envoy-gateway/ and envoyproxy-ratelimit/ (README, Contributing)';

/** Why the data cannot be used (not there, or incomplete), or undefined when it can. */
export function conformanceProblem(): string | undefined {
  const root = conformanceRoot();
  const missing = REQUIRED.filter((entry) => !existsSync(path.join(root, entry)));
  if (missing.length === REQUIRED.length) return `the conformance data is not at ${root}`;
  if (missing.length > 0) return `the conformance data at ${root} is incomplete (no ${missing.join(', ')})`;
  return undefined;
}

// Test files run in their own module graph, so this is "said already in this test file".
let said = false;

/**
 * Whether the conformance data is available. When it is not, the first call in a test file says
 * on stderr what is skipped and why, so a run without the data never shrinks silently.
 */
export function hasConformance(): boolean {
  const problem = conformanceProblem();
  if (problem !== undefined && !said) {
    said = true;
    console.warn(`without the conformance data, this file skips what needs it: ${problem}; to get it, ${HOW_TO_GET_DATA}`);
  }
  return problem === undefined;
}

/** Path of the BackendTrafficPolicy CRD inside the conformance data. */
export function crdPath(): string {
  return path.join(conformanceDir(), 'crd', 'gateway.envoyproxy.io_backendtrafficpolicies.yaml');
}
