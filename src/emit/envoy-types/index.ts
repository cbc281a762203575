/**
 * Types of the Envoy v3 messages `emitEnvoy` produces, in protojson form (lowerCamelCase names,
 * `@type` on every `Any`, 64-bit integers and durations as strings): the fields we set, not every
 * field Envoy has.
 */
export * from './core.js';
export * from './route.js';
export * from './cluster.js';
export * from './http-filters.js';
export * from './rate-limit.js';
