import { describe, expect, it } from 'vitest';
import { orderingAccountOf } from '../../../main/blockspace/blockspace-feed';
import { parachainConfigSchema, type ParachainConfig } from '../../../main/settings/parachain-config';

const BOB = '14E5nqKAp3oAJcmzgZhUD2RcptBeUBScxKHgJKU4HPNcKVf3';
// Parsed, so fields the configuration gains later take their defaults.
const base: ParachainConfig = parachainConfigSchema.parse({ updatedAt: 0, paraId: 2002 });
const policy = { enabled: true, trigger: 'either', maxPricePlanck: '1', dailyBudgetPlanck: '10' } as const;

describe('which account pays a para’s on-demand orders', () => {
  it('is the configured signer for its own para on the on-demand path, ordering only while auto-order runs with a console key', () => {
    expect(orderingAccountOf(2002, { ...base, blockspace: 'on-demand', signer: { kind: 'vault', address: BOB } })).toEqual({ address: BOB, ordering: false });
    expect(orderingAccountOf(2002, { ...base, blockspace: 'on-demand', signer: { kind: 'vault', address: BOB }, orderPolicy: policy })).toEqual({ address: BOB, ordering: true });
    // The driver cannot sign with a browser extension's key: the account pays, but nothing orders by itself.
    expect(orderingAccountOf(2002, { ...base, blockspace: 'on-demand', signer: { kind: 'extension', address: BOB }, orderPolicy: policy })).toEqual({ address: BOB, ordering: false });
  });

  it('is nobody for another para, for a bulk para without auto-ordering, or without a signer', () => {
    expect(orderingAccountOf(2000, { ...base, blockspace: 'on-demand', signer: { kind: 'vault', address: BOB } })).toBeUndefined();
    expect(orderingAccountOf(2002, { ...base, blockspace: 'bulk', signer: { kind: 'vault', address: BOB } })).toBeUndefined();
    expect(orderingAccountOf(2002, { ...base, blockspace: 'on-demand' })).toBeUndefined();
  });
});
