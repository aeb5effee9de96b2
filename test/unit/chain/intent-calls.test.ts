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
});
