/**
 * The BTP JSON Schema, generated from the zod models (never written by hand), for editors
 * (yaml-language-server) and other tools.
 */
import * as z from 'zod';
import { BackendTrafficPolicySchema } from './backend-traffic-policy.js';
import { modelRegistry } from './registry.js';

/** A JSON Schema (draft 2020-12) of a whole BackendTrafficPolicy, as users write it (input side). */
export function backendTrafficPolicyJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(BackendTrafficPolicySchema, {
    target: 'draft-2020-12',
    io: 'input',
    metadata: modelRegistry,
    unrepresentable: 'any',
    reused: 'inline',
  }) as Record<string, unknown>;
  return { ...schema, title: 'BackendTrafficPolicy (gateway.envoyproxy.io/v1alpha1)' };
}
