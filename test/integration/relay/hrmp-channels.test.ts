import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadValue } from '../../../shared/contract/chain';
import type { HrmpPlan } from '../../../shared/contract/hrmp';
import { ChainService } from '../../../main/chain/chain-service';
import { HrmpService } from '../../../main/hrmp/hrmp-service';
import { paraSovereignAddress } from '../../../main/hrmp/sovereign-account';
import { silentLogger } from '../../../main/logging/logger';
import { deliverUpwardMessages, onboardParas } from '../../fixtures/hrmp-stand-ins';
import { passSessions } from '../../fixtures/network-stand-ins';
import { realChainsMissing, startRealChain, type RealChain } from '../../fixtures/real-chains';

/**
 * HRMP channels on the real Paseo relay runtime (spec 1009003) under
 * chopsticks, prepared through the console's own HrmpService and read through
 * its read model. Each message the console builds reaches the relay the way
 * the parachain's upward message would (the relay's message queue, origin
 * `Ump(Para(id))`), and what the relay then reserves and charges the para's
 * sovereign account equals, to the planck, what the console showed before.
 */

const missing = realChainsMissing('paseo-relay');
const NETWORK = 'paseo-local';
const SYSTEM_PARA = 1000;
const PARA = 2000;
const PARTNER = 2001;
/** Non-zero, different deposits, so a mix-up of sender and recipient shows. */
const SENDER_DEPOSIT = 5_000_000_000_000n;
const RECIPIENT_DEPOSIT = 7_000_000_000_000n;
const PAS = 10_000_000_000n;

type Channels = Extract<ReadValue, { kind: 'hrmpChannels' }>;

