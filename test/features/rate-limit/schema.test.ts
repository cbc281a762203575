import { describe, it, expect } from 'vitest';
import { parseSpec, validateSpec } from '../../model/helpers.js';

/** `path: code` for schema errors, `path: message` for CEL rules. */
const errors = (spec: Record<string, unknown>) => validateSpec(spec).map((i) => `${i.path}: ${i.code === 'cel' ? i.message : i.code}`);
const UINT32_MAX = 4294967295;
const SKIPPED = ': celSkipped';

const limit = { requests: 10, unit: 'Second' };
const global = (...rules: unknown[]) => ({ rateLimit: { global: { rules } } });
const local = (...rules: unknown[]) => ({ rateLimit: { local: { rules } } });
const selector = (s: Record<string, unknown>) => global({ clientSelectors: [s], limit });
const G = 'spec.rateLimit.global.rules[0]';
const S = `${G}.clientSelectors[0]`;

describe('rateLimit', () => {
  it('accepts a global rule without selectors', () => {
    expect(parseSpec(global({ limit })).rateLimit).toEqual({ global: { rules: [{ limit: { requests: 10, unit: 'Second' } }] } });
  });

  it('applies the selector defaults: Exact headers and sources, PathPrefix "/" paths, invert false', () => {
    const spec = parseSpec(
      selector({
        headers: [{ name: 'x-user' }],
        methods: [{ value: 'GET' }],
        path: {},
        sourceCIDR: { value: '10.0.0.0/8' },
        queryParams: [{ name: 'q', value: 'v' }],
      }),
    );
    expect(spec.rateLimit.global.rules[0].clientSelectors[0]).toEqual({
      headers: [{ name: 'x-user', type: 'Exact', invert: false }],
      methods: [{ value: 'GET', invert: false }],
      path: { type: 'PathPrefix', value: '/', invert: false },
      sourceCIDR: { type: 'Exact', value: '10.0.0.0/8', invert: false },
      queryParams: [{ name: 'q', value: 'v', type: 'Exact', invert: false }],
    });
  });

  it('keeps explicit selector values', () => {
    const spec = parseSpec(
      selector({
        headers: [{ name: 'x-user', type: 'Distinct', invert: true }],
        path: { type: 'RegularExpression', value: '/api/.*', invert: true },
        sourceCIDR: { type: 'Distinct', value: '0.0.0.0/0' },
      }),
    );
    const s = spec.rateLimit.global.rules[0].clientSelectors[0];
    expect(s.headers[0]).toEqual({ name: 'x-user', type: 'Distinct', invert: true });
    expect(s.path).toEqual({ type: 'RegularExpression', value: '/api/.*', invert: true });
    expect(s.sourceCIDR).toEqual({ type: 'Distinct', value: '0.0.0.0/0', invert: false });
  });

  it('accepts every documented field of a rule', () => {
    expect(
      errors(
        global({
          clientSelectors: [{ methods: [{ value: 'POST' }, { value: 'PATCH', invert: true }] }],
          limit: { requests: 5, unit: 'Year', fromMetadata: { namespace: 'envoy.filters.http.ext_authz', key: 'limit' } },
          cost: { request: { from: 'Number', number: 1 }, response: { from: 'Metadata', metadata: { namespace: 'io.envoy.ai_gateway', key: 'tokens' } } },
          shared: true,
          shadowMode: true,
          xRateLimitHeaders: 'DraftVersion03',
        }),
      ),
    ).toEqual([]);
  });

  it('accepts global and local limits together, and the deprecated type field', () => {
    expect(errors({ rateLimit: { type: 'Global', global: { rules: [{ limit }] }, local: { rules: [{ limit }] } } })).toEqual([]);
    expect(errors({ rateLimit: { type: 'Local', local: {} } })).toEqual([]);
    expect(errors({ rateLimit: { type: 'Both' } })).toEqual(['spec.rateLimit.type: enum', SKIPPED]);
  });

  describe('limit', () => {
    it('accepts requests of 0, 1 and the uint32 maximum, for global and local rules (CRD CEL test table)', () => {
      for (const requests of [0, 1, UINT32_MAX]) {
        expect(errors(global({ limit: { requests, unit: 'Minute' } }))).toEqual([]);
        expect(errors(local({ limit: { requests, unit: 'Minute' } }))).toEqual([]);
      }
    });

    it('rejects requests outside 0..4294967295 and non-integers', () => {
      expect(validateSpec(global({ limit: { requests: UINT32_MAX + 1, unit: 'Second' } }))).toEqual([
        { path: `${G}.limit.requests`, message: 'Invalid value: 4294967296: should be less than or equal to 4294967295', code: 'maximum' },
      ]);
      expect(errors(global({ limit: { requests: -1, unit: 'Second' } }))).toEqual([`${G}.limit.requests: minimum`]);
      expect(errors(global({ limit: { requests: 1.5, unit: 'Second' } }))).toEqual([`${G}.limit.requests: type`, SKIPPED]);
      expect(errors(global({ limit: { requests: '10', unit: 'Second' } }))).toEqual([`${G}.limit.requests: type`, SKIPPED]);
    });

    it('requires limit, requests and unit, and limits unit to the seven calendar units', () => {
      expect(errors(global({}))).toEqual([`${G}.limit: required`, SKIPPED]);
      expect(errors(global({ limit: {} }))).toEqual([`${G}.limit.requests: required`, `${G}.limit.unit: required`, SKIPPED]);
      for (const unit of ['Second', 'Minute', 'Hour', 'Day', 'Week', 'Month', 'Year']) {
        expect(errors(global({ limit: { requests: 1, unit } }))).toEqual([]);
      }
      expect(validateSpec(global({ limit: { requests: 1, unit: 'Millisecond' } }))[0]).toEqual({
        path: `${G}.limit.unit`,
        message: 'Unsupported value: "Millisecond": supported values: "Second", "Minute", "Hour", "Day", "Week", "Month", "Year"',
        code: 'enum',
      });
    });

    it('requires a non-empty namespace and key in fromMetadata', () => {
      expect(errors(global({ limit: { ...limit, fromMetadata: { namespace: '', key: '' } } }))).toEqual([
        `${G}.limit.fromMetadata.namespace: minLength`,
        `${G}.limit.fromMetadata.key: minLength`,
      ]);
      expect(errors(global({ limit: { ...limit, fromMetadata: {} } }))).toEqual([
        `${G}.limit.fromMetadata.namespace: required`,
        `${G}.limit.fromMetadata.key: required`,
        SKIPPED,
      ]);
    });
  });

  describe('rule lists', () => {
    it('requires global.rules but not local.rules', () => {
      expect(errors({ rateLimit: { global: {} } })).toEqual(['spec.rateLimit.global.rules: required', SKIPPED]);
      expect(errors({ rateLimit: { local: {} } })).toEqual([]);
    });

    it('accepts 256 global rules', () => {
      expect(errors(global(...Array.from({ length: 256 }, () => ({ limit }))))).toEqual([]);
    });

    it('rejects 257 global rules and skips CEL, as the API server does (CRD CEL test table)', () => {
      const issues = validateSpec(global(...Array.from({ length: 257 }, () => ({ limit }))));
      expect(issues).toEqual([
        { path: 'spec.rateLimit.global.rules', message: 'Too many: 257: must have at most 256 items', code: 'maxItems' },
        {
          path: '',
          message: 'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
          code: 'celSkipped',
        },
      ]);
    });

    it('allows at most 16 local rules', () => {
      expect(errors(local(...Array.from({ length: 16 }, () => ({ limit }))))).toEqual([]);
      expect(errors(local(...Array.from({ length: 17 }, () => ({ limit }))))).toEqual(['spec.rateLimit.local.rules: maxItems', SKIPPED]);
    });
  });

  describe('client selectors', () => {
    it('rejects a selector with no condition (CRD CEL test table)', () => {
      expect(validateSpec(selector({}))).toEqual([
        { path: S, message: 'at least one of headers, methods, path, sourceCIDR or queryParams must be specified', code: 'cel' },
      ]);
    });

    it('counts each condition, even an empty list, as specified', () => {
      for (const s of [{ headers: [] }, { methods: [] }, { path: {} }, { sourceCIDR: { value: '::/0' } }, { queryParams: [] }]) {
        expect(errors(selector(s))).toEqual([]);
      }
    });

    it('applies the selector rule to local rules too', () => {
      expect(errors(local({ clientSelectors: [{}], limit }))).toEqual([
        'spec.rateLimit.local.rules[0].clientSelectors[0]: at least one of headers, methods, path, sourceCIDR or queryParams must be specified',
      ]);
    });

    it('allows at most 8 selectors per rule', () => {
      const many = (n: number) => global({ clientSelectors: Array.from({ length: n }, () => ({ path: {} })), limit });
      expect(errors(many(8))).toEqual([]);
      expect(errors(many(9))).toEqual([`${G}.clientSelectors: maxItems`, SKIPPED]);
    });

    it('bounds header conditions: 128 items, names of 1..256 chars, values up to 1024 chars, three match types', () => {
      const h = (n: number) => selector({ headers: Array.from({ length: n }, (_, i) => ({ name: `h${i}`, value: 'v' })) });
      expect(errors(h(128))).toEqual([]);
      expect(errors(h(129))).toEqual([`${S}.headers: maxItems`, SKIPPED]);
      expect(errors(selector({ headers: [{ name: 'x'.repeat(256), value: 'v'.repeat(1024) }] }))).toEqual([]);
      expect(errors(selector({ headers: [{ name: '' }] }))).toEqual([`${S}.headers[0].name: minLength`]);
      expect(errors(selector({ headers: [{ name: 'x'.repeat(257) }] }))).toEqual([`${S}.headers[0].name: maxLength`, SKIPPED]);
      expect(errors(selector({ headers: [{ name: 'x', value: 'v'.repeat(1025) }] }))).toEqual([`${S}.headers[0].value: maxLength`, SKIPPED]);
      expect(errors(selector({ headers: [{ name: 'x', type: 'Prefix' }] }))).toEqual([`${S}.headers[0].type: enum`, SKIPPED]);
      expect(errors(selector({ headers: [{ value: 'v' }] }))).toEqual([`${S}.headers[0].name: required`, SKIPPED]);
    });

    it('bounds query-parameter conditions like headers, with at most 16 items', () => {
      const q = (n: number) => selector({ queryParams: Array.from({ length: n }, (_, i) => ({ name: `q${i}` })) });
      expect(errors(q(16))).toEqual([]);
      expect(errors(q(17))).toEqual([`${S}.queryParams: maxItems`, SKIPPED]);
      expect(errors(selector({ queryParams: [{ name: '' }] }))).toEqual([`${S}.queryParams[0].name: minLength`]);
      expect(errors(selector({ queryParams: [{ name: 'q', value: 'v'.repeat(1025) }] }))).toEqual([`${S}.queryParams[0].value: maxLength`, SKIPPED]);
      expect(errors(selector({ queryParams: [{ name: 'q', type: 'Distinct' }] }))).toEqual([]);
      expect(errors(selector({ queryParams: [{ name: 'q', type: 'Suffix' }] }))).toEqual([`${S}.queryParams[0].type: enum`, SKIPPED]);
    });

    it('requires a known method value', () => {
      for (const value of ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']) {
        expect(errors(selector({ methods: [{ value }] }))).toEqual([]);
      }
      expect(errors(selector({ methods: [{ value: 'get' }] }))).toEqual([`${S}.methods[0].value: enum`, SKIPPED]);
      expect(errors(selector({ methods: [{ invert: true }] }))).toEqual([`${S}.methods[0].value: required`, SKIPPED]);
    });

    it('bounds path conditions: three match types, values up to 1024 chars', () => {
      expect(errors(selector({ path: { type: 'Exact', value: '/a' } }))).toEqual([]);
      expect(errors(selector({ path: { type: 'Prefix' } }))).toEqual([`${S}.path.type: enum`, SKIPPED]);
      expect(errors(selector({ path: { value: '/'.repeat(1025) } }))).toEqual([`${S}.path.value: maxLength`, SKIPPED]);
    });

    it('requires a source CIDR value of 1..256 chars and only Exact or Distinct', () => {
      expect(errors(selector({ sourceCIDR: {} }))).toEqual([`${S}.sourceCIDR.value: required`, SKIPPED]);
      expect(errors(selector({ sourceCIDR: { value: '' } }))).toEqual([`${S}.sourceCIDR.value: minLength`]);
      expect(errors(selector({ sourceCIDR: { value: '1'.repeat(257) } }))).toEqual([`${S}.sourceCIDR.value: maxLength`, SKIPPED]);
      expect(errors(selector({ sourceCIDR: { value: '10.0.0.0/8', type: 'RegularExpression' } }))).toEqual([
        `${S}.sourceCIDR.type: enum`,
        SKIPPED,
      ]);
    });
  });

  describe('cost', () => {
    it('accepts request and response costs on global rules (CRD CEL test table)', () => {
      expect(
        errors(global({ limit, cost: { request: { from: 'Number', number: 1 }, response: { from: 'Metadata', metadata: { namespace: 'ns', key: 'k' } } } })),
      ).toEqual([]);
    });

    it('rejects a cost with both number and metadata (CRD CEL test table)', () => {
      expect(validateSpec(global({ limit, cost: { request: { from: 'Number', number: 1, metadata: { namespace: 'ns', key: 'k' } } } }))).toEqual([
        { path: `${G}.cost.request`, message: 'only one of number or metadata can be specified', code: 'cel' },
      ]);
      expect(errors(global({ limit, cost: { response: { from: 'Metadata', number: 1, metadata: { namespace: 'ns', key: 'k' } } } }))).toEqual([
        `${G}.cost.response: only one of number or metadata can be specified`,
      ]);
    });

    it('does not tie from to the number or metadata field (no such rule in the CRD)', () => {
      expect(errors(global({ limit, cost: { request: { from: 'Metadata', number: 3 } } }))).toEqual([]);
      expect(errors(global({ limit, cost: { request: { from: 'Number' } } }))).toEqual([]);
    });

    it('requires from and the metadata namespace and key', () => {
      expect(errors(global({ limit, cost: { request: {} } }))).toEqual([`${G}.cost.request.from: required`, SKIPPED]);
      expect(errors(global({ limit, cost: { request: { from: 'Header' } } }))).toEqual([`${G}.cost.request.from: enum`, SKIPPED]);
      expect(errors(global({ limit, cost: { request: { from: 'Metadata', metadata: {} } } }))).toEqual([
        `${G}.cost.request.metadata.namespace: required`,
        `${G}.cost.request.metadata.key: required`,
        SKIPPED,
      ]);
    });
  });

  describe('local-only restrictions', () => {
    it('accepts a request cost on a local rule', () => {
      expect(errors(local({ limit, cost: { request: { from: 'Number', number: 2 } } }))).toEqual([]);
    });

    it('rejects a response cost on a local rule (CRD CEL test table)', () => {
      expect(validateSpec(local({ limit }, { limit, cost: { response: { from: 'Number', number: 1 } } }))).toEqual([
        { path: 'spec.rateLimit.local.rules', message: 'response cost is not supported for Local Rate Limits', code: 'cel' },
      ]);
    });

    it('rejects limit.fromMetadata on a local rule (CRD CEL test table)', () => {
      expect(validateSpec(local({ limit: { ...limit, fromMetadata: { namespace: 'ns', key: 'k' } } }))).toEqual([
        { path: 'spec.rateLimit.local.rules', message: 'limit fromMetadata is not supported for Local Rate Limits', code: 'cel' },
      ]);
    });

    it('does not run the fromMetadata rule when a local rule lacks its required limit (a blocking error)', () => {
      expect(validateSpec(local({}))).toEqual([
        { path: 'spec.rateLimit.local.rules[0].limit', message: 'Required value', code: 'required' },
        {
          path: '',
          message: 'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
          code: 'celSkipped',
        },
      ]);
      // Even a sibling rule that breaks it is not reported while CEL is skipped.
      expect(errors(local({}, { limit: { ...limit, fromMetadata: { namespace: 'ns', key: 'k' } } }))).toEqual([
        'spec.rateLimit.local.rules[0].limit: required',
        SKIPPED,
      ]);
      // With every limit present, the rule runs and is hit both ways.
      expect(errors(local({ limit }, { limit }))).toEqual([]);
      expect(errors(local({ limit }, { limit: { ...limit, fromMetadata: { namespace: 'ns', key: 'k' } } }))).toEqual([
        'spec.rateLimit.local.rules: limit fromMetadata is not supported for Local Rate Limits',
      ]);
    });

    it('documents but does not enforce that shadowMode is global-only', () => {
      expect(errors(local({ limit, shadowMode: true }))).toEqual([]);
    });
  });

  it('limits xRateLimitHeaders to Off and DraftVersion03', () => {
    expect(errors(global({ limit, xRateLimitHeaders: 'Off' }))).toEqual([]);
    expect(errors(global({ limit, xRateLimitHeaders: 'On' }))).toEqual([`${G}.xRateLimitHeaders: enum`, SKIPPED]);
  });
});
