import { useQueryClient } from '@tanstack/react-query';
import type { OnboardingPatch, OnboardingProgress } from '../../../../shared/contract/onboarding';
import { useApi, useApiQuery } from '../../api/hooks';

export interface ProgressControl {
  progress?: OnboardingProgress;
  error: unknown;
  update: (patch: OnboardingPatch) => Promise<OnboardingProgress>;
}

/** The wizard's progress as the main process keeps it; every change goes there first. */
export function useProgress(): ProgressControl {
  const api = useApi();
  const queryClient = useQueryClient();
  const query = useApiQuery('onboarding.get', {});
  return {
    progress: query.data,
    error: query.error,
    update: async (patch) => {
      const next = await api.call('onboarding.update', { patch });
      queryClient.setQueryData(['onboarding.get', {}], next);
      return next;
    },
  };
}
