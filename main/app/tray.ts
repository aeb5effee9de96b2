import { Menu, Tray, nativeImage } from 'electron';
import { join } from 'node:path';
import type { TrayHealth, TrayMenuItem, TrayPresenter } from '../platform/platform';
import { trayIconFile, trayMenuTemplate, trayTooltip, type TrayMenuActions } from './tray-view';

export interface TrayOptions extends TrayMenuActions {
  iconDir: string;
}

/**
 * The tray icon: its colour is the fleet's health, its tooltip the summary,
 * its menu the way back into the console. What it shows is composed by
 * tray-view.ts (tested there); this only hands it to Electron. Linux trays
 * only show a menu set with setContextMenu, so the menu is rebuilt whenever
 * its items change.
 */
export function createTray(options: TrayOptions): TrayPresenter & { destroy(): void } {
  const iconFor = (health: TrayHealth) => {
    const image = nativeImage.createFromPath(join(options.iconDir, trayIconFile(health)));
    if (process.platform === 'darwin') image.setTemplateImage(false);
    return image;
  };
  const tray = new Tray(iconFor('idle'));
  let items: TrayMenuItem[] = [];
  const rebuild = (): void => tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(items, options)));

  tray.setToolTip(trayTooltip(undefined));
  tray.on('click', options.onOpen);
  rebuild();

  return {
    setHealth(health, summary) {
      tray.setImage(iconFor(health));
      tray.setToolTip(trayTooltip(summary));
    },
    setItems(next) {
      items = next;
      rebuild();
    },
    destroy: () => tray.destroy(),
  };
}
