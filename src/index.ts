/**
 * backend-traffic-policy: Envoy Gateway's BackendTrafficPolicy as pure functions over plain data.
 *
 * Pipeline: `model` (schemas, validation) → `admit` (the API server) → `match` (targets, route
 * attachment) → `resolve` (precedence, merge, status) → `emit` (Envoy xDS).
 */
export * from './model/index.js';
export { admitObject, type AdmitOptions, type ObjectAdmission } from './admit/admit-object.js';
export * from './resolve/index.js';
export * from './emit/index.js';
