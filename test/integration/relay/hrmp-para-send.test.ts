import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadValue, TxIntent, TxRecord } from '../../../shared/contract/chain';
import { formatPlanck } from '../../../main/chain/calls/amount-text';
import { ChainService } from '../../../main/chain/chain-service';
import { HrmpService } from '../../../main/hrmp/hrmp-service';
import { buildHrmpParaSendCall } from '../../../main/hrmp/para-send-intent';
import { paraSovereignAddress } from '../../../main/hrmp/sovereign-account';
import { silentLogger } from '../../../main/logging/logger';
import { devKeyringSigner, type DevKeyringSigner } from '../../fixtures/dev-keyring-signer';
import { deliverUpwardMessages, onboardParas } from '../../fixtures/hrmp-stand-ins';
import { realChainsMissing, startRealChain, type RealChain } from '../../fixtures/real-chains';

/**
 * The sending half on a real parachain runtime: the Paseo Coretime chain
 * (para 1005, spec 1009003, PolkadotXcm, Sudo and DryRunApi) stands in for
 * the operator's parachain. The console's sudo route, signed there through
 * the console's own transaction pipeline by the sudo key, puts exactly the
 * prepared message in the parachain's upward messages; delivered to the real
 * Paseo relay as the para's upward message, it does there what the review said.
 */

const missing = realChainsMissing('paseo-relay', 'paseo-coretime');
const CORETIME_PARA = 1005;
const PARTNER = 2000;
const PAS = 10_000_000_000n;
const PAS_TOKEN = { symbol: 'PAS', decimals: 10 };
const SETTLED = new Set<TxRecord['phase']>(['in-block', 'finalized', 'failed', 'invalid', 'dropped', 'usurped', 'already-done']);

type Channels = Extract<ReadValue, { kind: 'hrmpChannels' }>;

