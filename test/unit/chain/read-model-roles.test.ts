import { describe, expect, it } from 'vitest';
import type { ChainRoleName, ReadQuery } from '../../../shared/contract/chain';
import { keyOf, roleOf } from '../../../main/chain/read/read-model';

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

/** One query of every kind, with the chain it is read from: the read model's table, written out. */
const EXPECTED: ReadonlyArray<[ReadQuery, ChainRoleName]> = [
  [{ kind: 'balance', role: 'assetHub', address: ALICE }, 'assetHub'],
  [{ kind: 'head', role: 'coretime' }, 'coretime'],
  [{ kind: 'nextFreeParaId' }, 'relay'],
  [{ kind: 'managedParas', address: ALICE }, 'relay'],
  [{ kind: 'para', paraId: 2000 }, 'relay'],
  [{ kind: 'onDemandQueue' }, 'relay'],
  [{ kind: 'coretimeSale' }, 'coretime'],
  [{ kind: 'coretimeHoldings', address: ALICE, paraIds: [2000] }, 'coretime'],
  [{ kind: 'relayLimits' }, 'relay'],
  [{ kind: 'pvfVote', codeHash: '0x00' }, 'relay'],
  [{ kind: 'onboardingEta', paraId: 2000 }, 'relay'],
  [{ kind: 'leases', paraId: 2000 }, 'relay'],
  [{ kind: 'auction' }, 'relay'],
  [{ kind: 'crowdloan', paraId: 2000 }, 'relay'],
  [{ kind: 'candidacy' }, 'parachain'],
  [{ kind: 'paraLeasesAndBids', paraId: 2000 }, 'relay'],
  [{ kind: 'paraCoretime', paraId: 2000 }, 'coretime'],
  [{ kind: 'autoRenewCall', core: 1, paraId: 2000 }, 'coretime'],
  [{ kind: 'hrmpChannels', paraId: 2000 }, 'relay'],
];

describe('which chain the read model reads each query from', () => {
  it.each(EXPECTED)('reads %o on the %s', (query, role) => {
    expect(roleOf(query)).toBe(role);
  });

  it('keys a subscription by its chain and the whole query, so a balance on two chains is two subscriptions', () => {
    expect(keyOf({ kind: 'head', role: 'relay' })).toBe('relay|{"kind":"head","role":"relay"}');
    expect(keyOf({ kind: 'balance', role: 'relay', address: ALICE })).not.toBe(keyOf({ kind: 'balance', role: 'assetHub', address: ALICE }));
  });
});
