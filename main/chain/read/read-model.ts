import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';
import type { ChainRoleName, ReadQuery, ReadValue } from '../../../shared/contract/chain';
import { ServiceError } from '../../errors/service-error';
import type { ConnectionPool } from '../connection/connection-pool';
import { SharedSubscriptions, type StartUpstream } from './shared-subscriptions';

/**
 * The read model: every value the UI shows about a chain, kept fresh by
 * storage subscriptions (never polling), one per key whatever the number of
 * views (see SharedSubscriptions).
 */
export class ReadModel {
  readonly subscriptions = new SharedSubscriptions();

  constructor(private readonly pool: ConnectionPool, private readonly readyTimeoutMs = 60_000) {
    // A chain whose connection is replaced (another network, a rehearsal fork)
    // keeps its watchers: their subscriptions start again on the new API.
    pool.onState((state) => {
      if (state.status === 'connecting' && state.at > 0) this.subscriptions.restart((key) => key.startsWith(`${state.role}|`));
    });
  }

  watch(query: ReadQuery, onValue: (value: ReadValue) => void, onError?: (error: unknown) => void): () => void {
    return this.subscriptions.subscribe(keyOf(query), this.upstream(query), onValue, onError);
  }

  read(query: ReadQuery): Promise<ReadValue> {
    // Longer than the connection's own deadline, so a dead chain is reported as such, not as a slow value.
    const timeoutMs = this.readyTimeoutMs + 15_000;
    return this.subscriptions.once(keyOf(query), this.upstream(query), timeoutMs, () => new ServiceError('timeout',
      `The chain sent no ${query.kind} value within ${Math.round(timeoutMs / 1000)} s.`, 'The endpoint may be overloaded: try again, or connect to another one.'));
  }

  private upstream(query: ReadQuery): StartUpstream<ReadValue> {
    const role = roleOf(query);
    return async (emit, fail) => {
      const api = await this.pool.api(role, this.readyTimeoutMs);
      const stop = await subscribeQuery(api, query, emit).catch((error: unknown) => {
        fail(error);
        return () => undefined;
      });
      return stop;
    };
  }
}

export function keyOf(query: ReadQuery): string {
  return `${roleOf(query)}|${JSON.stringify(query)}`;
}

export function roleOf(query: ReadQuery): ChainRoleName {
  switch (query.kind) {
    case 'balance':
    case 'head':
      return query.role;
    case 'nextFreeParaId':
    case 'para':
    case 'onDemandQueue':
      return 'relay';
    case 'coretimeSale':
      return 'coretime';
  }
}

type Emit = (value: ReadValue) => void;

async function subscribeQuery(api: ApiPromise, query: ReadQuery, emit: Emit): Promise<() => void> {
  switch (query.kind) {
    case 'balance':
      return requireStorage(api, 'system', 'account', 'accounts')(query.address, (account: Codec) => emit(balanceOf(account)));
    case 'head':
      return api.rpc.chain.subscribeNewHeads((header) => emit({ kind: 'head', number: header.number.toNumber(), hash: header.hash.toHex() }));
    case 'nextFreeParaId': {
      const entry = requireStorage(api, 'registrar', 'nextFreeParaId', 'reserving a para id');
      return entry((id: Codec) => emit({ kind: 'nextFreeParaId', paraId: Number(id.toString()) }));
    }
    case 'para': {
      const paras = api.query.registrar?.paras;
      if (!paras) throw notOffered('para registration');
      const lifecycles = api.query.paras?.paraLifecycles;
      const keys: Parameters<ApiPromise['queryMulti']>[0] = [[paras, query.paraId]];
      if (lifecycles) keys.push([lifecycles, query.paraId]);
      return api.queryMulti(keys, (values: Codec[]) => emit(paraOf(query.paraId, values[0], values[1])));
    }
    case 'onDemandQueue': {
      const pallet = ['onDemand', 'onDemandAssignmentProvider'].find((name) => api.query[name]);
      const item = pallet === undefined ? undefined : ['queueStatus', 'orderStatus'].find((name) => api.query[pallet]?.[name]);
      if (pallet === undefined || item === undefined) throw notOffered('on-demand orders');
      const storage = requireStorage(api, pallet, item, 'on-demand orders');
      return storage((status: Codec) => {
        const raw = jsonRecord(status);
        emit({ kind: 'onDemandQueue', pallet, traffic: String(raw.traffic ?? '0'), raw });
      });
    }
    case 'coretimeSale': {
      const saleInfo = requireStorage(api, 'broker', 'saleInfo', 'bulk coretime');
      return saleInfo((info: Codec) => emit({ kind: 'coretimeSale', saleInfo: info.isEmpty ? null : jsonRecord(info) }));
    }
  }
}

/** A storage entry called with its keys and a callback: polkadot-js then subscribes and resolves to the unsubscribe function. */
type SubscribableEntry = (...keysThenCallback: unknown[]) => Promise<() => void>;

function requireStorage(api: ApiPromise, pallet: string, item: string, flow: string): SubscribableEntry {
  const entry = api.query[pallet]?.[item];
  if (!entry) throw notOffered(flow);
  return entry as unknown as SubscribableEntry;
}

function notOffered(flow: string): ServiceError {
  return new ServiceError('not_supported', `This chain's runtime does not offer ${flow}.`, 'Pick the chain that hosts it (relay, Coretime chain) or another network.');
}

/** `frozen` on current runtimes; `miscFrozen`/`feeFrozen` on older ones (the larger one binds). */
export function balanceOf(account: Codec): ReadValue {
  const json = account.toJSON() as { nonce?: number; data?: Record<string, unknown> };
  const data = json.data ?? {};
  const amount = (field: string): bigint => (data[field] === undefined || data[field] === null ? 0n : BigInt(String(data[field])));
  const frozen = data.frozen !== undefined ? amount('frozen') : maxOf(amount('miscFrozen'), amount('feeFrozen'));
  return {
    kind: 'balance',
    freePlanck: amount('free').toString(),
    reservedPlanck: amount('reserved').toString(),
    frozenPlanck: frozen.toString(),
    nonce: Number(json.nonce ?? 0),
  };
}

function paraOf(paraId: number, info: Codec | undefined, lifecycle: Codec | undefined): ReadValue {
  const registration = info && !info.isEmpty ? (info.toJSON() as { manager?: string; deposit?: unknown; locked?: unknown }) : undefined;
  return {
    kind: 'para',
    paraId,
    ...(registration?.manager === undefined ? {} : { manager: String(registration.manager) }),
    ...(registration?.deposit === undefined ? {} : { depositPlanck: BigInt(String(registration.deposit)).toString() }),
    ...(registration?.locked === undefined || registration.locked === null ? {} : { locked: Boolean(registration.locked) }),
    ...(lifecycle && !lifecycle.isEmpty ? { lifecycle: lifecycle.toString() } : {}),
  };
}

function jsonRecord(codec: Codec): Record<string, unknown> {
  const json = codec.toJSON();
  return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : { value: json };
}

function maxOf(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
