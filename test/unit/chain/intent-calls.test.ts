import type { ApiPromise } from '@polkadot/api';
import { decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TxIntent } from '../../../shared/contract/chain';
import { buildIntentCall, roleOfIntent } from '../../../main/chain/tx/intent-calls';
import { isServiceError } from '../../../main/errors/service-error';
import { offlineApi } from './support/real-metadata';

const DOT = { symbol: 'DOT', decimals: 10 };
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

describe('intents become calls of the connected runtime (real Polkadot and Kusama metadata)', () => {
  let polkadot: ApiPromise;
  let kusama: ApiPromise;
  let assetHub: ApiPromise;

  beforeAll(async () => {
    [polkadot, kusama, assetHub] = await Promise.all([offlineApi('polkadot'), offlineApi('kusama'), offlineApi('assetHubPolkadot')]);
  });
  afterAll(async () => {
    await Promise.all([polkadot, kusama, assetHub].map((api) => api?.disconnect()));
  });

  async function decoded(api: ApiPromise, intent: TxIntent) {
    const built = await buildIntentCall({ api, token: DOT }, intent);
    const call = api.createType('Call', built.extrinsic.method.toHex());
    return { section: call.section, method: call.method, args: call.args.map((arg) => arg.toString()), summary: built.summary };
  }

  it('sends each intent to the chain that hosts it', () => {
    expect(roleOfIntent({ kind: 'reserveParaId' })).toBe('relay');
    expect(roleOfIntent({ kind: 'purchaseCoretime', priceLimitPlanck: '1' })).toBe('coretime');
    expect(roleOfIntent({ kind: 'registerAsCandidate' })).toBe('parachain');
    expect(roleOfIntent({ kind: 'transfer', role: 'assetHub', dest: ALICE, amountPlanck: '1' })).toBe('assetHub');
  });

  it('reserves a para id with registrar.reserve', async () => {
    expect(await decoded(polkadot, { kind: 'reserveParaId' })).toMatchObject({ section: 'registrar', method: 'reserve', args: [] });
  });

  it('orders on-demand coretime under the pallet name each runtime uses', async () => {
    const intent: TxIntent = { kind: 'placeOnDemandOrder', paraId: 2042, maxAmountPlanck: '5000000000', keepAlive: true };
    const onPolkadot = await decoded(polkadot, intent);
    const onKusama = await decoded(kusama, intent);
    expect(onPolkadot).toMatchObject({ method: 'placeOrderKeepAlive', args: ['5000000000', '2042'] });
    expect(onKusama).toMatchObject({ method: 'placeOrderKeepAlive', args: ['5000000000', '2042'] });
    expect([onPolkadot.section, onKusama.section].every((section) => ['onDemand', 'onDemandAssignmentProvider'].includes(section))).toBe(true);
    expect(onPolkadot.summary).toContain('0.5 DOT');
  });

  it('transfers keeping the sender alive', async () => {
    expect(await decoded(assetHub, { kind: 'transfer', role: 'assetHub', dest: ALICE, amountPlanck: '12345' }))
      .toMatchObject({ section: 'balances', method: 'transferKeepAlive', args: [expect.stringContaining(encodeAddress(decodeAddress(ALICE), assetHub.registry.chainSS58)), '12345'] });
  });

  it('says plainly when the chain has no such call (bulk coretime is not on the relay chain)', async () => {
    const failure = await buildIntentCall({ api: polkadot, token: DOT }, { kind: 'purchaseCoretime', priceLimitPlanck: '1' }).then(() => undefined, (error: unknown) => error);
    expect(isServiceError(failure) && failure.code).toBe('not_supported');
  });

  it('bids in a slot auction with auctions.bid, every argument in place', async () => {
    const intent: TxIntent = { kind: 'auctionBid', paraId: 2042, auctionIndex: 7, firstSlot: 30, lastSlot: 37, amountPlanck: '10000000000000' };
    expect(roleOfIntent(intent)).toBe('relay');
    expect(await decoded(kusama, intent)).toMatchObject({ section: 'auctions', method: 'bid', args: ['2042', '7', '30', '37', '10000000000000'] });
  });

  it('runs every crowdloan call the relay still has', async () => {
    expect(await decoded(kusama, { kind: 'createCrowdloan', paraId: 2042, capPlanck: '500000000000000', firstPeriod: 30, lastPeriod: 37, endBlock: 25_000_000 }))
      .toMatchObject({ section: 'crowdloan', method: 'create', args: ['2042', '500000000000000', '30', '37', '25000000', ''] });
    expect(await decoded(kusama, { kind: 'contributeCrowdloan', paraId: 2042, amountPlanck: '1000000000000' }))
      .toMatchObject({ section: 'crowdloan', method: 'contribute', args: ['2042', '1000000000000', ''] });
    const withdraw = await decoded(polkadot, { kind: 'withdrawCrowdloan', paraId: 2042, contributor: ALICE });
    expect(withdraw).toMatchObject({ section: 'crowdloan', method: 'withdraw', args: [encodeAddress(decodeAddress(ALICE), polkadot.registry.chainSS58), '2042'] });
    expect(await decoded(polkadot, { kind: 'refundCrowdloan', paraId: 2042 })).toMatchObject({ section: 'crowdloan', method: 'refund', args: ['2042'] });
    expect(await decoded(polkadot, { kind: 'dissolveCrowdloan', paraId: 2042 })).toMatchObject({ section: 'crowdloan', method: 'dissolve', args: ['2042'] });
  });

  it('reclaims contributions and deposits on Asset Hub where its runtime has ahOps', async () => {
    const intent: TxIntent = { kind: 'reclaimOnAssetHub', what: 'contribution', unlockBlock: 24_000_000, paraId: 2042 };
    expect(roleOfIntent(intent)).toBe('assetHub');
    const built = await buildIntentCall({ api: assetHub, token: DOT }, intent).then((call) => call, (error: unknown) => error);
    if (isServiceError(built)) {
      // This Asset Hub metadata predates the migration: the console says so instead of guessing a call.
      expect(built.code).toBe('not_supported');
      return;
    }
    const call = assetHub.createType('Call', (built as Awaited<ReturnType<typeof buildIntentCall>>).extrinsic.method.toHex());
    expect([call.section, call.method]).toEqual(['ahOps', 'withdrawCrowdloanContribution']);
    // (unlock block, depositor: none means the caller's own, para id)
    expect(call.args.map((arg) => arg.toString())).toEqual(['24000000', '', '2042']);
  });
});
