import { describe, expect, it } from 'vitest';
import { healthRulesSchema } from '../../../../shared/contract/health';
import { blockTimesOf, orderingAccountFromConfig } from '../../../../main/health/diagnosis/diagnosis-sources';

describe('where a diagnosis finds what the console already knows', () => {
  it("counts a para's stall in its own block time when the operator set one, else the defaults", () => {
    const rules = healthRulesSchema.parse({ parachains: { '2000': { blockTimeMs: 12_000 } } });
    expect(blockTimesOf(rules, 2000)).toEqual({ blockTimeMs: 12_000, relayBlockTimeMs: 6_000 });
    expect(blockTimesOf(rules, 2001)).toEqual({ blockTimeMs: 6_000, relayBlockTimeMs: 6_000 });
  });

  it("names the ordering account only for the operator's own para on demand or with auto-ordering on", () => {
    const signer = { kind: 'vault' as const, address: '5Dave' };
    expect(orderingAccountFromConfig({ paraId: 2000, signer, blockspace: 'on-demand' }, 2000)).toBe('5Dave');
    expect(orderingAccountFromConfig({ paraId: 2000, signer, blockspace: 'bulk', orderPolicy: { enabled: true, trigger: 'block-ready', maxPricePlanck: '1000', dailyBudgetPlanck: '100000' } }, 2000)).toBe('5Dave');
    expect(orderingAccountFromConfig({ paraId: 2000, signer, blockspace: 'bulk' }, 2000)).toBeUndefined();
    expect(orderingAccountFromConfig({ paraId: 2000, signer, blockspace: 'on-demand' }, 2001)).toBeUndefined();
    expect(orderingAccountFromConfig({ paraId: 2000, blockspace: 'on-demand' }, 2000)).toBeUndefined();
  });
});
