import { describe, expect, it } from 'vitest';
import type { ConfigMap } from '../../../src/model/gateway-api.js';
import { responseOverrideTranslation } from '../../../src/features/response-override/traffic.js';
import { expectNeverThrows, makeCtx, run } from '../../resolve/traffic/route-helpers.js';

const cm = (namespace: string, name: string, fields: Partial<ConfigMap>): ConfigMap => ({ metadata: { namespace, name }, ...fields }) as ConfigMap;
const ctx = makeCtx({
  policy: { namespace: 'default', name: 'p' },
  responseOverrideNamespace: 'default',
  configMaps: [
    cm('default', 'with-key', { data: { other: 'x', 'response.body': 'the body' } }),
    cm('default', 'first-key', { data: { a: 'first', b: 'second' } }),
    cm('default', 'binary', { data: {}, binaryData: { page: 'aGVsbG8g4pyT' } }),
    cm('default', 'empty', { data: {} }),
    cm('other', 'elsewhere', { data: { 'response.body': 'other ns' } }),
  ],
});
const ro = (responseOverride: unknown, c = ctx) => run(responseOverrideTranslation, { responseOverride }, c);
const valueRef = (name: string) => ({ type: 'ValueRef', valueRef: { group: '', kind: 'ConfigMap', name } });
const bodyOf = (name: string, c = ctx) => ro([{ match: { statusCodes: [{ value: 500 }] }, response: { body: valueRef(name) } }], c);

describe('responseOverride', () => {
  it('names the config and its rules after the policy', () => {
    expect(
      ro([
        { match: { statusCodes: [{ type: 'Value', value: 404 }] }, response: { contentType: 'text/plain', body: { type: 'Inline', inline: 'Not Found' } }, source: 'Local' },
        { match: { statusCodes: [{ value: 500 }, { type: 'Range', range: { start: 501, end: 511 } }] }, response: { statusCode: 503 } },
      ]),
    ).toEqual({
      value: {
        name: 'backendtrafficpolicy/default/p',
        rules: [
          {
            name: 'backendtrafficpolicy/default/p/responseoverride/rule/0',
            match: { statusCodes: [{ value: 404 }] },
            response: { contentType: 'text/plain', body: 'Not Found' },
            source: 'Local',
          },
          {
            name: 'backendtrafficpolicy/default/p/responseoverride/rule/1',
            match: { statusCodes: [{ value: 500 }, { range: { start: 501, end: 511 } }] },
            response: { statusCode: 503 },
          },
        ],
      },
    });
  });

  it('maps response header matches and added headers (add before set)', () => {
    const out = ro([
      {
        match: { responseHeaders: [{ name: 'X-A', value: { value: 'v' } }, { name: 'X-B', value: { type: 'RegularExpression', value: '^us-.*$' } }] },
        response: { header: { set: [{ name: 'X-Set', value: 's' }], add: [{ name: 'X-Add', value: 'a' }] } },
      },
    ]).value!.rules[0]!;
    expect(out.match).toEqual({
      responseHeaders: [
        { name: 'X-A', exact: 'v', distinct: false },
        { name: 'X-B', safeRegex: '^us-.*$', distinct: false },
      ],
    });
    expect(out.response).toEqual({
      addResponseHeaders: [
        { name: 'X-Add', value: ['a'], append: true, addIfAbsent: false },
        { name: 'X-Set', value: ['s'], append: false, addIfAbsent: false },
      ],
    });
  });

  it('maps redirects', () => {
    expect(
      ro([
        {
          match: { statusCodes: [{ value: 200 }] },
          redirect: { scheme: 'https', hostname: 'www.redirect.com', port: 8443, statusCode: 301, path: { type: 'ReplaceFullPath', replaceFullPath: '/p' } },
        },
      ]).value!.rules[0]!.redirect,
    ).toEqual({ scheme: 'https', hostname: 'www.redirect.com', port: 8443, statusCode: 301, path: { fullReplace: '/p' } });
  });

  it('reads ConfigMap bodies: response.body, else the first data key, else the first binaryData key', () => {
    expect(bodyOf('with-key').value!.rules[0]!.response!.body).toBe('the body');
    expect(bodyOf('first-key').value!.rules[0]!.response!.body).toBe('first');
    expect(bodyOf('binary').value!.rules[0]!.response!.body).toBe('hello ✓');
  });

  it('resolves ValueRefs in the given namespace', () => {
    expect(bodyOf('elsewhere').errors).toEqual(["can't find the referenced configmap default/elsewhere"]);
    const merged = makeCtx({ ...ctx, responseOverrideNamespace: 'other', configMaps: [cm('other', 'elsewhere', { data: { 'response.body': 'other ns' } })] });
    expect(bodyOf('elsewhere', merged).value!.rules[0]!.response!.body).toBe('other ns');
    expect(bodyOf('elsewhere', merged).value!.name).toBe('backendtrafficpolicy/default/p');
  });

  it('reports a missing ConfigMap and one without data', () => {
    expect(bodyOf('missing')).toEqual({ errors: ["can't find the referenced configmap default/missing"] });
    expect(bodyOf('empty')).toEqual({ errors: ["can't find the key response.body in the referenced configmap default/empty"] });
  });

  it('is absent for an unset or empty list', () => {
    expect(run(responseOverrideTranslation, {})).toEqual({});
    expect(ro([])).toEqual({});
  });

  it('never throws on arbitrary input', () => {
    expectNeverThrows(responseOverrideTranslation, 'responseOverride');
  });
});
