import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { DispatchError } from '@polkadot/types/interfaces';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRegisterAsCandidate, buildSetSessionKeys } from '../../../main/chain/calls/collator';
import type { CallContext } from '../../../main/chain/calls/built-call';
import { detectAssetHubCapabilities, detectParachainCapabilities, indexApi } from '../../../main/chain/capabilities/detect';
import { describeDispatchError, type DispatchErrorWords } from '../../../main/chain/dispatch-errors';
import { systemAccount } from '../../../main/chain/storage/balances';
import { sessionCurrentIndex } from '../../../main/chain/storage/session';
import { decodeRaw, readItem, storageKey, subscribeItem } from '../../../main/chain/storage/storage-item';
import { startChopsticksNode, type ChopsticksNode } from '../../fixtures/chopsticks-node';

/**
 * The chain knowledge layer on a real runtime: chopsticks running the Rococo
 * Asset Hub genesis (a Cumulus runtime with session keys and collator
 * selection). Capabilities come from the live metadata, storage readers read
 * and follow real storage, and a call built here fails on chain with an error
 * the console explains in words.
 */

const ROC = 10n ** 12n;

describe('the chain knowledge layer on a live Cumulus runtime (chopsticks, Rococo Asset Hub genesis)', { timeout: 180_000 }, () => {
  let node: ChopsticksNode;
  let api: ApiPromise;
  let alice: KeyringPair;
  let ctx: CallContext;

  beforeAll(async () => {
    await cryptoWaitReady();
    node = await startChopsticksNode({ buildBlockMode: 'Manual' });
    api = await ApiPromise.create({ provider: new WsProvider(node.wsUrl), noInitWarn: true });
    alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
    ctx = { api, token: { symbol: 'ROC', decimals: 12 } };
  });

  afterAll(async () => {
    await api?.disconnect();
    await node?.stop();
  });

  it('offers session keys and collator selection, and says why crowdloan reclaim is missing here', () => {
    const index = indexApi(api);
    const parachain = detectParachainCapabilities(index);
    expect(parachain.session).toMatchObject({ available: true, pallet: 'session' });
    expect(parachain.collatorSelection).toMatchObject({ available: true, calls: { registerAsCandidate: { state: 'unchecked' } } });
    const reclaim = detectAssetHubCapabilities(index).crowdloanReclaim;
    expect(reclaim.available).toBe(false);
    if (!reclaim.available) expect(reclaim.reason).toMatch(/no ahOps pallet/);
  });

  it('reads a funded balance, decodes the same bytes from the raw key, and follows it as it changes', async () => {
    await node.fund([{ address: alice.address, freePlanck: 1_000n * ROC }]);
    const balance = await readItem(api, systemAccount, alice.address);
    expect(balance?.freePlanck).toBe(1_000n * ROC);

    const raw = (await api.rpc.state.getStorage(storageKey(api, systemAccount, alice.address))) as unknown as { toU8a(bare: boolean): Uint8Array };
    expect(decodeRaw(api, systemAccount, raw.toU8a(true))).toEqual(balance);

    // Follow it while Alice pays 100 ROC to Bob in a real block.
    const seen: bigint[] = [];
    let onValue: () => void = () => undefined;
    const unsubscribe = await subscribeItem(api, systemAccount, [alice.address], (value) => {
      if (value !== undefined) seen.push(value.freePlanck);
      onValue();
    });
    const paid = new Promise<void>((resolve) => {
      onValue = () => {
        if ((seen.at(-1) ?? 0n) < 900n * ROC) resolve();
      };
    });
    const bob = new Keyring({ type: 'sr25519' }).addFromUri('//Bob').address;
    const transfer = api.tx['balances']?.['transferKeepAlive'];
    if (transfer === undefined) throw new Error('balances.transferKeepAlive expected');
    expect(await submitAndFindFailure(transfer(bob, 100n * ROC))).toBeUndefined();
    await paid;
    unsubscribe();
    expect(seen[0]).toBe(1_000n * ROC);
    expect(seen.at(-1)).toBeLessThan(900n * ROC);

    expect(await readItem(api, sessionCurrentIndex)).toBeGreaterThanOrEqual(0);
  });

  it('registers as a collator candidate where the candidate list is full: the runtime refuses and the console says why', async () => {
    const failure = await submitAndFindFailure(buildRegisterAsCandidate(ctx).extrinsic);
    expect(failure).toMatchObject({ code: 'collatorSelection.TooManyCandidates', title: 'Candidate list full' });
    expect(failure?.hint).toMatch(/higher deposit/);
  });

  it('sets session keys built from the bytes a collator returns, and the runtime accepts them', async () => {
    const keys = alice.publicKey;
    const failure = await submitAndFindFailure(buildSetSessionKeys(ctx, { keys }).extrinsic);
    expect(failure).toBeUndefined();
    const stored = await api.query['session']?.['nextKeys']?.(alice.address);
    expect(stored?.toU8a().slice(1)).toEqual(keys);
  });

  /** Sign and submit, build a block once the pool holds it, and give the words for its dispatch error, if any. */
  async function submitAndFindFailure(extrinsic: SubmittableExtrinsic<'promise'>): Promise<DispatchErrorWords | undefined> {
    let settle: (words: DispatchErrorWords | undefined) => void = () => undefined;
    let markReady: () => void = () => undefined;
    const outcome = new Promise<DispatchErrorWords | undefined>((resolve) => (settle = resolve));
    const ready = new Promise<void>((resolve) => (markReady = resolve));
    // The nonce from the account itself (read with our own reader): chopsticks' pool view can lag a just-built block.
    const nonce = (await readItem(api, systemAccount, alice.address))?.nonce ?? 0;
    const unsubscribe = await extrinsic.signAndSend(alice, { nonce }, (result) => {
      if (result.status.isReady) markReady();
      // chopsticks may report Finalized without a separate InBlock when the machine is busy.
      if (!result.status.isInBlock && !result.status.isFinalized) return;
      const failed = result.events.find(({ event }) => event.section === 'system' && event.method === 'ExtrinsicFailed');
      settle(failed === undefined ? undefined : describeDispatchError(api.registry, failed.event.data[0] as DispatchError));
    });
    await ready;
    const included = outcome.then(() => true);
    while (!(await Promise.race([included, node.newBlock().then(() => false)]))) {
      /* the block was built before the pool handed the transaction over: build the next one */
    }
    const words = await outcome;
    unsubscribe();
    return words;
  }
});
