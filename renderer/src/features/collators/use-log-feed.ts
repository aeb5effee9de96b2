import { useEffect, useMemo } from 'react';
import type { LogLine } from '../../../../shared/contract/collators';
import { useApi } from '../../api/hooks';
import { LogStore } from '../../components/log-viewer/log-store';

/** Lines the viewer keeps per node: enough for a long incident, bounded so a flood cannot exhaust the renderer. */
export const LOG_VIEW_CAPACITY = 100_000;

/**
 * A node's log for the viewer: the lines the main process still holds in
 * memory, then every batch of the live stream. Stream batches that arrive
 * while the history loads wait for it, so lines stay in order; the store
 * drops lines it already has, so the overlap is harmless. After a lost
 * connection everything is read again: the console may have restarted, and
 * its line numbers with it.
 */
export function useLogFeed(profileId: string): LogStore {
  const api = useApi();
  const store = useMemo(() => new LogStore(LOG_VIEW_CAPACITY), [profileId]);
  useEffect(() => {
    let live = true;
    let waiting: LogLine[][] | null = null;
    const loadHistory = (): void => {
      waiting = [];
      api
        .call('collators.recentLogs', { id: profileId, limit: 10_000 })
        .then((lines) => live && store.append(lines))
        .catch(() => undefined) // the live stream still fills the viewer; a missing history is not worth an error
        .finally(() => {
          const held = waiting ?? [];
          waiting = null;
          if (live) for (const lines of held) store.append(lines);
        });
    };
    const stopStream = api.subscribe('collators.log', { id: profileId }, (batch) => {
      if (waiting) waiting.push(batch.lines);
      else store.append(batch.lines);
    });
    let wasClosed = false;
    const stopStatus = api.onStatus((status) => {
      if (status !== 'open') {
        wasClosed = true;
        return;
      }
      if (!wasClosed) return;
      wasClosed = false;
      store.clear();
      loadHistory();
    });
    loadHistory();
    return () => {
      live = false;
      stopStream();
      stopStatus();
    };
  }, [api, profileId, store]);
  return store;
}
