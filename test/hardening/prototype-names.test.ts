/**
 * Strings named like Object.prototype members (`constructor`, `__proto__`, `toString`, …) are data
 * wherever they are looked up in a table — a listener protocol, a duration unit, a merge path, a
 * gRPC status code, a DNS family — never the inherited member. Each case once crashed resolution,
 * threw from a public function, or put a function into the output.
 */
import { describe, expect, it } from 'vitest';
import { emitEnvoy, parseGoDuration, resolvePolicies, strategicMergePatch } from '../../src/index.js';
import { plainDataProblem } from './support.js';
import { backendTrafficPolicy, gateway as makeGateway, httpRoute } from '../support/manifests.js';

const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

const gateway = (protocol = 'HTTP') => makeGateway({ protocol });
const route = () => httpRoute();
const policy = (spec: Record<string, unknown>) => backendTrafficPolicy('p', spec);

describe('prototype member names are data', () => {
  it.each(NAMES)('a listener protocol %s accepts no route instead of failing the resolution', (name) => {
    const res = resolvePolicies([gateway(name), route()]);
    expect(res.diagnostics).toEqual([]);
    expect(res.routes).toEqual([]);
  });

  it.each(NAMES)('parseGoDuration reports the unit %s as unknown', (name) => {
    expect(parseGoDuration(`1${name}`)).toEqual({ success: false, error: `time: unknown unit ${JSON.stringify(name)} in duration ${JSON.stringify(`1${name}`)}` });
  });

  it.each(NAMES)('strategicMergePatch replaces a top-level list named %s (only spec.compression, compressor and httpUpgrade merge by key)', (name) => {
    const original = JSON.parse(`{${JSON.stringify(name)}:[{"type":"a"}]}`);
    const patch = JSON.parse(`{${JSON.stringify(name)}:[{"type":"b"}]}`);
    expect(Object.getOwnPropertyDescriptor(strategicMergePatch(original, patch), name)!.value).toEqual([{ type: 'b' }]);
  });

  it.each(NAMES)('emitEnvoy never puts a function into the output for the value %s', (name) => {
    const res = resolvePolicies([
      gateway(),
      route(),
      policy({ admissionControl: { successCriteria: { grpc: { statusCodes: [name, 'OK'] } } }, dns: { lookupFamily: name } }),
    ]);
    const emitted = emitEnvoy(res);
    expect(plainDataProblem(emitted)).toBeUndefined();
    const mutated = structuredClone(res);
    mutated.routes[0]!.route.kind = name;
    expect(plainDataProblem(emitEnvoy(mutated))).toBeUndefined();
  });
});
