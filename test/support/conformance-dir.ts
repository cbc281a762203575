/**
 * Where the Envoy Gateway conformance data lives. It is read from the shared checkout at test time
 * (`../shared/conformance/envoy-gateway` next to the repo) and never copied into the repo;
 * `BTP_CONFORMANCE_DIR` points elsewhere when the checkout is laid out differently.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The `envoy-gateway` conformance directory (holding `crd/`, `gatewayapi/`, `xds/`). */
export function conformanceDir(): string {
  return process.env.BTP_CONFORMANCE_DIR ?? path.resolve(repoRoot, '..', 'shared', 'conformance', 'envoy-gateway');
}

/** Whether the conformance data is available (suites that need it are skipped, and say so, when not). */
export function hasConformance(): boolean {
  return existsSync(path.join(conformanceDir(), 'crd'));
}

/** Path of the BackendTrafficPolicy CRD inside the conformance data. */
export function crdPath(): string {
  return path.join(conformanceDir(), 'crd', 'gateway.envoyproxy.io_backendtrafficpolicies.yaml');
}
