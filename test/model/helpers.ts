import { parseBackendTrafficPolicy, type ParseOptions } from '../../src/model/parse.js';
import { formatIssue, type ValidationIssue } from '../../src/model/issues.js';

/** A minimal valid policy around the given spec fields (targets a Gateway unless the fields say otherwise). */
export function policyWith(spec: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: 'gateway.envoyproxy.io/v1alpha1',
    kind: 'BackendTrafficPolicy',
    metadata: { name: 'btp', namespace: 'default' },
    spec: { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'eg' }], ...spec },
  };
}

/**
 * The issues the API server would report for a policy with these spec fields ([] when valid):
 * path, message and code (`serverErrors` has the server's own text).
 */
export function validateSpec(spec: Record<string, unknown>, options?: ParseOptions): ValidationIssue[] {
  const r = parseBackendTrafficPolicy(policyWith(spec), options);
  return r.success ? [] : r.issues.map(({ server: _server, ...issue }) => issue);
}

/** The issues of a policy with these spec fields as the API server prints them (`formatIssue`). */
export function serverErrors(spec: Record<string, unknown>): string[] {
  const r = parseBackendTrafficPolicy(policyWith(spec));
  return r.success ? [] : r.issues.map(formatIssue);
}

/** The parsed, defaulted spec; fails the test when the spec is invalid. */
export function parseSpec(spec: Record<string, unknown>): Record<string, any> {
  const r = parseBackendTrafficPolicy(policyWith(spec));
  if (!r.success) throw new Error(`expected a valid spec, got: ${JSON.stringify(r.issues, null, 2)}`);
  return r.data.spec as Record<string, any>;
}

/** Only the messages, for compact assertions. */
export const messages = (issues: ValidationIssue[]): string[] => issues.map((i) => i.message);
