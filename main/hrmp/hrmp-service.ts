import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';
import type { DispatchError } from '@polkadot/types/interfaces';
import type { DispatchErrorData } from '../../shared/contract/chain';
import type { HrmpAction, HrmpPlan, HrmpPrepareInput } from '../../shared/contract/hrmp';
import { formatPlanck } from '../chain/calls/amount-text';
import { buildHrmpRelayCall, type HrmpRelayCall } from '../chain/calls/hrmp';
import type { ConnectionPool } from '../chain/connection/connection-pool';
import type { TokenInfo } from '../chain/networks';
import { describeDispatchError } from '../chain/tx/dispatch-error-words';
import {
  channelTakesDeposits, hrmpChannels, hrmpConfiguration, hrmpOpenChannelRequests, hrmpOpenChannelRequestsList, type HrmpChannelId,
} from '../chain/storage/hrmp';
import { readItem } from '../chain/storage/storage-item';
import { ServiceError } from '../errors/service-error';
import { hrmpRefusal } from './hrmp-refusals';
import { buildParaSend, buildSudoParaSend, connectedParaId, paraSudoKey } from './para-send';
import { pickXcmVersion, relayTransactXcm, versionedXcmType, versionedXcmTypeOfSend, writableXcmVersions, type RelayTransact, type XcmVersion } from './relay-xcm';
import { rememberPreparedMessage } from './prepared-messages';
import { paraSovereignAddress } from './sovereign-account';
import { dryRunOnRelay } from './xcm-dry-run';
import { callWeight, messageWeight, weightFeePlanck } from './xcm-fees';

/** How much more than the relay's quoted price the message withdraws for fees; the unspent part comes straight back. */
const FEE_HEADROOM_MULTIPLIER = 2n;
const READY_TIMEOUT_MS = 60_000;

export interface HrmpServiceDeps {
  readonly pool: ConnectionPool;
}

/**
 * Prepares a para's HRMP channel action: the relay call, the XCM that makes
 * it from the para's origin, what it costs (the deposit from the relay's
 * configuration, the fee from the relay's own price for the message), whether
 * the sovereign account can pay, the relay's dry run of the message as the
 * para, and the parachain calls that send it. Nothing here signs or sends.
 */
export class HrmpService {
  constructor(private readonly deps: HrmpServiceDeps) {}

  async prepare(input: HrmpPrepareInput): Promise<HrmpPlan> {
    const { paraId, action } = input;
    const relay = await this.deps.pool.api('relay', READY_TIMEOUT_MS);
    const token = tokenOf(relay);
    const openRequests = (await readItem(relay, hrmpOpenChannelRequestsList)) ?? [];
    const relayCall = buildHrmpRelayCall(relay, paraId, action, { openRequests: openRequests.length });
    const config = await readItem(relay, hrmpConfiguration);
    if (!config) throw new ServiceError('not_supported', 'The relay has no active configuration to read the channel deposits from.');
    const { depositPlanck, releasesPlanck } = await this.depositsOf(relay, paraId, action, config);

    const paraApi = await this.connectedParachain();
    const version = pickXcmVersion(
      writableXcmVersions(relay, versionedXcmType(relay)),
      paraApi === undefined ? undefined : paraXcmVersions(paraApi),
    );
    const transact: Omit<RelayTransact, 'feeWithdrawPlanck'> = {
      paraId,
      callHex: relayCall.call.method.toHex(),
      originKind: relayCall.originKind,
      callWeight: version >= 5 ? { refTime: 0n, proofSize: 0n } : await callWeight(relay, relayCall.call as unknown as { method: Codec & { encodedLength: number } }),
    };
    // The weight does not depend on the amounts: weigh a draft, price it, then write the amounts in.
    const weight = await messageWeight(relay, relayTransactXcm(relay, version, { ...transact, feeWithdrawPlanck: 1n }));
    const executionFeePlanck = await weightFeePlanck(relay, weight, version);
    const feeWithdrawPlanck = executionFeePlanck * FEE_HEADROOM_MULTIPLIER;
    const message = relayTransactXcm(relay, version, { ...transact, feeWithdrawPlanck });
    const xcmHex = message.toHex();

    const sovereignAccount = paraSovereignAddress(paraId, relay.registry.chainSS58 ?? 42);
    const account = (await relay.query.system?.account?.(sovereignAccount))?.toJSON() as { data?: { free?: number | string; reserved?: number | string } } | undefined;
    const freePlanck = BigInt(account?.data?.free ?? 0);
    const reservedPlanck = BigInt(account?.data?.reserved ?? 0);
    const existentialDeposit = BigInt(relay.consts.balances?.existentialDeposit?.toString() ?? '0');
    const requiredFreePlanck = feeWithdrawPlanck + depositPlanck + existentialDeposit;
    const shortfall = freePlanck < requiredFreePlanck
      ? `Para ${paraId}'s sovereign account ${sovereignAccount} holds ${formatPlanck(freePlanck, token)} free on the relay; this message needs ${formatPlanck(requiredFreePlanck, token)} (${formatPlanck(feeWithdrawPlanck, token)} withdrawn for fees, ${formatPlanck(depositPlanck, token)} deposit, ${formatPlanck(existentialDeposit, token)} to keep the account). Send it ${formatPlanck(requiredFreePlanck - freePlanck, token)} more first.`
      : undefined;

    let dryRun = await dryRunOnRelay(relay, { version, paraId, message, sovereign: sovereignAccount, expectedEvent: expectedEventOf(action) });
    if (dryRun.outcome === 'would-fail' && dryRun.error?.code === 'TransactDidNothing') {
      dryRun = { ...dryRun, error: await whyTheCallFails(relay, paraId, sovereignAccount, relayCall, shortfall) };
    }

    const { routes, routesNote } = await this.routesFor(paraApi, paraId, version, xcmHex);
    const plan: HrmpPlan = {
      paraId,
      relayCall: relayCall.label,
      relayCallHex: relayCall.call.method.toHex(),
      summary: relayCall.summary,
      details: [...relayCall.details],
      sovereignAccount,
      sovereignFreePlanck: freePlanck.toString(),
      sovereignReservedPlanck: reservedPlanck.toString(),
      depositPlanck: depositPlanck.toString(),
      releasesPlanck: releasesPlanck.toString(),
      executionFeePlanck: executionFeePlanck.toString(),
      feeWithdrawPlanck: feeWithdrawPlanck.toString(),
      requiredFreePlanck: requiredFreePlanck.toString(),
      ...(shortfall === undefined ? {} : { shortfall }),
      xcmVersion: version,
      xcmHex,
      dryRun,
      confirmation: relayCall.confirmation,
      routes,
      ...(routesNote === undefined ? {} : { routesNote }),
    };
    // A `sendHrmpMessage` intent signs only a message prepared here, and its review reads the relay's costs from this plan.
    rememberPreparedMessage({ plan, relayToken: token });
    return plan;
  }

