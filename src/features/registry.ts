/**
 * The feature registry: one row per BackendTrafficPolicy feature, in Envoy Gateway's translation
 * order (the order of keys in `traffic` and of errors in a status message). Everything else is
 * derived from this table: the policy's spec schema, the resolved `traffic` type, which features
 * TCP/TLS and UDP routes take, the route and cluster emission passes and the HTTP filter order.
 * Adding a feature means adding its folder and one row here (see docs/architecture.md).
 */
import type * as z from 'zod';
import { admissionControl } from './admission-control/index.js';
import { bandwidthLimit } from './bandwidth-limit/index.js';
import { circuitBreaker } from './circuit-breaker/index.js';
import { compression } from './compression/index.js';
import { backendConnection } from './connection/index.js';
import { dns } from './dns/index.js';
import { faultInjection } from './fault-injection/index.js';
import type { FeatureDefinition, FilterRank } from './feature.js';
import { healthCheck } from './health-check/index.js';
import { http2 } from './http2/index.js';
import { httpUpgrade } from './http-upgrade/index.js';
import { loadBalancer } from './load-balancer/index.js';
import { proxyProtocol } from './proxy-protocol/index.js';
import { rateLimit } from './rate-limit/index.js';
import { requestBuffer } from './request-buffer/index.js';
import { responseOverride } from './response-override/index.js';
import { retry } from './retry/index.js';
import { tcpKeepalive } from './tcp-keepalive/index.js';
import { telemetry } from './telemetry/index.js';
import { timeout } from './timeout/index.js';

const REGISTRY = [
  rateLimit,
  loadBalancer,
  proxyProtocol,
  healthCheck,
  circuitBreaker,
  faultInjection,
  tcpKeepalive,
  retry,
  timeout,
  backendConnection,
  http2,
  dns,
  responseOverride,
  compression,
  httpUpgrade,
  requestBuffer,
  telemetry,
  bandwidthLimit,
  admissionControl,
] as const;

/** The rows, for iteration (each row's value type widened to `unknown`). */
export const FEATURES: readonly FeatureDefinition[] = REGISTRY;

type Feature = (typeof REGISTRY)[number];
/** A `traffic` key: `rateLimit`, `loadBalancer`, … */
export type FeatureKey = Feature['key'];

/**
 * The effective settings of one route rule, in Envoy Gateway's IR vocabulary (durations in ms,
 * sizes in bytes): one optional key per feature, typed by the feature's `traffic` schema.
 */
export type ResolvedTraffic = { -readonly [F in Feature as F['key']]?: z.output<F['traffic']> };

const keysWhere = (test: (f: FeatureDefinition) => boolean): ReadonlySet<FeatureKey> => new Set(FEATURES.filter(test).map((f) => f.key as FeatureKey));

/** The features TCP/TLS routes take from policies at every level, and from route-level ones. */
export const TCP_GATEWAY_KEYS = keysWhere((f) => f.layer4?.tcp === 'any');
export const TCP_ROUTE_KEYS = keysWhere((f) => f.layer4?.tcp !== undefined);
/** The features UDP routes take. */
export const UDP_KEYS = keysWhere((f) => f.layer4?.udp === true);

/** Every HTTP filter family a feature adds, with its rank in Envoy Gateway's filter order. */
export const FILTER_RANKS: readonly FilterRank[] = FEATURES.flatMap((f) => f.filters ?? []);
