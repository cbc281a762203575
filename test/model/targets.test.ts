import { describe, it, expect } from 'vitest';
import { parseBackendTrafficPolicy } from '../../src/model/parse.js';
import { PolicyTargetReferenceSchema, TargetSelectorSchema } from '../../src/model/targets.js';
import { parseSpec, validateSpec } from './helpers.js';

/** `path: code` for schema errors, `path: message` for CEL rules. */
const errors = (spec: Record<string, unknown>) => validateSpec(spec).map((i) => `${i.path}: ${i.code === 'cel' ? i.message : i.code}`);

/** Validate a spec exactly as given (no default targetRefs added). */
const errorsOf = (spec: Record<string, unknown>) => {
  const r = parseBackendTrafficPolicy({ apiVersion: 'gateway.envoyproxy.io/v1alpha1', kind: 'BackendTrafficPolicy', metadata: { name: 'btp', namespace: 'default' }, spec });
  return r.success ? [] : r.issues.map((i) => `${i.path}: ${i.code === 'cel' ? i.message : i.code}`);
};

const GW = 'gateway.networking.k8s.io';
const ref = (fields: Record<string, unknown> = {}) => ({ group: GW, kind: 'Gateway', name: 'eg', ...fields });
const KIND_RULE = 'this policy can only have a targetRefs[*].kind of Gateway/ListenerSet/HTTPRoute/GRPCRoute/TCPRoute/UDPRoute/TLSRoute';
const GROUP_RULE = 'this policy can only have a targetRefs[*].group of gateway.networking.k8s.io';
const SKIPPED = ': celSkipped';
const CEL_SKIPPED_MESSAGE = 'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

describe('targetRefs[] / targetRef items', () => {
  it('accepts a Gateway reference narrowed to a listener by sectionName', () => {
    expect(errors({ targetRefs: [ref({ sectionName: 'http' })] })).toEqual([]);
    expect(parseSpec({ targetRefs: [ref({ sectionName: 'http' })] }).targetRefs).toEqual([ref({ sectionName: 'http' })]);
  });

  it('accepts the deprecated single targetRef to a ListenerSet', () => {
    expect(errorsOf({ targetRef: ref({ kind: 'ListenerSet', name: 'ls' }) })).toEqual([]);
  });

  it('accepts an HTTPRoute reference with a DNS-subdomain sectionName', () => {
    expect(errors({ targetRefs: [ref({ kind: 'HTTPRoute', name: 'route', sectionName: 'rule-1.a' })] })).toEqual([]);
  });

  it('requires group, kind and name on every reference', () => {
    // A missing required field blocks CEL, so the spec-level group/kind rules (hit both ways in the
    // tests below, with every field present) do not run.
    expect(errors({ targetRefs: [{ kind: 'Gateway', name: 'eg' }] })).toEqual(['spec.targetRefs[0].group: required', SKIPPED]);
    expect(errors({ targetRefs: [{ group: GW, name: 'eg' }] })).toEqual(['spec.targetRefs[0].kind: required', SKIPPED]);
    expect(errors({ targetRefs: [{ group: GW, kind: 'Gateway' }] })).toEqual(['spec.targetRefs[0].name: required', SKIPPED]);
    expect(validateSpec({ targetRefs: undefined, targetRef: { group: GW, kind: 'Gateway' } })).toEqual([
      { path: 'spec.targetRef.name', message: 'Required value', code: 'required' },
      { path: '', message: CEL_SKIPPED_MESSAGE, code: 'celSkipped' },
    ]);
  });

  it('checks the group against the Gateway API group pattern (empty is the core group)', () => {
    expect(errors({ targetRefs: [ref({ group: 'Gateway.Networking' })] })).toEqual(['spec.targetRefs[0].group: pattern', `spec: ${GROUP_RULE}`]);
    // '' passes the pattern; only the policy-level rule rejects it.
    expect(errors({ targetRefs: [ref({ group: '' })] })).toEqual([`spec: ${GROUP_RULE}`]);
    expect(errors({ targetRefs: [ref({ group: `${'a'.repeat(251)}.io` })] })).toEqual(['spec.targetRefs[0].group: maxLength', ': celSkipped']);
  });

  it('checks kind length and pattern', () => {
    expect(errors({ targetRefs: [ref({ kind: '' })] })).toEqual(['spec.targetRefs[0].kind: minLength', 'spec.targetRefs[0].kind: pattern', `spec: ${KIND_RULE}`]);
    expect(errors({ targetRefs: [ref({ kind: '1Gateway' })] })).toEqual(['spec.targetRefs[0].kind: pattern', `spec: ${KIND_RULE}`]);
    expect(errors({ targetRefs: [ref({ kind: 'Gateway-' })] })).toContain('spec.targetRefs[0].kind: pattern');
    expect(errors({ targetRefs: [ref({ kind: `G${'a'.repeat(63)}` })] })).toEqual(['spec.targetRefs[0].kind: maxLength', ': celSkipped']);
  });

  it('checks name length', () => {
    expect(errors({ targetRefs: [ref({ name: '' })] })).toEqual(['spec.targetRefs[0].name: minLength']);
    expect(errors({ targetRefs: [ref({ name: 'n'.repeat(253) })] })).toEqual([]);
    expect(errors({ targetRefs: [ref({ name: 'n'.repeat(254) })] })).toEqual(['spec.targetRefs[0].name: maxLength', ': celSkipped']);
  });

  it('checks sectionName length and DNS-subdomain pattern', () => {
    expect(errors({ targetRefs: [ref({ sectionName: '' })] })).toEqual(['spec.targetRefs[0].sectionName: minLength', 'spec.targetRefs[0].sectionName: pattern']);
    expect(errors({ targetRefs: [ref({ sectionName: 'HTTP' })] })).toEqual(['spec.targetRefs[0].sectionName: pattern']);
    expect(errors({ targetRefs: [ref({ sectionName: 'a..b' })] })).toEqual(['spec.targetRefs[0].sectionName: pattern']);
    expect(errors({ targetRefs: [ref({ sectionName: 's'.repeat(254) })] })).toEqual(['spec.targetRefs[0].sectionName: maxLength', ': celSkipped']);
  });

  it('reports the pattern as the API server does', () => {
    const issues = validateSpec({ targetRefs: [ref({ sectionName: 'HTTP' })] });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: 'spec.targetRefs[0].sectionName', code: 'pattern' });
    expect(issues[0]!.message).toMatch(/^Invalid value: "HTTP": should match '/);
    expect(issues[0]!.message).toContain('^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$');
  });

  it('is a plain schema usable on its own', () => {
    expect(PolicyTargetReferenceSchema.safeParse(ref()).success).toBe(true);
    expect(PolicyTargetReferenceSchema.safeParse({ group: GW, kind: 'Gateway' }).success).toBe(false);
  });
});

