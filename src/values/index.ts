/**
 * `backend-traffic-policy/values`: the value types' parsers and formatters (Gateway API and Go
 * durations, Kubernetes quantities, fractions) without zod, for code that needs a duration or a
 * quantity and not the models. The root entry exports them too.
 */
export { parseDuration, parseGoDuration, formatGoDuration } from './duration.js';
export { parseQuantity, quantityAsInt64 } from './quantity.js';
export { fractionToPercent } from './fraction.js';
export type { Result } from '../model/result.js';
