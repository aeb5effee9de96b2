import getPort from 'get-port';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SessionKeys } from '../../../main/keys/session-keys';
import type { Logger } from '../../../main/logging/logger';
import { startFakeNodeRpc, type FakeNodeRpc, type FakeNodeRpcOptions } from '../../fixtures/fake-node-rpc';
import { serviceErrorOf } from '../../support/service-errors';

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const ALICE_ACCOUNT_ID = '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d';
const DEV_SURI = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk//Alice';

const failure = serviceErrorOf;

function recordingLogger(lines: string[]): Logger {
  const record = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  return { debug: record, info: record, warn: record, error: record };
}

describe('session keys over a collator\'s local RPC (scripted node: nothing here implements author_rotateKeys)', () => {
  const nodes: FakeNodeRpc[] = [];
  const logLines: string[] = [];
  const sessionKeys = new SessionKeys({ log: recordingLogger(logLines), timeoutMs: 20_000 });

  async function node(options?: FakeNodeRpcOptions): Promise<FakeNodeRpc> {
    const started = await startFakeNodeRpc(options);
    nodes.push(started);
    return started;
  }

  beforeAll(async () => {
    await cryptoWaitReady();
  });
  afterEach(async () => {
    await Promise.all(nodes.splice(0).map((each) => each.close()));
  });

  it('rotates the keys of a relay-style node, shows them per key type, and verifies the node holds them', async () => {
    const collator = await node({ keyTypes: ['gran', 'babe', 'para'] });
    const rotated = await sessionKeys.rotate(collator.wsUrl);
    expect(rotated.keys).toMatch(/^0x[0-9a-f]{192}$/);
    expect(rotated.decoded?.map((part) => part.keyType)).toEqual(['gran', 'babe', 'para']);
    expect(rotated.decoded?.map((part) => part.publicKey.slice(2)).join('')).toBe(rotated.keys.slice(2));

    expect(await sessionKeys.hasKeys(collator.wsUrl, rotated.keys)).toBe(true);
    expect(await sessionKeys.hasKeys(collator.wsUrl, `0x${'11'.repeat(96)}`)).toBe(false);
  });

  it('rotates with a proof of possession for the account that will call session.setKeys', async () => {
    const collator = await node({ keyTypes: ['aura'] });
    const rotated = await sessionKeys.rotate(collator.wsUrl, { owner: ALICE });
    expect(collator.owners).toEqual([ALICE_ACCOUNT_ID]);
    expect(rotated.proof).toMatch(/^0x[0-9a-f]{128}$/);
    expect(rotated.decoded).toEqual([{ keyType: 'aura', publicKey: rotated.keys }]);

    const olderNode = await node({ ownerRpc: false });
    const withoutProof = await sessionKeys.rotate(olderNode.wsUrl, { owner: ALICE });
    expect(withoutProof.proof).toBeNull();
    expect(olderNode.calls).toEqual(['author_rotateKeysWithOwner', 'author_rotateKeys', 'state_call']);
    expect((await failure(sessionKeys.rotate(collator.wsUrl, { owner: 'not an address' }))).code).toBe('invalid_input');
  });

  it('works over the node\'s HTTP RPC as well', async () => {
    const collator = await node();
    const rotated = await sessionKeys.rotate(collator.httpUrl);
    expect(rotated.decoded).toEqual([{ keyType: 'aura', publicKey: rotated.keys }]);
    expect(await sessionKeys.hasKeys(collator.httpUrl, rotated.keys)).toBe(true);
  });

  it('still hands back the raw keys for session.setKeys when the runtime cannot decode them', async () => {
    const collator = await node({ decodeApi: false });
    const rotated = await sessionKeys.rotate(collator.wsUrl);
    expect(rotated.keys).toMatch(/^0x[0-9a-f]{64}$/);
    expect(rotated.decoded).toBeNull();
  });

  it('inserts a known aura key only when the secret produces the given public key, and never logs the secret', async () => {
    const collator = await node();
    const alice = new Keyring({ type: 'sr25519' }).createFromUri(DEV_SURI);
    await sessionKeys.insertKey(collator.wsUrl, { keyType: 'aura', suri: DEV_SURI, publicKey: u8aToHex(alice.publicKey) });
    expect(collator.keystore.get(u8aToHex(alice.publicKey))).toEqual({ keyType: 'aura', suri: DEV_SURI });
    expect(await sessionKeys.hasKeys(collator.wsUrl, u8aToHex(alice.publicKey))).toBe(true);

    const mismatch = await failure(sessionKeys.insertKey(collator.wsUrl, { keyType: 'aura', suri: `${DEV_SURI}x`, publicKey: u8aToHex(alice.publicKey) }));
    expect(mismatch.code).toBe('invalid_input');
    expect(mismatch.message).toMatch(/does not produce this public key/);
    expect((await failure(sessionKeys.insertKey(collator.wsUrl, { keyType: 'AURA!', suri: DEV_SURI, publicKey: u8aToHex(alice.publicKey) }))).code).toBe('invalid_input');
    expect(collator.calls.filter((method) => method === 'author_insertKey')).toHaveLength(1);

    const everything = logLines.join('\n') + mismatch.message + (mismatch.hint ?? '');
    expect(everything).not.toContain('bottom drive');
  });

  it('explains how to enable unsafe RPC methods when the node refuses them', async () => {
    const collator = await node({ unsafeRpcAllowed: false });
    const refused = await failure(sessionKeys.rotate(collator.wsUrl));
    expect(refused.code).toBe('not_supported');
    expect(refused.hint).toMatch(/--rpc-methods=unsafe/);
    const refusedWithOwner = await failure(sessionKeys.rotate(collator.wsUrl, { owner: ALICE }));
    expect(refusedWithOwner.hint).toMatch(/--rpc-methods=unsafe/);
  });

  it('refuses any endpoint that is not this computer, before connecting', async () => {
    for (const endpoint of ['ws://10.0.0.5:9944', 'wss://rpc.polkadot.io', 'http://collator.example.com:9944', 'ws://127.0.0.1.example.com:9944', 'ws://192.168.1.20:9944']) {
      const refused = await failure(sessionKeys.rotate(endpoint));
      expect(refused.code, endpoint).toBe('not_supported');
      expect(refused.hint).toMatch(/ssh -L/);
    }
    expect((await failure(sessionKeys.hasKeys('not a url', '0x00'))).code).toBe('invalid_input');
    expect((await failure(sessionKeys.rotate('ftp://127.0.0.1:9944'))).code).toBe('invalid_input');
  });

  it('says plainly when no node listens on the given port', async () => {
    const closedPort = await getPort({ host: '127.0.0.1' });
    const ws = await failure(sessionKeys.rotate(`ws://127.0.0.1:${closedPort}`));
    expect(ws.code).toBe('unavailable');
    expect(ws.message).toBe(`No node answered at ws://127.0.0.1:${closedPort}.`);
    expect((await failure(sessionKeys.rotate(`http://localhost:${closedPort}`))).code).toBe('unavailable');
  });
});
