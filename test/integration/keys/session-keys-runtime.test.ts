import { u8aToHex } from '@polkadot/util';
import { randomAsU8a } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isServiceError } from '../../../main/errors/service-error';
import { SessionKeys } from '../../../main/keys/session-keys';
import { silentLogger } from '../../../main/logging/logger';
import { startChopsticksNode, type ChopsticksNode } from '../../fixtures/chopsticks-node';

describe('session keys against a real runtime (chopsticks on Rococo Asset Hub genesis)', () => {
  let node: ChopsticksNode;
  const sessionKeys = new SessionKeys({ log: silentLogger, timeoutMs: 60_000 });

  beforeAll(async () => {
    node = await startChopsticksNode();
  }, 180_000);
  afterAll(async () => {
    await node?.stop();
  });

  it('splits a parachain\'s session keys by type with the runtime\'s own SessionKeys API', async () => {
    const auraKey = u8aToHex(randomAsU8a(32));
    expect(await sessionKeys.decode(node.wsUrl, auraKey)).toEqual([{ keyType: 'aura', publicKey: auraKey }]);
  });

  it('answers null, not a wrong split, for bytes that are not this runtime\'s session keys', async () => {
    expect(await sessionKeys.decode(node.wsUrl, u8aToHex(randomAsU8a(31)))).toBeNull();
    // The runtime itself decodes the first 32 bytes and ignores the rest: the console must not.
    expect(await sessionKeys.decode(node.wsUrl, u8aToHex(randomAsU8a(64)))).toBeNull();
  });

  it('reports a node without keystore RPCs as not offering them', async () => {
    const refused = await sessionKeys.rotate(node.wsUrl).catch((error: unknown) => error);
    expect(isServiceError(refused) && refused.code).toBe('not_supported');
  });
});