describe('spec-level targeting rules (CRD CEL test table)', () => {
  it('rejects a spec with no target at all', () => {
    expect(errorsOf({})).toEqual(['spec: either targetRef or targetRefs must be used']);
  });

  it('rejects targetRef and targetRefs together', () => {
    expect(errorsOf({ targetRef: ref(), targetRefs: [ref()] })).toEqual(['spec: either targetRef or targetRefs must be used']);
  });

  it('accepts targetSelectors without targetRef or targetRefs', () => {
    expect(errorsOf({ targetSelectors: [{ kind: 'HTTPRoute', matchLabels: { app: 'foo' } }] })).toEqual([]);
  });

  it('rejects an unsupported kind in targetRef and in targetRefs', () => {
    expect(errorsOf({ targetRef: ref({ kind: 'Foo' }) })).toEqual([
      'spec: this policy can only have a targetRef.kind of Gateway/ListenerSet/HTTPRoute/GRPCRoute/TCPRoute/UDPRoute/TLSRoute',
    ]);
    expect(errors({ targetRefs: [ref({ kind: 'Foo' })] })).toEqual([`spec: ${KIND_RULE}`]);
  });

  it('reports both group and kind rules when both are wrong', () => {
    expect(errorsOf({ targetRef: ref({ group: 'foo', kind: 'Bar' }) })).toEqual([
      'spec: this policy can only have a targetRef.group of gateway.networking.k8s.io',
      'spec: this policy can only have a targetRef.kind of Gateway/ListenerSet/HTTPRoute/GRPCRoute/TCPRoute/UDPRoute/TLSRoute',
    ]);
  });
});

