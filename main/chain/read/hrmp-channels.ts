import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';
import type { ReadValue } from '../../../shared/contract/chain';
import { someOf } from '../storage/codec-values';
import {
  hrmpChannels, hrmpCloseChannelRequestsList, hrmpConfiguration, hrmpEgressChannelsIndex, hrmpIngressChannelsIndex,
  hrmpOpenChannelRequests, hrmpOpenChannelRequestsList, isSystemPara, type HrmpChannelId,
} from '../storage/hrmp';
import { parasLifecycle } from '../storage/paras';
import { sessionCurrentIndex } from '../storage/session';
import { hasItem, readEntries, readItem, resolveEntry, type StorageItem } from '../storage/storage-item';

type HrmpChannelsValue = Extract<ReadValue, { kind: 'hrmpChannels' }>;

/**
 * The para's HRMP picture, kept fresh from relay storage: one multi-key
 * subscription on what changes when a channel is asked for, accepted,
 * cancelled, opened or closed (the request lists, the para's channel indexes,
 * the configuration and the session) and on the relay's hrmp events, and a
 * fresh read of the details on each change. Nothing is polled.
 */
export async function subscribeHrmpChannels(api: ApiPromise, paraId: number, emit: (value: HrmpChannelsValue) => void): Promise<() => void> {
  const watched: Parameters<ApiPromise['queryMulti']>[0] = [
    resolveEntry(api, hrmpOpenChannelRequestsList),
    resolveEntry(api, hrmpCloseChannelRequestsList),
    [resolveEntry(api, hrmpEgressChannelsIndex), paraId],
    [resolveEntry(api, hrmpIngressChannelsIndex), paraId],
    resolveEntry(api, hrmpConfiguration),
  ];
  if (hasItem(api, sessionCurrentIndex)) watched.push(resolveEntry(api, sessionCurrentIndex));
  // One read after another, so a slow read never overwrites a newer one.
  let reading = Promise.resolve();
  let latest: Codec[] | undefined;
  const reread = (): void => {
    const values = latest;
    if (values === undefined) return;
    reading = reading.then(() => readHrmpChannels(api, paraId, values)).then(emit, () => undefined);
  };
  const stopKeys = await api.queryMulti(watched, (values: Codec[]) => {
    latest = values;
    reread();
  });
  // An accept only flips the request's `confirmed` flag, which no watched key shows: the relay's hrmp events do.
  const events = api.query.system?.events as unknown as ((callback: (records: Codec) => void) => Promise<() => void>) | undefined;
  const stopEvents = events ? await events((records) => {
    if ((records as unknown as Array<{ event: { section: string } }>).some((record) => record.event.section === 'hrmp')) reread();
  }) : () => undefined;
  return () => {
    stopKeys();
    stopEvents();
  };
}

