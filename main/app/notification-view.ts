import type { NotificationConstructorOptions } from 'electron';
import type { DesktopNotification } from '../platform/platform';

/**
 * A desktop notification for an alert: critical ones ask the desktop to
 * keep them on screen (urgency, on Linux) and make a sound; information
 * stays silent.
 */
export function notificationOptions(notification: DesktopNotification): NotificationConstructorOptions {
  return {
    title: notification.title,
    body: notification.body,
    urgency: notification.level === 'critical' ? 'critical' : 'normal',
    silent: notification.level === 'info',
  };
}
