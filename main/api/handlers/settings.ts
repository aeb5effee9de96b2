import type { settingsCalls } from '../../../shared/contract/settings';
import type { Services } from '../services';
import type { CallHandlers } from '../router';

export function settingsHandlers(services: Services): Pick<CallHandlers, keyof typeof settingsCalls> {
  return {
    'settings.get': () => services.settings.get(),
    'settings.update': ({ patch }) => services.settings.update(patch),
  };
}
