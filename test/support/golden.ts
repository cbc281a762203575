/** Test-only reader of the BackendTrafficPolicies in Envoy Gateway's gatewayapi golden inputs. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { conformanceDir } from './conformance-dir.js';

export interface GoldenPolicy {
  /** The case file name, e.g. `backendtrafficpolicy-with-retries.in.yaml`. */
  file: string;
  /**
   * `namespace/name`; when a file lists the same name again (it happens), the repeat is
   * `namespace/name#2`, `#3`, ….
   */
  name: string;
  /** The policy object exactly as in the file. */
  policy: Record<string, unknown>;
}

/** Bundles name the list `backendTrafficPolicies`; accept any casing of that key. */
const BTP_KEY = /^backendtrafficpolicies$/i;

export function goldenPolicies(): GoldenPolicy[] {
  const dir = path.join(conformanceDir(), 'gatewayapi');
  const out: GoldenPolicy[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.in.yaml')).sort()) {
    const seen = new Map<string, number>();
    for (const doc of parseAllDocuments(readFileSync(path.join(dir, file), 'utf8'))) {
      const bundle = doc.toJS() as Record<string, unknown> | null;
      if (!bundle || typeof bundle !== 'object') continue;
      for (const [key, list] of Object.entries(bundle)) {
        if (!BTP_KEY.test(key) || !Array.isArray(list)) continue;
        for (const policy of list as Array<Record<string, unknown>>) {
          const meta = (policy.metadata ?? {}) as { namespace?: string; name?: string };
          const base = `${meta.namespace ?? 'default'}/${meta.name ?? ''}`;
          const n = (seen.get(base) ?? 0) + 1;
          seen.set(base, n);
          out.push({ file, name: n === 1 ? base : `${base}#${n}`, policy });
        }
      }
    }
  }
  return out;
}
