import { describe, it, expect } from 'vitest';
import { parseSpec, validateSpec } from '../../model/helpers.js';

/** `path: code` for schema errors, `path: message` for CEL rules. */
const errors = (spec: Record<string, unknown>) => validateSpec(spec).map((i) => `${i.path}: ${i.code === 'cel' ? i.message : i.code}`);

describe('proxyProtocol', () => {
  it('accepts versions V1 and V2', () => {
    expect(errors({ proxyProtocol: { version: 'V1' } })).toEqual([]);
    expect(parseSpec({ proxyProtocol: { version: 'V2' } }).proxyProtocol).toEqual({ version: 'V2' });
  });

  it('requires version', () => {
    expect(errors({ proxyProtocol: {} })).toEqual(['spec.proxyProtocol.version: required', ': celSkipped']);
  });

  it('rejects other versions, case-sensitively', () => {
    expect(errors({ proxyProtocol: { version: 'V3' } })).toEqual(['spec.proxyProtocol.version: enum', ': celSkipped']);
    expect(errors({ proxyProtocol: { version: 'v2' } })).toEqual(['spec.proxyProtocol.version: enum', ': celSkipped']);
  });
});