describe.skipIf(missing)('the prepared HRMP message sent from a real parachain', { timeout: 300_000 }, () => {
  let relay: RealChain;
  let parachain: RealChain;
  let dataDir: string;
  let keys: DevKeyringSigner;
  let chain: ChainService;
  let hrmp: HrmpService;

  const freeOn = async (api: RealChain['api'], address: string, at?: string): Promise<bigint> => {
    const query = at === undefined ? api.query.system?.account?.(address) : (await api.at(at)).query.system?.account?.(address);
    return BigInt(((await query)?.toJSON() as { data: { free: number | string } }).data.free);
  };

  beforeAll(async () => {
    [relay, parachain, keys] = await Promise.all([startRealChain('paseo-relay'), startRealChain('paseo-coretime'), devKeyringSigner()]);
    await onboardParas(relay, [CORETIME_PARA, PARTNER]);
    await relay.submit(relay.tx('balances', 'transferKeepAlive', paraSovereignAddress(CORETIME_PARA, 0), 100n * PAS), relay.alice);
    dataDir = await mkdtemp(path.join(tmpdir(), 'hrmp-send-'));
    chain = await ChainService.create({ dataDir, log: silentLogger, connectTimeoutMs: 60_000, vault: keys, featureCalls: { sendHrmpMessage: buildHrmpParaSendCall } });
    await chain.addNetwork({ id: 'paseo-local', name: 'Paseo local', testnet: true, token: PAS_TOKEN, ss58Prefix: 0, relayBlockTimeMs: 6_000, chains: { relay: { name: 'Paseo relay', rpcEndpoints: [relay.wsUrl] } } });
    const states = await chain.connect({ networkId: 'paseo-local', roles: ['relay', 'parachain'], endpoints: { parachain: [parachain.wsUrl] } });
    expect(states.map((state) => state.status)).toEqual(['connected', 'connected']);
    hrmp = new HrmpService({ pool: chain.pool });
  }, 600_000);

  afterAll(async () => {
    await chain?.dispose();
    await Promise.all([relay?.stop(), parachain?.stop()]);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('offers sudo and governance routes whose polkadotXcm.send carries the very message the relay dry-ran, and the signed sudo route sends those bytes upward', async () => {
    const plan = await hrmp.prepare({ paraId: CORETIME_PARA, action: { kind: 'establishSystemChannel', sender: CORETIME_PARA, recipient: 1000 } });
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

  it('signs the sudo route through the pipeline as the parachain\'s sudo key: the review states the relay\'s costs and the parachain\'s fee, and each is what its chain takes', async () => {
    const plan = await hrmp.prepare({ paraId: CORETIME_PARA, action: { kind: 'requestChannel', recipient: PARTNER, maxCapacity: 8, maxMessageSize: 1_024 } });
    expect(plan.dryRun.outcome).toBe('success');
    const relayFee = BigInt(plan.dryRun.feePaidPlanck ?? 'x');
    const sudoRoute = plan.routes.find((route) => route.kind === 'sudo');
    expect(u8aToHex(decodeAddress(sudoRoute?.signer ?? ''))).toBe(u8aToHex(keys.pairs.alice.publicKey));

    const intent: TxIntent = { kind: 'sendHrmpMessage', paraId: CORETIME_PARA, xcmHex: plan.xcmHex };
    const alice = { kind: 'vault', address: keys.pairs.alice.address } as const;
    const estimate = await chain.estimate(intent, alice);
    expect(estimate.role).toBe('parachain');
    expect(estimate.call).toBe('sudo.sudo(polkadotXcm.send)');
    expect(estimate.dryRun).toMatchObject({ outcome: 'success', method: 'dryRunApi' });
    expect(estimate.description).toContain(`hrmp.hrmpInitOpenChannel(${PARTNER}, 8, 1024)`);
    expect(estimate.description).toContain(`pays the relay's fee of ${formatPlanck(relayFee, PAS_TOKEN)}`);
    expect(estimate.description).toContain('reserves no deposit');

    // Any other key: the parachain's own dry run refuses it, before anything is signed.
    const bob = await chain.estimate(intent, { kind: 'vault', address: keys.pairs.bob.address });
    expect(bob.dryRun.outcome).toBe('would-fail');
    expect(bob.dryRun.error?.code).toBe('sudo.RequireSudo');

    const submitted = await chain.submit(intent, alice, `hrmp-send:${CORETIME_PARA}:${plan.xcmHex.slice(-16)}`);
    const record = await chain.pipeline.waitFor(submitted.txId, (next) => SETTLED.has(next.phase), 180_000);
    expect(record.phase === 'in-block' || record.phase === 'finalized').toBe(true);
    expect(record.events).toContain('sudo.Sudid');
    const blockHash = record.blockHash ?? '0x';
    const parent = (await parachain.api.rpc.chain.getHeader(blockHash)).parentHash.toHex();
    const paidOnParachain = (await freeOn(parachain.api, keys.pairs.alice.address, parent)) - (await freeOn(parachain.api, keys.pairs.alice.address, blockHash));
    expect(paidOnParachain).toBe(BigInt(estimate.feePlanck));
    const upward = ((await parachain.api.at(blockHash)).query.parachainSystem?.upwardMessages?.());
    const messages = (await upward)?.toJSON() as `0x${string}`[];
    // Once, byte for byte; pallet-xcm may send the relay a SubscribeVersion of its own beside it (its version discovery).
    expect(messages.filter((message) => message === plan.xcmHex)).toHaveLength(1);

    // The relay receives the bytes as para 1005's upward message: it takes the fee the review stated, and the request is there.
    const sovereign = paraSovereignAddress(CORETIME_PARA, 0);
    const before = await freeOn(relay.api, sovereign);
    await deliverUpwardMessages(relay, CORETIME_PARA, messages);
    expect(before - (await freeOn(relay.api, sovereign))).toBe(relayFee + BigInt(plan.depositPlanck));
    const view = (await chain.read({ kind: 'hrmpChannels', paraId: CORETIME_PARA })) as Channels;
    expect(view.requests).toEqual([expect.objectContaining({ direction: 'outbound', counterpart: PARTNER, maxCapacity: 8, maxMessageSize: 1_024 })]);
  });

  it('signs only a message this console prepared, and offers no call from a parachain that is not the para', async () => {
    await expect(chain.estimate({ kind: 'sendHrmpMessage', paraId: CORETIME_PARA, xcmHex: '0x0500' }, { kind: 'vault', address: keys.pairs.alice.address }))
      .rejects.toThrow('did not prepare that message');
    const otherPara = await hrmp.prepare({ paraId: PARTNER, action: { kind: 'requestChannel', recipient: CORETIME_PARA, maxCapacity: 8, maxMessageSize: 1_024 } });
    expect(otherPara.routes).toEqual([]);
    expect(otherPara.routesNote).toContain(`The connected parachain is para ${CORETIME_PARA}, not para ${PARTNER}`);
  });
});
if (missing) it.skip(missing, () => undefined);
