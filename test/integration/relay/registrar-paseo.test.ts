import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realChainsMissing, startRealChain, type RealChain } from '../../fixtures/real-chains';
import { openTxConsole, type TxConsole } from '../../fixtures/tx-console';
import { ProgressWatch, reserveAndRegister, upgradeLockAndDeregister, walkOnboarding, type RegistrarExpectations } from './registrar-story';

/**
 * Reserve, register, onboard, upgrade, lock and deregister on the Paseo 1009003 relay (DryRunApi: the deposit is the runtime’s dry-run figure, sized on maxCodeSize),
 * through the console's ChainService signing with its vault: each figure shown before signing equals
 * what the chain reserves, each refusal names the state that caused it, and the onboarding status walks
 * Onboarding → Parathread → offboarding as the read model streams it.
 */

const missing = realChainsMissing('paseo-relay');
const expected: RegistrarExpectations = { deposit: { source: 'dry-run', basis: 'max-code-size' }, lockedError: 'registrar.ParaLocked' };

describe.skipIf(missing)('the registrar on the Paseo 1009003 relay (DryRunApi: the deposit is the runtime’s dry-run figure, sized on maxCodeSize)', { timeout: 600_000 }, () => {
  let relay: RealChain;
  let console_: TxConsole;
  let watch: ProgressWatch | undefined;
  let paraId: number;

  beforeAll(async () => {
    relay = await startRealChain('paseo-relay');
    try {
      // At the genesis block the runtime records no events, so no dry run reports any: build one first.
      if ((await relay.head()) === 0) await relay.newBlocks();
      console_ = await openTxConsole({ relayEndpoints: [relay.wsUrl], accounts: ['//Bob', '//Charlie'], decimals: 10, ss58Prefix: 0 });
      // One more block once the console follows the chain: the head it signs its first transaction against is then settled
      // (a block built beside chopsticks' batch builder can replace it: the node answered badProof or dropped the transaction).
      await relay.newBlocks();
    } catch (error) {
      await relay.stop();
      throw error;
    }
  }, 300_000);
  afterAll(async () => {
    watch?.close();
    await console_?.close({ remove: true });
    await relay?.stop();
  });

  it('reserves and registers: the deposit shown before signing is what the chain holds, on the review, the wizard and the Parachains page', async () => {
    paraId = await reserveAndRegister(relay, console_, '//Bob', expected.deposit);
    expect(paraId).toBeGreaterThanOrEqual(2000);
  }, 300_000);

  it('follows onboarding from the pre-check vote to Parathread, two session changes after the code is accepted', async () => {
    watch = new ProgressWatch(console_, paraId);
    await walkOnboarding(relay, watch);
  }, 300_000);

  it('upgrades, locks and deregisters: nothing held that was not shown, each refusal naming its cause, the deposit returned', async () => {
    if (!watch) throw new Error('the onboarding step did not run');
    await upgradeLockAndDeregister(relay, console_, watch, paraId, '//Bob', '//Charlie', expected);
  }, 400_000);
});
if (missing) it.skip(missing, () => undefined);
