import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { resolvePolicies } from '../../src/index.js';
const dir = '/work/shared/conformance/envoy-gateway/gatewayapi/';
const leaves = new Map<string, unknown>();
for (const f of readdirSync(dir).filter(f => f.endsWith('.in.yaml'))) {
  const r = resolvePolicies(parse(readFileSync(dir + f, 'utf8')), { order: 'input' });
  for (const route of r.routes) for (const [k] of Object.entries(route.provenance)) {
    const v = k.split(/\.|\[/).reduce((o: any, p) => o?.[p.replace(']', '')], route.traffic);
    leaves.set(k.replace(/\[\d+\]/g, '[]'), v);
  }
}
for (const [k, v] of [...leaves].sort()) console.log(k, JSON.stringify(v));
