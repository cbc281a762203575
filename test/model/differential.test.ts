/**
 * Differential test: our verdicts (parseBackendTrafficPolicy) against a reference built from the CRD
 * itself (`test/support/crd-reference.ts`: API-server pruning and defaulting, the openAPIV3Schema
 * through ajv, list-type uniqueness, the CEL gate, and every `x-kubernetes-validations` rule run
 * with @bufbuild/cel), over a corpus of ~2000 policies: every golden BTP, the CRD's own CEL test
 * cases (api-inventory §5), schema-generated specs for each of the 26 spec features, and mutants of
 * all of those.
 *
 * For each policy: the verdict (valid / invalid) must agree; when CEL ran, the set of failed rules
 * (path + message) must agree; whether CEL was skipped must agree; and the paths of schema errors
 * must agree. Disagreements are grouped (array indices erased) and printed with an example.
 *
 * The envelope too: the same corpus, each policy wrapped in a generated `apiVersion`, `kind` and
 * `metadata` (valid, or mutated the ways manifests go wrong), against a reference transliterated
 * from the API server's Go code (`test/support/envelope-reference.ts`): the verdicts agree, the
 * envelope errors print identically, and every failed CEL rule prints as the server prints it.
 *
 * Corpus: BTP_DIFF_SIZE policies (default 2000), seed BTP_DIFF_SEED (a number, or `random`).
 */
import { describe, expect, it } from 'vitest';
import { parseBackendTrafficPolicy } from '../../src/model/parse.js';
import { formatIssue, type ValidationIssue } from '../../src/model/issues.js';
import { admitObject } from '../../src/admit/admit-object.js';
import { referenceEnvelope, renderFieldError, type EnvelopeObject } from '../support/envelope-reference.js';
import { CEL_CASES } from '../support/cel-cases.js';
import { hasConformance } from '../support/conformance-dir.js';
import { crdOpenApiSchema, mapPaths, propertyPaths } from '../support/crd.js';
import { createReferenceValidator, type RefResult } from '../support/crd-reference.js';
import { MUTATION_KINDS, SpecGenerator, mutate, type Json, type Mutation } from '../support/btp-generator.js';
import { goldenPolicies } from '../support/golden.js';
import { backendTrafficPolicy } from '../support/manifests.js';

// `npm run fuzz:differential` draws a new seed (BTP_DIFF_SEED=random) and a larger corpus; the seed is printed.
const SEED = process.env.BTP_DIFF_SEED === 'random' ? Date.now() % 2 ** 31 : Number(process.env.BTP_DIFF_SEED ?? 20260821);
const TARGET_SIZE = Number(process.env.BTP_DIFF_SIZE ?? 2000);
const PER_FEATURE = 20;
const PER_MUTATION_KIND = 25;

/**
 * Differences from the CRD the project accepts on purpose: a pattern over the disagreement
 * signature (as printed) and the reason. Empty: every difference is a bug, in our schemas or in the
 * reference, to be fixed.
 */
const ACCEPTED_DIVERGENCES: Array<{ signature: RegExp; why: string }> = [];

interface CorpusEntry {
  id: string;
  origin: string;
  spec: Json;
  mutations?: Mutation[];
}

const policy = (spec: Json) => backendTrafficPolicy('btp', spec as Record<string, unknown>, { asWritten: true });

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** CRD-style property paths present in a spec (`a.b[].c`, map values `a{}.d`). */
function presentPaths(spec: Json, mapKeys: ReadonlySet<string>, out: Set<string>, prefix = ''): void {
  if (Array.isArray(spec)) {
    for (const item of spec) presentPaths(item, mapKeys, out, `${prefix}[]`);
  } else if (spec !== null && typeof spec === 'object') {
    for (const [k, v] of Object.entries(spec)) {
      const p = prefix === '' ? k : mapKeys.has(prefix) ? `${prefix}{}` : `${prefix}.${k}`;
      if (!mapKeys.has(prefix)) out.add(p);
      presentPaths(v, mapKeys, out, p);
    }
  }
}
const norm = (path: string) => path.replace(/\[\d+\]/g, '[]');

