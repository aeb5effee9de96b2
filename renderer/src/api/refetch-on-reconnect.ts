import type { QueryClient } from '@tanstack/react-query';
import type { ApiClient } from './client';

/**
 * After the carrier opens again (a dropped socket, a restarted console)
 * every cached answer may be stale, and notices or orphan lists the console
 * announced while the page was away were never streamed to it: refetch
 * every query the page holds. Streams are subscribed again by the client.
 */
export function refetchAfterReconnect(api: ApiClient, queryClient: QueryClient): () => void {
  let wasOpen = api.status() === 'open';
  let lostIt = false;
  return api.onStatus((status) => {
    if (status !== 'open') {
      lostIt = wasOpen || lostIt;
      return;
    }
    wasOpen = true;
    if (!lostIt) return;
    lostIt = false;
    void queryClient.invalidateQueries();
  });
}
