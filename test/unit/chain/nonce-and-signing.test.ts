import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtensionSignerBridge } from '../../../main/chain/tx/extension-signer-bridge';
import { KeyedMutex } from '../../../main/chain/tx/keyed-mutex';
import { NonceTracker } from '../../../main/chain/tx/nonce-tracker';
import { PendingStore } from '../../../main/chain/tx/pending-store';
import { silentLogger } from '../../../main/logging/logger';

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

describe('nonces for several transactions in a row', () => {
  it('hands out consecutive nonces while the chain has not seen the earlier ones, and follows the chain when it is ahead', async () => {
    const nonces = new NonceTracker();
    let chainNext = 7;
    const chain = async () => chainNext;
    expect(await nonces.next('g', 'alice', chain)).toBe(7);
    expect(await nonces.next('g', 'alice', chain)).toBe(8);
    expect(await nonces.next('g', 'bob', chain)).toBe(7);
    chainNext = 20; // something else signed for alice meanwhile
    expect(await nonces.next('g', 'alice', chain)).toBe(20);
  });

  it('takes back the last nonce when its transaction was never sent', async () => {
    const nonces = new NonceTracker();
    const chain = async () => 3;
    const nonce = await nonces.next('g', 'alice', chain);
    nonces.release('g', 'alice', nonce);
    expect(await nonces.next('g', 'alice', chain)).toBe(3);
  });

  it('runs one account\'s jobs one after another, even when one fails', async () => {
    const mutex = new KeyedMutex();
    const order: string[] = [];
    const job = (name: string, fail = false) => async () => {
      order.push(`${name} starts`);
      await new Promise((resolve) => setImmediate(resolve));
      order.push(`${name} ends`);
      if (fail) throw new Error(name);
    };
    await Promise.allSettled([mutex.run('alice', job('a1', true)), mutex.run('alice', job('a2'))]);
    expect(order).toEqual(['a1 starts', 'a1 ends', 'a2 starts', 'a2 ends']);
  });
});

describe('the extension signer bridge', () => {
  it('sends the payload to the renderer and returns its signature', async () => {
    const bridge = new ExtensionSignerBridge(60_000);
    bridge.onRequest((request) => bridge.answer({ requestId: request.requestId, outcome: 'signed', signature: '0x01' }));
    const signer = bridge.signerFor('tx-1', 'Reserve a para id');
    const result = await signer.signPayload?.({ address: 'x' } as never);
    expect(result?.signature).toBe('0x01');
  });

  it('shows a renderer that connects late what is still waiting, and refuses an answer to an unknown request', async () => {
    const bridge = new ExtensionSignerBridge(60_000);
    const signing = bridge.signerFor('tx-2', 'Order a block').signPayload?.({ address: 'x' } as never);
    const shown: string[] = [];
    bridge.onRequest((request) => {
      shown.push(request.description);
      bridge.answer({ requestId: request.requestId, outcome: 'refused', reason: 'not now' });
    });
    await expect(signing).rejects.toThrow('The signature was refused: not now');
    expect(shown).toEqual(['Order a block']);
    expect(bridge.answer({ requestId: 'no-such-request', outcome: 'signed', signature: '0x00' })).toBe(false);
  });
});

describe('pending transactions on disk', () => {
  it('keeps a transaction across a restart and finds it by intent key', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pending-store-'));
    try {
      const file = path.join(dir, 'chain', 'transactions.json');
      const store = await PendingStore.open(file, silentLogger);
      await store.save({
        txId: 't1', intentKey: 'order-1', intent: { kind: 'placeOnDemandOrder', paraId: 2000, maxAmountPlanck: '100', keepAlive: true },
        role: 'relay', networkId: 'paseo', signer: { kind: 'vault', address: ALICE }, address: ALICE, phase: 'signed',
        nonce: 4, hash: '0xaa', signedHex: '0xbb', attempts: 1, createdAt: 1, updatedAt: 1,
      });
      expect(await readFile(file, 'utf8')).toContain('"signedHex": "0xbb"');
      const reopened = await PendingStore.open(file, silentLogger);
      expect(reopened.byIntentKey('order-1')?.txId).toBe('t1');
      expect(reopened.pending().map((tx) => tx.txId)).toEqual(['t1']);
      // A damaged record is skipped; the others still load.
      const text = JSON.parse(await readFile(file, 'utf8')) as { transactions: unknown[] };
      await writeFile(file, JSON.stringify({ version: 1, transactions: [{ txId: 'broken' }, ...text.transactions] }));
      expect((await PendingStore.open(file, silentLogger)).all().map((tx) => tx.txId)).toEqual(['t1']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
