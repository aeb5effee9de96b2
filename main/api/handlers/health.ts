import type { healthCalls, healthStreams } from '../../../shared/contract/health';
import type { Services } from '../services';
import type { CallHandlers, StreamSources } from '../router';

export function healthHandlers(services: Services): Pick<CallHandlers, keyof typeof healthCalls> {
  const { health } = services;
  return {
    'health.status': () => health.status(),
    'health.alerts': (query) => health.alerts(query),
    'health.acknowledge': ({ ids }) => ({ acknowledged: health.acknowledge(ids) }),
    'health.getRules': () => health.getRules(),
    'health.updateRules': ({ update }) => health.updateRules(update),
    'health.series': (query) => health.querySeries(query),
    'health.getWebhook': () => health.getWebhook(),
    'health.updateWebhook': ({ patch }) => health.updateWebhook(patch),
    'health.testWebhook': () => health.testWebhook(),
  };
}

export function healthSources(services: Services): Pick<StreamSources, keyof typeof healthStreams> {
  return {
    'health.changed': (_params, emit) => services.health.onChanged(emit),
    'health.alert': (_params, emit) => services.health.onAlert(emit),
  };
}
