import { Notification, app } from 'electron';
import type { Platform, SecretBox, TrayPresenter } from '../platform/platform';

/** The platform seam filled with Electron: app paths, desktop notifications, the tray, the OS keychain. */
export function createElectronPlatform(options: { secrets: SecretBox; tray: TrayPresenter }): Platform {
  return {
    shell: 'electron',
    paths: { data: app.getPath('userData'), logs: app.getPath('logs') },
    secrets: options.secrets,
    tray: options.tray,
    notify({ title, body, level }) {
      if (!Notification.isSupported()) return;
      new Notification({ title, body, urgency: level === 'critical' ? 'critical' : 'normal', silent: level === 'info' }).show();
    },
  };
}
