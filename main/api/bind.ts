import type { Services } from './services';
import { appHandlers, appSources } from './handlers/app';
import { settingsHandlers } from './handlers/settings';
import { collatorHandlers, collatorSources } from './handlers/collators';
import { healthHandlers, healthSources } from './handlers/health';
import { onboardingHandlers } from './handlers/onboarding';
import { keysHandlers, keysSources } from './handlers/keys';
import { chainHandlers, chainSources } from './handlers/chain';
import { hrmpHandlers } from './handlers/hrmp';
import { diagnosisHandlers } from './handlers/diagnosis';
import { remoteCollatorHandlers, remoteCollatorSources } from './handlers/remote-collators';
import { ApiRouter, type CallHandlers, type StreamSources } from './router';

/** Every contract entry bound to its service. The types make a missing handler a compile error, so the contract and the services cannot drift. */
export function bindHandlers(services: Services): { handlers: CallHandlers; sources: StreamSources } {
  const handlers: CallHandlers = {
    ...appHandlers(services),
    ...settingsHandlers(services),
    ...collatorHandlers(services),
    ...healthHandlers(services),
    ...onboardingHandlers(services),
    ...keysHandlers(services),
    ...chainHandlers(services),
    ...hrmpHandlers(services),
    ...diagnosisHandlers(services),
    ...remoteCollatorHandlers(services),
  };
  const sources: StreamSources = {
    ...appSources(services),
    ...collatorSources(services),
    ...healthSources(services),
    ...keysSources(services),
    ...chainSources(services),
    ...remoteCollatorSources(services),
  };
  return { handlers, sources };
}

/** The router both shells serve: every entry bound to its service. */
export function bindApi(services: Services): ApiRouter {
  const { handlers, sources } = bindHandlers(services);
  return new ApiRouter(handlers, sources, services.log);
}
