import type { Codec } from '@polkadot/types-codec/types';
import { bigintOf, field, itemsOf, numberOf } from './codec-values';
import { storageItem } from './storage-item';

/**
 * The relay's HRMP storage (polkadot-sdk `runtime/parachains/src/hrmp.rs`):
 * open channels, the open and close requests waiting for a session change,
 * and the per-para indexes of channels in and out.
 */

const HRMP_PALLETS = ['hrmp'] as const;
const CONFIGURATION_PALLETS = ['configuration'] as const;

/** A channel is named by its two ends; messages flow from `sender` to `recipient`. */
export interface HrmpChannelId {
  readonly sender: number;
  readonly recipient: number;
}

/** `hrmp.hrmpChannels(id)`: an open channel, its limits, what is queued in it and the deposits held for it. */
export interface HrmpChannelInfo {
  readonly maxCapacity: number;
  readonly maxTotalSize: number;
  readonly maxMessageSize: number;
  readonly msgCount: number;
  readonly totalSize: number;
  /** Reserved from the sender's sovereign account on the relay; 0 for channels with a system para. */
  readonly senderDepositPlanck: bigint;
  /** Reserved from the recipient's sovereign account on the relay; 0 for channels with a system para. */
  readonly recipientDepositPlanck: bigint;
}

/** `hrmp.hrmpOpenChannelRequests(id)`: a requested channel, accepted (`confirmed`) or not, opened at the next session change once accepted. */
export interface HrmpOpenRequestInfo {
  readonly confirmed: boolean;
  readonly senderDepositPlanck: bigint;
  readonly maxCapacity: number;
  readonly maxMessageSize: number;
  readonly maxTotalSize: number;
}

/** The HRMP part of `configuration.activeConfig`: the deposits a channel costs and the limits a request must respect. */
export interface HrmpConfiguration {
  readonly senderDepositPlanck: bigint;
  readonly recipientDepositPlanck: bigint;
  readonly channelMaxCapacity: number;
  readonly channelMaxTotalSize: number;
  readonly channelMaxMessageSize: number;
  readonly maxParachainOutboundChannels: number;
  readonly maxParachainInboundChannels: number;
}

export function channelIdOf(value: Codec): HrmpChannelId {
  return { sender: numberOf(field(value, 'sender')), recipient: numberOf(field(value, 'recipient')) };
}

export const hrmpChannels = storageItem<[id: HrmpChannelId], HrmpChannelInfo>(HRMP_PALLETS, 'hrmpChannels', (value) => ({
  maxCapacity: numberOf(field(value, 'maxCapacity')),
  maxTotalSize: numberOf(field(value, 'maxTotalSize')),
  maxMessageSize: numberOf(field(value, 'maxMessageSize')),
  msgCount: numberOf(field(value, 'msgCount')),
  totalSize: numberOf(field(value, 'totalSize')),
  senderDepositPlanck: bigintOf(field(value, 'senderDeposit')),
  recipientDepositPlanck: bigintOf(field(value, 'recipientDeposit')),
}));

/**
 * The request's `_age` field is not read: polkadot-sdk writes 0 there and never counts it (Paseo 1009003 keeps 0
 * across session changes, tested), so it would say "0 sessions" of every request. The read model dates a request
 * by the relay event it saw instead.
 */
export const hrmpOpenChannelRequests = storageItem<[id: HrmpChannelId], HrmpOpenRequestInfo>(HRMP_PALLETS, 'hrmpOpenChannelRequests', (value) => ({
  confirmed: field(value, 'confirmed').toJSON() === true,
  senderDepositPlanck: bigintOf(field(value, 'senderDeposit')),
  maxCapacity: numberOf(field(value, 'maxCapacity')),
  maxMessageSize: numberOf(field(value, 'maxMessageSize')),
  maxTotalSize: numberOf(field(value, 'maxTotalSize')),
}));

const channelIdList = (value: Codec): HrmpChannelId[] => itemsOf(value).map(channelIdOf);
const paraIdList = (value: Codec): number[] => itemsOf(value).map(numberOf);

export const hrmpOpenChannelRequestsList = storageItem<[], HrmpChannelId[]>(HRMP_PALLETS, 'hrmpOpenChannelRequestsList', channelIdList);
export const hrmpCloseChannelRequestsList = storageItem<[], HrmpChannelId[]>(HRMP_PALLETS, 'hrmpCloseChannelRequestsList', channelIdList);
/** The paras that send to this one. */
export const hrmpIngressChannelsIndex = storageItem<[recipient: number], number[]>(HRMP_PALLETS, 'hrmpIngressChannelsIndex', paraIdList);
/** The paras this one sends to. */
export const hrmpEgressChannelsIndex = storageItem<[sender: number], number[]>(HRMP_PALLETS, 'hrmpEgressChannelsIndex', paraIdList);

export const hrmpConfiguration = storageItem<[], HrmpConfiguration>(CONFIGURATION_PALLETS, 'activeConfig', (value) => ({
  senderDepositPlanck: bigintOf(field(value, 'hrmpSenderDeposit')),
  recipientDepositPlanck: bigintOf(field(value, 'hrmpRecipientDeposit')),
  channelMaxCapacity: numberOf(field(value, 'hrmpChannelMaxCapacity')),
  channelMaxTotalSize: numberOf(field(value, 'hrmpChannelMaxTotalSize')),
  channelMaxMessageSize: numberOf(field(value, 'hrmpChannelMaxMessageSize')),
  maxParachainOutboundChannels: numberOf(field(value, 'hrmpMaxParachainOutboundChannels')),
  maxParachainInboundChannels: numberOf(field(value, 'hrmpMaxParachainInboundChannels')),
}));

/** A para id below 2000 is a system para: channels with it cost no deposit (`ParaId::is_system`). */
export const FIRST_PUBLIC_PARA_ID = 2000;

export function isSystemPara(paraId: number): boolean {
  return paraId < FIRST_PUBLIC_PARA_ID;
}

/** The relay keeps the channel's deposits only where neither end is a system para. */
export function channelTakesDeposits(id: HrmpChannelId): boolean {
  return !isSystemPara(id.sender) && !isSystemPara(id.recipient);
}
