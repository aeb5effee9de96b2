import { join } from 'node:path';
import type { onboardingCalls } from '../../../shared/contract/onboarding';
import { readGenesisPayload } from '../../onboarding/genesis-payload';
import type { Services } from '../../services';
import type { CallHandlers } from '../router';

export function onboardingHandlers(services: Services): Pick<CallHandlers, keyof typeof onboardingCalls> {
  return {
    'onboarding.get': () => services.onboarding.get(),
    'onboarding.update': ({ patch }) => services.onboarding.update(patch),
    'onboarding.reset': () => services.onboarding.reset(),
    'onboarding.genesis': ({ paraId }) => readGenesisPayload(join(services.platform.paths.data, 'artifacts'), paraId),
  };
}
