import { defineFeature } from '../feature.js';
import { loadBalancerSpecFields } from './spec.js';
import { loadBalancerRouteFields, loadBalancerTranslation, LoadBalancerTrafficSchema } from './traffic.js';
import { loadBalancerRoute } from './envoy-route.js';
import { loadBalancerCluster } from './envoy-cluster.js';

export const loadBalancer = defineFeature({
  key: 'loadBalancer',
  errorPrefix: 'LoadBalancer',
  spec: loadBalancerSpecFields,
  traffic: LoadBalancerTrafficSchema,
  translation: loadBalancerTranslation,
  routeFields: loadBalancerRouteFields,
  route: loadBalancerRoute,
  cluster: loadBalancerCluster,
  layer4: { tcp: 'any', udp: true },
});
