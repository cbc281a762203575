import { describe, it, expect } from 'vitest';
import { parseSpec, validateSpec } from '../../model/helpers.js';

/** `path: code` for schema errors, `path: message` for CEL rules. */
const errors = (spec: Record<string, unknown>) => validateSpec(spec).map((i) => `${i.path}: ${i.code === 'cel' ? i.message : i.code}`);
const R = 'spec.responseOverride[0]';
const SKIPPED = ': celSkipped';

const match404 = { statusCodes: [{ value: 404 }] };
const override = (o: Record<string, unknown>) => ({ responseOverride: [{ match: match404, ...o }] });
const response = (r: Record<string, unknown>) => override({ response: r });
const redirect = (r: Record<string, unknown>) => override({ redirect: r });

describe('responseOverride', () => {
  describe('response or redirect', () => {
    it('accepts a custom response and defaults the body type to Inline and the status-code type to Value', () => {
      const spec = parseSpec({
        responseOverride: [{ match: { statusCodes: [{ value: 500 }] }, response: { contentType: 'text/plain', body: { inline: 'oops' }, statusCode: 503 } }],
      });
      expect(spec.responseOverride).toEqual([
        {
          match: { statusCodes: [{ type: 'Value', value: 500 }] },
          response: { contentType: 'text/plain', body: { type: 'Inline', inline: 'oops' }, statusCode: 503 },
        },
      ]);
    });

    it('accepts a redirect and defaults its status code to 302 (CRD CEL test table)', () => {
      const spec = parseSpec(redirect({ scheme: 'https', hostname: 'www.example.com', path: { type: 'ReplaceFullPath', replaceFullPath: '/error' }, port: 8443 }));
      expect(spec.responseOverride[0].redirect).toEqual({
        scheme: 'https',
        hostname: 'www.example.com',
        path: { type: 'ReplaceFullPath', replaceFullPath: '/error' },
        port: 8443,
        statusCode: 302,
      });
    });

    it('rejects both response and redirect, and neither (CRD CEL test table)', () => {
      expect(validateSpec(override({ response: { statusCode: 500 }, redirect: { statusCode: 301 } }))).toEqual([
        { path: R, message: 'exactly one of response or redirect must be specified', code: 'cel' },
      ]);
      expect(errors(override({}))).toEqual([`${R}: exactly one of response or redirect must be specified`]);
    });

    it('requires match', () => {
      expect(errors({ responseOverride: [{ response: { statusCode: 500 } }] })).toEqual([`${R}.match: required`, SKIPPED]);
    });

    it('limits source to All, Local and Backend', () => {
      for (const source of ['All', 'Local', 'Backend']) expect(errors(override({ response: {}, source }))).toEqual([]);
      expect(errors(override({ response: {}, source: 'Upstream' }))).toEqual([`${R}.source: enum`, SKIPPED]);
    });
  });

  describe('match', () => {
    it('rejects an empty match (CRD CEL test table)', () => {
      expect(validateSpec({ responseOverride: [{ match: {}, response: { statusCode: 500 } }] })).toEqual([
        { path: `${R}.match`, message: 'at least one of statusCodes or responseHeaders must be specified', code: 'cel' },
      ]);
    });

    it('accepts a header-only match and a status-plus-header match (CRD CEL test table)', () => {
      const responseHeaders = [{ name: 'x-envoy-overloaded', value: { value: 'true' } }];
      expect(parseSpec({ responseOverride: [{ match: { responseHeaders }, response: { statusCode: 503 } }] }).responseOverride[0].match).toEqual({
        responseHeaders: [{ name: 'x-envoy-overloaded', value: { type: 'Exact', value: 'true' } }],
      });
      expect(errors({ responseOverride: [{ match: { statusCodes: [{ value: 500 }], responseHeaders }, response: {} }] })).toEqual([]);
    });

    it('accepts a status-code range', () => {
      expect(errors(override({ match: { statusCodes: [{ type: 'Range', range: { start: 500, end: 599 } }] }, response: {} }))).toEqual([]);
    });

    it('requires value for type Value, also when the type is only defaulted (CRD CEL test table)', () => {
      expect(errors(override({ match: { statusCodes: [{ type: 'Value' }] }, response: {} }))).toEqual([
        `${R}.match.statusCodes[0]: value must be set for type Value`,
      ]);
      expect(validateSpec(override({ match: { statusCodes: [{ range: { start: 100, end: 200 } }] }, response: {} }))).toEqual([
        { path: `${R}.match.statusCodes[0]`, message: 'value must be set for type Value', code: 'cel' },
      ]);
    });

    it('requires range for type Range (CRD CEL test table)', () => {
      expect(errors(override({ match: { statusCodes: [{ type: 'Range', value: 404 }] }, response: {} }))).toEqual([
        `${R}.match.statusCodes[0]: range must be set for type Range`,
      ]);
    });

    it('requires a range end greater than its start (CRD CEL test table)', () => {
      expect(validateSpec(override({ match: { statusCodes: [{ type: 'Range', range: { start: 500, end: 500 } }] }, response: {} }))).toEqual([
        { path: `${R}.match.statusCodes[0].range`, message: 'end must be greater than start', code: 'cel' },
      ]);
      // A missing end blocks CEL, so the rule does not run; with both bounds present it is hit both ways.
      expect(errors(override({ match: { statusCodes: [{ type: 'Range', range: { start: 500 } }] }, response: {} }))).toEqual([
        `${R}.match.statusCodes[0].range.end: required`,
        SKIPPED,
      ]);
      expect(errors(override({ match: { statusCodes: [{ type: 'Range', range: { start: 500, end: 499 } }] }, response: {} }))).toEqual([
        `${R}.match.statusCodes[0].range: end must be greater than start`,
      ]);
      expect(errors(override({ match: { statusCodes: [{ type: 'Range', range: { start: 500, end: 501 } }] }, response: {} }))).toEqual([]);
    });

    it('limits status-code types to Value and Range and leaves the codes unbounded', () => {
      expect(errors(override({ match: { statusCodes: [{ type: 'Regex', value: 1 }] }, response: {} }))).toEqual([
        `${R}.match.statusCodes[0].type: enum`,
        `${R}.match.statusCodes[0].type: allOf`,
        SKIPPED,
      ]);
      expect(errors(override({ match: { statusCodes: [{ value: 42 }] }, response: { statusCode: 999 } }))).toEqual([]);
    });

    it('takes 1..50 status codes and 1..16 response headers', () => {
      const codes = (n: number) => ({ statusCodes: Array.from({ length: n }, (_, i) => ({ value: 400 + i })) });
      const headers = (n: number) => ({ responseHeaders: Array.from({ length: n }, (_, i) => ({ name: `h${i}`, value: { value: 'v' } })) });
      expect(errors(override({ match: codes(50), response: {} }))).toEqual([]);
      expect(errors(override({ match: codes(51), response: {} }))).toEqual([`${R}.match.statusCodes: maxItems`, SKIPPED]);
      expect(errors(override({ match: codes(0), response: {} }))).toEqual([`${R}.match.statusCodes: minItems`]);
      expect(errors(override({ match: headers(16), response: {} }))).toEqual([]);
      expect(errors(override({ match: headers(17), response: {} }))).toEqual([`${R}.match.responseHeaders: maxItems`, SKIPPED]);
      expect(errors(override({ match: headers(0), response: {} }))).toEqual([`${R}.match.responseHeaders: minItems`]);
    });

    it('validates response-header names and string matches', () => {
      const h = (header: Record<string, unknown>) => override({ match: { responseHeaders: [header] }, response: {} });
      const H = `${R}.match.responseHeaders[0]`;
      expect(errors(h({ name: "x-a!#$%&'*+-.^_`|~1", value: { type: 'RegularExpression', value: '.*' } }))).toEqual([]);
      for (const type of ['Exact', 'Prefix', 'Suffix', 'RegularExpression']) expect(errors(h({ name: 'x', value: { type, value: 'v' } }))).toEqual([]);
      expect(errors(h({ name: 'bad name', value: { value: 'v' } }))).toEqual([`${H}.name: pattern`]);
      expect(errors(h({ name: 'x:y', value: { value: 'v' } }))).toEqual([`${H}.name: pattern`]);
      expect(errors(h({ name: 'x'.repeat(257), value: { value: 'v' } }))).toEqual([`${H}.name: maxLength`, SKIPPED]);
      expect(errors(h({ name: 'x' }))).toEqual([`${H}.value: required`, SKIPPED]);
      expect(errors(h({ value: { value: 'v' } }))).toEqual([`${H}.name: required`, SKIPPED]);
      expect(errors(h({ name: 'x', value: { value: '' } }))).toEqual([`${H}.value.value: minLength`]);
      expect(errors(h({ name: 'x', value: { value: 'v'.repeat(1025) } }))).toEqual([`${H}.value.value: maxLength`, SKIPPED]);
      expect(errors(h({ name: 'x', value: { type: 'Contains', value: 'v' } }))).toEqual([`${H}.value.type: enum`, SKIPPED]);
    });
  });

  describe('response body', () => {
    it('requires inline for type Inline, also when the type is only defaulted (CRD CEL test table)', () => {
      expect(validateSpec(response({ body: {} }))).toEqual([{ path: `${R}.response.body`, message: 'inline must be set for type Inline', code: 'cel' }]);
    });

    it('requires valueRef for type ValueRef (CRD CEL test table)', () => {
      expect(errors(response({ body: { type: 'ValueRef', inline: 'x' } }))).toEqual([`${R}.response.body: valueRef must be set for type ValueRef`]);
    });

    it('accepts a ConfigMap valueRef and rejects other kinds (CRD CEL test table)', () => {
      expect(parseSpec(response({ body: { type: 'ValueRef', valueRef: { group: '', kind: 'ConfigMap', name: 'errors' } } })).responseOverride[0].response).toEqual({
        body: { type: 'ValueRef', valueRef: { group: '', kind: 'ConfigMap', name: 'errors' } },
      });
      expect(validateSpec(response({ body: { type: 'ValueRef', valueRef: { group: '', kind: 'Secret', name: 'errors' } } }))).toEqual([
        { path: `${R}.response.body`, message: 'only ConfigMap is supported for ValueRef', code: 'cel' },
      ]);
    });

    it('validates the valueRef reference fields', () => {
      const B = `${R}.response.body.valueRef`;
      const ref = (v: Record<string, unknown>) => response({ body: { type: 'ValueRef', valueRef: v } });
      expect(errors(ref({ kind: 'ConfigMap', name: 'x' }))).toEqual([`${B}.group: required`, SKIPPED]);
      expect(errors(ref({ group: 'Bad_Group', kind: 'ConfigMap', name: 'x' }))).toEqual([`${B}.group: pattern`]);
      expect(errors(ref({ group: '', kind: 'ConfigMap', name: '' }))).toEqual([`${B}.name: minLength`]);
      expect(errors(ref({ group: '', kind: 'Config Map', name: 'x' }))).toEqual([`${B}.kind: pattern`, `${R}.response.body: only ConfigMap is supported for ValueRef`]);
      // A missing kind blocks CEL: the ConfigMap rule (hit both ways above and in the previous test) does not run.
      expect(errors(ref({ group: '', name: 'x' }))).toEqual([`${B}.kind: required`, SKIPPED]);
    });

    it('limits the body type to Inline and ValueRef', () => {
      expect(errors(response({ body: { type: 'File', inline: 'x' } }))).toEqual([`${R}.response.body.type: enum`, `${R}.response.body.type: allOf`, SKIPPED]);
    });
  });

  describe('response headers', () => {
    it('accepts set and add', () => {
      const header = { set: [{ name: 'x-a', value: '1' }], add: [{ name: 'x-b', value: '2' }] };
      expect(parseSpec(response({ header })).responseOverride[0].response.header).toEqual(header);
      expect(errors(response({ header: { remove: [] } }))).toEqual([]);
    });

    it('rejects remove (CRD CEL test table)', () => {
      expect(validateSpec(response({ header: { remove: ['x-a'] } }))).toEqual([
        { path: `${R}.response.header`, message: 'Remove is not supported for header in CustomResponse', code: 'cel' },
      ]);
    });

    it('rejects duplicate names in set and add, and duplicate entries in remove', () => {
      expect(errors(response({ header: { set: [{ name: 'x', value: '1' }, { name: 'x', value: '2' }] } }))).toEqual([`${R}.response.header.set[1]: duplicate`]);
      expect(errors(response({ header: { add: [{ name: 'x', value: '1' }, { name: 'x', value: '1' }] } }))).toEqual([`${R}.response.header.add[1]: duplicate`]);
      expect(errors(response({ header: { remove: ['a', 'a'] } }))).toEqual([
        `${R}.response.header.remove[1]: duplicate`,
        `${R}.response.header: Remove is not supported for header in CustomResponse`,
      ]);
    });

    it('bounds each list to 16 items and header values to 1..4096 chars', () => {
      const many = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `h${i}`, value: 'v' }));
      expect(errors(response({ header: { set: many(16), add: many(16) } }))).toEqual([]);
      expect(errors(response({ header: { set: many(17) } }))).toEqual([`${R}.response.header.set: maxItems`, SKIPPED]);
      expect(errors(response({ header: { add: many(17) } }))).toEqual([`${R}.response.header.add: maxItems`, SKIPPED]);
      expect(errors(response({ header: { remove: Array.from({ length: 17 }, (_, i) => `h${i}`) } }))).toEqual([
        `${R}.response.header.remove: maxItems`,
        SKIPPED,
      ]);
      expect(errors(response({ header: { set: [{ name: 'x', value: '' }] } }))).toEqual([`${R}.response.header.set[0].value: minLength`]);
      expect(errors(response({ header: { set: [{ name: 'x', value: 'v'.repeat(4097) }] } }))).toEqual([
        `${R}.response.header.set[0].value: maxLength`,
        SKIPPED,
      ]);
      expect(errors(response({ header: { add: [{ name: 'a b', value: 'v' }] } }))).toEqual([`${R}.response.header.add[0].name: pattern`]);
      expect(errors(response({ header: { add: [{ name: 'x' }] } }))).toEqual([`${R}.response.header.add[0].value: required`, SKIPPED]);
    });
  });

  describe('redirect', () => {
    it('rejects a ReplacePrefixMatch path (CRD CEL test table)', () => {
      expect(validateSpec(redirect({ path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } }))).toEqual([
        { path: `${R}.redirect.path`, message: 'only ReplaceFullPath is supported for path.type', code: 'cel' },
      ]);
    });

    it('keeps the Gateway API path-modifier pairing rules', () => {
      const P = `${R}.redirect.path`;
      expect(errors(redirect({ path: { type: 'ReplaceFullPath' } }))).toEqual([`${P}: replaceFullPath must be specified when type is set to 'ReplaceFullPath'`]);
      expect(errors(redirect({ path: { type: 'ReplaceFullPath', replaceFullPath: '/a', replacePrefixMatch: '/b' } }))).toEqual([
        `${P}: type must be 'ReplacePrefixMatch' when replacePrefixMatch is set`,
      ]);
      expect(errors(redirect({ path: { type: 'ReplacePrefixMatch', replaceFullPath: '/a' } }))).toEqual([
        `${P}: only ReplaceFullPath is supported for path.type`,
        `${P}: type must be 'ReplaceFullPath' when replaceFullPath is set`,
        `${P}: replacePrefixMatch must be specified when type is set to 'ReplacePrefixMatch'`,
      ]);
    });

    it('requires a path type, whose absence blocks the path rules (hit both ways with a type in the previous tests)', () => {
      const P = `${R}.redirect.path`;
      expect(validateSpec(redirect({ path: { replaceFullPath: '/a' } }))).toEqual([
        { path: `${P}.type`, message: 'Required value', code: 'required' },
        {
          path: '',
          message: 'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
          code: 'celSkipped',
        },
      ]);
      expect(errors(redirect({ path: { type: 'ReplaceFullPath', replaceFullPath: '/a' } }))).toEqual([]);
      expect(errors(redirect({ path: { type: 'ReplaceRegex', replaceFullPath: '/a' } }))).toEqual([`${P}.type: enum`, SKIPPED]);
    });

    it('bounds the replacement paths to 1024 chars', () => {
      expect(errors(redirect({ path: { type: 'ReplaceFullPath', replaceFullPath: '/'.repeat(1025) } }))).toEqual([
        `${R}.redirect.path.replaceFullPath: maxLength`,
        SKIPPED,
      ]);
    });

    it('accepts only 301 and 302 as status codes', () => {
      expect(parseSpec(redirect({ statusCode: 301 })).responseOverride[0].redirect).toEqual({ statusCode: 301 });
      expect(validateSpec(redirect({ statusCode: 307 }))[0]).toMatchObject({ path: `${R}.redirect.statusCode`, code: 'enum' });
    });

    it('validates scheme, hostname and port', () => {
      expect(errors(redirect({ scheme: 'ftp' }))).toEqual([`${R}.redirect.scheme: enum`, SKIPPED]);
      expect(errors(redirect({ hostname: '*.example.com' }))).toEqual([`${R}.redirect.hostname: pattern`]);
      expect(errors(redirect({ hostname: 'Example.com' }))).toEqual([`${R}.redirect.hostname: pattern`]);
      expect(errors(redirect({ hostname: '' }))).toEqual([`${R}.redirect.hostname: minLength`, `${R}.redirect.hostname: pattern`]);
      // `format: int32` without explicit bounds: the API server does not range-check it.
      expect(errors(redirect({ port: 2147483648 }))).toEqual([]);
      expect(errors(redirect({ port: '443' }))).toEqual([`${R}.redirect.port: type`, SKIPPED]);
      expect(errors(redirect({ port: 0 }))).toEqual([]);
    });
  });
});
