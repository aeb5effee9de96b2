import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../shared/contract/envelope';
import type { CallInput, CallName, CallOutput, StreamEvent, StreamName, StreamParams } from '../../../shared/contract/index';
import type { ApiClient } from './client';
import type { TransportStatus } from './transport';

export const ApiContext = createContext<ApiClient | null>(null);

export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi needs an <ApiContext.Provider> above it.');
  return client;
}

/** A contract call as a cached query, keyed by its name and input. */
export function useApiQuery<K extends CallName>(
  name: K,
  input: CallInput<K>,
  options: Omit<UseQueryOptions<CallOutput<K>, ApiError>, 'queryKey' | 'queryFn'> = {},
) {
  const api = useApi();
  return useQuery<CallOutput<K>, ApiError>({ queryKey: [name, input], queryFn: () => api.call(name, input), ...options });
}

/** A contract call that changes something; refreshes the named queries when it succeeds. */
export function useApiMutation<K extends CallName>(name: K, options: { invalidates?: CallName[] } = {}) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation<CallOutput<K>, ApiError, CallInput<K>>({
    mutationFn: (input) => api.call(name, input),
    onSuccess: async () => {
      for (const key of options.invalidates ?? []) await queryClient.invalidateQueries({ queryKey: [key] });
    },
  });
}

/** Calls `onEvent` for each event of a stream while the component is mounted. */
export function useStream<K extends StreamName>(name: K, params: StreamParams<K>, onEvent: (event: StreamEvent<K>) => void): void {
  const api = useApi();
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const paramsKey = JSON.stringify(params);
  useEffect(() => {
    return api.subscribe(name, JSON.parse(paramsKey) as StreamParams<K>, (event) => handler.current(event));
  }, [api, name, paramsKey]);
}

export function useTransportStatus(): TransportStatus {
  const api = useApi();
  const [status, setStatus] = useState<TransportStatus>(api.status());
  useEffect(() => {
    const stop = api.onStatus(setStatus);
    setStatus(api.status()); // it may have changed between the first render and now
    return stop;
  }, [api]);
  return status;
}
