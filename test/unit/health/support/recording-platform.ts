import type { DesktopNotification, Platform, TrayHealth, TrayMenuItem } from '../../../../main/platform/platform';

/**
 * The Platform seam as health monitoring uses it (notifications and the tray),
 * recording what it was told: no Electron binary runs here.
 */
export function recordingPlatform() {
  const notifications: DesktopNotification[] = [];
  const tray = { health: 'idle' as TrayHealth, tooltip: '', items: [] as TrayMenuItem[] };
  const platform: Pick<Platform, 'notify' | 'tray'> = {
    notify: (notification) => notifications.push(notification),
    tray: {
      setHealth: (health, tooltip) => {
        tray.health = health;
        tray.tooltip = tooltip;
      },
      setItems: (items) => {
        tray.items = items;
      },
    },
  };
  return { platform, notifications, tray };
}