describe.skipIf(missing)('HRMP channels on the real Paseo relay', { timeout: 300_000 }, () => {
  let relay: RealChain;
  let dataDir: string;
  let chain: ChainService;
  let hrmp: HrmpService;

  const sovereign = (paraId: number): string => paraSovereignAddress(paraId, 0);
  const balance = async (paraId: number): Promise<{ free: bigint; reserved: bigint }> => {
    const data = ((await relay.query('system', 'account', sovereign(paraId))).toJSON() as { data: { free: number | string; reserved: number | string } }).data;
    return { free: BigInt(data.free), reserved: BigInt(data.reserved) };
  };
  const fund = async (paraId: number, planck: bigint): Promise<void> => {
    await relay.submit(relay.tx('balances', 'transferKeepAlive', sovereign(paraId), planck), relay.alice);
  };
  const channels = async (paraId: number): Promise<Channels> => (await chain.read({ kind: 'hrmpChannels', paraId })) as Channels;

  /** Sends the prepared message as the para would, and returns what it did to the para's sovereign account. */
  async function sendAsPara(paraId: number, plan: HrmpPlan): Promise<{ reservedDelta: bigint; freeDelta: bigint }> {
    const before = await balance(paraId);
    await deliverUpwardMessages(relay, paraId, [plan.xcmHex as `0x${string}`]);
    const after = await balance(paraId);
    return { reservedDelta: after.reserved - before.reserved, freeDelta: after.free - before.free };
  }

  beforeAll(async () => {
    relay = await startRealChain('paseo-relay');
    await onboardParas(relay, [SYSTEM_PARA, PARA, PARTNER], { senderPlanck: SENDER_DEPOSIT, recipientPlanck: RECIPIENT_DEPOSIT });
    await fund(PARA, 1_000n * PAS);
    dataDir = await mkdtemp(path.join(tmpdir(), 'hrmp-'));
    chain = await ChainService.create({ dataDir, log: silentLogger, connectTimeoutMs: 60_000 });
    await chain.addNetwork({ id: NETWORK, name: 'Paseo local', testnet: true, token: { symbol: 'PAS', decimals: 10 }, ss58Prefix: 0, relayBlockTimeMs: 6_000, chains: { relay: { name: 'Paseo relay', rpcEndpoints: [relay.wsUrl] } } });
    const states = await chain.connect({ networkId: NETWORK, roles: ['relay'] });
    expect(states[0]?.status).toBe('connected');
    hrmp = new HrmpService({ pool: chain.pool });
  }, 600_000);

  afterAll(async () => {
    await chain?.dispose();
    await relay?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('shows the relay\'s channel deposits and limits, and the system para it could open a channel with', async () => {
    const view = await channels(PARA);
    expect(view.senderDepositPlanck).toBe(SENDER_DEPOSIT.toString());
    expect(view.recipientDepositPlanck).toBe(RECIPIENT_DEPOSIT.toString());
    expect(view.channels).toEqual([]);
    expect(view.systemParas).toEqual([{ paraId: SYSTEM_PARA, outbound: 'none', inbound: 'none' }]);
  });

  it('requests a channel: the deposit and fee shown before sending are what the relay reserves and charges', async () => {
    const plan = await hrmp.prepare({ paraId: PARA, action: { kind: 'requestChannel', recipient: PARTNER, maxCapacity: 8, maxMessageSize: 1_024 } });
    expect(plan.relayCall).toBe('hrmp.hrmpInitOpenChannel(2001, 8, 1024)');
    expect(plan.depositPlanck).toBe(SENDER_DEPOSIT.toString());
    expect(plan.dryRun.outcome).toBe('success');
    expect(plan.dryRun.events).toContain('hrmp.OpenChannelRequested');
    expect(plan.dryRun.heldPlanck).toBe(plan.depositPlanck);
    expect(plan.dryRun.feePaidPlanck).toBe(plan.executionFeePlanck);
    expect(plan.shortfall).toBeUndefined();
    // No parachain connected: the hand-off is the message itself, with words on how to send it.
    expect(plan.routes).toEqual([]);
    expect(plan.routesNote).toContain('polkadotXcm.send');

    const { reservedDelta, freeDelta } = await sendAsPara(PARA, plan);
    expect(reservedDelta).toBe(BigInt(plan.depositPlanck));
    expect(-freeDelta).toBe(BigInt(plan.depositPlanck) + BigInt(plan.executionFeePlanck));

    const view = await channels(PARA);
    expect(view.requests).toEqual([expect.objectContaining({ direction: 'outbound', counterpart: PARTNER, confirmed: false, senderDepositPlanck: SENDER_DEPOSIT.toString(), maxCapacity: 8, maxMessageSize: 1_024 })]);
    expect(view.requests[0]?.waitingFor).toContain(`para ${PARTNER} to accept`);
    expect((await channels(PARTNER)).requests).toEqual([expect.objectContaining({ direction: 'inbound', counterpart: PARA })]);
  });

  it('refuses in the dry run, with the reason, an accept the partner\'s sovereign account cannot pay', async () => {
    const unfunded = await hrmp.prepare({ paraId: PARTNER, action: { kind: 'acceptChannel', sender: PARA } });
    expect(unfunded.dryRun.outcome).toBe('would-fail');
    expect(unfunded.dryRun.error?.title).toBe('The sovereign account cannot pay');
    expect(unfunded.dryRun.error?.message).toContain(sovereign(PARTNER));
    expect(unfunded.shortfall).toContain('holds 0 PAS free');

    // Enough for the fee, not for the deposit: the relay takes the fee and refuses the call.
    await fund(PARTNER, 10n * PAS);
    const short = await hrmp.prepare({ paraId: PARTNER, action: { kind: 'acceptChannel', sender: PARA } });
    expect(short.dryRun.outcome).toBe('would-fail');
    expect(short.dryRun.events).not.toContain('hrmp.OpenChannelAccepted');
    expect(short.dryRun.error?.message).toMatch(/reserve|funds|balance/i);
    expect(short.shortfall).toBeDefined();
  });

  it('accepts the request: the recipient deposit shown is what the relay reserves, and the session change opens the channel', async () => {
    await fund(PARTNER, 1_000n * PAS);
    const plan = await hrmp.prepare({ paraId: PARTNER, action: { kind: 'acceptChannel', sender: PARA } });
    expect(plan.depositPlanck).toBe(RECIPIENT_DEPOSIT.toString());
    expect(plan.dryRun.outcome).toBe('success');
    expect(plan.dryRun.heldPlanck).toBe(plan.depositPlanck);

    const { reservedDelta, freeDelta } = await sendAsPara(PARTNER, plan);
    expect(reservedDelta).toBe(RECIPIENT_DEPOSIT);
    expect(-freeDelta).toBe(RECIPIENT_DEPOSIT + BigInt(plan.dryRun.feePaidPlanck ?? 'x'));
    expect((await channels(PARA)).requests[0]).toMatchObject({ confirmed: true });

    await passSessions(relay, 1);
    const open = (await relay.query('hrmp', 'hrmpChannels', { sender: PARA, recipient: PARTNER })).toJSON() as { senderDeposit: number | string; recipientDeposit: number | string; maxCapacity: number } | null;
    expect(open).not.toBeNull();
    expect(BigInt(open?.senderDeposit ?? 0)).toBe(SENDER_DEPOSIT);
    expect(BigInt(open?.recipientDeposit ?? 0)).toBe(RECIPIENT_DEPOSIT);
    const view = await channels(PARA);
    expect(view.requests).toEqual([]);
    expect(view.channels).toEqual([expect.objectContaining({ direction: 'outbound', counterpart: PARTNER, maxCapacity: 8, maxMessageSize: 1_024, senderDepositPlanck: SENDER_DEPOSIT.toString(), recipientDepositPlanck: RECIPIENT_DEPOSIT.toString(), closing: false })]);
  });

  it('closes the channel: the close request shows, and the session change returns the deposits it said', async () => {
    const plan = await hrmp.prepare({ paraId: PARA, action: { kind: 'closeChannel', sender: PARA, recipient: PARTNER } });
    expect(plan.releasesPlanck).toBe(SENDER_DEPOSIT.toString());
    expect(plan.depositPlanck).toBe('0');
    expect(plan.dryRun.outcome).toBe('success');
    await sendAsPara(PARA, plan);
    expect((await channels(PARA)).channels[0]).toMatchObject({ counterpart: PARTNER, closing: true });
    expect(JSON.stringify((await relay.query('hrmp', 'hrmpCloseChannelRequestsList')).toJSON())).toContain(String(PARTNER));

    const before = await balance(PARA);
    await passSessions(relay, 1);
    const after = await balance(PARA);
    expect(before.reserved - after.reserved).toBe(BigInt(plan.releasesPlanck));
    expect((await channels(PARA)).channels).toEqual([]);
  });

  it('establishes channels both ways with a system para, with no deposit', async () => {
    const plan = await hrmp.prepare({ paraId: PARA, action: { kind: 'establishWithSystem', systemParaId: SYSTEM_PARA } });
    expect(plan.relayCall).toBe('hrmp.establishChannelWithSystem(1000)');
    expect(plan.depositPlanck).toBe('0');
    expect(plan.dryRun.outcome).toBe('success');
    expect(plan.dryRun.events.filter((event) => event === 'hrmp.HrmpSystemChannelOpened')).toHaveLength(2);
    const { reservedDelta, freeDelta } = await sendAsPara(PARA, plan);
    expect(reservedDelta).toBe(0n);
    expect(-freeDelta).toBe(BigInt(plan.dryRun.feePaidPlanck ?? 'x'));

    await passSessions(relay, 1);
    const view = await channels(PARA);
    expect(view.systemParas).toEqual([{ paraId: SYSTEM_PARA, outbound: 'open', inbound: 'open' }]);
    expect(view.channels.map((channel) => [channel.direction, channel.counterpart, channel.senderDepositPlanck])).toEqual([['outbound', SYSTEM_PARA, '0'], ['inbound', SYSTEM_PARA, '0']]);
  });

  it('cancels a request: the relay dates it only by the event the console saw (its age stays 0), and gives back the deposit shown', async () => {
    // A live view, as the Channels page holds one: it sees the relay's hrmp events as blocks come.
    let live: Channels | undefined;
    const stopWatching = chain.watch({ kind: 'hrmpChannels', paraId: PARA }, (value) => { live = value as Channels; });
    try {
      await expect.poll(() => live?.paraId, { timeout: 60_000 }).toBe(PARA);
      const request = await hrmp.prepare({ paraId: PARA, action: { kind: 'requestChannel', recipient: PARTNER, maxCapacity: 4, maxMessageSize: 512 } });
      expect(request.dryRun.outcome).toBe('success');
      const requestBlock = await deliverUpwardMessages(relay, PARA, [request.xcmHex as `0x${string}`]);
      const sessionOfRequest = Number((await relay.query('session', 'currentIndex')).toString());
      await expect.poll(() => live?.requests[0]?.requestedAt, { timeout: 60_000 }).toEqual({ blockNumber: requestBlock, session: sessionOfRequest });

      // What Paseo 1009003 stores: the request's age field is 0 when made and still 0 a session later.
      const id = { sender: PARA, recipient: PARTNER };
      const stored = async (): Promise<Record<string, unknown>> => (await relay.query('hrmp', 'hrmpOpenChannelRequests', id)).toJSON() as Record<string, unknown>;
      const ageField = Object.keys(await stored()).find((key) => /^_?age$/.test(key));
      expect(ageField).toBeDefined();
      expect((await stored())[ageField ?? 'age']).toBe(0);
      await passSessions(relay, 1);
      expect((await stored())[ageField ?? 'age']).toBe(0);
      await expect.poll(() => live?.currentSession, { timeout: 60_000 }).toBeGreaterThan(sessionOfRequest);
      // The read model still dates it by its own block, a session back.
      expect((await channels(PARA)).requests[0]?.requestedAt).toEqual({ blockNumber: requestBlock, session: sessionOfRequest });

      const cancel = await hrmp.prepare({ paraId: PARA, action: { kind: 'cancelRequest', sender: PARA, recipient: PARTNER } });
      expect(cancel.relayCall).toBe('hrmp.hrmpCancelOpenRequest(2000 → 2001, 1)');
      expect(cancel.releasesPlanck).toBe(SENDER_DEPOSIT.toString());
      expect(cancel.depositPlanck).toBe('0');
      expect(cancel.dryRun.outcome).toBe('success');
      expect(cancel.dryRun.events).toContain('hrmp.OpenChannelCanceled');
      expect(cancel.dryRun.heldPlanck).toBe('0');
      expect(cancel.dryRun.releasedPlanck).toBe(cancel.releasesPlanck);
      const { reservedDelta, freeDelta } = await sendAsPara(PARA, cancel);
      expect(-reservedDelta).toBe(BigInt(cancel.releasesPlanck));
      expect(freeDelta).toBe(BigInt(cancel.releasesPlanck) - BigInt(cancel.dryRun.feePaidPlanck ?? 'x'));
      expect((await relay.query('hrmp', 'hrmpOpenChannelRequests', id)).isEmpty).toBe(true);
      await expect.poll(() => live?.requests, { timeout: 60_000 }).toEqual([]);
    } finally {
      stopWatching();
    }
  });

  it('refuses a cancel of a request that does not exist, or of another para\'s, with the relay\'s own cause', async () => {
    const missingRequest = await hrmp.prepare({ paraId: PARA, action: { kind: 'cancelRequest', sender: PARA, recipient: PARTNER } });
    expect(missingRequest.releasesPlanck).toBe('0');
    expect(missingRequest.dryRun.outcome).toBe('would-fail');
    expect(missingRequest.dryRun.error).toMatchObject({ code: 'hrmp.OpenHrmpChannelDoesntExist', title: 'No such request' });

    // Para 2001 asks para 2000 for a channel; system para 1000, neither end, tries to cancel it.
    const request = await hrmp.prepare({ paraId: PARTNER, action: { kind: 'requestChannel', recipient: PARA, maxCapacity: 4, maxMessageSize: 512 } });
    await sendAsPara(PARTNER, request);
    await fund(SYSTEM_PARA, 10n * PAS);
    const notItsOwn = await hrmp.prepare({ paraId: SYSTEM_PARA, action: { kind: 'cancelRequest', sender: PARTNER, recipient: PARA } });
    expect(notItsOwn.releasesPlanck).toBe('0');
    expect(notItsOwn.dryRun.outcome).toBe('would-fail');
    expect(notItsOwn.dryRun.error).toMatchObject({ code: 'hrmp.CancelHrmpOpenChannelUnauthorized', message: 'Only the sender or the recipient may cancel a request.' });
    expect(notItsOwn.dryRun.events).not.toContain('hrmp.OpenChannelCanceled');
  });

  it('refuses before anything is prepared what the relay would refuse for its shape: a channel to itself, a system call from a parachain', async () => {
    await expect(hrmp.prepare({ paraId: PARA, action: { kind: 'requestChannel', recipient: PARA, maxCapacity: 8, maxMessageSize: 1_024 } })).rejects.toThrow('cannot have a channel with itself');
    await expect(hrmp.prepare({ paraId: PARA, action: { kind: 'establishSystemChannel', sender: PARA, recipient: SYSTEM_PARA } })).rejects.toThrow('not between two system paras');
  });
});
if (missing) it.skip(missing, () => undefined);
