import type { appCalls, appStreams } from '../../../shared/contract/app';
import type { Services } from '../services';
import type { CallHandlers, StreamSources } from '../router';

export function appHandlers(services: Services): Pick<CallHandlers, keyof typeof appCalls> {
  return {
    'app.info': () => services.info,
    'app.ping': ({ nonce }) => ({ nonce, at: Date.now() }),
    'app.notices': () => services.notices.list(),
    'app.dismissNotice': ({ id }) => ({ dismissed: services.notices.dismiss(id) }),
  };
}

export function appSources(services: Services): Pick<StreamSources, keyof typeof appStreams> {
  return {
    'app.notice': (_params, emit) => services.notices.subscribe(emit),
  };
}
