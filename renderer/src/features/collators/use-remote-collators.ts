import { useQueryClient } from '@tanstack/react-query';
import type { CollatorHealth } from '../../../../shared/contract/health';
import type { RemoteCollatorView } from '../../../../shared/contract/remote-collators';
import { useApiQuery, useStream } from '../../api/hooks';
import { useHealthStatus } from '../health/use-health-status';

/**
 * The health stream speaks only when a level changes; heights, peers and
 * reachability move between those, so the fleet table reads the status again this often.
 */
const HEALTH_REFRESH_MS = 2_000;

/** A remote collator with what health monitoring knows of it now (undefined until it is first judged). */
export interface RemoteRow {
  remote: RemoteCollatorView;
  health: CollatorHealth | undefined;
}

/** The remote collators, kept current by `remotes.changed`, each with its health. */
export function useRemoteCollators(): { rows: RemoteRow[] | undefined; error: unknown } {
  const list = useApiQuery('remotes.list', {});
  const queryClient = useQueryClient();
  useStream('remotes.changed', {}, (collators) => queryClient.setQueryData(['remotes.list', {}], collators));
  const { status } = useHealthStatus();
  // Same query as useHealthStatus (same key): this only adds the refresh while the Collators page shows remote collators.
  useApiQuery('health.status', {}, { refetchInterval: list.data && list.data.length > 0 ? HEALTH_REFRESH_MS : false });
  const rows = list.data?.map((remote) => ({ remote, health: status?.collators.find((collator) => collator.id === remote.id) }));
  return { rows, error: list.error };
}

/** What a remote collator is doing, in the words of the table and its page: the "crash" of a remote is that it cannot be reached. */
export function describeRemote(health: CollatorHealth | undefined): { label: string; tone: 'ok' | 'warn' | 'crit' | 'idle'; detail: string | null } {
  if (!health || health.rpc === 'unknown') return { label: 'Connecting', tone: 'idle', detail: 'Waiting for its RPC to answer.' };
  const worst = health.findings.find((finding) => finding.level === health.level && finding.level !== 'ok');
  if (health.rpc === 'down') {
    const unreachable = health.findings.find((finding) => finding.rule === 'rpc-unreachable');
    return { label: 'Unreachable', tone: unreachable?.level ?? 'warn', detail: unreachable?.message ?? 'Its RPC does not answer.' };
  }
  if (worst) return { label: worst.level === 'crit' ? 'Failing' : 'Warning', tone: worst.level, detail: worst.message };
  return { label: 'Reachable', tone: 'ok', detail: null };
}
