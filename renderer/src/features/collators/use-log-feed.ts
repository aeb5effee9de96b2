import { useEffect, useMemo } from 'react';
import { useApi } from '../../api/hooks';
import { LogStore } from '../../components/log-viewer/log-store';

/** Lines the viewer keeps per node: enough for a long incident, bounded so a flood cannot exhaust the renderer. */
export const LOG_VIEW_CAPACITY = 100_000;

/**
 * A node's log for the viewer: the lines the main process still holds in
 * memory, then every batch of the live stream. The store drops lines it
 * already has, so the overlap between the two is harmless.
 */
export function useLogFeed(profileId: string): LogStore {
  const api = useApi();
  // One store per node: switching nodes starts a fresh view.
  const store = useMemo(() => new LogStore(LOG_VIEW_CAPACITY), [profileId]);
  useEffect(() => {
    let live = true;
    const pending: Parameters<LogStore['append']>[0][] = [];
    let history = false;
    const stop = api.subscribe('collators.log', { id: profileId }, (batch) => {
      if (history) store.append(batch.lines);
      else pending.push(batch.lines);
    });
    api
      .call('collators.recentLogs', { id: profileId, limit: 10_000 })
      .then((lines) => {
        if (!live) return;
        store.append(lines);
      })
      .catch(() => undefined) // the live stream still fills the viewer; a missing history is not worth an error
      .finally(() => {
        history = true;
        for (const lines of pending.splice(0)) store.append(lines);
      });
    return () => {
      live = false;
      stop();
    };
  }, [api, profileId, store]);
  return store;
}
