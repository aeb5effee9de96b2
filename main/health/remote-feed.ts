import type { RemoteCollator } from '../../shared/contract/remote-collators';
import type { HealthMonitor } from './health-monitor';
import type { CollatorTarget } from './signals';

/** What the feed needs of the remote collators' list. */
export interface RemoteCollatorSource {
  list(): RemoteCollator[];
  onChanged(listener: (collators: RemoteCollator[]) => void): () => void;
}

/**
 * Feeds health monitoring from the remote collators: each becomes a watched
 * collator probed through its own RPC and Prometheus endpoints, exactly as a
 * local one, so it gets the same rules, alerts, charts, Aura attribution and
 * tray line. Nothing feeds process samples or events for it (the console has
 * no process to look at), so the rules that need one stay silent, and a node
 * that cannot be reached shows as its RPC being down, with the cause.
 * Its parachain is watched too.
 */
export function feedHealthFromRemoteCollators(monitor: Pick<HealthMonitor, 'watchCollator' | 'unwatchCollator' | 'watchParachain' | 'watchesParachain'>, source: RemoteCollatorSource): () => void {
  const watched = new Set<string>();
  const sync = (collators: RemoteCollator[]) => {
    const now = new Set(collators.map((collator) => collator.id));
    for (const id of watched) {
      if (now.has(id)) continue;
      monitor.unwatchCollator(id);
      watched.delete(id);
    }
    for (const collator of collators) {
      if (collator.paraId > 0 && !monitor.watchesParachain(collator.paraId)) monitor.watchParachain({ paraId: collator.paraId, name: `Parachain ${collator.paraId}` });
      // Watching again with the same endpoints changes nothing; a changed endpoint starts a new watch.
      monitor.watchCollator(remoteTarget(collator));
      watched.add(collator.id);
    }
  };
  sync(source.list());
  const stop = source.onChanged(sync);
  return () => {
    stop();
    for (const id of watched) monitor.unwatchCollator(id);
    watched.clear();
  };
}

/** A remote collator as health monitoring probes it: no base path (its disk is not ours to read), always expected to run. */
export function remoteTarget(collator: RemoteCollator): CollatorTarget {
  return {
    id: collator.id,
    name: collator.name,
    paraId: collator.paraId,
    rpcUrl: webSocketAddress(collator.rpcUrl),
    ...(collator.metricsUrl !== null ? { parachainMetricsUrl: collator.metricsUrl } : {}),
    expectedRunning: true,
  };
}

/** Substrate serves HTTP and WebSocket RPC on the same port; the probe subscribes to heads, so it needs the WebSocket one. */
function webSocketAddress(address: string): string {
  const url = new URL(address);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  return url.pathname === '/' && !address.endsWith('/') ? url.toString().slice(0, -1) : url.toString();
}
