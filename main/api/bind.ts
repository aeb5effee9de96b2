import type { Services } from '../services';
import { appHandlers, appSources } from './handlers/app';
import { settingsHandlers } from './handlers/settings';
import { collatorHandlers, collatorSources } from './handlers/collators';
import { healthHandlers, healthSources } from './handlers/health';
import { onboardingHandlers } from './handlers/onboarding';
import { keysHandlers, keysSources } from './handlers/keys';
import { chainHandlers, chainSources } from './handlers/chain';
import { ApiRouter, type CallHandlers, type StreamSources } from './router';

/**
 * Binds every contract entry to its service. The types make a missing
 * handler a compile error, so the contract and the services cannot drift.
 */
/**
 * Replaces some handlers and sources, given the real ones to delegate to.
 * Used only by test-only scripted services (e.g. the scripted relay chain).
 */
export type ApiOverride = (real: { handlers: CallHandlers; sources: StreamSources }) => { handlers?: Partial<CallHandlers>; sources?: Partial<StreamSources> };

export function bindApi(services: Services, override?: ApiOverride): ApiRouter {
  const handlers: CallHandlers = {
    ...appHandlers(services),
    ...settingsHandlers(services),
    ...collatorHandlers(services),
    ...healthHandlers(services),
    ...onboardingHandlers(services),
    ...keysHandlers(services),
    ...chainHandlers(services),
  };
  const sources: StreamSources = {
    ...appSources(services),
    ...collatorSources(services),
    ...healthSources(services),
    ...keysSources(services),
    ...chainSources(services),
  };
  const replaced = override?.({ handlers, sources });
  return new ApiRouter({ ...handlers, ...replaced?.handlers }, { ...sources, ...replaced?.sources }, services.log);
}
