import { describe, expect, it } from 'vitest';
import { routeStatName, telemetryTranslation } from '../../../src/features/telemetry/traffic.js';
import { expectNeverThrows, run } from '../../resolve/traffic/route-helpers.js';

const tel = (telemetry: unknown) => run(telemetryTranslation, { telemetry });

describe('telemetry', () => {
  it('copies tracing, turning tag maps into key-sorted lists', () => {
    expect(
      tel({
        tracing: {
          samplingFraction: { numerator: 1, denominator: 100 },
          clientSamplingFraction: { numerator: 2 },
          customTags: { literal1: { type: 'Literal', literal: { value: 'v' } }, env1: { type: 'Environment', environment: { name: 'E', defaultValue: '-' } } },
          tags: { z: '%REQ(x)%', a: 'lit' },
          spanName: { client: 'c', server: 's' },
        },
      }),
    ).toEqual({
      value: {
        tracing: {
          samplingFraction: { numerator: 1, denominator: 100 },
          clientSamplingFraction: { numerator: 2 },
          customTags: [
            { key: 'env1', value: { type: 'Environment', environment: { name: 'E', defaultValue: '-' } } },
            { key: 'literal1', value: { type: 'Literal', literal: { value: 'v' } } },
          ],
          tags: [
            { key: 'a', value: 'lit' },
            { key: 'z', value: '%REQ(x)%' },
          ],
          spanName: { client: 'c', server: 's' },
        },
      },
    });
    expect(tel({ tracing: {} })).toEqual({ value: { tracing: {} } });
  });

  it('has no traffic value without tracing (routeStatName becomes the route statName instead)', () => {
    expect(tel({ metrics: { routeStatName: '%ROUTE_NAME%' } })).toEqual({});
    expect(run(telemetryTranslation, {})).toEqual({});
  });

  it('validates routeStatName operators', () => {
    expect(tel({ metrics: { routeStatName: '%ROUTE_KIND%/%ROUTE_NAMESPACE%/%ROUTE_NAME%/%ROUTE_RULE_NAME%' }, tracing: {} })).toEqual({ value: { tracing: {} } });
    expect(tel({ metrics: { routeStatName: '%ROUTE_NAME%/%BACKEND_REFS%/%X%' } })).toEqual({
      errors: ['unable to configure Route Stat Name: unsupported operators: [%BACKEND_REFS% %X%]'],
    });
    expect(tel({ metrics: { routeStatName: 'name%' }, tracing: {} })).toEqual({
      errors: ['unable to configure Route Stat Name: unable to configure stat name with invalid operator'],
    });
  });

  it('substitutes the route into a stat name', () => {
    const route = { name: 'r', namespace: 'ns', kind: 'HTTPRoute' };
    expect(routeStatName('%ROUTE_KIND%/%ROUTE_NAMESPACE%/%ROUTE_NAME%/%ROUTE_RULE_NAME%', route)).toBe('HTTPRoute/ns/r/-');
    expect(routeStatName('%ROUTE_RULE_NAME%-%ROUTE_RULE_NAME%', { ...route, ruleName: 'rule-a' })).toBe('rule-a-rule-a');
    expect(routeStatName('plain', route)).toBe('plain');
  });

  it('substitutes literally: `$` patterns in names stay as written', () => {
    const route = { name: "a$&b$'c", namespace: '$`', kind: 'HTTPRoute', ruleName: '$$' };
    expect(routeStatName('x%ROUTE_NAME%y/%ROUTE_NAMESPACE%/%ROUTE_RULE_NAME%', route)).toBe("xa$&b$'cy/$`/$$");
  });

  it('replaces one operator after the other, as Envoy Gateway does', () => {
    // A name holding an operator (possible on the lenient path) is substituted by the later steps.
    expect(routeStatName('%ROUTE_NAME%', { name: '%ROUTE_KIND%', namespace: 'ns', kind: 'HTTPRoute' })).toBe('HTTPRoute');
  });

  it('builds no name longer than the limit it is given', () => {
    const route = { name: 'r'.repeat(253), namespace: 'ns', kind: 'HTTPRoute' };
    expect(routeStatName('%ROUTE_NAME%'.repeat(16), route, 16 * 253)).toBe('r'.repeat(16 * 253));
    expect(routeStatName('%ROUTE_NAME%'.repeat(16), route, 16 * 253 - 1)).toBeUndefined();
    expect(routeStatName('x'.repeat(11), route, 10)).toBeUndefined();
    // A billion-character name is refused from its length alone.
    expect(routeStatName('%ROUTE_NAME%'.repeat(1 << 16), { ...route, name: 'n'.repeat(1 << 14) }, 4096)).toBeUndefined();
  });

  it('never throws on arbitrary input', () => {
    expectNeverThrows(telemetryTranslation, 'telemetry');
  });
});
