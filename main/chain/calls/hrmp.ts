import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { HrmpAction } from '../../../shared/contract/hrmp';
import { ServiceError } from '../../errors/service-error';
import { channelTakesDeposits, isSystemPara } from '../storage/hrmp';
import { assertParaId, resolveCall } from './built-call';

const HRMP_PALLETS = ['hrmp'] as const;

/**
 * A relay HRMP call the para makes through XCM: built against the relay's
 * metadata (never dispatched from an account here), with the origin it needs
 * on the relay and words for the review.
 */
export interface HrmpRelayCall {
  readonly call: SubmittableExtrinsic<'promise'>;
  /** `hrmp.hrmpInitOpenChannel(2001, 8, 1024)`. */
  readonly label: string;
  /**
   * `Native`: the para's own origin (`ensure_parachain`); `SovereignAccount`: a signed origin of the para's
   * sovereign account, for the one call that takes any signed origin (`establishSystemChannel`).
   */
  readonly originKind: 'Native' | 'SovereignAccount';
  readonly summary: string;
  readonly details: readonly string[];
  /** What confirms it after the relay applies it. */
  readonly confirmation: string;
}

/** What the builders need besides the action: the request list's length, the witness `hrmpCancelOpenRequest` takes. */
export interface HrmpCallWitness {
  readonly openRequests: number;
}

/** Builds the relay call for `action` taken by `paraId`, refusing what the relay would refuse for its shape alone. */
export function buildHrmpRelayCall(api: ApiPromise, paraId: number, action: HrmpAction, witness: HrmpCallWitness): HrmpRelayCall {
  assertParaId(paraId);
  switch (action.kind) {
    case 'requestChannel': {
      assertOtherPara(paraId, action.recipient);
      const resolved = resolveCall(api, HRMP_PALLETS, 'hrmpInitOpenChannel');
      return {
        call: resolved.create(action.recipient, action.maxCapacity, action.maxMessageSize),
        label: `${resolved.pallet}.hrmpInitOpenChannel(${action.recipient}, ${action.maxCapacity}, ${action.maxMessageSize})`,
        originKind: 'Native',
        summary: `Para ${paraId} asks to open a channel to para ${action.recipient}.`,
        details: [
          `Up to ${action.maxCapacity} messages of at most ${action.maxMessageSize} bytes in the channel at once.`,
          channelTakesDeposits({ sender: paraId, recipient: action.recipient }) ? `Reserves the sender deposit from para ${paraId}'s sovereign account.` : 'A channel with a system para takes no deposit.',
        ],
        confirmation: `Para ${action.recipient} must accept it (hrmpAcceptOpenChannel); the session change after that opens the channel.`,
      };
    }
    case 'acceptChannel': {
      assertOtherPara(paraId, action.sender);
      const resolved = resolveCall(api, HRMP_PALLETS, 'hrmpAcceptOpenChannel');
      return {
        call: resolved.create(action.sender),
        label: `${resolved.pallet}.hrmpAcceptOpenChannel(${action.sender})`,
        originKind: 'Native',
        summary: `Para ${paraId} accepts para ${action.sender}'s request to send to it.`,
        details: [channelTakesDeposits({ sender: action.sender, recipient: paraId }) ? `Reserves the recipient deposit from para ${paraId}'s sovereign account.` : 'A channel with a system para takes no deposit.'],
        confirmation: 'The next session change on the relay opens the channel.',
      };
    }
    case 'cancelRequest': {
      // Not checked here that the para is an end: the relay's own refusal (CancelHrmpOpenChannelUnauthorized) comes
      // from its dry run, in the same words as a request that does not exist (OpenHrmpChannelDoesntExist).
      assertParaId(action.sender);
      assertParaId(action.recipient);
      const resolved = resolveCall(api, HRMP_PALLETS, 'hrmpCancelOpenRequest');
      return {
        call: resolved.create({ sender: action.sender, recipient: action.recipient }, witness.openRequests),
        label: `${resolved.pallet}.hrmpCancelOpenRequest(${action.sender} → ${action.recipient}, ${witness.openRequests})`,
        originKind: 'Native',
        summary: `Para ${paraId} withdraws the request for a channel from para ${action.sender} to para ${action.recipient}.`,
        details: [`The sender deposit goes back to para ${action.sender}'s sovereign account at once.`, `Witness: ${witness.openRequests} open request(s) on the relay now.`],
        confirmation: 'The request disappears from the relay at once.',
      };
    }
    case 'closeChannel': {
      assertEnd(paraId, action);
      const resolved = resolveCall(api, HRMP_PALLETS, 'hrmpCloseChannel');
      return {
        call: resolved.create({ sender: action.sender, recipient: action.recipient }),
        label: `${resolved.pallet}.hrmpCloseChannel(${action.sender} → ${action.recipient})`,
        originKind: 'Native',
        summary: `Para ${paraId} closes the channel from para ${action.sender} to para ${action.recipient}.`,
        details: ['Both deposits go back to their sovereign accounts when the channel closes.'],
        confirmation: 'The next session change on the relay closes the channel and returns the deposits.',
      };
    }
    case 'establishWithSystem': {
      assertOtherPara(paraId, action.systemParaId);
      if (!isSystemPara(action.systemParaId)) {
        throw new ServiceError('invalid_input', `Para ${action.systemParaId} is not a system para (system paras have ids below 2000).`,
          'Request a channel instead: the other para then accepts it.');
      }
      const resolved = resolveCall(api, HRMP_PALLETS, 'establishChannelWithSystem');
      return {
        call: resolved.create(action.systemParaId),
        label: `${resolved.pallet}.establishChannelWithSystem(${action.systemParaId})`,
        originKind: 'Native',
        summary: `Para ${paraId} opens channels both ways with system para ${action.systemParaId}.`,
        details: ['No deposit: the relay takes none for channels with a system para.', 'Capacity and message size are the relay\'s defaults for system channels.'],
        confirmation: 'Both requests are made and accepted at once; the next session change opens the channels.',
      };
    }
    case 'establishSystemChannel': {
      assertEnd(paraId, action);
      if (!isSystemPara(action.sender) || !isSystemPara(action.recipient)) {
        throw new ServiceError('invalid_input', `A channel from ${action.sender} to ${action.recipient} is not between two system paras.`,
          'establishSystemChannel joins two system paras (ids below 2000); a parachain uses establishWithSystem or a request.');
      }
      const resolved = resolveCall(api, HRMP_PALLETS, 'establishSystemChannel');
      return {
        call: resolved.create(action.sender, action.recipient),
        label: `${resolved.pallet}.establishSystemChannel(${action.sender}, ${action.recipient})`,
        originKind: 'SovereignAccount',
        summary: `System para ${paraId} opens the channel from para ${action.sender} to para ${action.recipient}.`,
        details: ['No deposit, and the relay refunds the fee when the channel is new.', 'Capacity and message size are the relay\'s maximums.'],
        confirmation: 'The request is made and accepted at once; the next session change opens the channel.',
      };
    }
  }
}

function assertOtherPara(paraId: number, other: number): void {
  assertParaId(other);
  if (other === paraId) throw new ServiceError('invalid_input', `Para ${paraId} cannot have a channel with itself.`, 'Pick the other para\'s id.');
}

function assertEnd(paraId: number, id: { sender: number; recipient: number }): void {
  assertParaId(id.sender);
  assertParaId(id.recipient);
  if (id.sender !== paraId && id.recipient !== paraId) {
    throw new ServiceError('invalid_input', `Para ${paraId} is neither end of the channel ${id.sender} → ${id.recipient}.`,
      'Only the sender or the recipient of a channel may act on it.');
  }
}