function buildCorpus(): CorpusEntry[] {
  const root = crdOpenApiSchema();
  const gen = new SpecGenerator(root, SEED);
  const corpus: CorpusEntry[] = [];
  for (const g of goldenPolicies()) corpus.push({ id: `golden ${g.file} ${g.name}`, origin: 'golden', spec: clone(g.policy.spec) as Json });
  for (const c of CEL_CASES) corpus.push({ id: `cel-case ${c.group}: ${c.name}`, origin: 'cel-case', spec: clone(c.spec) as Json });
  for (const feature of Object.keys(gen.spec.properties!)) {
    for (let i = 0; i < PER_FEATURE; i++) {
      const rich = i % 2 === 1;
      corpus.push({ id: `generated ${feature} #${i}${rich ? ' (rich)' : ''}`, origin: 'generated', spec: gen.specWith(feature, rich) });
    }
  }
  const bases = [...corpus];
  let n = 0;
  // Targeted mutants first: every kind of mutation, on bases where it applies.
  for (const kind of MUTATION_KINDS) {
    let made = 0;
    for (let attempt = 0; attempt < 400 && made < PER_MUTATION_KIND; attempt++) {
      const base = gen.pick(bases);
      const spec = clone(base.spec) as { [k: string]: Json };
      const m = mutate(gen, spec, kind);
      if (!m) continue;
      made++;
      corpus.push({ id: `mutant #${n++} of ${base.id}: ${m.kind}@${m.path}`, origin: 'mutant', spec, mutations: [m] });
    }
  }
  while (corpus.length < TARGET_SIZE) {
    const base = gen.pick(bases);
    const spec = clone(base.spec) as { [k: string]: Json };
    const mutations: Mutation[] = [];
    const count = gen.chance(0.7) ? 1 : 2;
    for (let i = 0; i < count; i++) {
      const m = mutate(gen, spec);
      if (m) mutations.push(m);
    }
    corpus.push({ id: `mutant #${n++} of ${base.id}: ${mutations.map((m) => `${m.kind}@${m.path}`).join(', ')}`, origin: 'mutant', spec, mutations });
  }
  return corpus;
}

interface Comparison {
  agree: boolean;
  signatures: string[];
  ours: { valid: boolean; issues: ValidationIssue[] };
  ref: RefResult;
}

function compare(ours: ReturnType<typeof parseBackendTrafficPolicy>, ref: RefResult): Comparison {
  const issues = ours.success ? [] : ours.issues;
  const signatures: string[] = [];
  if (ours.success !== ref.valid) signatures.push(`verdict: ours ${ours.success ? 'valid' : 'invalid'}, CRD ${ref.valid ? 'valid' : 'invalid'}`);
  const oursSkipped = issues.some((i) => i.code === 'celSkipped');
  if (oursSkipped !== ref.celSkipped) signatures.push(`celSkipped: ours ${oursSkipped}, CRD ${ref.celSkipped}`);
  if (!oursSkipped && !ref.celSkipped) {
    const oursCel = new Set(issues.filter((i) => i.code === 'cel').map((i) => `${i.path}: ${i.message}`));
    const refCel = new Set(ref.cel.map((c) => `${c.path}: ${c.message}`));
    for (const c of refCel) if (!oursCel.has(c)) signatures.push(`CEL failure missing in ours: ${norm(c)}`);
    for (const c of oursCel) if (!refCel.has(c)) signatures.push(`CEL failure only in ours: ${norm(c)}`);
  }
  const oursPaths = new Set(issues.filter((i) => !['cel', 'celSkipped', 'unknownField'].includes(i.code ?? '')).map((i) => i.path));
  // zod checks an array's maxItems before its items and stops there (a guard against huge inputs);
  // the API server also reports errors inside the items. Both reject, and both skip CEL.
  const tooMany = issues.filter((i) => i.code === 'maxItems').map((i) => `${i.path}[`);
  const refPaths = new Map(ref.schema.map((i) => [i.path, i.kind]));
  for (const [p, kind] of refPaths) {
    if (!oursPaths.has(p) && !tooMany.some((prefix) => p.startsWith(prefix))) signatures.push(`schema error missing in ours: ${norm(p)} (${kind})`);
  }
  for (const p of oursPaths) {
    if (!refPaths.has(p)) signatures.push(`schema error only in ours: ${norm(p)} (${issues.find((i) => i.path === p)?.code})`);
  }
  return { agree: signatures.length === 0, signatures, ours: { valid: ours.success, issues }, ref };
}

