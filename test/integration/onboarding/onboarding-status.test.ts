import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenesisArtifacts } from '../../../shared/contract/collators';
import { ChainService } from '../../../main/chain/chain-service';
import { silentLogger } from '../../../main/logging/logger';
import { OnboardingStatus } from '../../../main/onboarding/onboarding-status';
import { startCoretimeSales } from '../../fixtures/network-stand-ins';
import { realChainsMissing, startRealChain, type RealChain } from '../../fixtures/real-chains';
import { coretimeRelayBlock, setCoretimeRelayClock } from '../../fixtures/coretime-console';

const missing = realChainsMissing('paseo-relay', 'paseo-coretime');

/** Not the runtime's pace: what an operator may have typed when adding the network. */
const DEFINED_BLOCK_TIME_MS = 2_000;
const HEAD = '0x00';
const CODE = '0x0061736d0100000000000000000000000000000000000000000000000000000000';

/** A genesis export as the Prepare step leaves it: the manifest and the two hex files it names. */
async function exportGenesis(dataDir: string, paraId: number): Promise<void> {
  const directory = path.join(dataDir, 'artifacts', String(paraId));
  await mkdir(directory, { recursive: true });
  const file = async (name: string, hex: string): Promise<GenesisArtifacts['genesisHead']> => {
    await writeFile(path.join(directory, name), hex);
    return { path: path.join(directory, name), sizeBytes: (hex.length - 2) / 2, blake2: '0x' };
  };
  const manifest: GenesisArtifacts = {
    paraId,
    directory,
    chainSpecRaw: await file('chain-spec-raw.json', '0x7b7d'),
    genesisHead: await file('genesis-head.hex', HEAD),
    validationCode: await file('validation-code.hex', CODE),
    commands: ['export-genesis-head', 'export-genesis-wasm'],
    createdAt: Date.now(),
  };
  await writeFile(path.join(directory, 'manifest.json'), JSON.stringify(manifest));
}

describe.skipIf(missing)('what the onboarding wizard reads, through the chain layer, on the real Paseo relay and Coretime runtimes (1009003)', () => {
  let relay: RealChain;
  let coretime: RealChain;
  let chain: ChainService;
  let dataDir: string;
  let status: OnboardingStatus;

  beforeAll(async () => {
    [relay, coretime] = await Promise.all([startRealChain('paseo-relay'), startRealChain('paseo-coretime')]);
    dataDir = await mkdtemp(path.join(tmpdir(), 'onboarding-status-'));
    chain = await ChainService.create({ dataDir, log: silentLogger, connectTimeoutMs: 60_000 });
    await chain.addNetwork({
      id: 'local-paseo',
      name: 'Local Paseo',
      testnet: true,
      token: { symbol: 'PAS', decimals: 10 },
      ss58Prefix: 0,
      relayBlockTimeMs: DEFINED_BLOCK_TIME_MS,
      chains: { relay: { name: 'Paseo local', rpcEndpoints: [relay.wsUrl] }, coretime: { name: 'Coretime', paraId: 1005, rpcEndpoints: [coretime.wsUrl] } },
    });
    status = new OnboardingStatus({ chain, dataDir });
  }, 300_000);

  afterAll(async () => {
    await chain?.dispose();
    await Promise.all([relay?.stop(), coretime?.stop()]);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('gives a network\'s relay block time from its definition until its relay is connected, then as the runtime states it', async () => {
    const before = await status.networkFacts();
    expect(before.find((facts) => facts.networkId === 'local-paseo')?.relayBlockTimeMs).toBe(DEFINED_BLOCK_TIME_MS);

    await chain.connect({ networkId: 'local-paseo' });
    const stated = Number(relay.constant('babe', 'expectedBlockTime').toString());
    const after = await status.networkFacts();
    expect(after.find((facts) => facts.networkId === 'local-paseo')?.relayBlockTimeMs).toBe(stated);
    // A network not connected keeps its definition's pace and its explorer links.
    expect(after.find((facts) => facts.networkId === 'polkadot')).toMatchObject({ relayBlockTimeMs: 6_000, explorers: { relay: 'https://polkadot.subscan.io' } });
  });

  it('tells the sale at the relay block the Coretime chain last built on, not at the relay\'s own head', async () => {
    await setCoretimeRelayClock(coretime, 2_000);
    expect((await status.coretimeSale()).sale).toBeNull();
    await startCoretimeSales(coretime, { endPricePlanck: 1_000_000_000_000n, extraCores: 2 });
    const { sale } = await status.coretimeSale();
    const brokerClock = await coretimeRelayBlock(coretime);
    expect(brokerClock).not.toBe(await relay.head());
    expect(sale?.nowBlock).toBe(brokerClock);
  });

  it('sizes the registration figures on the para\'s exported genesis where there is one', async () => {
    const paraId = Number((await relay.query('registrar', 'nextFreeParaId')).toString());
    const withoutExport = await status.registrationFacts(paraId);
    expect(withoutExport.codeFits).toBeUndefined();

    await exportGenesis(dataDir, paraId);
    expect(await status.genesis(paraId)).toMatchObject({ paraId, genesisHeadHex: HEAD, validationCodeHex: CODE, codeLooksLikeWasm: true });
    const withExport = await status.registrationFacts(paraId);
    expect(withExport).toMatchObject({ codeFits: true, headFits: true });
    // Paseo sizes the deposit on maxCodeSize and the head's own bytes: the exported 1-byte head is counted.
    const headBytes = BigInt((HEAD.length - 2) / 2);
    expect(BigInt(withExport.registerDepositPlanck) - BigInt(withoutExport.registerDepositPlanck)).toBe(BigInt(withExport.dataDepositPerBytePlanck) * headBytes);
  });

  it('answers where a para stands from the read model\'s one onboarding ETA', async () => {
    const paraId = Number((await relay.query('registrar', 'nextFreeParaId')).toString());
    expect(await status.status(paraId)).toMatchObject({ paraId, stage: 'not-registered' });
  });
});
