import { Notification, app } from 'electron';
import type { Platform, SecretBox, TrayPresenter } from '../platform/platform';
import { notificationOptions } from './notification-view';

/** The platform seam filled with Electron: app paths, desktop notifications, the tray, the OS keychain. */
export function createElectronPlatform(options: { secrets: SecretBox; tray: TrayPresenter }): Platform {
  return {
    shell: 'electron',
    paths: { data: app.getPath('userData'), logs: app.getPath('logs') },
    secrets: options.secrets,
    tray: options.tray,
    notify(notification) {
      if (!Notification.isSupported()) return;
      new Notification(notificationOptions(notification)).show();
    },
  };
}