describe.skipIf(!hasConformance())('differential: our models vs the CRD (reference validator)', () => {
  const reference = hasConformance() ? createReferenceValidator(crdOpenApiSchema()) : undefined;

  it('the reference compiles every CEL rule of the CRD (76)', () => {
    expect(reference!.ruleCount).toBe(76);
  });

  describe('the reference behaves as the API server', () => {
    const gw = { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'eg' }] };

    it('prunes unknown fields and non-nullable nulls, and defaults a null that has a default', () => {
      const r = reference!.validate(policy({ ...gw, bogus: 1, dns: null, circuitBreaker: { maxConnections: null, typo: 2 } } as Json));
      expect(r.valid).toBe(true);
      expect((r.object as { spec: Record<string, unknown> }).spec).toEqual({
        ...gw,
        circuitBreaker: { maxConnections: 1024, maxPendingRequests: 1024, maxParallelRequests: 1024, maxParallelRetries: 1024 },
      });
    });

    it('defaults inside array items before CEL runs (statusCodes[].type → Value)', () => {
      const r = reference!.validate(
        policy({ ...gw, responseOverride: [{ match: { statusCodes: [{ range: { start: 500, end: 599 } }] }, response: { statusCode: 200 } }] }),
      );
      expect(r.cel).toEqual([{ path: 'spec.responseOverride[0].match.statusCodes[0]', message: 'value must be set for type Value', nodeType: 'object' }]);
    });

    it('skips CEL when a blocking error exists (Required, as in hasBlockingErr), not for a minimum', () => {
      const required = reference!.validate(policy({ ...gw, faultInjection: { delay: {} }, mergeType: 'Replace' }));
      expect(required.schema.map((i) => [i.path, i.kind])).toEqual([['spec.faultInjection.delay.fixedDelay', 'required']]);
      expect(required.celSkipped).toBe(true);
      const minimum = reference!.validate(policy({ ...gw, circuitBreaker: { maxConnections: -1 }, mergeType: 'Replace' }));
      expect(minimum.celSkipped).toBe(false);
      expect(minimum.cel.map((c) => c.message)).toContain('Replace is not a valid MergeType for BackendTrafficPolicySpec');
    });

    it("reads duration() as cel-go does: '' is an invalid duration, 'μs' is microseconds", () => {
      const keepalive = (timeout: string, interval: string) =>
        reference!.validate(policy({ ...gw, http2: { connectionKeepalive: { timeout, interval } } })).cel.map((c) => [c.path, c.message, c.error !== undefined]);
      const failed = ['spec.http2.connectionKeepalive', 'timeout must be less than interval'];
      expect(keepalive('', '10s')).toEqual([[...failed, true]]);
      expect(keepalive('-', '10s')).toEqual([[...failed, true]]);
      expect(keepalive('500\u03bcs', '10s')).toEqual([]);
      expect(keepalive('0', '10s')).toEqual([]);
      expect(keepalive('20s', '10s')).toEqual([[...failed, false]]);
    });

    it('reports list-map duplicates at the duplicate index, without blocking CEL', () => {
      const r = reference!.validate(
        policy({ ...gw, loadBalancer: { type: 'RoundRobin', zoneAware: { weightedZones: [{ zone: 'a', weight: 1 }, { zone: 'a', weight: 2 }] } } }),
      );
      expect(r.schema).toEqual([expect.objectContaining({ path: 'spec.loadBalancer.zoneAware.weightedZones[1]', kind: 'duplicate' })]);
      expect(r.celSkipped).toBe(false);
    });

    it('does not enforce `format: int32` on integers (the API server strips integer formats)', () => {
      expect(reference!.validate(policy({ ...gw, retry: { numAttemptsPerPriority: 2147483648 } })).valid).toBe(true);
    });

    it('checks `format: byte` as Go base64 (a type error, which blocks CEL)', () => {
      const active = (binary: string) => ({ ...gw, healthCheck: { active: { type: 'TCP', tcp: { send: { type: 'Binary', binary } } } } });
      expect(reference!.validate(policy(active('aGVsbG8=') as Json)).valid).toBe(true);
      const bad = reference!.validate(policy(active('aGVsbG8') as Json));
      expect(bad.schema.map((i) => i.kind)).toEqual(['type']);
      expect(bad.celSkipped).toBe(true);
    });
  });

  describe('the CRD’s own CEL test cases (api-inventory §5)', () => {
    it.each(CEL_CASES.map((c) => [`${c.group}: ${c.name}`, c] as const))('%s', (_name, c) => {
      const ref = reference!.validate(policy(c.spec as Json));
      const ours = parseBackendTrafficPolicy(policy(c.spec as Json));
      // The reference reproduces the upstream expectation (this validates the reference itself).
      expect({ reference: ref.valid, ours: ours.success }).toEqual({ reference: c.valid, ours: c.valid });
      const text = (ours.success ? [] : ours.issues).map((i) => `${i.path}: ${i.message}`.toLowerCase());
      for (const fragment of c.errors ?? []) {
        expect(text.some((t) => t.includes(fragment.toLowerCase())), `ours reports ${JSON.stringify(fragment)}: ${JSON.stringify(text)}`).toBe(true);
      }
    });
  });

  it('agrees with the CRD on every policy of the corpus', () => {
    const started = Date.now();
    const corpus = buildCorpus();
    const groups = new Map<string, { count: number; example: CorpusEntry; comparison: Comparison }>();
    let agree = 0;
    let valid = 0;
    const origins = new Map<string, { n: number; valid: number }>();
    const mutationKinds = new Map<string, number>();
    const crdPaths = propertyPaths(crdOpenApiSchema().properties!.spec!);
    // Maps and free-form JSON: their keys are data, their values continue as `{}`.
    const mapKeys = new Set(mapPaths(crdOpenApiSchema().properties!.spec!));
    const seenPaths = new Set<string>();
    for (const entry of corpus) {
      presentPaths(entry.spec, mapKeys, seenPaths);
      const ref = reference!.validate(policy(entry.spec));
      const ours = parseBackendTrafficPolicy(policy(entry.spec));
      const c = compare(ours, ref);
      const o = origins.get(entry.origin) ?? { n: 0, valid: 0 };
      o.n++;
      if (ref.valid) {
        o.valid++;
        valid++;
      }
      origins.set(entry.origin, o);
      for (const m of entry.mutations ?? []) mutationKinds.set(m.kind, (mutationKinds.get(m.kind) ?? 0) + 1);
      if (c.agree) {
        agree++;
        continue;
      }
      const unexplained = c.signatures.filter((sig) => !ACCEPTED_DIVERGENCES.some((a) => a.signature.test(sig)));
      if (unexplained.length === 0) {
        agree++;
        continue;
      }
      for (const sig of new Set(unexplained)) {
        const g = groups.get(sig);
        if (g) g.count++;
        else groups.set(sig, { count: 1, example: entry, comparison: c });
      }
    }
    const elapsed = Date.now() - started;
    const lines = [
      `differential: ${corpus.length} policies, ${agree} agree, ${corpus.length - agree} disagree; ${valid} valid per the CRD (${elapsed} ms, seed ${SEED})`,
      `  by origin: ${[...origins].map(([k, v]) => `${k} ${v.n} (${v.valid} valid)`).join(', ')}`,
      `  corpus covers ${crdPaths.filter((p) => seenPaths.has(p)).length}/${crdPaths.length} CRD spec paths; not reached: ${crdPaths.filter((p) => !seenPaths.has(p)).join(', ') || 'none'}`,
      `  mutations: ${[...mutationKinds].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    ];
    for (const [sig, g] of [...groups].sort((a, b) => b[1].count - a[1].count)) {
      lines.push(
        `  ✗ ${sig}  ×${g.count}`,
        `      e.g. ${g.example.id}`,
        `      spec: ${JSON.stringify(g.example.spec).slice(0, 600)}`,
        `      ours: ${g.comparison.ours.valid ? 'valid' : JSON.stringify(g.comparison.ours.issues.map((i) => `${i.path}: ${i.message}`)).slice(0, 600)}`,
        `      CRD:  ${g.comparison.ref.valid ? 'valid' : JSON.stringify([...g.comparison.ref.schema.map((i) => `${i.path}: ${i.kind}`), ...g.comparison.ref.cel.map((x) => `${x.path}: ${x.message}${x.error ? ` (${x.error})` : ''}`), ...(g.comparison.ref.celSkipped ? ['<CEL skipped>'] : [])]).slice(0, 600)}`,
      );
    }
    console.info(lines.join('\n'));
    expect(corpus.length).toBeGreaterThanOrEqual(TARGET_SIZE);
    expect(valid).toBeGreaterThan(corpus.length / 5);
    expect([...groups.keys()]).toEqual([]);
  });

  it('agrees with the API server on the envelope too: apiVersion, kind and metadata, valid and mutated', () => {
    const corpus = buildCorpus();
    const gen = new SpecGenerator(crdOpenApiSchema(), SEED + 1);
    const crd = { group: 'gateway.envoyproxy.io', version: 'v1alpha1', kind: 'BackendTrafficPolicy' };
    const disagreements: string[] = [];
    const kinds = new Map<string, number>();
    let valid = 0;
    let celChecked = 0;
    corpus.forEach((entry, i) => {
      const mutation = i % 2 === 0 ? undefined : ENVELOPE_MUTATIONS[Math.floor(i / 2) % ENVELOPE_MUTATIONS.length]!;
      const object = envelopeFor(gen, i, entry.spec, mutation);
      kinds.set(mutation?.name ?? 'valid', (kinds.get(mutation?.name ?? 'valid') ?? 0) + 1);
      const ours = parseBackendTrafficPolicy(object);
      const oursTexts = ours.success ? [] : ours.issues.map(formatIssue);
      // The reference: the envelope, then the CRD on what create validates (status is reset on create).
      const envelope = referenceEnvelope(object as EnvelopeObject, crd);
      const { status: _status, ...created } = object as Record<string, unknown>;
      const ref = envelope.typeMeta.length > 0 ? undefined : reference!.validate(created);
      const refValid = envelope.typeMeta.length === 0 && envelope.meta.length === 0 && ref!.valid;
      if (refValid) valid++;
      const say = (what: string) => disagreements.push(`${mutation?.name ?? 'valid'} (${entry.id}): ${what}; ours ${JSON.stringify(oursTexts).slice(0, 400)}`);
      if (ours.success !== refValid) say(`verdict: ours ${ours.success ? 'valid' : 'invalid'}, server ${refValid ? 'valid' : 'invalid'}`);
      // admission (what resolvePolicies does first) reaches the same verdict
      if ((admitObject(object).outcome === 'admitted') !== ours.success) say('admitObject and parseBackendTrafficPolicy disagree');
      const envelopeTexts = new Set([...envelope.typeMeta, ...envelope.meta].map(renderFieldError));
      const oursEnvelope = new Set(oursTexts.filter((t) => /^(metadata\.|kind:|apiVersion:)/.test(t)));
      for (const t of envelopeTexts) if (!oursEnvelope.has(t)) say(`envelope error missing: ${t}`);
      for (const t of oursEnvelope) if (!envelopeTexts.has(t)) say(`envelope error only in ours: ${t}`);
      // Every rule that fires (CEL runs only without a blocking error anywhere) prints as the server prints it.
      const blocked = envelope.meta.some((e) => e.blocking) || (ref?.celSkipped ?? true);
      if (!blocked) {
        for (const f of ref!.cel) {
          celChecked++;
          const text = `${f.path}: Invalid value: "${f.nodeType}": ${f.message}`;
          if (!oursTexts.includes(text)) say(`CEL text missing: ${text}`);
        }
      }
    });
    console.info(
      `differential (envelope): ${corpus.length} objects, ${valid} valid per the server, ${celChecked} failed CEL rules compared as text; ` +
        `${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`,
    );
    expect(corpus.length).toBeGreaterThanOrEqual(TARGET_SIZE);
    expect(celChecked).toBeGreaterThan(100);
    expect(disagreements.slice(0, 20)).toEqual([]);
  });
});

/** One way an envelope goes wrong, or an edge that must stay valid. */
interface EnvelopeMutation {
  name: string;
  apply: (o: { apiVersion?: unknown; kind?: unknown; metadata: Record<string, any>; status?: unknown }) => void;
}

const ENVELOPE_MUTATIONS: EnvelopeMutation[] = [
  { name: 'name with capitals and an underscore', apply: (o) => (o.metadata.name = 'Bad_Name') },
  { name: 'name of 254 characters', apply: (o) => (o.metadata.name = 'a'.repeat(254)) },
  { name: 'name of 253 characters (valid)', apply: (o) => (o.metadata.name = `${'a'.repeat(125)}.${'b'.repeat(127)}`) },
  { name: 'no name', apply: (o) => delete o.metadata.name },
  { name: 'name ending in a dash', apply: (o) => (o.metadata.name = 'web-') },
  { name: 'bad generateName beside a name', apply: (o) => (o.metadata.generateName = 'Web_') },
  { name: 'namespace with a dot', apply: (o) => (o.metadata.namespace = 'team.apps') },
  { name: 'namespace of 64 characters', apply: (o) => (o.metadata.namespace = 'n'.repeat(64)) },
  { name: 'namespace with capitals', apply: (o) => (o.metadata.namespace = 'Apps') },
  { name: 'label key with two slashes', apply: (o) => (o.metadata.labels = { 'a/b/c': 'x' }) },
  { name: 'label key with an empty prefix', apply: (o) => (o.metadata.labels = { '/x': 'y' }) },
  { name: 'label key name of 64 characters', apply: (o) => (o.metadata.labels = { [`example.com/${'k'.repeat(64)}`]: 'v' }) },
  { name: 'label key with a bad prefix', apply: (o) => (o.metadata.labels = { 'Example.com/x': 'v' }) },
  { name: 'label value starting with a dash', apply: (o) => (o.metadata.labels = { app: '-web' }) },
  { name: 'label value of 64 characters', apply: (o) => (o.metadata.labels = { app: 'v'.repeat(64) }) },
  { name: 'label value with a space', apply: (o) => (o.metadata.labels = { app: 'my app' }) },
  { name: 'empty label value (valid)', apply: (o) => (o.metadata.labels = { app: '' }) },
  { name: 'annotation key with a space', apply: (o) => (o.metadata.annotations = { 'my note': 'x' }) },
  { name: 'annotation key in capitals (valid: case does not matter)', apply: (o) => (o.metadata.annotations = { 'Example.COM/Owner_Team': 'x' }) },
  { name: 'annotations over 256 KiB', apply: (o) => (o.metadata.annotations = { a: 'x'.repeat(256 * 1024) }) },
  { name: 'annotations of exactly 256 KiB (valid)', apply: (o) => (o.metadata.annotations = { a: 'x'.repeat(256 * 1024 - 1) }) },
  { name: 'apiVersion the CRD does not serve', apply: (o) => (o.apiVersion = 'gateway.envoyproxy.io/v1alpha2') },
  { name: 'no apiVersion', apply: (o) => delete o.apiVersion },
  { name: 'another kind', apply: (o) => (o.kind = 'Service') },
  { name: 'no kind', apply: (o) => delete o.kind },
  { name: 'both deletion finalizers', apply: (o) => (o.metadata.finalizers = ['orphan', 'foregroundDeletion']) },
  { name: 'finalizer with a space', apply: (o) => (o.metadata.finalizers = ['my finalizer']) },
  { name: 'a malformed status (valid: ignored on create)', apply: (o) => (o.status = { ancestors: 'none' }) },
];

/** A random valid envelope around `spec`, then the mutation. */
function envelopeFor(gen: SpecGenerator, i: number, spec: Json, mutation: EnvelopeMutation | undefined): Record<string, unknown> {
  const words = ['web', 'api', 'checkout', 'team-a', 'edge', 'v2', 'shop'];
  const word = () => words[gen.int(0, words.length - 1)]!;
  const metadata: Record<string, any> = { name: gen.chance(0.3) ? `${word()}.${word()}-${i}` : `${word()}-${i}` };
  if (gen.chance(0.8)) metadata.namespace = gen.chance(0.5) ? 'default' : `${word()}-ns`;
  if (gen.chance(0.5)) metadata.labels = { 'app.kubernetes.io/name': word(), tier: gen.chance(0.5) ? 'v1.2_x' : '' };
  if (gen.chance(0.3)) metadata.annotations = { 'example.com/owner': 'Platform Team <platform@example.com>' };
  const object: { apiVersion?: unknown; kind?: unknown; metadata: Record<string, any>; spec: Json; status?: unknown } = {
    apiVersion: 'gateway.envoyproxy.io/v1alpha1',
    kind: 'BackendTrafficPolicy',
    metadata,
    spec: clone(spec),
  };
  mutation?.apply(object);
  return object;
}

