import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realChainsMissing, startRealChain, type RealChain } from '../../fixtures/real-chains';
import { openTxConsole, TX_CONSOLE_NETWORK, type TxConsole } from '../../fixtures/tx-console';

const missing = realChainsMissing('paseo-relay');

describe.skipIf(missing)('a custom network added with the wrong token, on the real Paseo relay', () => {
  let relay: RealChain;
  let console_: TxConsole;
  beforeAll(async () => {
    relay = await startRealChain('paseo-relay');
    // The network form's defaults (12 decimals, SS58 42) are wrong for Paseo (10 decimals of PAS, SS58 0).
    console_ = await openTxConsole({ relayEndpoints: [relay.wsUrl], accounts: ['//Bob'], decimals: 12, ss58Prefix: 42 });
  }, 300_000);
  afterAll(async () => {
    await console_?.close({ remove: true });
    await relay?.stop();
  });

  it('shows amounts in the token the relay declares, not in the figures typed in', () => {
    const network = console_.chain.networks().find((candidate) => candidate.id === TX_CONSOLE_NETWORK);
    expect(network?.token).toEqual({ symbol: 'PAS', decimals: 10 });
    expect(network?.ss58Prefix).toBe(0);
  });
});
if (missing) it.skip(missing, () => undefined);
