/**
 * The Gateway API objects resolution reads — Gateway, ListenerSet, the xRoutes, ReferenceGrant —
 * and the core objects it needs (Namespace, Service, Secret, ConfigMap).
 *
 * Lenient where the API server is lenient: every object keeps the fields we do not model
 * (`looseObject`), and only the fields resolution depends on are typed and checked.
 */
import * as z from 'zod';
import { LabelSelectorSchema } from './label-selector.js';
import { ObjectMetaSchema } from './object-meta.js';

const typeMeta = {
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  metadata: ObjectMetaSchema.default({}),
};

export const RouteGroupKindSchema = z.looseObject({ group: z.string().optional(), kind: z.string() });
export type RouteGroupKind = z.infer<typeof RouteGroupKindSchema>;

export const AllowedRoutesSchema = z.looseObject({
  namespaces: z
    .looseObject({
      from: z.string().optional(),
      selector: LabelSelectorSchema.optional(),
    })
    .optional(),
  kinds: z.array(RouteGroupKindSchema).optional(),
});

export const ListenerSchema = z.looseObject({
  name: z.string(),
  hostname: z.string().optional(),
  port: z.number().int().optional(),
  protocol: z.string(),
  allowedRoutes: AllowedRoutesSchema.optional(),
});
export type Listener = z.infer<typeof ListenerSchema>;

export const GatewaySchema = z.looseObject({
  ...typeMeta,
  spec: z.looseObject({
    gatewayClassName: z.string().optional(),
    listeners: z.array(ListenerSchema).default([]),
  }),
});
export type Gateway = z.infer<typeof GatewaySchema>;

export const ParentGatewayReferenceSchema = z.looseObject({
  group: z.string().optional(),
  kind: z.string().optional(),
  name: z.string(),
  namespace: z.string().optional(),
});

export const ListenerSetSchema = z.looseObject({
  ...typeMeta,
  spec: z.looseObject({
    parentRef: ParentGatewayReferenceSchema,
    listeners: z.array(ListenerSchema).default([]),
  }),
});
export type ListenerSet = z.infer<typeof ListenerSetSchema>;

/** Gateway API `ParentReference`: a route's parent, and a policy status's ancestor. */
export const ParentReferenceSchema = z.looseObject({
  group: z.string().optional(),
  kind: z.string().optional(),
  namespace: z.string().optional(),
  name: z.string(),
  sectionName: z.string().optional(),
  port: z.number().int().optional(),
});
export type ParentReference = z.infer<typeof ParentReferenceSchema>;

export const RouteRuleSchema = z.looseObject({
  name: z.string().optional(),
  matches: z.array(z.looseObject({})).optional(),
  backendRefs: z.array(z.looseObject({})).optional(),
});
export type RouteRule = z.infer<typeof RouteRuleSchema>;

/** Common shape of HTTPRoute, GRPCRoute, TCPRoute, UDPRoute and TLSRoute. */
export const RouteSchema = z.looseObject({
  ...typeMeta,
  spec: z.looseObject({
    parentRefs: z.array(ParentReferenceSchema).default([]),
    hostnames: z.array(z.string()).optional(),
    rules: z.array(RouteRuleSchema).default([]),
  }),
});
export type Route = z.infer<typeof RouteSchema>;

export const ReferenceGrantSchema = z.looseObject({
  ...typeMeta,
  spec: z.looseObject({
    from: z.array(z.looseObject({ group: z.string(), kind: z.string(), namespace: z.string() })).default([]),
    to: z.array(z.looseObject({ group: z.string(), kind: z.string(), name: z.string().optional() })).default([]),
  }),
});
export type ReferenceGrant = z.infer<typeof ReferenceGrantSchema>;

/**
 * A GatewayClass: which controller programs the Gateways of the class (`spec.controllerName`, a
 * domain-prefixed path such as `gateway.envoyproxy.io/gatewayclass-controller`).
 */
export const GatewayClassSchema = z.looseObject({
  ...typeMeta,
  spec: z.looseObject({ controllerName: z.string().min(1).max(253) }),
});
export type GatewayClass = z.infer<typeof GatewayClassSchema>;

export const NamespaceSchema = z.looseObject({ ...typeMeta });
export type Namespace = z.infer<typeof NamespaceSchema>;

export const ServiceSchema = z.looseObject({ ...typeMeta, spec: z.looseObject({}).optional() });
export type Service = z.infer<typeof ServiceSchema>;

/** A Secret: only its type and data matter here (a listener's certificates). */
export const SecretSchema = z.looseObject({
  ...typeMeta,
  type: z.string().optional(),
  data: z.record(z.string(), z.string()).optional(),
  stringData: z.record(z.string(), z.string()).optional(),
});
export type Secret = z.infer<typeof SecretSchema>;

export const ConfigMapSchema = z.looseObject({
  ...typeMeta,
  data: z.record(z.string(), z.string()).optional(),
  binaryData: z.record(z.string(), z.string()).optional(),
});
export type ConfigMap = z.infer<typeof ConfigMapSchema>;
