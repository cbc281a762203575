import { describe, expect, it } from 'vitest';
import { proxyProtocolTranslation } from '../../../src/features/proxy-protocol/traffic.js';
import { expectNeverThrows, run } from '../../resolve/traffic/cluster-helpers.js';

describe('proxyProtocol', () => {
  it('copies the version', () => {
    expect(run(proxyProtocolTranslation, {})).toEqual({});
    expect(run(proxyProtocolTranslation, { proxyProtocol: { version: 'V1' } })).toEqual({ value: { version: 'V1' } });
    expect(run(proxyProtocolTranslation, { proxyProtocol: { version: 'V2' } })).toEqual({ value: { version: 'V2' } });
  });

  it('never throws on a raw spec', () => {
    expectNeverThrows(proxyProtocolTranslation, 'proxyProtocol');
  });
});
