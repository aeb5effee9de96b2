import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { HealthStatus } from '../../../../shared/contract/health';
import { useApiQuery, useStream } from '../../api/hooks';

/** The health monitor's status now, replaced by each `health.changed` event. */
export function useHealthStatus(): { status: HealthStatus | undefined; error: unknown } {
  const query = useApiQuery('health.status', {});
  const queryClient = useQueryClient();
  useStream('health.changed', {}, (status) => queryClient.setQueryData(['health.status', {}], status));
  return { status: query.data, error: query.error };
}

/** The clock, ticking every `everyMs`, for countdowns and uptimes. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