  /** The deposit the action reserves from the para's sovereign account, and the one it gives back, by the relay's rules. */
  private async depositsOf(relay: ApiPromise, paraId: number, action: HrmpAction, config: { senderDepositPlanck: bigint; recipientDepositPlanck: bigint }): Promise<{ depositPlanck: bigint; releasesPlanck: bigint }> {
    switch (action.kind) {
      case 'requestChannel':
        return { depositPlanck: channelTakesDeposits({ sender: paraId, recipient: action.recipient }) ? config.senderDepositPlanck : 0n, releasesPlanck: 0n };
      case 'acceptChannel':
        return { depositPlanck: channelTakesDeposits({ sender: action.sender, recipient: paraId }) ? config.recipientDepositPlanck : 0n, releasesPlanck: 0n };
      case 'cancelRequest': {
        // No request, or not the para's: nothing comes back, and the relay's dry run says why it refuses (its own error, in words).
        const request = await readItem(relay, hrmpOpenChannelRequests, channelId(action));
        return { depositPlanck: 0n, releasesPlanck: request !== undefined && action.sender === paraId ? request.senderDepositPlanck : 0n };
      }
      case 'closeChannel': {
        const channel = await readItem(relay, hrmpChannels, channelId(action));
        if (!channel) throw new ServiceError('not_found', `The channel from para ${action.sender} to para ${action.recipient} is not open on the relay.`, 'A channel still waiting to open is cancelled, not closed.');
        return { depositPlanck: 0n, releasesPlanck: action.sender === paraId ? channel.senderDepositPlanck : channel.recipientDepositPlanck };
      }
      case 'establishWithSystem':
      case 'establishSystemChannel':
        return { depositPlanck: 0n, releasesPlanck: 0n };
    }
  }

  private async connectedParachain(): Promise<ApiPromise | undefined> {
    if (this.deps.pool.get('parachain')?.state.status !== 'connected') return undefined;
    return this.deps.pool.api('parachain', READY_TIMEOUT_MS).catch(() => undefined);
  }

