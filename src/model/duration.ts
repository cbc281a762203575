/** The Gateway API `Duration` (GEP-2257) as the CRD validates it; its parsers are in `values/duration.ts`. */
import { k8sString } from './crd.js';
import { DURATION_PATTERN } from '../values/duration.js';

/** A Gateway API Duration string, validated by the CRD's pattern. */
export const DurationSchema = k8sString({ pattern: DURATION_PATTERN });
