import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CollatorAlert, CollatorProfile, CollatorState } from '../../../../shared/contract/collators';
import { useApiQuery, useStream, useTransportStatus } from '../../api/hooks';

const STATE_FLUSH_MS = 250;

export interface CollatorRow {
  profile: CollatorProfile;
  state: CollatorState;
}

/**
 * Every profile with its node's live state: the list once, then each state
 * the supervisor streams laid over it. A state from the stream (or from a
 * start/stop answer) is always newer than the list it replaces.
 */
export function useCollators(): {
  rows: CollatorRow[] | undefined;
  error: unknown;
  isLoading: boolean;
  putState: (state: CollatorState) => void;
  alerts: CollatorAlert[];
  dismissAlert: (alert: CollatorAlert) => void;
} {
  const list = useApiQuery('collators.list', {});
  const [live, setLive] = useState<ReadonlyMap<string, CollatorState>>(new Map());
  const [alerts, setAlerts] = useState<CollatorAlert[]>([]);
  const queryClient = useQueryClient();
  const transport = useTransportStatus();

  // States stream in up to four times a second per node: with twenty nodes, apply them together a few times a second, not eighty.
  const pending = useRef(new Map<string, CollatorState>());
  const flushTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const flush = useCallback(() => {
    flushTimer.current = null;
    const batch = pending.current;
    pending.current = new Map();
    if (batch.size > 0) setLive((previous) => new Map([...previous, ...batch]));
  }, []);
  useEffect(() => () => void (flushTimer.current && clearTimeout(flushTimer.current)), []);
  const queueState = useCallback(
    (state: CollatorState) => {
      pending.current.set(state.profileId, state);
      flushTimer.current ??= setTimeout(flush, STATE_FLUSH_MS);
    },
    [flush],
  );
  /** An answer to start/stop: shown at once. */
  const putState = useCallback(
    (state: CollatorState) => {
      pending.current.delete(state.profileId);
      setLive((previous) => new Map(previous).set(state.profileId, state));
    },
    [],
  );
  useStream('collators.state', {}, queueState);
  useStream('collators.alert', {}, (alert) => {
    setAlerts((previous) => [alert, ...previous.filter((a) => !(a.profileId === alert.profileId && a.kind === alert.kind))].slice(0, 20));
    if (alert.kind === 'orphans-found') void queryClient.invalidateQueries({ queryKey: ['collators.listOrphans'] });
  });

  // After a reconnect the stream may have missed changes: read the list again and drop what the stream had said.
  const wasClosed = useRef(false);
  useEffect(() => {
    if (transport !== 'open') {
      wasClosed.current = true;
      return;
    }
    if (!wasClosed.current) return;
    wasClosed.current = false;
    setLive(new Map());
    void queryClient.invalidateQueries({ queryKey: ['collators.list'] });
  }, [transport, queryClient]);

  const rows = list.data?.map((row) => ({ profile: row.profile, state: live.get(row.profile.id) ?? row.state }));
  const dismissAlert = (alert: CollatorAlert): void => setAlerts((previous) => previous.filter((a) => a !== alert));
  return { rows, error: list.error, isLoading: list.isLoading, putState, alerts, dismissAlert };
}
