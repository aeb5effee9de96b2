import type { MenuItemConstructorOptions } from 'electron';
import type { TrayHealth, TrayMenuItem } from '../platform/platform';

export const PRODUCT_NAME = 'Parachain Console';

/**
 * The tray's tooltip: the product's name, then the health summary the
 * services give. Services never name the product; the shell does, once.
 */
export function trayTooltip(summary: string | undefined): string {
  const text = summary?.trim();
  return text ? `${PRODUCT_NAME}: ${text}` : PRODUCT_NAME;
}

/** The icon file for a health colour, in the tray icon folder. */
export function trayIconFile(health: TrayHealth): string {
  return `${health}.png`;
}

export interface TrayMenuActions {
  onOpen: () => void;
  onQuit: () => void;
}

/**
 * The tray menu: the way back into the console first, the services' items
 * (a line per collator, with start/stop) between separators, Quit last. An
 * item without an action is shown greyed out, as a status line.
 */
export function trayMenuTemplate(items: readonly TrayMenuItem[], actions: TrayMenuActions): MenuItemConstructorOptions[] {
  return [
    { label: 'Open console', click: actions.onOpen },
    ...(items.length ? [{ type: 'separator' as const }] : []),
    ...items.map((item): MenuItemConstructorOptions => ({ label: item.label, enabled: item.enabled ?? Boolean(item.onClick), click: item.onClick })),
    { type: 'separator' },
    { label: 'Quit', click: actions.onQuit },
  ];
}
