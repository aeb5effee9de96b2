import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import type { TrayHealth, TrayMenuItem, TrayPresenter } from '../platform/platform';

export interface TrayOptions {
  iconDir: string;
  onOpen: () => void;
  onQuit: () => void;
}

/**
 * The tray icon: its colour is the fleet's health, its tooltip the summary,
 * its menu the way back into the console. Linux trays only show a menu set
 * with setContextMenu, so the menu is rebuilt whenever its items change.
 */
export function createTray(options: TrayOptions): TrayPresenter & { destroy(): void } {
  const iconFor = (health: TrayHealth) => {
    const image = nativeImage.createFromPath(join(options.iconDir, `${health}.png`));
    if (process.platform === 'darwin') image.setTemplateImage(false);
    return image;
  };
  const tray = new Tray(iconFor('idle'));
  let items: TrayMenuItem[] = [];

  const rebuild = (): void => {
    const template: MenuItemConstructorOptions[] = [
      { label: 'Open console', click: options.onOpen },
      ...(items.length ? [{ type: 'separator' as const }] : []),
      ...items.map((item) => ({ label: item.label, enabled: item.enabled ?? Boolean(item.onClick), click: item.onClick })),
      { type: 'separator' },
      { label: 'Quit', click: options.onQuit },
    ];
    tray.setContextMenu(Menu.buildFromTemplate(template));
  };

  tray.setToolTip('Parachain Console');
  tray.on('click', options.onOpen);
  rebuild();

  return {
    setHealth(health, tooltip) {
      tray.setImage(iconFor(health));
      tray.setToolTip(tooltip ? `Parachain Console: ${tooltip}` : 'Parachain Console');
    },
    setItems(next) {
      items = next;
      rebuild();
    },
    destroy: () => tray.destroy(),
  };
}
