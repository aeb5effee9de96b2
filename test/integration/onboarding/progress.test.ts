import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startConsoleServices } from '../../support/console-services';
import { fakeCollatorPath, plainSpec } from '../collators/support';

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

describe('the onboarding wizard keeps its progress in the main process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'onboarding-'));
  const dataDir = join(dir, 'data');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resumes where the operator stopped after the console restarts', async () => {
    const first = await startConsoleServices(dataDir);
    const start = await first.router.call('onboarding.get', {});
    expect(start).toMatchObject({ ok: true, data: { step: 'network', completed: [], txIds: {} } });

    await first.router.call('onboarding.update', { patch: { networkId: 'paseo', rehearsal: true, signer: { kind: 'vault', address: ALICE, name: 'Team treasury' } } });
    await first.router.call('onboarding.update', { patch: { complete: 'network', step: 'prepare', paraId: 4_242 } });
    await first.router.call('onboarding.update', { patch: { tx: { intentKey: 'reserve:paseo', txId: 'tx-1' } } });
    await first.services.dispose(); // the console quits; the data folder stays

    const second = await startConsoleServices(dataDir);
    try {
      const resumed = await second.router.call('onboarding.get', {});
      expect(resumed).toMatchObject({
        ok: true,
        data: { step: 'prepare', completed: ['network'], networkId: 'paseo', rehearsal: true, paraId: 4_242, signer: { address: ALICE }, txIds: { 'reserve:paseo': 'tx-1' } },
      });
    } finally {
      await second.services.dispose();
    }
  });

  it('forgets the para id and transactions of another network, and clears a field on null', async () => {
    const running = await startConsoleServices(mkdtempSync(join(tmpdir(), 'onboarding-switch-')));
    try {
      await running.router.call('onboarding.update', { patch: { networkId: 'paseo', paraId: 4_242, tx: { intentKey: 'reserve:paseo', txId: 'tx-1' } } });
      const switched = await running.router.call('onboarding.update', { patch: { networkId: 'kusama' } });
      expect(switched).toMatchObject({ ok: true, data: { networkId: 'kusama', txIds: {} } });
      expect(switched.ok && 'paraId' in (switched.data as object)).toBe(false);

      await running.router.call('onboarding.update', { patch: { signer: { kind: 'watch', address: ALICE } } });
      const cleared = await running.router.call('onboarding.update', { patch: { signer: null } });
      expect(cleared.ok && 'signer' in (cleared.data as object)).toBe(false);

      const refused = await running.router.call('onboarding.update', { patch: { step: 'teleport' } });
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    } finally {
      await running.dispose();
    }
  });

  it('starts over when the progress file is damaged instead of refusing to open', async () => {
    const damagedDir = mkdtempSync(join(tmpdir(), 'onboarding-damaged-'));
    writeFileSync(join(damagedDir, 'onboarding.json'), '{"step": "register",,,');
    const running = await startConsoleServices(damagedDir);
    try {
      expect(await running.router.call('onboarding.get', {})).toMatchObject({ ok: true, data: { step: 'network' } });
    } finally {
      await running.dispose();
    }
  });

  it('hands the exported genesis head and validation code to the register step, by para id only', async () => {
    const workDir = mkdtempSync(join(tmpdir(), 'onboarding-genesis-'));
    const specPath = join(workDir, 'spec.json');
    writeFileSync(specPath, JSON.stringify(plainSpec));
    const running = await startConsoleServices(join(workDir, 'data'));
    try {
      const missing = await running.router.call('onboarding.genesis', { paraId: 2_345 });
      expect(missing).toMatchObject({ ok: false, error: { code: 'not_found', hint: expect.stringContaining('Export') } });

      const created = await running.router.call('collators.create', {
        profile: { name: 'genesis', binaryPath: fakeCollatorPath, chainSpecPath: specPath, basePath: join(workDir, 'base'), relay: { mode: 'embedded', chain: 'rococo-local' } },
      });
      expect(created.ok).toBe(true);
      const id = (created as { data: { id: string } }).data.id;
      const exported = await running.router.call('collators.exportGenesis', { id, paraId: 2_345 });
      expect(exported).toMatchObject({ ok: true });

      const payload = await running.router.call('onboarding.genesis', { paraId: 2_345 });
      expect(payload).toMatchObject({ ok: true, data: { paraId: 2_345, genesisHeadHex: expect.stringMatching(/^0x[0-9a-f]+$/), validationCodeHex: expect.stringMatching(/^0x[0-9a-f]+$/) } });
      const data = (payload as { data: { headSizeBytes: number; genesisHeadHex: string; codeSizeBytes: number } }).data;
      expect(data.headSizeBytes).toBe((data.genesisHeadHex.length - 2) / 2);
      expect(data.codeSizeBytes).toBeGreaterThan(0);

      const sneaky = await running.router.call('onboarding.genesis', { paraId: -1 });
      expect(sneaky).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    } finally {
      await running.dispose();
      rmSync(workDir, { recursive: true, force: true });
    }
  });
});
