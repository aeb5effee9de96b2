import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startConsoleServices } from '../../support/console-services';

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

describe('a console started on the data folder of one that kept its para inside the wizard\'s progress', () => {
  it('moves the para into parachain.json on start, and the wizard and the para\'s readers see it as before', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pc-parachain-split-'));
    const earlier = {
      step: 'done', completed: ['network', 'prepare', 'register', 'blockspace', 'collators'], networkId: 'paseo', rehearsal: false,
      signer: { kind: 'vault', address: ALICE }, collatorProfileIds: ['c1'], paraId: 4242, watchedParaIds: [1000], blockspace: 'bulk',
      collators: {}, txIds: { 'reserve:paseo': 'tx-1' }, updatedAt: 5,
    };
    writeFileSync(join(dataDir, 'onboarding.json'), JSON.stringify(earlier));
    const running = await startConsoleServices(dataDir);
    try {
      expect(await running.router.call('onboarding.get', {})).toEqual({ ok: true, data: earlier });
      expect(running.services.parachain.get()).toMatchObject({ networkId: 'paseo', paraId: 4242, blockspace: 'bulk', signer: { address: ALICE } });
      expect(existsSync(join(dataDir, 'parachain.json'))).toBe(true);
      expect(JSON.parse(readFileSync(join(dataDir, 'onboarding.json'), 'utf8'))).not.toHaveProperty('paraId');

      // A change made in the wizard reaches the para's readers.
      await running.router.call('onboarding.update', { patch: { paraId: 4243 } });
      expect(running.services.parachain.get().paraId).toBe(4243);
    } finally {
      await running.dispose();
    }
  });
});
