import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChainService } from '../../../main/chain/chain-service';
import { HrmpService } from '../../../main/hrmp/hrmp-service';
import { silentLogger } from '../../../main/logging/logger';
import { realChainsMissing, startRealChain, type RealChain } from '../../fixtures/real-chains';

/**
 * The sending half on a real parachain runtime: the Paseo Coretime chain
 * (para 1005, spec 1009003, PolkadotXcm and Sudo) stands in for the
 * operator's parachain. The console's sudo route, signed there by the sudo
 * key, puts exactly the prepared message in the parachain's upward messages:
 * the bytes the relay dry-ran are the bytes the parachain sends.
 */

const missing = realChainsMissing('paseo-relay', 'paseo-coretime');
const CORETIME_PARA = 1005;

describe.skipIf(missing)('the prepared HRMP message sent from a real parachain', { timeout: 300_000 }, () => {
  let relay: RealChain;
  let parachain: RealChain;
  let dataDir: string;
  let chain: ChainService;

  beforeAll(async () => {
    [relay, parachain] = await Promise.all([startRealChain('paseo-relay'), startRealChain('paseo-coretime')]);
    dataDir = await mkdtemp(path.join(tmpdir(), 'hrmp-send-'));
    chain = await ChainService.create({ dataDir, log: silentLogger, connectTimeoutMs: 60_000 });
    await chain.addNetwork({ id: 'paseo-local', name: 'Paseo local', testnet: true, token: { symbol: 'PAS', decimals: 10 }, ss58Prefix: 0, relayBlockTimeMs: 6_000, chains: { relay: { name: 'Paseo relay', rpcEndpoints: [relay.wsUrl] } } });
    const states = await chain.connect({ networkId: 'paseo-local', roles: ['relay', 'parachain'], endpoints: { parachain: [parachain.wsUrl] } });
    expect(states.map((state) => state.status)).toEqual(['connected', 'connected']);
  }, 600_000);

  afterAll(async () => {
    await chain?.dispose();
    await Promise.all([relay?.stop(), parachain?.stop()]);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('offers sudo and governance routes whose polkadotXcm.send carries the very message the relay dry-ran, and the signed sudo route sends those bytes upward', async () => {
    const plan = await new HrmpService({ pool: chain.pool }).prepare({ paraId: CORETIME_PARA, action: { kind: 'establishSystemChannel', sender: CORETIME_PARA, recipient: 1000 } });
    expect(plan.routes.map((route) => route.kind)).toEqual(['sudo', 'governance']);
    const sudoRoute = plan.routes[0];
    const governance = plan.routes[1];
    expect(sudoRoute?.call).toBe('sudo.sudo(polkadotXcm.send)');
    expect(sudoRoute?.note).toContain(parachain.alice.address);
    // The message's bytes sit at the end of both calls, unchanged.
    expect(governance?.callHex.endsWith(plan.xcmHex.slice(2))).toBe(true);
    expect(sudoRoute?.callHex.endsWith(plan.xcmHex.slice(2))).toBe(true);

    const call = parachain.api.createType('Call', sudoRoute?.callHex);
    const included = await parachain.submit(parachain.api.tx(call), parachain.alice);
    const sudid = included.events.find(({ event }) => event.section === 'sudo' && event.method === 'Sudid');
    expect(sudid?.event.data.toHuman()).toEqual({ sudoResult: 'Ok' });
    const upward = (await parachain.query('parachainSystem', 'upwardMessages')).toJSON() as string[];
    expect(upward).toContain(plan.xcmHex);
  });
});
if (missing) it.skip(missing, () => undefined);
