import type { ApiPromise } from '@polkadot/api';
import type { Vec } from '@polkadot/types';
import type { Header } from '@polkadot/types/interfaces';
import type { Codec } from '@polkadot/types/types';
import { ServiceError } from '../errors/service-error';
import type { HealthMonitor } from './health-monitor';
import type { RelayEventRecord } from './probes/inclusion-probe';

/**
 * Follows a relay chain connection (the chain layer's `ApiPromise`) and hands
 * each new block's `system.events` to health monitoring, where every watched
 * parachain reads its candidates from them. Returns the unsubscribe.
 */
export async function feedRelayEvents(monitor: HealthMonitor, relay: ApiPromise, onError: (error: unknown) => void = () => undefined): Promise<() => void> {
  const eventsAt = relay.query.system?.events;
  if (!eventsAt) throw new ServiceError('not_supported', 'This chain has no system.events storage to follow.');
  let latest = Promise.resolve();
  return relay.rpc.chain.subscribeNewHeads((header: Header) => {
    // One block at a time and in order, even when reading events is slower than blocks arrive.
    latest = latest
      .then(async () => {
        const events = await eventsAt.at(header.hash);
        monitor.recordRelayBlock({ number: header.number.toNumber(), events: events as unknown as Iterable<RelayEventRecord> });
      })
      .catch(onError);
  });
}

/** Feeds the parachain's Aura authorities (hex public keys), read from the parachain itself, now and on every change. */
export async function feedAuraAuthorities(monitor: HealthMonitor, paraId: number, parachain: ApiPromise): Promise<() => void> {
  const query = parachain.query.aura?.authorities;
  if (!query) return () => undefined;
  // Without the generated augmentation the callback overload is not typed: it receives the decoded Vec.
  const subscribe = query as unknown as (callback: (authorities: Vec<Codec>) => void) => Promise<() => void>;
  return subscribe((authorities) => monitor.setAuthorities(paraId, authorities.map((key) => key.toHex())));
}
