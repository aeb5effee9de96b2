import type { remoteCollatorCalls, remoteCollatorStreams } from '../../../shared/contract/remote-collators';
import type { Services } from '../services';
import type { CallHandlers, StreamSources } from '../router';

export function remoteCollatorHandlers(services: Services): Pick<CallHandlers, keyof typeof remoteCollatorCalls> {
  const { remoteCollators, sessionKeys } = services;
  return {
    'remotes.list': () => remoteCollators.views(),
    'remotes.add': ({ collator }) => remoteCollators.add(collator),
    'remotes.remove': ({ id }) => ({ removed: remoteCollators.remove(id) }),
    // The same session-key RPCs as a local node's, once the address is known to be loopback (the node, or an SSH tunnel to it).
    'remotes.rotateSessionKeys': ({ id, owner }) => sessionKeys.rotate(remoteCollators.sessionKeyEndpoint(id), { owner }),
    'remotes.hasSessionKeys': async ({ id, keys }) => ({ present: await sessionKeys.hasKeys(remoteCollators.sessionKeyEndpoint(id), keys) }),
  };
}

export function remoteCollatorSources(services: Services): Pick<StreamSources, keyof typeof remoteCollatorStreams> {
  const { remoteCollators } = services;
  return {
    'remotes.changed': (_params, emit) => remoteCollators.onChanged(() => emit(remoteCollators.views())),
  };
}
