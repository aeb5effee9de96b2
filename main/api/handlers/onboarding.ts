import type { onboardingCalls } from '../../../shared/contract/onboarding';
import { OnboardingStatus } from '../../onboarding/onboarding-status';
import type { Services } from '../services';
import type { CallHandlers } from '../router';

export function onboardingHandlers(services: Services): Pick<CallHandlers, keyof typeof onboardingCalls> {
  // Stateless: it reads the chains through the chain layer and the genesis exports from the data folder.
  const status = new OnboardingStatus({ chain: services.chain, dataDir: services.platform.paths.data });
  return {
    'onboarding.get': () => services.onboarding.get(),
    'onboarding.update': ({ patch }) => services.onboarding.update(patch),
    'onboarding.reset': () => services.onboarding.reset(),
    'onboarding.genesis': ({ paraId }) => status.genesis(paraId),
    'onboarding.registrationFacts': ({ paraId }) => status.registrationFacts(paraId),
    'onboarding.status': ({ paraId }) => status.status(paraId),
    'onboarding.networkFacts': () => status.networkFacts(),
    'onboarding.orderSpending': ({ paraId }) => services.orderSpending.summary(services.onboarding.get().networkId ?? services.settings.get().network, paraId),
    'onboarding.coretimeSale': () => status.coretimeSale(),
  };
}
