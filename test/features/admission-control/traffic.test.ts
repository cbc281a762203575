import { describe, expect, it } from 'vitest';
import { admissionControlTranslation } from '../../../src/features/admission-control/traffic.js';
import { expectNeverThrows, run } from '../../resolve/traffic/cluster-helpers.js';

const ac = (admissionControl: unknown) => run(admissionControlTranslation, { admissionControl });

describe('admissionControl', () => {
  it('copies what is set, without defaults', () => {
    expect(run(admissionControlTranslation, {})).toEqual({});
    expect(ac({})).toEqual({ value: {} });
    expect(
      ac({
        samplingWindow: '60s',
        minSuccessRate: 90,
        rejectionAggression: 2,
        minRequestRate: 10,
        maxRejectionPercent: 70,
        successCriteria: { grpc: { statusCodes: ['Ok', 'Cancelled'] }, http: { statusCodes: [200, 201] } },
      }),
    ).toEqual({
      value: {
        samplingWindow: 60_000,
        minSuccessRate: 90,
        rejectionAggression: 2,
        minRequestRate: 10,
        maxRejectionPercent: 70,
        successCriteria: { grpc: { statusCodes: ['Ok', 'Cancelled'] }, http: { statusCodes: [200, 201] } },
      },
    });
  });

  it('silently drops a sampling window that does not parse', () => {
    expect(ac({ samplingWindow: 'a while', minSuccessRate: 95 })).toEqual({ value: { minSuccessRate: 95 } });
  });

  it('never throws on a raw spec', () => {
    expectNeverThrows(admissionControlTranslation, 'admissionControl');
  });
});
