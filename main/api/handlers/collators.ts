import type { collatorCalls, collatorStreams } from '../../../shared/contract/collators';
import { kubernetesManifests } from '../../collators/export/kubernetes';
import { systemdUnit } from '../../collators/export/systemd-unit';
import { ORPHANS_NOTICE_ID } from '../../collators/orphans-notice';
import type { Services } from '../services';
import type { CallHandlers, StreamSources } from '../router';

export function collatorHandlers(services: Services): Pick<CallHandlers, keyof typeof collatorCalls> {
  const { collators } = services;
  return {
    'collators.list': () => collators.list(),
    'collators.get': ({ id }) => collators.get(id),
    'collators.create': ({ profile }) => collators.create(profile),
    'collators.update': ({ id, profile }) => collators.update(id, profile),
    'collators.delete': ({ id }) => ({ deleted: collators.delete(id) }),
    'collators.checkBinary': ({ path }) => collators.checkBinary(path),
    'collators.start': ({ id }) => collators.supervisor.start(id),
    'collators.stop': ({ id }) => collators.supervisor.stop(id),
    'collators.restart': ({ id }) => collators.supervisor.restart(id),
    'collators.exportGenesis': ({ id, paraId }) => collators.exportGenesis(id, paraId),
    'collators.exportSystemd': ({ id, ...options }) => systemdUnit(collators.profiles.get(id), options),
    'collators.exportKubernetes': ({ id, ...options }) => {
      const { fileName, text, setupCommands, notes } = kubernetesManifests(collators.profiles.get(id), options);
      return { fileName, text, setupCommands, notes };
    },
    'collators.listOrphans': () => collators.supervisor.listOrphans(),
    'collators.resolveOrphans': async ({ action, ids }) => {
      const result = await collators.supervisor.resolveOrphans(action, ids);
      if (collators.supervisor.listOrphans().length === 0) services.notices.dismiss(ORPHANS_NOTICE_ID);
      return result;
    },
    'collators.recentLogs': ({ id, limit }) => collators.supervisor.recentLogs(id, limit),
  };
}

export function collatorSources(services: Services): Pick<StreamSources, keyof typeof collatorStreams> {
  const { collators } = services;
  const { supervisor } = collators;
  return {
    'collators.state': ({ id }, emit) => {
      if (id !== undefined) collators.profiles.get(id);
      const unsubscribe = supervisor.onState(emit, id);
      // The current state first, so a page that subscribes after listing misses no change in between.
      const current = id === undefined ? collators.list().map((entry) => entry.state) : [supervisor.state(id)];
      queueMicrotask(() => current.forEach(emit));
      return unsubscribe;
    },
    'collators.log': ({ id }, emit) => {
      collators.profiles.get(id);
      return supervisor.onLog(id, emit);
    },
    'collators.alert': (_params, emit) => supervisor.onAlert(emit),
  };
}
