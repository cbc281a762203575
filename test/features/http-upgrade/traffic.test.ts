import { describe, expect, it } from 'vitest';
import { httpUpgradeTranslation } from '../../../src/features/http-upgrade/traffic.js';
import { expectNeverThrows, run } from '../../resolve/traffic/route-helpers.js';

describe('httpUpgrade', () => {
  it('copies the list in order', () => {
    expect(run(httpUpgradeTranslation, { httpUpgrade: [{ type: 'websocket' }, { type: 'spdy/3.1' }] })).toEqual({
      value: [{ type: 'websocket' }, { type: 'spdy/3.1' }],
    });
    expect(run(httpUpgradeTranslation, { httpUpgrade: [{ type: 'CONNECT', connect: { terminate: true } }, { type: 'CONNECT', connect: {} }] })).toEqual({
      value: [{ type: 'CONNECT', connect: { terminate: true } }, { type: 'CONNECT', connect: {} }],
    });
  });

  it('does not write the implied websocket default (it is not part of the IR traffic)', () => {
    expect(run(httpUpgradeTranslation, {})).toEqual({});
    expect(run(httpUpgradeTranslation, { httpUpgrade: [] })).toEqual({});
    expect(run(httpUpgradeTranslation, { requestBuffer: { limit: '1Mi' } })).toEqual({});
  });

  it('never throws on arbitrary input', () => {
    expectNeverThrows(httpUpgradeTranslation, 'httpUpgrade');
  });
});