/** One-off read of the same picture (tests and the planner use it). */
export async function readHrmpChannels(api: ApiPromise, paraId: number, watchedValues?: Codec[]): Promise<HrmpChannelsValue> {
  const decode = <T>(item: StorageItem<readonly unknown[], T>, value: Codec | undefined): T | undefined => {
    const inner = value === undefined ? undefined : someOf(value);
    return inner === undefined ? undefined : item.decode(inner);
  };
  const [openList, closeList, egress, ingress, config, session] = watchedValues
    ? [
      decode(hrmpOpenChannelRequestsList, watchedValues[0]),
      decode(hrmpCloseChannelRequestsList, watchedValues[1]),
      decode(hrmpEgressChannelsIndex, watchedValues[2]),
      decode(hrmpIngressChannelsIndex, watchedValues[3]),
      decode(hrmpConfiguration, watchedValues[4]),
      decode(sessionCurrentIndex, watchedValues[5]),
    ]
    : await Promise.all([
      readItem(api, hrmpOpenChannelRequestsList),
      readItem(api, hrmpCloseChannelRequestsList),
      readItem(api, hrmpEgressChannelsIndex, paraId),
      readItem(api, hrmpIngressChannelsIndex, paraId),
      readItem(api, hrmpConfiguration),
      hasItem(api, sessionCurrentIndex) ? readItem(api, sessionCurrentIndex) : Promise.resolve(undefined),
    ]);
  if (!config) throw new Error('the relay has no active configuration');
  const closing = closeList ?? [];
  const isClosing = (id: HrmpChannelId): boolean => closing.some((other) => other.sender === id.sender && other.recipient === id.recipient);

  const channelIds: Array<{ id: HrmpChannelId; direction: 'outbound' | 'inbound'; counterpart: number }> = [
    ...(egress ?? []).map((recipient) => ({ id: { sender: paraId, recipient }, direction: 'outbound' as const, counterpart: recipient })),
    ...(ingress ?? []).map((sender) => ({ id: { sender, recipient: paraId }, direction: 'inbound' as const, counterpart: sender })),
  ];
  const channels = (await Promise.all(channelIds.map(async ({ id, direction, counterpart }) => {
    const channel = await readItem(api, hrmpChannels, id);
    return channel === undefined ? [] : [{
      direction,
      counterpart,
      maxCapacity: channel.maxCapacity,
      maxMessageSize: channel.maxMessageSize,
      maxTotalSize: channel.maxTotalSize,
      msgCount: channel.msgCount,
      totalSize: channel.totalSize,
      senderDepositPlanck: channel.senderDepositPlanck.toString(),
      recipientDepositPlanck: channel.recipientDepositPlanck.toString(),
      closing: isClosing(id),
    }];
  }))).flat();

  const mine = (openList ?? []).filter((id) => id.sender === paraId || id.recipient === paraId);
  const requests = (await Promise.all(mine.map(async (id) => {
    const request = await readItem(api, hrmpOpenChannelRequests, id);
    if (request === undefined) return [];
    const direction = id.sender === paraId ? 'outbound' as const : 'inbound' as const;
    const counterpart = direction === 'outbound' ? id.recipient : id.sender;
    return [{
      direction,
      counterpart,
      confirmed: request.confirmed,
      ageSessions: request.ageSessions,
      senderDepositPlanck: request.senderDepositPlanck.toString(),
      maxCapacity: request.maxCapacity,
      maxMessageSize: request.maxMessageSize,
      waitingFor: waitingFor(direction, counterpart, request.confirmed),
    }];
  }))).flat();

  const systemParas = (await registeredSystemParas(api)).filter((id) => id !== paraId).map((id) => ({
    paraId: id,
    outbound: stateOf({ sender: paraId, recipient: id }, egress ?? [], id, mine),
    inbound: stateOf({ sender: id, recipient: paraId }, ingress ?? [], id, mine),
  }));

  return {
    kind: 'hrmpChannels',
    paraId,
    ...(session === undefined ? {} : { currentSession: session }),
    senderDepositPlanck: config.senderDepositPlanck.toString(),
    recipientDepositPlanck: config.recipientDepositPlanck.toString(),
    maxCapacity: config.channelMaxCapacity,
    maxMessageSize: config.channelMaxMessageSize,
    maxTotalSize: config.channelMaxTotalSize,
    maxOutboundChannels: config.maxParachainOutboundChannels,
    maxInboundChannels: config.maxParachainInboundChannels,
    channels,
    requests,
    systemParas,
  };
}

function waitingFor(direction: 'outbound' | 'inbound', counterpart: number, confirmed: boolean): string {
  if (confirmed) return 'Accepted: the next session change on the relay opens the channel.';
  return direction === 'outbound'
    ? `Waiting for para ${counterpart} to accept (its hrmpAcceptOpenChannel); you can cancel until then.`
    : `Para ${counterpart} asks to send to you: accept it (reserves the recipient deposit) or cancel it.`;
}

function stateOf(id: HrmpChannelId, index: readonly number[], other: number, requests: readonly HrmpChannelId[]): 'open' | 'requested' | 'none' {
  if (index.includes(other)) return 'open';
  return requests.some((request) => request.sender === id.sender && request.recipient === id.recipient) ? 'requested' : 'none';
}

/** Para ids below 2000 with a lifecycle on the relay: Asset Hub, the Coretime chain, People, ... as this relay has them. */
async function registeredSystemParas(api: ApiPromise): Promise<number[]> {
  if (!hasItem(api, parasLifecycle)) return [];
  const entries = await readEntries(api, parasLifecycle);
  return entries
    .map(({ keyArgs }) => Number(keyArgs[0]?.toString() ?? 'NaN'))
    .filter((id) => Number.isInteger(id) && isSystemPara(id))
    .sort((a, b) => a - b);
}
