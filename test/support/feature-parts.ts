/** The features' Envoy route parts, each with its `traffic` key, for tests that drive them directly. */
import { FEATURES } from '../../src/features/registry.js';
import type { RouteEmission } from '../../src/features/feature.js';

export const ROUTE_PARTS: ReadonlyArray<RouteEmission & { key: string }> = FEATURES.flatMap((f) => (f.route ? [{ ...f.route, key: f.key }] : []));
