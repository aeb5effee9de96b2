import Conf from 'conf';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { rococo_v2_2_asset_hub } from '@substrate/connect-known-chains';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindApi } from '../../../main/api/bind';
import type { ApiRouter } from '../../../main/api/router';
import { silentLogger } from '../../../main/logging/logger';
import { createHeadlessPlatform } from '../../../main/platform/headless-platform';
import { PassphraseBox } from '../../../main/platform/passphrase-box';
import { createServices } from '../../../main/services';
import type { Services } from '../../../main/api/services';
import type { ConnectionStateEvent, ReadValue, RehearsalState, SignRequest, TxEstimate, TxRecord } from '../../../shared/contract/chain';
import type { Envelope } from '../../../shared/contract/envelope';

const DEV_MNEMONIC = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk';
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
const ROC = 10n ** 12n;

// Generous: the machine is shared and chopsticks builds blocks on 2 cores.
describe('a team rehearses a transfer on a local fork, through the contract', { timeout: 180_000 }, () => {
  let dataDir: string;
  let services: Services;
  let router: ApiRouter;

  async function data<T>(name: string, input: unknown): Promise<T> {
    const envelope: Envelope<unknown> = await router.call(name, input);
    if (!envelope.ok) throw new Error(`${name} failed: ${envelope.error.code} ${envelope.error.message}`);
    return envelope.data as T;
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rehearsal-contract-'));
    const specPath = join(dataDir, 'rococo-asset-hub.json');
    await writeFile(specPath, rococo_v2_2_asset_hub);
    services = await createServices({
      platform: createHeadlessPlatform({ dataDir, secrets: await PassphraseBox.open(dataDir), log: silentLogger }),
      log: silentLogger,
      version: '0.0.0-test',
      settingsPath: join(dataDir, 'settings.json'),
      openSettings: () => new Conf({ cwd: dataDir, configName: 'settings', projectName: 'parachain-console-chain-test', clearInvalidConfig: false }),
      // No network here: the fork copies a genesis spec instead of the live chain.
      chainRehearsalSource: () => ({ kind: 'genesis', specPath }),
    });
    router = bindApi(services);
  });

  afterAll(async () => {
    await services?.dispose();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('lists the built-in networks with their chains', async () => {
    const networks = await data<Array<{ id: string; chains: Array<{ role: string }> }>>('chain.networks', {});
    expect(networks.map((network) => network.id)).toEqual(expect.arrayContaining(['polkadot', 'kusama', 'paseo', 'westend']));
    expect(networks.find((network) => network.id === 'paseo')?.chains.map((chain) => chain.role)).toEqual(['relay', 'coretime', 'assetHub']);
  });

  it('refuses an intent with a stray field before any service sees it', async () => {
    const envelope = await router.call('tx.submit', {
      intent: { kind: 'transfer', role: 'assetHub', dest: BOB, amountPlanck: '1', extra: true },
      signer: { kind: 'vault', address: ALICE },
      intentKey: 'x',
    });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('starts a funded fork, points the chain at it, and runs a vault-signed transfer there without real tokens', async () => {
    await data('keys.unlock', { passphrase: 'rehearsal passphrase' });
    await data('keys.importMnemonic', { name: 'Alice', mnemonic: DEV_MNEMONIC, derivationPath: '//Alice' });

    const connectionEvents: ConnectionStateEvent[] = [];
    const watching = router.subscribe('chain.connection', {}, (event) => connectionEvents.push(event as ConnectionStateEvent));
    expect(watching.ok).toBe(true);

    const dave = new Keyring({ type: 'sr25519' }).addFromUri('//Dave');
    const started = await data<RehearsalState>('rehearsal.start', {
      networkId: 'paseo',
      role: 'assetHub',
      fund: [{ address: ALICE, freePlanck: (500n * ROC).toString() }, { address: dave.address, freePlanck: (10n * ROC).toString() }],
    });
    expect(started).toMatchObject({ status: 'running', networkId: 'paseo', role: 'assetHub', funded: [{ address: ALICE, freePlanck: (500n * ROC).toString() }, { address: dave.address }] });
    expect(started.endpoint).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    const connections = await data<ConnectionStateEvent[]>('chain.connections', {});
    expect(connections).toEqual([expect.objectContaining({ role: 'assetHub', status: 'connected', endpoint: started.endpoint, rehearsal: true })]);
    expect(connectionEvents.some((event) => event.rehearsal && event.status === 'connected')).toBe(true);

    const capabilities = await data<Array<{ role: string; flow: string; available: boolean; reason?: string }>>('chain.capabilities', {});
    // Asset Hub is connected (its flows come from its metadata); the relay is not, and says so.
    expect(capabilities).toContainEqual(expect.objectContaining({ role: 'assetHub', flow: 'crowdloanReclaim' }));
    expect(capabilities.find((row) => row.role === 'relay' && row.flow === 'registrar')).toMatchObject({ available: false, reason: expect.stringMatching(/Not connected to the relay chain/) });

    const balance = await data<Extract<ReadValue, { kind: 'balance' }>>('chain.read', { query: { kind: 'balance', role: 'assetHub', address: ALICE } });
    expect(balance.freePlanck).toBe((500n * ROC).toString());

    const intent = { kind: 'transfer', role: 'assetHub', dest: BOB, amountPlanck: (2n * ROC).toString() };
    const estimate = await data<TxEstimate>('tx.estimate', { intent, signer: { kind: 'vault', address: ALICE } });
    expect(BigInt(estimate.feePlanck)).toBeGreaterThan(0n);

    const statuses: TxRecord[] = [];
    const following = router.subscribe('tx.status', {}, (event) => statuses.push(event as TxRecord));
    const submitted = await data<TxRecord>('tx.submit', { intent, signer: { kind: 'vault', address: ALICE }, intentKey: 'rehearsal-transfer' });
    const done = await services.chain.pipeline.waitFor(submitted.txId);
    expect(done).toMatchObject({ phase: 'finalized', networkId: 'paseo', role: 'assetHub' });
    expect(statuses.map((status) => status.phase)).toEqual(expect.arrayContaining(['queued', 'signed', 'ready', 'finalized']));
    // The signed bytes never cross the contract.
    expect(JSON.stringify(statuses)).not.toContain('signedHex');
    expect(await data<TxRecord[]>('tx.pending', {})).toEqual([]);

    // The same flow with the browser extension: the payload crosses the contract, the signature comes back.
    const api = await services.chain.pool.api('assetHub');
    const signing = router.subscribe('tx.signRequest', {}, (event) => {
      const request = event as SignRequest;
      expect(request.description).toMatch(/Write a note on chain/);
      const payload = api.registry.createType('ExtrinsicPayload', request.payload, { version: request.payload.version });
      void router.call('tx.signResponse', { requestId: request.requestId, outcome: 'signed', signature: payload.sign(dave).signature });
    });
    const viaExtension = await data<TxRecord>('tx.submit', { intent: { kind: 'remark', role: 'assetHub', text: 'from the extension' }, signer: { kind: 'extension', address: dave.address }, intentKey: 'rehearsal-extension' });
    expect(await services.chain.pipeline.waitFor(viaExtension.txId)).toMatchObject({ phase: 'finalized' });
    if (signing.ok) signing.unsubscribe();

    if (following.ok) following.unsubscribe();
    if (watching.ok) watching.unsubscribe();
    expect(await data<RehearsalState>('rehearsal.stop', {})).toMatchObject({ status: 'stopped' });
    // The chain was not open before the rehearsal, so it is closed again rather than sent to a public endpoint.
    expect(await data<ConnectionStateEvent[]>('chain.connections', {})).toEqual([]);
  }, 180_000);
});
