import { describe, it, expect } from 'vitest';
import { parseSpec, validateSpec } from '../../model/helpers.js';

/** `path: code` for schema errors, `path: message` for CEL rules. */
const errors = (spec: Record<string, unknown>) => validateSpec(spec).map((i) => `${i.path}: ${i.code === 'cel' ? i.message : i.code}`);
const CONNECT_ONLY = 'The connect configuration is only allowed when the type is CONNECT.';

describe('httpUpgrade', () => {
  it('accepts free-form upgrade types', () => {
    const httpUpgrade = [{ type: 'websocket' }, { type: 'spdy/3.1' }, { type: 'CONNECT' }];
    expect(parseSpec({ httpUpgrade }).httpUpgrade).toEqual(httpUpgrade);
  });

  it('accepts connect settings with type CONNECT (CRD CEL test table)', () => {
    expect(parseSpec({ httpUpgrade: [{ type: 'CONNECT', connect: { terminate: true } }] }).httpUpgrade).toEqual([
      { type: 'CONNECT', connect: { terminate: true } },
    ]);
    expect(errors({ httpUpgrade: [{ type: 'CONNECT', connect: {} }] })).toEqual([]);
  });

  it('rejects connect settings with any other type, comparing case-sensitively (CRD CEL test table)', () => {
    expect(validateSpec({ httpUpgrade: [{ type: 'websocket' }, { type: 'websocket', connect: { terminate: true } }] })).toEqual([
      { path: 'spec.httpUpgrade[1]', message: CONNECT_ONLY, code: 'cel' },
    ]);
    expect(errors({ httpUpgrade: [{ type: 'connect', connect: {} }] })).toEqual([`spec.httpUpgrade[0]: ${CONNECT_ONLY}`]);
  });

  it('requires a type', () => {
    expect(errors({ httpUpgrade: [{}] })).toEqual(['spec.httpUpgrade[0].type: required', ': celSkipped']);
    expect(errors({ httpUpgrade: [{ type: 'CONNECT', connect: { terminate: 'yes' } }] })).toEqual([
      'spec.httpUpgrade[0].connect.terminate: type',
      ': celSkipped',
    ]);
  });

  it('cannot be combined with requestBuffer unless the list is empty (spec-level rule, CRD CEL test table)', () => {
    const msg = 'spec: requestBuffer cannot be used together with httpUpgrade';
    expect(errors({ requestBuffer: { limit: '1Mi' }, httpUpgrade: [{ type: 'websocket' }] })).toEqual([msg]);
    expect(errors({ requestBuffer: { limit: '1Mi' }, httpUpgrade: [{ type: 'CONNECT' }] })).toEqual([msg]);
    expect(errors({ requestBuffer: { limit: '1Mi' }, httpUpgrade: [] })).toEqual([]);
  });
});
