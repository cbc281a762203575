/**
 * Small manifests and a scratch folder shared by the CLI tests: a Gateway `default/eg` with one
 * HTTP listener and an HTTPRoute `default/web` attached to it, and a temporary folder to write
 * input files into (removed after the test file).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/** Gateway `default/eg`, listener `http`. */
export const GATEWAY = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: eg, namespace: default}
spec: {gatewayClassName: eg, listeners: [{name: http, port: 80, protocol: HTTP}]}
`;

/** HTTPRoute `default/web` on `eg`, with one rule; `rule` replaces the rule's own fields. */
export const route = (rule = 'backendRefs: [{name: web, port: 80}]'): string => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web, namespace: default}
spec: {parentRefs: [{name: eg}], rules: [{${rule}}]}
`;

/** The Gateway and the route, as one YAML stream. */
export const GATEWAY_AND_ROUTE = `${GATEWAY}---\n${route()}`;

/** BackendTrafficPolicy `default/<name>` targeting `target` (the Gateway `eg` by default), with `spec` lines added to its spec. */
export const policy = (name: string, spec: string, target = 'kind: Gateway, name: eg'): string => `apiVersion: gateway.envoyproxy.io/v1alpha1
kind: BackendTrafficPolicy
metadata: {name: ${name}, namespace: default}
spec:
  targetRefs: [{group: gateway.networking.k8s.io, ${target}}]
${spec}`;

/** A scratch folder for this test file, and a writer of files in it (subfolders made as needed). */
export function scratchFolder(prefix: string): { dir: string; write: (name: string, text: string) => string } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string): string => {
    const p = path.join(dir, name);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
    return p;
  };
  return { dir, write };
}
