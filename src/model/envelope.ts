/**
 * The envelope of each kind the library reads, as a cluster serves it: its API group and the
 * versions served, whether it is namespaced, and how its name is checked. `checkTypeMeta` is the
 * API server's check of `apiVersion` and `kind` (`ValidateTypeMeta` of a custom resource, and the
 * REST mapping that `kubectl` does first).
 */
import { ENVOY_GATEWAY_GROUP, GATEWAY_API_GROUP } from './kinds.js';
import type { ValidationIssue } from './issues.js';
import { goQuote } from '../lang/go-format.js';
import type { ObjectMetaRules } from './object-meta-validation.js';

export interface KindRule extends ObjectMetaRules {
  kind: string;
  /** `''` for the core group. */
  group: string;
  /** Versions served, preferred first. */
  versions: readonly string[];
  /**
   * The CRD has CEL rules (`x-kubernetes-validations`), so the API server adds its "some
   * validation rules were not checked" error after a blocking one. Built-in kinds have none.
   */
  cel: boolean;
}

const gatewayApi = (kind: string, versions: readonly string[], cel = true): KindRule => ({ kind, group: GATEWAY_API_GROUP, versions, namespaced: true, name: 'dns1123Subdomain', cel });
const core = (kind: string, namespaced: boolean, name: KindRule['name']): KindRule => ({ kind, group: '', versions: ['v1'], namespaced, name, coreFinalizers: true, cel: false });

/**
 * Every kind resolution reads. Gateway API versions are those its recent releases serve in either
 * channel (a version some release serves is accepted: rejecting a manifest a cluster takes would
 * silently drop its routes); Envoy Gateway's CRD serves `v1alpha1` only.
 */
export const KIND_RULES: Readonly<Record<string, KindRule>> = {
  BackendTrafficPolicy: { kind: 'BackendTrafficPolicy', group: ENVOY_GATEWAY_GROUP, versions: ['v1alpha1'], namespaced: true, name: 'dns1123Subdomain', cel: true },
  Gateway: gatewayApi('Gateway', ['v1', 'v1beta1']),
  HTTPRoute: gatewayApi('HTTPRoute', ['v1', 'v1beta1']),
  GRPCRoute: gatewayApi('GRPCRoute', ['v1', 'v1alpha2']),
  TLSRoute: gatewayApi('TLSRoute', ['v1', 'v1alpha3', 'v1alpha2']),
  TCPRoute: gatewayApi('TCPRoute', ['v1', 'v1alpha2']),
  UDPRoute: gatewayApi('UDPRoute', ['v1', 'v1alpha2']),
  ListenerSet: gatewayApi('ListenerSet', ['v1']),
  XListenerSet: { ...gatewayApi('XListenerSet', ['v1alpha1']), group: 'gateway.networking.x-k8s.io' },
  ReferenceGrant: gatewayApi('ReferenceGrant', ['v1', 'v1beta1', 'v1alpha2'], false),
  GatewayClass: { ...gatewayApi('GatewayClass', ['v1', 'v1beta1'], false), namespaced: false },
  Namespace: core('Namespace', false, 'dns1123Label'),
  Service: core('Service', true, 'dns1035Label'),
  Secret: core('Secret', true, 'dns1123Subdomain'),
  ConfigMap: core('ConfigMap', true, 'dns1123Subdomain'),
};

/** The kind rule of a kind the library reads, if any. */
export function kindRule(kind: string): KindRule | undefined {
  return Object.hasOwn(KIND_RULES, kind) ? KIND_RULES[kind] : undefined;
}

/** `group/version` (just `version` for the core group). */
export function apiVersionOf(rule: KindRule, version: string): string {
  return rule.group === '' ? version : `${rule.group}/${version}`;
}

/**
 * `apiVersion` and `kind` of an object meant to be `rule.kind`. `mapping` is what kubectl reports
 * when a cluster has no such version (`no matches for kind …`); otherwise the API server's own
 * check of a custom resource (`apiVersion: Invalid value: "…": must be gateway.envoyproxy.io/v1alpha1`).
 */
export function checkTypeMeta(object: Record<string, unknown>, rule: KindRule, style: 'mapping' | 'validator'): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const kind = typeof object.kind === 'string' ? object.kind : '';
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  const preferred = apiVersionOf(rule, rule.versions[0]!);
  const must = (field: 'kind' | 'apiVersion', value: string, expected: string): ValidationIssue => ({
    path: field,
    message: `Invalid value: ${goQuote(value)}: must be ${expected}`,
    code: field,
    server: { field, type: 'Invalid value', value: goQuote(value), detail: `must be ${expected}` },
  });
  if (kind !== rule.kind) issues.push(must('kind', kind, rule.kind));
  const served = rule.versions.some((v) => apiVersionOf(rule, v) === apiVersion);
  if (!served) {
    if (style === 'mapping' && apiVersion !== '') {
      issues.push({ path: 'apiVersion', message: `no matches for kind ${goQuote(kind || rule.kind)} in version ${goQuote(apiVersion)}`, code: 'apiVersion' });
    } else {
      const expected = rule.versions.length === 1 ? preferred : rule.versions.map((v) => apiVersionOf(rule, v)).join(' or ');
      issues.push(must('apiVersion', apiVersion, expected));
    }
  }
  return issues;
}
