/**
 * Kubernetes `ObjectMeta`, as lenient as the API server: unknown metadata fields pass through.
 * `creationTimestamp` may be an RFC 3339 string (YAML, JSON) or a `Date` (`@kubernetes/client-node`).
 */
import * as z from 'zod';
import { stringMap } from './crd.js';

export const ObjectMetaSchema = z.looseObject({
  name: z.string().optional(),
  namespace: z.string().optional(),
  labels: stringMap().optional(),
  annotations: stringMap().optional(),
  creationTimestamp: z.union([z.string(), z.date()]).nullable().optional(),
  generation: z.number().int().optional(),
  uid: z.string().optional(),
  resourceVersion: z.string().optional(),
});
export type ObjectMeta = z.infer<typeof ObjectMetaSchema>;
