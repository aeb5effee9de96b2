import type { remoteCollatorCalls, remoteCollatorStreams } from '../../../shared/contract/remote-collators';
import type { Services } from '../services';
import type { CallHandlers, StreamSources } from '../router';

export function remoteCollatorHandlers(services: Services): Pick<CallHandlers, keyof typeof remoteCollatorCalls> {
  const { remoteCollators, sessionKeys } = services;
  return {
    'remoteCollators.list': () => remoteCollators.views(),
    'remoteCollators.add': ({ collator }) => remoteCollators.add(collator),
    'remoteCollators.remove': ({ id }) => ({ removed: remoteCollators.remove(id) }),
    // The same session-key RPCs as a local node's, once the address is known to be loopback (the node, or an SSH tunnel to it).
    'remoteCollators.rotateSessionKeys': ({ id, owner }) => sessionKeys.rotate(remoteCollators.sessionKeyEndpoint(id), { owner }),
    'remoteCollators.hasSessionKeys': async ({ id, keys }) => ({ present: await sessionKeys.hasKeys(remoteCollators.sessionKeyEndpoint(id), keys) }),
  };
}

export function remoteCollatorSources(services: Services): Pick<StreamSources, keyof typeof remoteCollatorStreams> {
  const { remoteCollators } = services;
  return {
    'remoteCollators.changed': (_params, emit) => remoteCollators.onChanged(() => emit(remoteCollators.views())),
  };
}
