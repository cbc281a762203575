import { describe, it, expect } from 'vitest';
import { parseSpec, validateSpec } from '../../model/helpers.js';

/** `path: code` for schema errors, `path: message` for CEL rules. */
const errors = (spec: Record<string, unknown>) => validateSpec(spec).map((i) => `${i.path}: ${i.code === 'cel' ? i.message : i.code}`);

describe('requestBuffer', () => {
  it('accepts a limit alone (CRD CEL test table)', () => {
    expect(parseSpec({ requestBuffer: { limit: '4Mi' } }).requestBuffer).toEqual({ limit: '4Mi' });
    expect(parseSpec({ requestBuffer: { limit: 1048576 } }).requestBuffer).toEqual({ limit: 1048576 });
  });

  it('accepts a block without limit: the CRD does not require it', () => {
    expect(parseSpec({ requestBuffer: {} }).requestBuffer).toEqual({});
  });

  it('takes the limit as a positive quantity string with a k/M/G/… or Ki/Mi/Gi/… suffix', () => {
    for (const limit of ['1', '32k', '1M', '1Gi', '1Ei']) expect(errors({ requestBuffer: { limit } })).toEqual([]);
    for (const limit of ['0', '1m', '1.5Mi', '01']) {
      expect(validateSpec({ requestBuffer: { limit } })).toEqual([
        { path: 'spec.requestBuffer.limit', message: `Invalid value: "${limit}": should match '^[1-9]+[0-9]*([EPTGMK]i|[EPTGMk])?$'`, code: 'pattern' },
        { path: 'spec.requestBuffer.limit', message: '"spec.requestBuffer.limit" must validate all the schemas (allOf)', code: 'allOf' },
      ]);
    }
  });

  it('rejects a limit that is neither an integer nor a string', () => {
    expect(errors({ requestBuffer: { limit: 1.5 } })).toEqual(['spec.requestBuffer.limit: type', 'spec.requestBuffer.limit: anyOf', ': celSkipped']);
  });

  it('is accepted next to an empty httpUpgrade list and rejected next to a websocket upgrade (spec-level rule)', () => {
    expect(errors({ requestBuffer: { limit: '1Mi' }, httpUpgrade: [] })).toEqual([]);
    expect(errors({ requestBuffer: { limit: '1Mi' }, httpUpgrade: [{ type: 'websocket' }] })).toEqual([
      'spec: requestBuffer cannot be used together with httpUpgrade',
    ]);
  });
});