  private async routesFor(paraApi: ApiPromise | undefined, paraId: number, version: XcmVersion, xcmHex: `0x${string}`): Promise<Pick<HrmpPlan, 'routes' | 'routesNote'>> {
    if (paraApi === undefined) {
      return { routes: [], routesNote: 'No parachain is connected, so the console cannot encode the parachain call. Send the message above with polkadotXcm.send to the relay ({ parents: 1, interior: Here }) as Root on your parachain, or connect its RPC on the Chain page.' };
    }
    // Sent from another parachain, the message would act on the relay as that para: no call is offered for it.
    const connectedPara = await connectedParaId(paraApi);
    if (connectedPara !== undefined && connectedPara !== paraId) {
      return { routes: [], routesNote: `The connected parachain is para ${connectedPara}, not para ${paraId}: a call sent from it would act on the relay as para ${connectedPara}. Send the message above from para ${paraId} with polkadotXcm.send as Root, or connect its RPC on the Chain page.` };
    }
    const send = buildParaSend(paraApi, version, xcmHex);
    const routes: HrmpPlan['routes'] = [];
    const sudo = buildSudoParaSend(paraApi, send);
    if (sudo) {
      const key = await paraSudoKey(paraApi);
      routes.push({
        kind: 'sudo', call: sudo.label, callHex: sudo.extrinsic.method.toHex(), ...(key === undefined ? {} : { signer: key }),
        note: `Sign on the parachain with its sudo key${key === undefined ? '' : ` (${key})`}: Root sends the message unchanged.`,
      });
    }
    routes.push({ kind: 'governance', call: send.label, callHex: send.extrinsic.method.toHex(), note: 'For the parachain\'s governance: it must be dispatched as Root. Any other origin makes pallet-xcm add DescendOrigin, and the relay would not see the para itself.' });
    return { routes };
  }
}

function channelId(action: { sender: number; recipient: number }): HrmpChannelId {
  return { sender: action.sender, recipient: action.recipient };
}

function expectedEventOf(action: HrmpAction): string {
  switch (action.kind) {
    case 'requestChannel': return 'hrmp.OpenChannelRequested';
    case 'acceptChannel': return 'hrmp.OpenChannelAccepted';
    case 'cancelRequest': return 'hrmp.OpenChannelCanceled';
    case 'closeChannel': return 'hrmp.ChannelClosed';
    case 'establishWithSystem':
    case 'establishSystemChannel':
      return 'hrmp.HrmpSystemChannelOpened';
  }
}

function tokenOf(api: ApiPromise): TokenInfo {
  return { symbol: api.registry.chainTokens[0] ?? 'UNIT', decimals: api.registry.chainDecimals[0] ?? 12 };
}

function paraXcmVersions(paraApi: ApiPromise): XcmVersion[] {
  const pallet = ['polkadotXcm', 'xcmPallet'].find((name) => paraApi.tx[name]?.send !== undefined);
  return pallet === undefined ? [] : writableXcmVersions(paraApi, versionedXcmTypeOfSend(paraApi, pallet));
}

/**
 * The message ran but the channel call did nothing: the relay's executor
 * swallows a failed `Transact`. Dry-run the call alone from the para's origin
 * for the relay's own reason, and fall back on the balance check.
 */
async function whyTheCallFails(relay: ApiPromise, paraId: number, sovereign: string, relayCall: HrmpRelayCall, shortfall: string | undefined): Promise<DispatchErrorData> {
  const run = relay.call.dryRunApi?.dryRunCall as ((...args: unknown[]) => Promise<Codec>) | undefined;
  if (run) {
    const origin = relayCall.originKind === 'Native' ? { ParachainsOrigin: { Parachain: paraId } } : { system: { Signed: sovereign } };
    const params = (run as unknown as { meta?: { params?: unknown[] } }).meta?.params?.length ?? 2;
    const result = (await run(...(params >= 3 ? [origin, relayCall.call.method, 5] : [origin, relayCall.call.method])).catch(() => undefined)) as unknown as
      { isOk: boolean; asOk: { executionResult: { isErr: boolean; asErr: { error: DispatchError } } } } | undefined;
    const failed = result?.isOk ? result.asOk.executionResult : undefined;
    if (failed?.isErr) {
      const error = failed.asErr.error;
      if (error.isModule) {
        const meta = relay.registry.findMetaError(error.asModule);
        const words = hrmpRefusal(meta.section, meta.name);
        if (words) return words;
      }
      const described = describeDispatchError(relay, error);
      return { ...described, message: `The relay would take the fee but refuse the channel call: ${described.message}${shortfall === undefined ? '' : ` ${shortfall}`}` };
    }
  }
  if (shortfall !== undefined) {
    return { code: 'balances.InsufficientBalance', title: 'The sovereign account cannot pay the deposit', message: `The relay would take the fee but could not reserve the deposit. ${shortfall}`, hint: 'Fund the sovereign account on the relay, then prepare the message again.' };
  }
  return { code: 'TransactDidNothing', title: 'The call did not run', message: 'The relay runs the message but does not apply the channel call, and gives no reason.', hint: 'Read the events listed below.' };
}