describe('targetSelectors[]', () => {
  it('defaults group to gateway.networking.k8s.io and leaves namespaces unset', () => {
    expect(parseSpec({ targetSelectors: [{ kind: 'HTTPRoute', matchLabels: { app: 'foo' } }] }).targetSelectors).toEqual([
      { group: GW, kind: 'HTTPRoute', matchLabels: { app: 'foo' } },
    ]);
  });

  it('defaults namespaces.from to Same', () => {
    expect(parseSpec({ targetSelectors: [{ kind: 'Gateway', namespaces: {} }] }).targetSelectors[0].namespaces).toEqual({ from: 'Same' });
  });

  it('requires kind', () => {
    expect(errors({ targetSelectors: [{ matchLabels: { app: 'foo' } }] })).toEqual(['spec.targetSelectors[0].kind: required', SKIPPED]);
  });

  it('rejects any group other than gateway.networking.k8s.io', () => {
    expect(errors({ targetSelectors: [{ group: 'example.com', kind: 'HTTPRoute' }] })).toEqual([
      'spec.targetSelectors[0]: group must be gateway.networking.k8s.io',
    ]);
    expect(errors({ targetSelectors: [{ group: '', kind: 'HTTPRoute' }] })).toEqual(['spec.targetSelectors[0]: group must be gateway.networking.k8s.io']);
    expect(errors({ targetSelectors: [{ group: GW, kind: 'HTTPRoute' }] })).toEqual([]);
  });

  it('checks group and kind with the same patterns as references', () => {
    expect(errors({ targetSelectors: [{ group: 'UPPER', kind: 'HTTPRoute' }] })).toEqual([
      'spec.targetSelectors[0].group: pattern',
      'spec.targetSelectors[0]: group must be gateway.networking.k8s.io',
    ]);
    expect(errors({ targetSelectors: [{ kind: '' }] })).toEqual(['spec.targetSelectors[0].kind: minLength', 'spec.targetSelectors[0].kind: pattern']);
    expect(errors({ targetSelectors: [{ kind: `K${'k'.repeat(63)}` }] })).toEqual(['spec.targetSelectors[0].kind: maxLength', ': celSkipped']);
  });

  it('accepts matchExpressions with any operator string and requires key and operator', () => {
    expect(errors({ targetSelectors: [{ kind: 'HTTPRoute', matchExpressions: [{ key: 'app', operator: 'In', values: ['a', 'b'] }] }] })).toEqual([]);
    expect(errors({ targetSelectors: [{ kind: 'HTTPRoute', matchExpressions: [{ key: 'app', operator: 'Exists' }] }] })).toEqual([]);
    expect(errors({ targetSelectors: [{ kind: 'HTTPRoute', matchExpressions: [{ key: 'app' }] }] })).toEqual([
      'spec.targetSelectors[0].matchExpressions[0].operator: required',
      SKIPPED,
    ]);
    expect(errors({ targetSelectors: [{ kind: 'HTTPRoute', matchExpressions: [{ operator: 'In' }] }] })).toEqual([
      'spec.targetSelectors[0].matchExpressions[0].key: required',
      SKIPPED,
    ]);
  });

  it('requires matchLabels values to be strings', () => {
    expect(errors({ targetSelectors: [{ kind: 'HTTPRoute', matchLabels: { app: 1 } }] })).toEqual(['spec.targetSelectors[0].matchLabels.app: type', ': celSkipped']);
  });

  it('accepts namespaces.from All and Same without a selector', () => {
    expect(errors({ targetSelectors: [{ kind: 'HTTPRoute', namespaces: { from: 'All' } }] })).toEqual([]);
    expect(errors({ targetSelectors: [{ kind: 'HTTPRoute', namespaces: { from: 'Same' } }] })).toEqual([]);
  });

  it('requires a selector when namespaces.from is Selector', () => {
    expect(errors({ targetSelectors: [{ kind: 'HTTPRoute', namespaces: { from: 'Selector' } }] })).toEqual([
      'spec.targetSelectors[0].namespaces: selector must be specified when from is Selector',
    ]);
    expect(
      errors({ targetSelectors: [{ kind: 'HTTPRoute', namespaces: { from: 'Selector', selector: { matchLabels: { team: 'a' } } } }] }),
    ).toEqual([]);
    // An empty selector is present (CEL has()), so it passes.
    expect(errors({ targetSelectors: [{ kind: 'HTTPRoute', namespaces: { from: 'Selector', selector: {} } }] })).toEqual([]);
  });

  it('checks the namespace selector like a Kubernetes LabelSelector', () => {
    expect(
      errors({ targetSelectors: [{ kind: 'HTTPRoute', namespaces: { from: 'Selector', selector: { matchExpressions: [{ key: 'team' }] } } }] }),
    ).toEqual(['spec.targetSelectors[0].namespaces.selector.matchExpressions[0].operator: required', SKIPPED]);
  });

  it('rejects an unknown namespaces.from value', () => {
    expect(errors({ targetSelectors: [{ kind: 'HTTPRoute', namespaces: { from: 'Others' } }] })).toEqual([
      'spec.targetSelectors[0].namespaces.from: enum',
      ': celSkipped',
    ]);
  });

  it('is a plain schema usable on its own', () => {
    const r = TargetSelectorSchema.safeParse({ kind: 'Gateway', namespaces: { from: 'All' } });
    expect(r.success && r.data).toEqual({ group: GW, kind: 'Gateway', namespaces: { from: 'All' } });
  });
});
