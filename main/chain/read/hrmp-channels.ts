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
  // The block's number and session come in the same change set as its events, so a request is dated by its own block.
  const blockWatched: Parameters<ApiPromise['queryMulti']>[0] = api.query.system?.events && api.query.system.number
    ? [api.query.system.events, api.query.system.number] : [];
  if (blockWatched.length > 0 && hasItem(api, sessionCurrentIndex)) blockWatched.push(resolveEntry(api, sessionCurrentIndex));
  const stopEvents = blockWatched.length > 0 ? await api.queryMulti(blockWatched, ([records, number, session]: Codec[]) => {
    const hrmpEvents = (records as unknown as EventRecordLike[]).filter((record) => record.event.section === 'hrmp');
    if (hrmpEvents.length === 0) return;
    const blockNumber = Number(number?.toString() ?? 'NaN');
    const sessionIndex = session === undefined ? undefined : decodeSession(session);
    if (Number.isInteger(blockNumber)) noteRequests(api, hrmpEvents, blockNumber, sessionIndex);
    reread();
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
      // The runtime's own age field stays 0 (polkadot-sdk sets `_age: 0` and never counts it): only a seen event dates a request.
      ...(requestSeen(api, id) === undefined ? {} : { requestedAt: requestSeen(api, id) }),
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

interface EventRecordLike {
  event: { section: string; method: string; data: Codec & { names?: string[] } & ArrayLike<Codec> };
}

interface RequestSeen {
  readonly blockNumber: number;
  readonly session?: number;
}

/**
 * Where each waiting request was taken, per relay connection: the block of the
 * relay's event that created it, as the console saw it. Shared by every view
 * of that relay, so a para's view knows of a request its partner's view saw.
 */
const requestsSeen = new WeakMap<ApiPromise, Map<string, RequestSeen>>();

const channelKey = (id: HrmpChannelId): string => `${id.sender}>${id.recipient}`;

/** Events that put a request in the relay's list: a plain request, and the system calls that make and accept one at once. */
const REQUEST_EVENTS = new Set(['OpenChannelRequested', 'HrmpSystemChannelOpened', 'HrmpChannelForceOpened']);

function noteRequests(api: ApiPromise, records: readonly EventRecordLike[], blockNumber: number, session: number | undefined): void {
  for (const { event } of records) {
    // A cancelled request leaves the list; forgetting its date keeps a later request of the same channel from taking it.
    // (A request that opens leaves it too, and any new request of that channel brings its own event.)
    if (event.method === 'OpenChannelCanceled') {
      const cancelled = channelIdInEvent(event.data);
      if (cancelled !== undefined) requestsSeen.get(api)?.delete(channelKey(cancelled));
      continue;
    }
    if (!REQUEST_EVENTS.has(event.method)) continue;
    const sender = eventField(event.data, 'sender', 0);
    const recipient = eventField(event.data, 'recipient', 1);
    if (sender === undefined || recipient === undefined) continue;
    const seen = requestsSeen.get(api) ?? new Map<string, RequestSeen>();
    requestsSeen.set(api, seen);
    seen.set(channelKey({ sender, recipient }), { blockNumber, ...(session === undefined ? {} : { session }) });
  }
}

function requestSeen(api: ApiPromise, id: HrmpChannelId): RequestSeen | undefined {
  return requestsSeen.get(api)?.get(channelKey(id));
}

/** `OpenChannelCanceled { by_parachain, channel_id }`: the channel whose request went. */
function channelIdInEvent(data: EventRecordLike['event']['data']): HrmpChannelId | undefined {
  const index = data.names?.indexOf('channelId') ?? -1;
  const value = data[index >= 0 ? index : 1];
  const json = value?.toJSON() as { sender?: number; recipient?: number } | undefined;
  return json?.sender === undefined || json.recipient === undefined ? undefined : { sender: json.sender, recipient: json.recipient };
}

/** A para id from an event field, by name where the metadata names it, else by position. */
function eventField(data: EventRecordLike['event']['data'], name: string, position: number): number | undefined {
  const index = data.names?.indexOf(name) ?? -1;
  const value = data[index >= 0 ? index : position];
  const id = Number(value?.toString() ?? 'NaN');
  return Number.isInteger(id) ? id : undefined;
}

function decodeSession(value: Codec): number | undefined {
  const id = Number(value.toString());
  return Number.isInteger(id) ? id : undefined;
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
